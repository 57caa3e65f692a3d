/**
 * Development aid: scores the masker on a labeled JSONL file and prints the
 * misses. `npx tsx bench/pii/eval-cli.ts [file.jsonl] [TYPE ...]`
 */
import { maskPii } from '../../lambda/pii-masking';
import { generateLabeledCorpus } from './corpus';
import { evaluate, loadJsonl } from './evaluate';
import { fmt, printTable } from '../support/stats';

process.stdout.on('error', () => process.exit(0));
const file = process.argv[2] ?? '/work/shared/data/pii-dev.jsonl';
const only = new Set(process.argv.slice(3));
const docs = file.startsWith('gen:') ? generateLabeledCorpus(Number(file.slice(4))) : loadJsonl(file);
const report = evaluate(docs, (text) => maskPii(text).findings);
const rows = Object.keys(report.exact)
  .sort()
  .map((t) => {
    const e = report.exact[t];
    const o = report.overlap[t];
    return [t, e.tp, e.fp, e.fn, fmt(e.precision), fmt(e.recall), fmt(e.f1), fmt(o.precision), fmt(o.recall), fmt(o.f1)];
  });
printTable(['type', 'tp', 'fp', 'fn', 'P', 'R', 'F1', 'oP', 'oR', 'oF1'], rows);
console.log(`negatives masked: ${report.negatives.masked}/${report.negatives.total}`, report.negatives.byType);
for (const e of report.errors) {
  if (only.size > 0 && !only.has(e.type) && !only.has(e.kind)) continue;
  console.log(e.kind.padEnd(4), e.type.padEnd(28), JSON.stringify(e.context));
}
