/**
 * Times one masker over a file of prompts in a process of its own, holding
 * nothing but that masker and the prompts, as a Lambda would. Prints
 * `{ "wall": [...], "cpu": [...] }` (milliseconds per pass) on stdout.
 *
 *   node --expose-gc --import tsx bench/pii/throughput-worker.ts <ours|redact-pii|baseline> <prompts.json> \
 *     <warm-up passes> <timed passes> <bundle> [passes per timing]
 *
 * With several passes per timing a short pass is timed over a longer span,
 * above the coarse resolution of process CPU time; the result is per pass.
 */
import { readFileSync } from 'node:fs';

type Mask = (text: string) => unknown;

/** A loop that reads every character and does nothing else: what the machine allows at all. */
function readEveryChar(t: string): number {
  let x = 0;
  for (let i = 0; i < t.length; i++) x = (x + t.charCodeAt(i)) | 0;
  return x;
}

function loadMasker(which: string, bundle: string | undefined): Mask {
  if (which === 'baseline') return readEveryChar;
  if (which === 'ours') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require(bundle as string) as { maskPii: (t: string) => unknown };
    return (t) => m.maskPii(t);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SyncRedactor } = require('redact-pii') as { SyncRedactor: new () => { redact(t: string): string } };
  const r = new SyncRedactor();
  return (t) => r.redact(t);
}

const [which, file, warm, runs, bundle, repeat = '1'] = process.argv.slice(2);
const per = Number(repeat);
const prompts = JSON.parse(readFileSync(file, 'utf8')) as string[];
const mask = loadMasker(which, bundle);
// The prompts file is megabytes of JSON text, garbage once parsed; a Lambda
// holds no such thing, so it is collected before timing instead of during it.
(globalThis as { gc?: () => void }).gc?.();
for (let i = 0; i < Number(warm); i++) for (const p of prompts) mask(p);
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < Number(runs); i++) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < per; k++) for (const p of prompts) mask(p);
  wall.push(Number(process.hrtime.bigint() - t0) / 1e6 / per);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000 / per);
}
process.stdout.write(JSON.stringify({ wall, cpu }));
