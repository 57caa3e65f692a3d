/**
 * The leak hunt of test/helpers/pii-fuzz.ts at a small size, through the
 * shipped bundle (`npm test` builds it first). The benchmark
 * (`npx tsx bench/run.ts pii-fuzz`) runs the same hunt with thousands of cases
 * and prints the table per type, form and field.
 *
 * Asserted: plain values leak in at most 0.5 % of cases per direction; the
 * stop sequences and the answer let no value through in plain form or in the
 * forms the request validator's normalisation folds (full-width digits,
 * zero-width characters), and neither does the prompt; nothing reaches a log
 * line. The forms the masker does not read yet (variation selectors VS1-16,
 * digits of other scripts, Unicode dashes) are counted, not asserted.
 */
import { existsSync } from 'node:fs';
import { BUNDLE, formatLeakTable, runPiiFuzz, tally, type FuzzReport } from '../helpers/pii-fuzz';
import { PII_FORMS } from '../helpers/pii-forms';

const ASSERTED_FORMS = ['plain', 'full-width digits', 'zero-width inside'] as const;
let report: FuzzReport;

beforeAll(async () => {
  if (!existsSync(BUNDLE)) throw new Error('assets/model-proxy/index.js is missing: run `npm run build` first');
  report = await runPiiFuzz({ casesPerClass: 4, seed: 7 });
}, 120_000);

/** The failure message carries the whole table, so a leak can be read off at once. */
function expectWithTable(actual: unknown, expected: unknown): void {
  try {
    expect(actual).toEqual(expected);
  } catch (err) {
    (err as Error).message += `\n\n${formatLeakTable(report)}`;
    throw err;
  }
}

test('every call was answered, and no value reached a log line', () => {
  expect(report.calls).toBeGreaterThan(200);
  expectWithTable({ failedCalls: report.failedCalls, logLeaks: report.logLeaks }, { failedCalls: 0, logLeaks: 0 });
});

test.each([
  ['request→model', ['prompt', 'stop sequence']],
  ['model→caller', ['answer']],
])('plain values leak %s in at most 0.5 %% of cases', (_direction, fields) => {
  const plain = tally(report, (c) => c.form === 'plain' && fields.includes(c.field));
  expect(plain.cases).toBeGreaterThanOrEqual(40);
  if (plain.leaks / plain.cases > 0.005) expectWithTable(plain.leaks, 0);
});

test.each([
  ['the stop sequences', 'stop sequence'],
  ['the answer', 'answer'],
])('%s let nothing through in the forms the prompt path catches (0 leaks)', (_what, field) => {
  const leaks = ASSERTED_FORMS.map((form) => [form, tally(report, (c) => c.form === form && c.field === field).leaks]);
  expectWithTable(leaks, ASSERTED_FORMS.map((form) => [form, 0]));
});

test('the prompt lets nothing through in the forms the validator normalises (full-width digits, zero-width characters)', () => {
  const leaks = ASSERTED_FORMS.map((form) => [form, tally(report, (c) => c.form === form && c.field === 'prompt').leaks]);
  expectWithTable(leaks, ASSERTED_FORMS.map((form) => [form, 0]));
});

test('covers every type in every form that applies to it', () => {
  const empty = report.counts.filter((c) => c.cases === 0 && c.form !== 'unicode dashes' && !(c.type === 'PERSON' && c.form.includes('digits')));
  expect(empty.map((c) => `${c.type} ${c.form} ${c.field}`)).toEqual([]);
  expect(new Set(report.counts.map((c) => c.form))).toEqual(new Set(PII_FORMS));
});
