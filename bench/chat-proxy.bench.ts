/**
 * Overhead of the chat completions route, the model excluded, with the real
 * guards (injection guard on every system and user turn, PII masking with one
 * placeholder map, restore) on a 4 KB conversation (a system turn, user and
 * assistant turns with e-mail addresses in them):
 *
 * 1. buffered call: the whole handler path into an in-memory sink, the backend's
 *    `complete()` answering at once (2 KB with a placeholder and PII). Baseline:
 *    JSON.parse + JSON.stringify of the body. Target: median ≤ 2 ms.
 * 2. time to first token added by the proxy: the backend's first event is released
 *    while the proxy waits for it (as a network backend's would be); the time from
 *    its `yield` to the sink's first write (the role chunk), and to the first content
 *    write when the first event holds a whole paragraph, a blank line and 450
 *    characters more (the masker holds back until a cut is decided, by design:
 *    lambda/chat/stream-cuts.ts). Baseline: a bare loop writing each event to the
 *    same sink. Target: p99 ≤ 5 ms.
 * 3. each later event: token-sized text events (3-8 characters, paragraphs of about
 *    300 characters between blank lines), the time from the backend's `yield` to the
 *    proxy asking for the next event, i.e. the proxy's work on that event and any
 *    write it causes. Baseline: the same bare loop. Target: p99 ≤ 1 ms.
 *
 *   npx tsx bench/run.ts chat-proxy
 *
 * The code runs as shipped: bundled and minified by esbuild (bench/support/bundle.ts).
 * Wall and CPU time (process.cpuUsage, GC threads included) are both shown: on a
 * shared machine wall time includes waiting for a core.
 */
import type { ChatBackend, ChatBackendAnswer, ChatStreamEvent } from '../lambda/chat/backend';
import type { ResponseHead, ResponseSink } from '../lambda/chat-proxy/response-sink';
import { loadavg } from 'node:os';
import { seededRandom } from '../test/helpers/seeded-random';
import { claimProse as prose, NAMES } from './support/claim-prose';
import { loadBenchBundle } from './support/bundle';
import { distribution, fmt, printTable, type Distribution } from './support/stats';

const { chatEvent, createChatGuards, createChatProxy, createJsonLogger, proxyConfig } = loadBenchBundle<typeof import('./chat-proxy/overhead-entry')>(
  'bench/chat-proxy/overhead-entry.ts',
  'chat-proxy-overhead',
);

const BUFFERED_SAMPLES = 3000;
const FIRST_TOKEN_SAMPLES = 2000;
const STREAMS = 20;
const WARMUP = 200;

/** A 4 KB conversation: a system turn, then user and assistant turns, e-mail addresses in both. */
function conversation(): Array<{ role: string; content: string }> {
  const random = seededRandom(4096);
  const messages = [{ role: 'system', content: `You triage insurance claims for the claims desk. ${prose(random, 250, 0)}` }];
  let total = messages[0].content.length;
  for (let i = 0; total < 4096; i++) {
    const role = i % 2 === 0 ? 'user' : 'assistant';
    const content = prose(random, Math.min(620, 4096 - total), role === 'user' ? 250 : 500);
    messages.push({ role, content });
    total += content.length;
  }
  return messages;
}

const MESSAGES = conversation();
const FIRST_EMAIL = /[\w.-]+@example\.com/.exec(MESSAGES.map((m) => m.content).join(' '))?.[0] ?? '';
const BUFFERED_EVENT = chatEvent({ model: 'claims-triage', messages: MESSAGES, max_tokens: 512, temperature: 0.2 });
const STREAM_EVENT = chatEvent({ model: 'claims-triage', messages: MESSAGES, max_tokens: 512, temperature: 0.2, stream: true });
const MODEL_EMAIL = 'claims.desk@example.org';
const ANSWER = `${prose(seededRandom(2048), 1900, 0)}\n\nReply to <EMAIL_1> and copy ${MODEL_EMAIL}, or call 415-555-0134.`;

const now = () => performance.now();
const cpuMicros = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) => (to.user - from.user) + (to.system - from.system);

/** A response stream in memory that notes when its first two writes began. */
class TimedSink implements ResponseSink {
  public head: ResponseHead | undefined;
  public readonly writes: string[] = [];
  public readonly writeAt: number[] = [];
  public readonly writeCpu: NodeJS.CpuUsage[] = [];
  public readonly closed = new AbortController().signal;

