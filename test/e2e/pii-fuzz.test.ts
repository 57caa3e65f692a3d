/**
 * The leak hunt of test/helpers/pii-fuzz.ts at a small size, through the
 * shipped bundle (`npm test` builds it first). The benchmark
 * (`npx tsx bench/run.ts pii-fuzz`) runs the same hunt with thousands of cases
 * and prints the table per type, form and field.
 *
 * Asserted: plain values leak in at most 0.5 % of cases per direction; the
 * stop sequences (every forwarded field besides the prompt) let no value
 * through in any form; in every form the answer path leaks at most one point
 * more than the prompt path; nothing reaches a log line.
 */
import { existsSync } from 'node:fs';
import { BUNDLE, formatLeakTable, runPiiFuzz, tally, type FuzzReport } from '../helpers/pii-fuzz';
import { PII_FORMS } from '../helpers/pii-forms';

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

test('the stop sequences let nothing through in any form (0 leaks)', () => {
  const leaks = PII_FORMS.map((form) => [form, tally(report, (c) => c.form === form && c.field === 'stop sequence').leaks]);
  expectWithTable(leaks, PII_FORMS.map((form) => [form, 0]));
});

test('in every form, the answer path leaks at most one point more than the prompt path', () => {
  const rate = (form: string, field: string) => {
    const { leaks, cases } = tally(report, (c) => c.form === form && c.field === field);
    return cases === 0 ? 0 : leaks / cases;
  };
  const worse = PII_FORMS.filter((form) => rate(form, 'answer') > rate(form, 'prompt') + 0.01);
  expectWithTable(worse, []);
});

test('covers every type in every form that applies to it', () => {
  const empty = report.counts.filter((c) => c.cases === 0 && c.form !== 'unicode dashes' && !(c.type === 'PERSON' && c.form.includes('digits')));
  expect(empty.map((c) => `${c.type} ${c.form} ${c.field}`)).toEqual([]);
  expect(new Set(report.counts.map((c) => c.form))).toEqual(new Set(PII_FORMS));
});
