/**
 * The leak hunt of pii-fuzz.ts on the chat completions route AS SHIPPED:
 * the bundle assets/chat-proxy/index.js (run `npm run build` first) behind
 * the API Gateway STREAM stand-in (streaming-front.ts), calling a loopback
 * OpenAI-compatible model server (openai-model-server.ts). Each case puts a
 * different value of one PII type, written in one form, into a system turn,
 * a user turn, an assistant turn and a stop sequence (request→model), and
 * into the model's answer (model→caller). The answer is asked for twice:
 * streamed, as SSE deltas cut at seeded random places (at least one inside
 * the value) with paragraph breaks around the value so that the masker
 * releases text mid-stream, and buffered (`stream: false`). Searched, in
 * canonical form (pii-forms.ts): what the model got, what the caller got
 * (the content deltas put together and the whole raw SSE body, or the
 * completion's message), and the function's log lines.
 */
import { join } from 'node:path';
import { MODEL_PROXY_CONFIG_ENV, type ModelProxyConfig } from '../../lib/contracts/model-proxy';
import { proxyConfig } from '../lambda/model-proxy/fakes';
import { alignRows, anyIn, bundleName, capturingOutput, caseSamples, cellText, contextOf, judge, sumCells, type LeakCount, type LeakTotals } from './leak-hunt';
import { startOpenAiModelServer, type OpenAiModelServer } from './openai-model-server';
import { canonical, PII_FORMS, type PiiForm } from './pii-forms';
import type { FuzzReport } from './pii-fuzz';
import { PII_CLASSES, type PiiClass, type PiiSample, type Random } from './pii-values';
import { seededRandom } from './seeded-random';
import { installStreamingRuntime, startStreamingFront, type StreamingFront } from './streaming-front';

export const CHAT_BUNDLE = join(__dirname, '..', '..', 'assets', 'chat-proxy', 'index.js');

export type ChatField = 'system' | 'user' | 'assistant' | 'stop sequence' | 'streamed answer' | 'buffered answer';
export const REQUEST_FIELDS: readonly ChatField[] = ['system', 'user', 'assistant', 'stop sequence'];
export const ANSWER_FIELDS: readonly ChatField[] = ['streamed answer', 'buffered answer'];

export type ChatCount = LeakCount<ChatField>;

export interface ChatFuzzOptions {
  /** Cases per PII type and form; each case is one streamed and one buffered call. */
  readonly casesPerClass: number;
  readonly seed?: number;
  readonly types?: readonly PiiClass[];
  readonly forms?: readonly PiiForm[];
  /** The handler bundle to run. @default assets/chat-proxy/index.js */
  readonly bundle?: string;
}

export interface ChatFuzzReport {
  readonly counts: ChatCount[];
  /** Calls that did not answer 200, or whose stream did not end with `[DONE]` and no error event. */
  readonly failedCalls: number;
  /** Cases with a value of theirs in a log line (stdout or stderr). */
  readonly logLeaks: number;
  /** Cases whose streamed content was not exactly the buffered content. */
  readonly divergent: number;
  /** Deltas the answers were streamed in, and how many of them cut a value. */
  readonly deltas: number;
  readonly cutsInsideValues: number;
  /** Content deltas the callers got: more than one a stream when the masker released text before the end. */
  readonly callerDeltas: number;
  readonly calls: number;
  readonly bundle: string;
  /** The first values that got through whole (made-up values), with their field and what carried them: reproducers. */
  readonly leaked: Array<{ readonly field: ChatField; readonly value: string; readonly seen: string }>;
}

const MAX_LEAKED = 20;

export const MODEL = 'fuzz-chat';
const PATH = `/v1/models/${MODEL}/chat/completions`;
const MAX_STOP = 64;

