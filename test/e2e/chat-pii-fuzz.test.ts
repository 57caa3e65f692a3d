/**
 * The chat route's leak hunt of test/helpers/chat-pii-fuzz.ts at a small
 * size, through the shipped bundle (`npm test` builds it first), next to the
 * invoke route's hunt at the same size. The benchmark
 * (`npx tsx bench/run.ts chat-pii-fuzz`) runs both with thousands of cases
 * and prints the table side by side.
 *
 * Asserted: plain values leak in at most 0.5 % of cases per direction; the
 * stop sequences let no value through in any form; the streamed answer is
 * exactly the buffered one in every case (so it leaks no more, whatever the
 * cuts), and in every form leaks at most one point more than the invoke
 * route's answer; the streams were cut inside values and text was released
 * before they ended; nothing reaches a log line.
 */
import { existsSync } from 'node:fs';
import {
  ANSWER_FIELDS, CHAT_BUNDLE, chatTally, formatChatLeakTable, MODEL, REQUEST_FIELDS, runChatPiiFuzz, startChatRoute, type ChatFuzzReport, type ChatRoute,
} from '../helpers/chat-pii-fuzz';
import { BUNDLE, runPiiFuzz, tally, type FuzzReport } from '../helpers/pii-fuzz';
import { PII_FORMS } from '../helpers/pii-forms';

const CASES = 4;
let report: ChatFuzzReport;
let invoke: FuzzReport;

beforeAll(async () => {
  for (const bundle of [CHAT_BUNDLE, BUNDLE]) if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
  report = await runChatPiiFuzz({ casesPerClass: CASES, seed: 11 });
  invoke = await runPiiFuzz({ casesPerClass: CASES, seed: 11 });
}, 120_000);

/** The failure message carries the whole table, so a leak can be read off at once. */
function expectWithTable(actual: unknown, expected: unknown): void {
  try {
    expect(actual).toEqual(expected);
  } catch (err) {
    (err as Error).message += `\n\n${formatChatLeakTable(report, invoke)}`;
    throw err;
  }
}

test('every call was answered, and no value reached a log line', () => {
  expect(report.calls).toBeGreaterThan(400);
  expectWithTable({ failedCalls: report.failedCalls, logLeaks: report.logLeaks }, { failedCalls: 0, logLeaks: 0 });
});

test.each([
  ['request→model', REQUEST_FIELDS],
  ['model→caller', ANSWER_FIELDS],
])('plain values leak %s in at most 0.5 %% of cases', (_direction, fields) => {
  const plain = chatTally(report, (c) => c.form === 'plain' && fields.includes(c.field));
  expect(plain.cases).toBeGreaterThanOrEqual(80);
  if (plain.leaks / plain.cases > 0.005) expectWithTable(plain.leaks, 0);
});

test('the stop sequences let nothing through in any form (0 leaks)', () => {
  const leaks = PII_FORMS.map((form) => [form, chatTally(report, (c) => c.form === form && c.field === 'stop sequence').leaks]);
  expectWithTable(leaks, PII_FORMS.map((form) => [form, 0]));
});

test('the streamed answer is the buffered answer in every case, and leaks no more in any type and form', () => {
  const worse = report.counts.filter((c) => c.field === 'streamed answer').filter((c) => {
    const buffered = chatTally(report, (b) => b.type === c.type && b.form === c.form && b.field === 'buffered answer');
    return c.leaks > buffered.leaks;
  });
  expectWithTable({ divergent: report.divergent, worse: worse.map((c) => `${c.type} ${c.form}`) }, { divergent: 0, worse: [] });
});

test('in every form, the streamed answer leaks at most one point more than the invoke route\'s answer', () => {
  const rate = (t: { leaks: number; cases: number }) => (t.cases === 0 ? 0 : t.leaks / t.cases);
  const worse = PII_FORMS.filter((form) => {
    const streamed = chatTally(report, (c) => c.form === form && c.field === 'streamed answer');
    const invoked = tally(invoke, (c) => c.form === form && c.field === 'answer');
    return rate(streamed) > rate(invoked) + 0.01;
  });
  expectWithTable(worse, []);
});

test('the answers were streamed cut inside their values, and released before they ended', () => {
  const streams = report.calls / 2;
  expect(report.cutsInsideValues).toBeGreaterThanOrEqual(streams);
  expect(report.deltas).toBeGreaterThan(5 * streams);
  // A stream the masker held to the end reaches the caller as one content delta.
  expect(report.callerDeltas).toBeGreaterThan(2 * streams);
});

test('covers every type in every form that applies to it', () => {
  const empty = report.counts.filter((c) => c.cases === 0 && c.form !== 'unicode dashes' && !(c.type === 'PERSON' && c.form.includes('digits')));
  expect(empty.map((c) => `${c.type} ${c.form} ${c.field}`)).toEqual([]);
  expect(new Set(report.counts.map((c) => c.form))).toEqual(new Set(PII_FORMS));
});

/**
 * Found by the large run (`npx tsx bench/run.ts chat-pii-fuzz`): an IPv6 address whose last group is all digits,
 * right before a full stop, was not masked in any turn nor in the answer (the masker read the dot as the start of an
 * IPv4 tail). Kept as a regression test through the shipped bundle.
 */
describe('IPv6 address ending in an all-digit group before a full stop', () => {
  const IP = '2001:db8:2e40:ab0a::961';
  let route: ChatRoute;

  beforeAll(async () => {
    route = await startChatRoute();
  });

  afterAll(() => route?.close());

  test('the same route masks the address when its last group holds a letter (control)', async () => {
    route.model.answerWith(['Sure. The request came ', 'from IP 2001:db8:2e', '40:ab0a::96a. Let me know.']);
    const messages = [{ role: 'user', content: 'The file mentions from IP 2001:db8:2e40:ab0a::96b. Anything else?' }];
    const res = await route.call({ model: MODEL, stream: true, messages });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Let me know.');
    expect(res.text).not.toContain('::96a');
    expect(JSON.stringify(route.model.bodies.at(-1))).toContain('from IP <IP_ADDRESS_1>');
  });

  test.each(['system', 'user', 'assistant'])('does not reach the model from a %s turn', async (role) => {
    route.model.answerWith(['Done.']);
    const messages = [{ role, content: `The file mentions from IP ${IP}. Anything else?` }, { role: 'user', content: 'Draft the reply.' }];
    expect((await route.call({ model: MODEL, messages })).status).toBe(200);
    expect(JSON.stringify(route.model.bodies.at(-1))).not.toContain(IP);
  });

  test.each([false, true])('does not reach the caller from the answer (stream: %s)', async (stream) => {
    route.model.answerWith(['Sure. The request came ', `from IP ${IP.slice(0, 9)}`, `${IP.slice(9)}. Let me know.`]);
    const res = await route.call({ model: MODEL, stream, messages: [{ role: 'user', content: 'Where did the request come from?' }] });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Let me know.');
    expect(res.text).not.toContain(IP);
  });
});
