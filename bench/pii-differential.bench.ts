/**
 * Differential check of the masker against the one of another commit: both
 * bundles mask the same texts in `redact` and `placeholder` mode, and every
 * output text, finding and placeholder entry must be the same. The texts: the
 * benchmark's throughput prompts, its labeled and dense corpora, the shared
 * labeled dev sample, and seeded random texts from the property tests'
 * generators (PII pieces with separators, glued, in Unicode disguises, and
 * any code units).
 *
 *   PII_BASELINE_REF=<commit> npx tsx bench/run.ts pii-differential     (default: HEAD)
 *
 * PII_DIFF_RANDOM sets the random texts per generator (default 20000). Exits 1 on any difference.
 */
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { anyText, gluedText, piiText, piiTextDisguised } from '../test/lambda/pii-masking/generators';
import { generateLabeledCorpus, generateThroughputCorpus } from './pii/corpus';
import { densePrompt, generateDenseCorpus } from './pii/dense-corpus';
import { loadJsonl } from './pii/evaluate';
import { loadBundledMasker, loadMaskerAtRef, type MaskerModule } from './pii/load-masker';
import type { MaskMode } from '../lambda/pii-masking';

const REF = process.env.PII_BASELINE_REF ?? 'HEAD';
const RANDOM = Number(process.env.PII_DIFF_RANDOM ?? 20_000);
const DEV_DATA = process.env.PII_DEV_DATA ?? '/work/shared/data/pii-dev.jsonl';
const SEED = 20240611;
const MODES: readonly MaskMode[] = ['redact', 'placeholder'];

function outcome(m: MaskerModule, text: string, mode: MaskMode): string {
  const r = m.maskPii(text, { defaultMode: mode });
  const entries = r.placeholders?.entries().map((e) => [e.placeholder, e.type, e.value]) ?? [];
  return JSON.stringify([r.text, r.findings, entries, r.failedClosed ?? false]);
}

const ours = loadBundledMasker();
const theirs = loadMaskerAtRef(REF);
const sets: Array<[string, readonly string[]]> = [
  ['throughput prompts', generateThroughputCorpus(10_500_000, SEED)],
  ['labeled corpus', generateLabeledCorpus(1200, SEED).map((d) => d.text)],
  ['dense corpus', generateDenseCorpus(2_000_000)],
  ['dense 1 MB prompt', [densePrompt(1_000_000)]],
  ['random: PII pieces and separators', fc.sample(piiText, { seed: SEED, numRuns: RANDOM })],
  ['random: PII pieces glued', fc.sample(gluedText, { seed: SEED + 1, numRuns: RANDOM })],
  ['random: PII pieces in disguise', fc.sample(piiTextDisguised, { seed: SEED + 2, numRuns: RANDOM }).map((x) => x.hidden)],
  ['random: any code units', fc.sample(anyText, { seed: SEED + 3, numRuns: RANDOM })],
];
if (existsSync(DEV_DATA)) sets.push(['shared dev sample', loadJsonl(DEV_DATA).map((d) => d.text)]);
else console.log(`(dev sample not found at ${DEV_DATA}; set PII_DEV_DATA)`);

let differences = 0;
for (const [name, texts] of sets) {
  let diff = 0;
  let chars = 0;
  for (const text of texts) {
    chars += text.length;
    for (const mode of MODES) {
      if (outcome(ours, text, mode) === outcome(theirs, text, mode)) continue;
      if (diff++ < 3) console.log(`  differs (${mode}): ${JSON.stringify(text.slice(0, 200))}`);
    }
  }
  differences += diff;
  console.log(`${name}: ${texts.length} texts, ${(chars / 1e6).toFixed(2)} M chars, ${MODES.join(' + ')}: ${diff} differences`);
}
console.log(`against ${REF}: ${differences === 0 ? 'identical output, findings and placeholders' : `${differences} differences`}`);
process.exit(differences === 0 ? 0 : 1);
