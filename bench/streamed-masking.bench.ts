/**
 * Streamed masking of answers against buffered masking of the same text, in
 * one process, in alternating rounds so both meet the same load: CPU time of
 * `maskPii(answer)` with a placeholder map, and of a StreamingMasker fed the
 * answer in token-sized chunks (16 characters) and flushed. Also prints how
 * much of each answer was released before its end, and the largest hold-back.
 *
 *   npx tsx bench/run.ts streamed-masking
 *
 * Answers: the PII benchmark's generated prompts (prose, code, logs, PII
 * templates), 3 to 6 joined by blank lines as paragraphs, about 2 MB in all.
 */
import { cpus, loadavg } from 'node:os';
import { generateThroughputCorpus } from './pii/corpus';
import { median } from './support/stats';
import { StreamingMasker } from '../lambda/chat/streaming-masker';
import { createPlaceholderMap, maskPii } from '../lambda/pii-masking';

const CHUNK = 16;
const ROUNDS = Number(process.env.STREAM_BENCH_ROUNDS ?? 9);

function answers(): string[] {
  const docs = generateThroughputCorpus(2_000_000, 11);
  const out: string[] = [];
  for (let i = 0; i < docs.length; ) {
    const n = 3 + (i % 4);
    out.push(docs.slice(i, i + n).join('\n\n'));
    i += n;
  }
  return out;
}

function cpuMs(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

function buffered(texts: readonly string[]): number {
  let n = 0;
  for (const t of texts) n += maskPii(t, { defaultMode: 'placeholder', placeholders: createPlaceholderMap() }).text.length;
  return n;
}

/** The answers as a backend delivers them: already in chunks, so only the masking is timed. */
function toChunks(t: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < t.length; i += CHUNK) out.push(t.slice(i, i + CHUNK));
  return out;
}

function streamed(answersInChunks: readonly (readonly string[])[]): number {
  let n = 0;
  for (const chunks of answersInChunks) {
    const masker = new StreamingMasker({ defaultMode: 'placeholder', placeholders: createPlaceholderMap() });
    for (const chunk of chunks) n += masker.push(chunk).length;
    n += masker.flush().length;
  }
  return n;
}

function holdBack(texts: readonly string[]): { releasedEarly: number; maxHeld: number; medianHeld: number } {
  let early = 0;
  let total = 0;
  let maxHeld = 0;
  const held: number[] = [];
  for (const t of texts) {
    const masker = new StreamingMasker({ defaultMode: 'placeholder', placeholders: createPlaceholderMap() });
    let out = 0;
    for (let i = 0; i < t.length; i += CHUNK) {
      out += masker.push(t.slice(i, i + CHUNK)).length;
      held.push(masker.heldChars);
      maxHeld = Math.max(maxHeld, masker.heldChars);
    }
    early += out;
    total += out + masker.flush().length;
  }
  return { releasedEarly: early / total, maxHeld, medianHeld: median(held) };
}

const texts = answers();
const chunked = texts.map(toChunks);
const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t, 'utf8'), 0);
(globalThis as { gc?: () => void }).gc?.();
console.log(`${texts.length} answers, ${(bytes / 1e6).toFixed(2)} MB, chunks of ${CHUNK} characters; ${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}`);
if (buffered(texts) !== streamed(chunked)) throw new Error('streamed and buffered output lengths differ');
for (let w = 0; w < 2; w++) {
  buffered(texts);
  streamed(chunked);
}
const ratios: number[] = [];
const rates: Array<[number, number]> = [];
for (let r = 0; r < ROUNDS; r++) {
  const b = cpuMs(() => buffered(texts));
  const s = cpuMs(() => streamed(chunked));
  rates.push([bytes / 1e3 / b, bytes / 1e3 / s]);
  ratios.push(b / s);
}
console.log('round  buffered MB/s  streamed MB/s  streamed/buffered');
rates.forEach(([b, s], k) => console.log(
  `${String(k + 1).padStart(5)}  ${b.toFixed(1).padStart(13)}  ${s.toFixed(1).padStart(13)}  ${ratios[k].toFixed(2).padStart(17)}`));
console.log(`median streamed/buffered throughput (CPU time): ${median(ratios).toFixed(2)} (target >= 0.80)`);
const h = holdBack(texts);
console.log(`released before the end of its answer: ${(h.releasedEarly * 100).toFixed(1)} % of the text; `
  + `held back: median ${h.medianHeld} characters, max ${h.maxHeld}`);