const SYSTEM = (value: string) => `You draft replies for the claims desk. The customer record reads: ${value}.`;
const USER = (value: string) => `Please look into the case below and draft a short reply. ${value}. Thanks.`;
const ASSISTANT = (value: string) => `Noted, the file also mentions ${value}. Anything else before I draft it?`;
const LAST_USER = 'Draft the reply now, please.';
const ANSWER = (value: string) => `Sure, here is the draft. ${value}. Let me know if you need more.`;
/** Plain sentences around the answer's value, no `@` or `(`: the masker may cut before and after its paragraph. */
const SENTENCES = [
  'Thank you for the details you sent over this morning, they make the situation much clearer to all of us.',
  'The adjuster has reviewed the photos of the kitchen and agrees that the water damage started under the sink.',
  'Our next step is to confirm the repair estimate with the contractor and to plan a second visit if needed.',
  'Most claims of this kind are settled within three weeks once every document is on file with the desk.',
  'Please keep the receipts for any emergency repairs, since those costs are refunded in full under the policy.',
  'If anything changes in the meantime, a short note through the usual channel is all we need to update the file.',
];

/** The words around the values: a piece of a value found in them says nothing. */
const TEMPLATE = canonical([SYSTEM(''), USER(''), ASSISTANT(''), LAST_USER, ANSWER(''), ...SENTENCES].join(' '));

const int = (r: Random, max: number) => Math.floor(r() * max);

/** A paragraph of four or five sentences (over 400 characters, so a cut after it can be decided mid-stream). */
function paragraph(r: Random): string {
  return Array.from({ length: 4 + int(r, 2) }, () => SENTENCES[int(r, SENTENCES.length)]).join(' ');
}

/** The answer: one or two paragraphs, the value's paragraph, one more; and where the value starts in it. */
function answerText(sample: PiiSample, r: Random): { text: string; valueAt: number } {
  const before = Array.from({ length: 1 + int(r, 2) }, () => paragraph(r)).join('\n\n') + '\n\n';
  const middle = ANSWER(contextOf(sample));
  const text = `${before}${middle}\n\n${paragraph(r)}`;
  return { text, valueAt: before.length + middle.indexOf(sample.value) };
}

/**
 * The answer cut into deltas at 3 to 12 random places and at 1 or 2 places strictly inside the value, always
 * between code points: a model server sends UTF-8, which cannot carry half of a surrogate pair.
 */
function deltasOf(text: string, valueAt: number, value: string, r: Random): { deltas: string[]; insideValue: number } {
  const starts: number[] = [];
  for (let i = 0; i < text.length; i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1) starts.push(i);
  const inValue = starts.filter((i) => i > valueAt && i < valueAt + value.length);
  const cuts = new Set<number>();
  for (let n = 1 + int(r, 2); n > 0 && inValue.length > 0; n--) cuts.add(inValue[int(r, inValue.length)]);
  for (let n = 3 + int(r, 10); n > 0; n--) cuts.add(starts[1 + int(r, starts.length - 1)]);
  const sorted = [...cuts].sort((a, b) => a - b);
  const deltas = [0, ...sorted].map((from, k) => text.slice(from, sorted[k] ?? text.length));
  return { deltas, insideValue: sorted.filter((c) => c > valueAt && c < valueAt + value.length).length };
}

/** The chat bundle's handler, configured for the loopback model; needs the `awslambda` global. */
function loadChatHandler(bundle: string, url: string): Parameters<typeof startStreamingFront>[0]['handler'] {
  const config: ModelProxyConfig = proxyConfig({
    model: MODEL, backend: { type: 'http', url, allowInsecureHttp: true }, requestFormat: 'OPENAI_CHAT',
    responseTextPath: 'choices[0].message.content', restorePlaceholders: true, maxPromptLength: 32_000,
  });
  const saved = process.env[MODEL_PROXY_CONFIG_ENV];
  process.env[MODEL_PROXY_CONFIG_ENV] = JSON.stringify(config);
  try {
    // The bundle reads its configuration at load time: a fresh copy of the module, required after the variable is set
    // (under jest through its own module registry, which require.cache does not reach).
    type Loaded = { handler: Parameters<typeof startStreamingFront>[0]['handler'] };
    let loaded: Loaded | undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = () => (loaded = require(bundle) as Loaded);
    if (typeof jest === 'undefined') {
      delete require.cache[bundle];
      load();
    } else {
      jest.isolateModules(load);
    }
    return loaded!.handler;
  } finally {
    if (saved === undefined) delete process.env[MODEL_PROXY_CONFIG_ENV];
    else process.env[MODEL_PROXY_CONFIG_ENV] = saved;
  }
}