  public get opened(): boolean {
    return this.head !== undefined;
  }

  public open(head: ResponseHead): void {
    this.head = head;
  }

  public async write(text: string): Promise<void> {
    if (this.writes.length < 2) {
      this.writeAt.push(now());
      this.writeCpu.push(process.cpuUsage());
    }
    this.writes.push(text);
  }

  public async end(): Promise<void> {}
}

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Per-event timings of one stream: from each `yield` to the consumer asking for the next event. */
interface EventTimes {
  readonly wall: number[];
  readonly cpu: number[];
  readonly wrote: boolean[];
}

/**
 * A backend in this process. `complete()` answers at once. `stream()` waits for
 * `release()` before its first event, then yields the script back to back, noting
 * when the first event left and, for every later text event, how long the consumer
 * took before asking for the next.
 */
class BenchBackend implements ChatBackend {
  public readonly streams = true;
  public script: readonly ChatStreamEvent[] = [];
  public sink: TimedSink | undefined;
  public times: EventTimes | undefined;
  public firstAt = 0;
  public firstCpu: NodeJS.CpuUsage = process.cpuUsage();
  public resumedAt = 0;
  private started = deferred();
  private gate = deferred();

  public async complete(): Promise<ChatBackendAnswer> {
    return { text: ANSWER, finishReason: 'stop' };
  }

  /** A new call: the stream will wait at its first event until `release()`. */
  public arm(script: readonly ChatStreamEvent[], sink: TimedSink, times?: EventTimes): void {
    this.script = script;
    this.sink = sink;
    this.times = times;
    this.started = deferred();
    this.gate = deferred();
  }

  /** Resolves once the consumer has asked for the first event. */
  public waiting(): Promise<void> {
    return this.started.promise;
  }

  public release(): void {
    this.gate.resolve();
  }

  public stream(): AsyncIterable<ChatStreamEvent> {
    const { script, sink, times, started, gate } = this;
    const first = (cpu: NodeJS.CpuUsage, at: number) => {
      this.firstCpu = cpu;
      this.firstAt = at;
    };
    const resumed = (at: number) => {
      this.resumedAt = at;
    };
    return {
      [Symbol.asyncIterator]: async function* () {
        started.resolve();
        await gate.promise;
        first(process.cpuUsage(), now());
        yield script[0];
        resumed(now());
        for (let i = 1; i < script.length; i++) {
          const writes = sink?.writes.length ?? 0;
          const c0 = process.cpuUsage();
          const t0 = now();
          yield script[i];
          const t1 = now();
          const c1 = process.cpuUsage();
          if (times && script[i].type === 'text') {
            times.wall.push((t1 - t0) * 1000);
            times.cpu.push(cpuMicros(c0, c1));
            times.wrote.push((sink?.writes.length ?? 0) > writes);
          }
        }
      },
    };
  }
}

const backend = new BenchBackend();
const config = proxyConfig({ restorePlaceholders: true, streamIdleTimeoutMs: 60_000 });
let bytesLogged = 0;
const proxy = createChatProxy({
  config,
  guards: createChatGuards(config),
  backend,
  logger: createJsonLogger({ service: 'chat-proxy', write: (line) => { bytesLogged += line.length; } }),
});
const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 25_000 };

/** The consumer a proxy-less route would be: each event written to the sink as it comes. */
async function bareConsumer(sink: TimedSink): Promise<void> {
  sink.open({ statusCode: 200, headers: {} });
  for await (const e of backend.stream()) await sink.write(`data: ${JSON.stringify(e)}\n\n`);
}

/** One streamed call with the first event held until the proxy (or the bare loop) waits for it. */
async function streamCall(script: readonly ChatStreamEvent[], bare: boolean, times?: EventTimes): Promise<TimedSink> {
  const sink = new TimedSink();
  backend.arm(script, sink, times);
  const done = bare ? bareConsumer(sink) : proxy(STREAM_EVENT, sink, context);
  await backend.waiting();
  await new Promise((resolve) => setImmediate(resolve));
  backend.release();
  await done;
  if (sink.head?.statusCode !== 200) throw new Error(`stream answered ${sink.head?.statusCode}: ${sink.writes.join('')}`);
  return sink;
}

