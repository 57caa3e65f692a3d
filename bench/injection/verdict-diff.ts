/**
 * Verdict changes between two builds of the guard, over ~29,000 inputs (every
 * labeled prompt, each hidden in every variant, joined texts, adversarial
 * inputs). Not a test: weights are meant to move scores; this shows by how
 * much, and which flags flip, before a change is merged.
 *
 *   git checkout <before> && npx tsx bench/injection/verdict-diff.ts record /tmp/before.json
 *   git checkout <after>  && npx tsx bench/injection/verdict-diff.ts compare /tmp/before.json
 *
 * `compare` prints every flipped flag, the number of changed reason lists and
 * the largest score drift, and exits 1 when a flag flipped.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { detectPromptInjection } from '../../lambda/request-validator';
import { verdictCorpus } from './corpus';

type Row = readonly [key: string, flagged: boolean, score: number, reasons: readonly string[]];

function current(): Row[] {
  return verdictCorpus().map(([key, text]) => {
    const r = detectPromptInjection(text);
    return [key, r.flagged, r.score, [...r.reasons]];
  });
}

function compare(file: string): number {
  const was = new Map((JSON.parse(readFileSync(file, 'utf8')) as Row[]).map((row) => [row[0], row]));
  const now = current();
  let flips = 0;
  let reasonChanges = 0;
  let drift = 0;
  let driftKey = '';
  for (const [key, flagged, score, reasons] of now) {
    const old = was.get(key);
    if (!old) {
      console.log(`new input ${key}`);
      continue;
    }
    if (old[1] !== flagged) {
      flips++;
      console.log(`${flagged ? 'now flagged' : 'no longer flagged'}  ${key}  ${old[2]} -> ${score}  [${reasons.join(', ')}]`);
    }
    if (old[3].join() !== reasons.join()) reasonChanges++;
    if (Math.abs(old[2] - score) > drift) {
      drift = Math.abs(old[2] - score);
      driftKey = key;
    }
  }
  console.log(`${now.length} inputs, ${was.size} recorded; ${flips} flags flipped; ${reasonChanges} reason lists changed`);
  console.log(`largest score drift ${drift.toFixed(3)}${driftKey ? ` (${driftKey})` : ''}`);
  return flips === 0 ? 0 : 1;
}

const [command, file] = process.argv.slice(2);
if (command === 'record' && file) {
  const rows = current();
  writeFileSync(file, JSON.stringify(rows));
  console.log(`${rows.length} verdicts written to ${file}`);
} else if (command === 'compare' && file) {
  process.exit(compare(file));
} else {
  console.error('usage: verdict-diff.ts record <file> | compare <file>');
  process.exit(2);
}
