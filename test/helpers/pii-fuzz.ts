/**
 * A leak hunt through the model proxy AS SHIPPED: the bundle
 * assets/model-proxy/index.js (run `npm run build` first), configured the
 * way the construct configures it, calling a loopback model server that
 * records what it gets. Each case puts a different value of one PII type,
 * written in one form, into the prompt, into a stop sequence and into the
 * model's answer, and then searches, in canonical form (pii-forms.ts), for
 * - each request value in what the model got (request→model),
 * - the answer's value in what the caller got (model→caller),
 * - any of them in the function's log lines.
 * Used by a jest test at a small size and by bench/pii-fuzz.bench.ts at a large one.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { join } from 'node:path';
import { DEFAULT_PII_MASKING, DEFAULT_RETRY, MODEL_PROXY_CONFIG_ENV, type ModelProxyConfig } from '../../lib/contracts/model-proxy';
import { apiEvent } from '../lambda/model-proxy/fakes';
import { canonical, PII_FORMS, writeIn, type PiiForm } from './pii-forms';
import { PII_CLASSES, piiSample, type PiiClass, type PiiSample, type Random } from './pii-values';
import { ok, startHttpModelStub, type ModelStub } from './sagemaker-stub';
import { seededRandom } from './seeded-random';

export const BUNDLE = join(__dirname, '..', '..', 'assets', 'model-proxy', 'index.js');

export type Field = 'prompt' | 'stop sequence' | 'answer';
export const FIELDS: readonly Field[] = ['prompt', 'stop sequence', 'answer'];
export const DIRECTION: Readonly<Record<Field, string>> = { prompt: 'request→model', 'stop sequence': 'request→model', answer: 'model→caller' };

export interface FuzzOptions {
  /** Cases per PII type and form. */
  readonly casesPerClass: number;
  readonly seed?: number;
  readonly types?: readonly PiiClass[];
  readonly forms?: readonly PiiForm[];
  /** The handler bundle to run. @default assets/model-proxy/index.js */
  readonly bundle?: string;
}

/** One cell: a PII type in one form, in one field. */
export interface ClassCount {
  readonly type: PiiClass;
  readonly form: PiiForm;
  readonly field: Field;
  cases: number;
  /** The whole value got through. */
  leaks: number;
  /** Not the whole value, but a piece of at least four letters or digits of it. */
  partial: number;
}

export interface FuzzReport {
  readonly counts: ClassCount[];
  /** Calls that did not answer 200 (counted as neither leak nor pass). */
  readonly failedCalls: number;
  /** Cases with a value of theirs in a log line. */
  readonly logLeaks: number;
  readonly calls: number;
  readonly bundle: string;
}

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const PROMPT = (value: string) => `Please look into the case below and draft a short reply. ${value}. Thanks.`;
const ANSWER = (value: string) => `Sure, here is the draft. ${value}. Let me know if you need more.`;
const MAX_STOP = 64;

/** The handler of the bundle, configured for an HTTP backend at `url`; a fresh copy of the module each time. */
function loadBundledHandler(bundle: string, url: string): Handler {
  const config: ModelProxyConfig = {
    version: 1, model: 'fuzz', backend: { type: 'http', url: `${url}/generate`, allowInsecureHttp: true }, requestFormat: 'PASSTHROUGH',
    responseTextPath: 'generated_text', maxPromptLength: 32_000, maxOutputTokens: 4096, restorePlaceholders: true, maxBodyBytes: 196_096,
    piiMasking: DEFAULT_PII_MASKING, injectionAction: 'block', injectionThreshold: 0.5, retry: DEFAULT_RETRY, timeoutMarginMs: 1000,
    streamIdleTimeoutMs: 60_000,
  };
  const saved = process.env[MODEL_PROXY_CONFIG_ENV];
  process.env[MODEL_PROXY_CONFIG_ENV] = JSON.stringify(config);
  try {
    delete require.cache[bundle];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(bundle) as { handler: Handler }).handler;
  } finally {
    if (saved === undefined) delete process.env[MODEL_PROXY_CONFIG_ENV];
    else process.env[MODEL_PROXY_CONFIG_ENV] = saved;
  }
}

function lambdaContext(n: number): Context {
  return {
    awsRequestId: `fuzz-${n}`, functionName: 'model-proxy-fuzz', getRemainingTimeInMillis: () => 25_000,
  } as unknown as Context;
}

/** The words around the values: a piece of a value found in them says nothing. */
const TEMPLATE = canonical(`${PROMPT('')} ${ANSWER('')}`);

/** Pieces of the value (split at anything but letters and digits) that identify it on their own. */
function pieces(sample: PiiSample): string[] {
  const around = TEMPLATE + canonical(sample.context);
  return canonical(sample.value).split(/[^\p{L}\p{N}]+/u).filter((p) => p.length >= 4 && !around.includes(p));
}

function judge(count: ClassCount, sample: PiiSample, seen: string): void {
  count.cases++;
  const text = canonical(seen);
  if (text.includes(canonical(sample.value))) count.leaks++;
  else if (pieces(sample).some((p) => text.includes(p))) count.partial++;
}

