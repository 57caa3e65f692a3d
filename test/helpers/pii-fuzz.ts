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
import { alignRows, anyIn, bundleName, capturingOutput, caseSamples, cellText, contextOf, judge, sumCells, type LeakCount, type LeakTotals } from './leak-hunt';
import { canonical, PII_FORMS, type PiiForm } from './pii-forms';
import { PII_CLASSES, type PiiClass } from './pii-values';
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
export type ClassCount = LeakCount<Field>;

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
          const samples = caseSamples(type, form, r, 3);
          if (!samples) continue;
          const [inPrompt, inStop, inAnswer] = samples;
          const stop = contextOf(inStop);
          const body = { prompt: PROMPT(contextOf(inPrompt)), parameters: { temperature: 0.2, ...(stop.length <= MAX_STOP && { stopSequences: [stop] }) } };
          stub.respond(() => ok({ generated_text: ANSWER(contextOf(inAnswer)) }));
          const before = stub.requests.length;
          const { result: res, output } = await capturingOutput(() => handler(apiEvent(body), lambdaContext(calls)));
          calls++;
          if (res.statusCode !== 200 || stub.requests.length !== before + 1) {
            failedCalls++;
            continue;
          }
          const sent = JSON.parse(stub.requests[before].body) as { prompt: string; parameters?: { stopSequences?: string[] } };
          judge(cells.prompt, inPrompt, sent.prompt, TEMPLATE);
          if (body.parameters.stopSequences) judge(cells['stop sequence'], inStop, (sent.parameters?.stopSequences ?? []).join('\n'), TEMPLATE);
          judge(cells.answer, inAnswer, (JSON.parse(res.body) as { output: string }).output, TEMPLATE);
          if (anyIn(samples, output)) logLeaks++;
        }
      }
    }
  } finally {
    await stub.close();
  }
  return { counts, failedCalls, logLeaks, calls, bundle: options.bundle ?? BUNDLE };
}

/** Cases and leaks over the cells that `where` selects. */
export function tally(report: FuzzReport, where: (c: ClassCount) => boolean): LeakTotals {
  return sumCells(report.counts, where);
}

/** One row per type × form, leaks per field, then totals per form and direction. */
export function formatLeakTable(report: FuzzReport): string {
  const rows: string[][] = [['type', 'form', ...FIELDS.map((f) => `${f} (${DIRECTION[f]})`), 'partial']];
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
  const lines = alignRows(rows);
  const through = `${report.calls} calls through ${bundleName(report.bundle)}`;
  lines.push('', `${through}; ${report.failedCalls} did not answer 200; ${report.logLeaks} with a value in a log line.`);
  return lines.join('\n');
}