const text = (t: string): ChatStreamEvent => ({ type: 'text', text: t });
const END: ChatStreamEvent = { type: 'end', finishReason: 'stop' };

/** Paragraphs of about 300 characters between blank lines, a placeholder in some, an e-mail address in every sixth. */
function streamedAnswer(seed: number, paragraphs: number): string {
  const random = seededRandom(seed);
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const body = prose(random, 280 + Math.floor(random() * 40), 0);
    out.push(p % 6 === 5 ? `${body} Write to ${NAMES[p % NAMES.length]}@example.com.` : p % 3 === 1 ? `${body} Copy <EMAIL_1>.` : body);
  }
  return out.join('\n\n');
}

/** Token-sized pieces: 3 to 8 characters. */
function tokens(answer: string, seed: number): string[] {
  const random = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < answer.length;) {
    const n = 3 + Math.floor(random() * 6);
    out.push(answer.slice(i, i + n));
    i += n;
  }
  return out;
}

interface Row {
  readonly wall: Distribution;
  readonly cpu: Distribution;
}

const ms = (micros: number, digits = 3) => fmt(micros / 1000, digits);
const verdict = (row: Row, pick: (d: Distribution) => number, limitMicros: number) =>
  `wall ${pick(row.wall) <= limitMicros ? 'met' : 'MISSED'}, cpu ${pick(row.cpu) <= limitMicros ? 'met' : 'MISSED'}`;

async function buffered(): Promise<void> {
  const check = new TimedSink();
  await proxy(BUFFERED_EVENT, check, context);
  const body = check.writes.join('');
  if (check.head?.statusCode !== 200) throw new Error(`buffered call answered ${check.head?.statusCode}: ${body}`);
  if (!body.includes(FIRST_EMAIL) || body.includes(MODEL_EMAIL)) throw new Error('the answer was not restored and masked as expected');

  const baseline = distribution(sample(() => JSON.stringify(JSON.parse(BUFFERED_EVENT.body as string)), BUFFERED_SAMPLES).wall);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < WARMUP + BUFFERED_SAMPLES; i++) {
    const sink = new TimedSink();
    const c0 = process.cpuUsage();
    const t0 = now();
    await proxy(BUFFERED_EVENT, sink, context);
    const t1 = now();
    const c1 = process.cpuUsage();
    if (i < WARMUP) continue;
    wall.push((t1 - t0) * 1000);
    cpu.push(cpuMicros(c0, c1));
  }
  const row = { wall: distribution(wall), cpu: distribution(cpu) };
  console.log(`\n1. Buffered call, ${BUFFERED_EVENT.body?.length} B body (${MESSAGES.length} turns), 2 KB answer, real guards`);
  printTable(['case', 'samples', 'wall median ms', 'wall p99 ms', 'cpu median ms', 'cpu p99 ms', 'baseline ms', 'x baseline', 'target', 'result'], [
    ['whole handler', BUFFERED_SAMPLES, ms(row.wall.median), ms(row.wall.p99), ms(row.cpu.median), ms(row.cpu.p99),
      ms(baseline.median), fmt(row.wall.median / baseline.median, 1), 'median ≤ 2 ms', verdict(row, (d) => d.median, 2000)],
  ]);
}

/** Wall microseconds of `fn`, after a warm-up. */
function sample(fn: () => unknown, samples: number): { wall: number[] } {
  for (let i = 0; i < WARMUP; i++) fn();
  const wall: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = now();
    fn();
    wall.push((now() - t0) * 1000);
  }
  return { wall };
}

/** First event's yield to the sink's write number `write` (0: the first), over many calls. */
async function firstWrite(script: readonly ChatStreamEvent[], write: number, bare: boolean, mustPrecedeRest: boolean): Promise<Row> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < WARMUP + FIRST_TOKEN_SAMPLES; i++) {
    const sink = await streamCall(script, bare);
    const at = sink.writeAt[write];
    // The content write must come from the first event alone, before the stream goes on.
    if (at === undefined || (mustPrecedeRest && at > backend.resumedAt)) throw new Error(`write ${write} did not follow the first event`);
    if (i < WARMUP) continue;
    wall.push((at - backend.firstAt) * 1000);
    cpu.push(cpuMicros(backend.firstCpu, sink.writeCpu[write]));
  }
  return { wall: distribution(wall), cpu: distribution(cpu) };
}

