/**
 * The prompt-injection guard on the labeled sets: TPR and FPR per set, per
 * category and per language at the default threshold, a threshold sweep, and
 * the time per prompt. Run with `npx tsx bench/run.ts injection`.
 */
import { detectPromptInjection } from '../lambda/request-validator';
import { distribution, fmt, printTable, sampleMicros } from './support/stats';
import { loadSet, PII_SETS, SETS, type LabeledPrompt } from './injection/labeled-sets';

interface Rates {
  readonly tpr: number;
  readonly fpr: number;
  readonly attacks: number;
  readonly benign: number;
}

function rates(rows: readonly LabeledPrompt[], threshold = 0.5): Rates {
  let tp = 0;
  let fp = 0;
  let attacks = 0;
  let benign = 0;
  for (const row of rows) {
    const flagged = detectPromptInjection(row.text, { threshold }).flagged;
    if (row.label === 'attack') {
      attacks++;
      if (flagged) tp++;
    } else {
      benign++;
      if (flagged) fp++;
    }
  }
  return { tpr: attacks ? tp / attacks : NaN, fpr: benign ? fp / benign : NaN, attacks, benign };
}

function groupBy(rows: readonly LabeledPrompt[], key: (r: LabeledPrompt) => string): Map<string, LabeledPrompt[]> {
  const groups = new Map<string, LabeledPrompt[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

const sets = SETS.map((file) => ({ file, rows: loadSet(file) }));
const all = sets.flatMap((s) => s.rows);

console.log('Prompt-injection guard at the default threshold (0.5)\n');
// The business sets are reported on their own rows and kept out of "all", so that the rows below stay comparable over time.
const piiSets = PII_SETS.map((file) => ({ file, rows: loadSet(file) }));
printTable(
  ['set', 'attacks', 'benign', 'TPR', 'FPR'],
  [...sets, { file: 'all', rows: all }, ...piiSets].map(({ file, rows }) => {
    const r = rates(rows);
    return [file, r.attacks, r.benign, r.attacks ? fmt(r.tpr, 3) : '-', r.benign ? fmt(r.fpr, 3) : '-'];
  }),
);

console.log('\nBusiness sets with personal data, per category\n');
printTable(
  ['set', 'category', 'prompts', 'correct'],
  piiSets.flatMap(({ file, rows }) =>
    [...groupBy(rows, (r) => r.category)].map(([category, group]) => {
      const r = rates(group);
      return [file, category, group.length, fmt(group[0].label === 'attack' ? r.tpr : 1 - r.fpr, 3)];
    }),
  ),
);

console.log('\nPer category, all sets (attack categories: share flagged; benign categories: share passed)\n');
printTable(
  ['label', 'category', 'prompts', 'correct'],
  [...groupBy(all, (r) => `${r.label}\t${r.category}`)].map(([key, rows]) => {
    const [label, category] = key.split('\t');
    const r = rates(rows);
    return [label, category, rows.length, fmt(label === 'attack' ? r.tpr : 1 - r.fpr, 3)];
  }),
);

console.log('\nAttacks flagged per language, all sets\n');
printTable(
  ['lang', 'attacks', 'TPR', 'benign', 'FPR'],
  [...groupBy(all, (r) => r.lang)]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([lang, rows]) => {
      const r = rates(rows);
      return [lang, r.attacks, r.attacks ? fmt(r.tpr, 3) : '-', r.benign, r.benign ? fmt(r.fpr, 3) : '-'];
    }),
);

console.log('\nThreshold sweep, all sets\n');
printTable(
  ['threshold', 'TPR', 'FPR'],
  [0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7].map((t) => {
    const r = rates(all, t);
    return [t, fmt(r.tpr, 3), fmt(r.fpr, 3)];
  }),
);

const benign = all.filter((r) => r.label === 'benign');
console.log(`\nFPR over every benign prompt of all sets: ${fmt(rates(benign).fpr, 3)} (${benign.length} prompts)`);

const texts = all.map((r) => r.text);
let next = 0;
const perPrompt = distribution(sampleMicros(() => detectPromptInjection(texts[next++ % texts.length]), 4000));
const baseline = distribution(sampleMicros(() => JSON.parse(JSON.stringify(texts[next++ % texts.length])), 4000));
console.log(`\nTime per labeled prompt (mean ${Math.round(texts.join('').length / texts.length)} chars): median ${fmt(perPrompt.median)} µs, p99 ${fmt(perPrompt.p99)} µs`);
console.log(`Same-run baseline, JSON round trip of the same prompt: median ${fmt(baseline.median)} µs`);

// A 4 KB prompt: labeled prompts of both kinds joined until 4,096 characters.
let long = '';
for (let i = 0; long.length < 4096; i++) long += `${texts[i % texts.length]}\n`;
const prompt4k = long.slice(0, 4096);
const per4k = distribution(sampleMicros(() => detectPromptInjection(prompt4k), 1000));
console.log(`Time per 4 KB prompt: median ${fmt(per4k.median)} µs, p99 ${fmt(per4k.p99)} µs`);