interface Streamed {
  readonly ok: boolean;
  readonly content: string;
  readonly deltas: number;
  readonly raw: string;
}

/** The content of an SSE body, and whether it ended as a completed stream does. */
function readSse(status: number, raw: string): Streamed {
  let content = '';
  let deltas = 0;
  let ok = status === 200 && raw.trimEnd().endsWith('data: [DONE]');
  for (const event of raw.split('\n\n')) {
    const data = event.startsWith('data: ') ? event.slice(6) : undefined;
    if (data === undefined || data === '[DONE]') continue;
    const chunk = JSON.parse(data) as { error?: unknown; choices?: Array<{ delta?: { content?: string } }> };
    if (chunk.error !== undefined) ok = false;
    const text = chunk.choices?.[0]?.delta?.content ?? '';
    if (text !== '') deltas++;
    content += text;
  }
  return { ok, content, deltas, raw };
}

/** The chat route of one model as deployed: the bundle behind the STREAM stand-in, calling a loopback model. */
export interface ChatRoute {
  readonly model: OpenAiModelServer;
  /** Posts a Chat Completions body; the status and the whole raw body. */
  call(body: unknown): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export async function startChatRoute(bundle: string = CHAT_BUNDLE): Promise<ChatRoute> {
  const removeRuntime = installStreamingRuntime();
  const model = await startOpenAiModelServer();
  let front: StreamingFront | undefined;
  const close = async () => {
    await front?.close();
    await model.close();
    removeRuntime();
  };
  try {
    front = await startStreamingFront({ handler: loadChatHandler(bundle, model.url), resource: (p) => p.replace(`/${MODEL}/`, '/{model}/') });
  } catch (err) {
    await close();
    throw err;
  }
  const url = `${front.url}${PATH}`;
  return {
    model,
    call: async (body) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, text: await res.text() };
    },
    close,
  };
}

export async function runChatPiiFuzz(options: ChatFuzzOptions): Promise<ChatFuzzReport> {
  const r = seededRandom(options.seed ?? 20_240_611);
  const bundle = options.bundle ?? CHAT_BUNDLE;
  const route = await startChatRoute(bundle);
  const model = route.model;
  const counts: ChatCount[] = [];
  const leaked: ChatFuzzReport['leaked'] = [];
  const check = (cell: ChatCount, sample: PiiSample, seen: string) => {
    if (judge(cell, sample, seen, TEMPLATE) && leaked.length < MAX_LEAKED) leaked.push({ field: cell.field, value: sample.value, seen });
  };
  const totals = { failedCalls: 0, logLeaks: 0, divergent: 0, deltas: 0, cutsInsideValues: 0, callerDeltas: 0, calls: 0 };
  const call = (body: unknown) => {
    totals.calls++;
    return route.call(body);
  };
  try {
    for (const type of options.types ?? PII_CLASSES) {
      for (const form of options.forms ?? PII_FORMS) {
        const cells = Object.fromEntries([...REQUEST_FIELDS, ...ANSWER_FIELDS].map((field) => [field, { type, form, field, cases: 0, leaks: 0, partial: 0 }]),
        ) as Record<ChatField, ChatCount>;
        counts.push(...Object.values(cells));
        for (let i = 0; i < options.casesPerClass; i++) {
          const samples = caseSamples(type, form, r, 5);
          if (!samples) continue;
          const [inSystem, inUser, inAssistant, inStop, inAnswer] = samples;
          const stop = contextOf(inStop);
          const answer = answerText(inAnswer, r);
          const cut = deltasOf(answer.text, answer.valueAt, inAnswer.value, r);
          totals.deltas += cut.deltas.length;
          totals.cutsInsideValues += cut.insideValue;
          model.answerWith(cut.deltas);
          const request = {
            model: MODEL, max_tokens: 512, temperature: 0.2, ...(stop.length <= MAX_STOP && { stop: [stop] }),
            messages: [
              { role: 'system', content: SYSTEM(contextOf(inSystem)) }, { role: 'user', content: USER(contextOf(inUser)) },
              { role: 'assistant', content: ASSISTANT(contextOf(inAssistant)) }, { role: 'user', content: LAST_USER },
            ],
          };
          const before = model.bodies.length;
          const { result, output } = await capturingOutput(async () => {
            const s = await call({ ...request, stream: true, stream_options: { include_usage: true } });
            const b = await call({ ...request, stream: false });
            return { streamed: readSse(s.status, s.text), buffered: b };
          }, { stderr: true });
          if (anyIn(samples, output)) totals.logLeaks++;
          const { streamed, buffered } = result;
          const bufferedContent = buffered.status === 200
            ? (JSON.parse(buffered.text) as { choices: Array<{ message: { content: string } }> }).choices[0].message.content : undefined;
          if (!streamed.ok || bufferedContent === undefined || model.bodies.length !== before + 2) {
            totals.failedCalls += (streamed.ok ? 0 : 1) + (bufferedContent === undefined ? 1 : 0);
            continue;
          }
          const sent = model.bodies.slice(before);
          const got = (k: number) => sent.map((b) => b.messages[k]?.content ?? '').join('\n');
          check(cells.system, inSystem, got(0));
          check(cells.user, inUser, got(1));
          check(cells.assistant, inAssistant, got(2));
          if (request.stop) check(cells['stop sequence'], inStop, sent.map((b) => (b.stop ?? []).join('\n')).join('\n'));
          check(cells['streamed answer'], inAnswer, `${streamed.content}\n${streamed.raw}`);
          check(cells['buffered answer'], inAnswer, `${bufferedContent}\n${buffered.text}`);
          if (streamed.content !== bufferedContent) totals.divergent++;
          totals.callerDeltas += streamed.deltas;
        }
      }
    }
  } finally {
    await route.close();
  }
  return { counts, ...totals, bundle, leaked };
}