async function firstToken(): Promise<void> {
  const random = seededRandom(77);
  const paragraph = `${prose(random, 300, 0)}\n\n${prose(random, 450, 0)}`;
  const tokenFirst = [text('Sure'), text(', the'), text(' claim'), END];
  const paragraphFirst = [text(paragraph), text(' more'), END];
  const check = await streamCall(paragraphFirst, false);
  if (!check.writes[1]?.includes(paragraph.slice(0, 40))) throw new Error('the first paragraph was not released by its first event');

  const rows: Array<[string, Row, boolean]> = [
    ['first byte (role chunk)', await firstWrite(tokenFirst, 0, false, false), true],
    ['first content (paragraph + 450 chars in event 1)', await firstWrite(paragraphFirst, 1, false, true), true],
    ['baseline: bare loop, first write', await firstWrite(tokenFirst, 0, true, false), false],
  ];
  console.log(`\n2. Time to first token added by the proxy (first event's yield to the write), ${FIRST_TOKEN_SAMPLES} calls each`);
  printTable(['case', 'wall median ms', 'wall p99 ms', 'cpu median ms', 'cpu p99 ms', 'target', 'result'],
    rows.map(([label, row, targeted]) => [label, ms(row.wall.median), ms(row.wall.p99), ms(row.cpu.median), ms(row.cpu.p99),
      targeted ? 'p99 ≤ 5 ms' : '', targeted ? verdict(row, (d) => d.p99, 5000) : '']));
}

async function laterEvents(): Promise<void> {
  const proxied: EventTimes = { wall: [], cpu: [], wrote: [] };
  const bare: EventTimes = { wall: [], cpu: [], wrote: [] };
  let events = 0;
  for (let s = -3; s < STREAMS; s++) {
    const script = [...tokens(streamedAnswer(1000 + s, 24), 2000 + s).map(text), END];
    events += s >= 0 ? script.length - 2 : 0;
    const sink = await streamCall(script, false, s >= 0 ? proxied : undefined);
    if (!sink.writes.join('').includes('[DONE]')) throw new Error('the stream did not complete');
    await streamCall(script, true, s >= 0 ? bare : undefined);
  }
  const wrote = proxied.wrote.filter(Boolean).length;
  const split = (want: boolean) => proxied.wall.filter((_, i) => proxied.wrote[i] === want);
  const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const row = (t: EventTimes): Row => ({ wall: distribution(t.wall), cpu: distribution(t.cpu) });
  const all = row(proxied);
  const base = row(bare);
  console.log(`\n3. Each later text event (3-8 characters; ${STREAMS} streams, ${events} events, paragraphs of ~300 characters): yield to next request`);
  const us = (n: number) => fmt(n, 1);
  printTable(['case', 'events', 'wall median µs', 'wall p99 µs', 'wall mean µs', 'cpu median µs', 'cpu p99 µs', 'with a write', 'target', 'result'], [
    ['proxy, every event', proxied.wall.length, us(all.wall.median), us(all.wall.p99), us(mean(proxied.wall)), us(all.cpu.median), us(all.cpu.p99),
      `${fmt((100 * wrote) / proxied.wrote.length, 2)} %`, 'p99 ≤ 1 ms', verdict(all, (d) => d.p99, 1000)],
    ['proxy, events that wrote', wrote, us(distribution(split(true)).median), us(distribution(split(true)).p99), us(mean(split(true))), '', '', '', '', ''],
    ['proxy, events that did not', proxied.wall.length - wrote, us(distribution(split(false)).median), us(distribution(split(false)).p99),
      us(mean(split(false))), '', '', '', '', ''],
    ['baseline: bare loop', bare.wall.length, us(base.wall.median), us(base.wall.p99), us(mean(bare.wall)), us(base.cpu.median), us(base.cpu.p99),
      '100 %', '', ''],
  ]);
}

async function main(): Promise<void> {
  const load = () => loadavg().map((n) => fmt(n, 2)).join(', ');
  console.log(`load average at start: ${load()}`);
  await buffered();
  await firstToken();
  await laterEvents();
  console.log(`\nload average at end: ${load()}; ${bytesLogged} audit bytes written`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