/** A sample of `type` written in `form`, or undefined when the form does not apply to the values drawn. */
function formedSample(type: PiiClass, form: PiiForm, r: Random, avoid: ReadonlySet<string>): PiiSample | undefined {
  for (let tries = 0; tries < 8; tries++) {
    const sample = piiSample(type, r);
    const written = writeIn(form, sample.value, r);
    if (written !== undefined && !avoid.has(canonical(sample.value))) return { ...sample, value: written };
  }
  return undefined;
}

const contextOf = (sample: PiiSample) => sample.context.replace('{}', sample.value);

/** Captures what the handler writes to stdout (its log and metric lines) while `fn` runs. */
async function capturingStdout<T>(fn: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const original = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    return { result: await fn(), output: chunks.join('') };
  } finally {
    process.stdout.write = original;
  }
}

export async function runPiiFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const r = seededRandom(options.seed ?? 20_240_611);
  const stub: ModelStub = await startHttpModelStub();
  const counts: ClassCount[] = [];
  let failedCalls = 0;
  let logLeaks = 0;
  let calls = 0;
  try {
    const handler = loadBundledHandler(options.bundle ?? BUNDLE, stub.url);
    for (const type of options.types ?? PII_CLASSES) {
      for (const form of options.forms ?? PII_FORMS) {
        const cell = (field: Field): ClassCount => ({ type, form, field, cases: 0, leaks: 0, partial: 0 });
        const cells = { prompt: cell('prompt'), 'stop sequence': cell('stop sequence'), answer: cell('answer') };
        counts.push(...Object.values(cells));
        for (let i = 0; i < options.casesPerClass; i++) {
          const used = new Set<string>();
          const take = () => {
            const s = formedSample(type, form, r, used);
            if (s) used.add(canonical(s.value));
            return s;
          };
          const [inPrompt, inStop, inAnswer] = [take(), take(), take()];
          if (!inPrompt || !inStop || !inAnswer) continue;
          const stop = contextOf(inStop);
          const body = { prompt: PROMPT(contextOf(inPrompt)), parameters: { temperature: 0.2, ...(stop.length <= MAX_STOP && { stopSequences: [stop] }) } };
          stub.respond(() => ok({ generated_text: ANSWER(contextOf(inAnswer)) }));
          const before = stub.requests.length;
          const { result: res, output } = await capturingStdout(() => handler(apiEvent(body), lambdaContext(calls)));
          calls++;
          if (res.statusCode !== 200 || stub.requests.length !== before + 1) {
            failedCalls++;
            continue;
          }
          const sent = JSON.parse(stub.requests[before].body) as { prompt: string; parameters?: { stopSequences?: string[] } };
          judge(cells.prompt, inPrompt, sent.prompt);
          if (body.parameters.stopSequences) judge(cells['stop sequence'], inStop, (sent.parameters?.stopSequences ?? []).join('\n'));
          judge(cells.answer, inAnswer, (JSON.parse(res.body) as { output: string }).output);
          const logged = canonical(output);
          if ([inPrompt, inStop, inAnswer].some((s) => logged.includes(canonical(s.value)))) logLeaks++;
        }
      }
    }
  } finally {
    await stub.close();
  }
  return { counts, failedCalls, logLeaks, calls, bundle: options.bundle ?? BUNDLE };
}

/** Cases and leaks over the cells that `where` selects. */
export function tally(report: FuzzReport, where: (c: ClassCount) => boolean): { cases: number; leaks: number; partial: number } {
  const cells = report.counts.filter(where);
  return {
    cases: cells.reduce((n, c) => n + c.cases, 0),
    leaks: cells.reduce((n, c) => n + c.leaks, 0),
    partial: cells.reduce((n, c) => n + c.partial, 0),
  };
}

const pct = (leaks: number, cases: number) => (cases === 0 ? '-' : `${((100 * leaks) / cases).toFixed(1)}%`);

/** One row per type × form, leaks per field, then totals per form and direction. */
export function formatLeakTable(report: FuzzReport): string {
  const rows: string[][] = [['type', 'form', ...FIELDS.map((f) => `${f} (${DIRECTION[f]})`), 'partial']];
  const cellText = (t: { cases: number; leaks: number }) => (t.cases === 0 ? 'n/a' : `${t.leaks}/${t.cases} ${pct(t.leaks, t.cases)}`);
  const types = [...new Set(report.counts.map((c) => c.type))];
  const forms = [...new Set(report.counts.map((c) => c.form))];
  for (const type of types) {
    for (const form of forms) {
      const of = (field: Field) => tally(report, (c) => c.type === type && c.form === form && c.field === field);
      const partial = tally(report, (c) => c.type === type && c.form === form).partial;
      rows.push([type, form, ...FIELDS.map((f) => cellText(of(f))), String(partial)]);
    }
  }
  for (const form of forms) {
    const of = (field: Field) => tally(report, (c) => c.form === form && c.field === field);
    rows.push(['ALL', form, ...FIELDS.map((f) => cellText(of(f))), String(tally(report, (c) => c.form === form).partial)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const bundle = report.bundle.replace(/.*\/assets\//, 'assets/');
  lines.push('', `${report.calls} calls through ${bundle}; ${report.failedCalls} did not answer 200; ${report.logLeaks} with a value in a log line.`);
  return lines.join('\n');
}