/** Cases and leaks over the cells that `where` selects. */
export function chatTally(report: ChatFuzzReport, where: (c: ChatCount) => boolean): LeakTotals {
  return sumCells(report.counts, where);
}

/** Per type and form: leaks per request field, the streamed and buffered answers, and the invoke route's answer when given. */
export function formatChatLeakTable(report: ChatFuzzReport, invoke?: FuzzReport): string {
  const fields = [...REQUEST_FIELDS, ...ANSWER_FIELDS];
  const head = ['type', 'form', ...REQUEST_FIELDS.map((f) => `${f} (→model)`), ...ANSWER_FIELDS.map((f) => `${f} (→caller)`)];
  const rows: string[][] = [[...head, ...(invoke ? ['invoke answer (→caller)'] : []), 'partial']];
  const types = [...new Set(report.counts.map((c) => c.type))];
  const forms = [...new Set(report.counts.map((c) => c.form))];
  const row = (label: string, form: PiiForm, match: (c: { type: PiiClass; form: PiiForm }) => boolean) => {
    const of = (field: ChatField) => chatTally(report, (c) => match(c) && c.field === field);
    const invoked = invoke ? [cellText(sumCells(invoke.counts, (c) => match(c) && c.field === 'answer'))] : [];
    rows.push([label, form, ...fields.map((f) => cellText(of(f))), ...invoked, String(chatTally(report, match).partial)]);
  };
  for (const type of types) for (const form of forms) row(type, form, (c) => c.type === type && c.form === form);
  for (const form of forms) row('ALL', form, (c) => c.form === form);
  const lines = alignRows(rows);
  lines.push('', `${report.calls} calls through ${bundleName(report.bundle)}, half of them streamed: the model sent ${report.deltas} deltas `
    + `(${report.cutsInsideValues} cuts inside a value), the callers got ${report.callerDeltas} content deltas.`);
  lines.push(`${report.failedCalls} failed; ${report.logLeaks} cases with a value in a log line; ${report.divergent} with streamed content `
    + 'other than the buffered.');
  for (const l of report.leaked) lines.push(`leaked in ${l.field}: ${JSON.stringify(l.value)} in ${JSON.stringify(l.seen.slice(0, 200))}`);
  if (invoke) {
    lines.push(`Invoke route: ${invoke.calls} calls through ${bundleName(invoke.bundle)}; ${invoke.failedCalls} failed; ${invoke.logLeaks} log leaks.`);
  }
  return lines.join('\n');
}
