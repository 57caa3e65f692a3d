/**
 * The response cache on the chat route, against dynalite on loopback and a
 * loopback KMS GenerateMac stand-in (called once per tenant, then cached):
 *
 * 1. a buffered cache hit answering a 4 KB conversation (the whole handler
 *    path: guards, masking, key derivation, lookup, restoring) vs the
 *    pass-through path of the same route without a cache, its model answering
 *    at once. Target: the hit is faster.
 * 2. a streamed hit: the time from the call to the first byte written (the
 *    role chunk), and to the first content. Target: p99 ≤ 5 ms.
 * Each for a hit from the execution environment's memory tier (the cache as
 * shipped, after its first hit) and for a hit from the table (the same cache
 * without the memory tier: a fresh environment's first hit).
 * Baseline in the same run: one plain GetItem round trip to the same server.
 *
 *   npx tsx bench/run.ts response-cache
 *
 * The code runs as shipped: bundled and minified by esbuild (bench/support/bundle.ts).
 */
import type { ChatBackend, ChatBackendAnswer, ChatStreamEvent } from '../lambda/chat/backend';
import type { ResponseHead, ResponseSink } from '../lambda/chat-proxy/response-sink';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { startCacheTable, startKmsStub } from '../test/lambda/response-cache/servers';
import { loadBenchBundle } from './support/bundle';
import { distribution, fmt, printTable, type Distribution } from './support/stats';

const bundle = loadBenchBundle<typeof import('./response-cache/entry')>('bench/response-cache/entry.ts', 'response-cache');
const { chatEvent, createChatGuards, createChatProxy, createJsonLogger, proxyConfig, responseCacheFromConfig } = bundle;

const SAMPLES = 1000;
const WARMUP = 100;
const WORDS = 'claim policy water damage kitchen adjuster estimate premium deductible coverage report repair invoice photo'.split(' ');

function conversation(): Array<{ role: string; content: string }> {
  const messages = [{ role: 'system', content: 'You triage insurance claims for the claims desk.' }];
  let total = messages[0].content.length;
  for (let i = 0; total < 4096; i++) {
    const words: string[] = [];
    for (let w = 0; words.join(' ').length < 560; w++) words.push(w % 40 === 39 ? `agent${i}.${w}@example.com` : WORDS[(i * 7 + w) % WORDS.length]);
    const content = words.join(' ').slice(0, Math.min(600, 4096 - total));
    messages.push({ role: i % 2 === 0 ? 'user' : 'assistant', content });
    total += content.length;
  }
  return messages;
}

const MESSAGES = conversation();
const ANSWER = `${WORDS.join(' ').repeat(12)}\n\nReply to <EMAIL_1> or call 415-555-0134.`;
const AUTHORIZER = { principalId: 'user-1', tenant: 'acme', scopes: 'chat:read chat:write' };
const event = (stream: boolean): APIGatewayProxyEvent => chatEvent(
  { model: 'claims-triage', messages: MESSAGES, max_tokens: 512, temperature: 0, stream },
  { requestContext: { requestId: 'bench', authorizer: AUTHORIZER } as unknown as APIGatewayProxyEvent['requestContext'] },
);

/** A model that answers at once. */
const instant: ChatBackend = {
  streams: true,
  complete: async (): Promise<ChatBackendAnswer> => ({ text: ANSWER, finishReason: 'stop', usage: { promptTokens: 900, completionTokens: 300 } }),
  stream: () => ({
    [Symbol.asyncIterator]: async function* () {
      for (let i = 0; i < ANSWER.length; i += 16) yield { type: 'text', text: ANSWER.slice(i, i + 16) } as ChatStreamEvent;
      yield { type: 'end', finishReason: 'stop', usage: { promptTokens: 900, completionTokens: 300 } } as ChatStreamEvent;
    },
  }),
};

class TimedSink implements ResponseSink {
  public head: ResponseHead | undefined;
  public readonly writeAt: number[] = [];
  public readonly closed = new AbortController().signal;
  public get opened(): boolean {
    return this.head !== undefined;
  }
  public open(head: ResponseHead): void {
    this.head = head;
  }
  public async write(): Promise<void> {
    if (this.writeAt.length < 2) this.writeAt.push(performance.now());
  }
  public async end(): Promise<void> {}
}

const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 25_000 };

async function main(): Promise<void> {
  const [table, kms] = await Promise.all([startCacheTable(), startKmsStub()]);
  try {
    const logger = createJsonLogger({ service: 'bench', write: () => undefined });
    const cacheConfig = { tableName: table.tableName, ttlSeconds: 3600, hmacKeyId: 'alias/bench', cacheNonZeroTemperature: false };
    const config = proxyConfig({ restorePlaceholders: true, streamIdleTimeoutMs: 60_000 });
    const clients = bundle.loopbackClients(table.endpoint, kms.endpoint);
    const passThrough = createChatProxy({ config, guards: createChatGuards(config), backend: instant, logger });
    const cachedConfig = { ...config, cache: cacheConfig };
    const cached = createChatProxy({
      config: cachedConfig, guards: createChatGuards(cachedConfig), backend: instant, logger, cache: responseCacheFromConfig(cacheConfig, clients, logger),
    });
    const fromTable = createChatProxy({
      config: cachedConfig, guards: createChatGuards(cachedConfig), backend: instant, logger, cache: bundle.tableOnlyCache(cacheConfig, clients, logger),
    });
    const buffered = event(false);
    const streamed = event(true);
    const first = new TimedSink();
    await cached(buffered, first, context);
    const check = new TimedSink();
    const reads = table.getItemCalls();
    await cached(buffered, check, context);
    if (check.head?.headers['x-cache'] !== 'hit') throw new Error(`expected a hit, got ${check.head?.headers['x-cache']}`);
    if (table.getItemCalls() !== reads) throw new Error('expected the hit from memory, without a table read');
    const tableCheck = new TimedSink();
    await fromTable(buffered, tableCheck, context);
    if (tableCheck.head?.headers['x-cache'] !== 'hit') throw new Error(`expected a table hit, got ${tableCheck.head?.headers['x-cache']}`);

    const timings = {
      pass: [] as number[], hit: [] as number[], tableHit: [] as number[], get: [] as number[],
      firstByte: [] as number[], firstText: [] as number[], tableFirstByte: [] as number[],
    };
    const streamedHit = async (proxy: typeof cached, byte: number[], text?: number[]) => {
      const sink = new TimedSink();
      const t0 = performance.now();
      await proxy(streamed, sink, context);
      if (sink.head?.headers['x-cache'] !== 'hit') throw new Error('expected a streamed hit');
      byte.push(sink.writeAt[0] - t0);
      text?.push(sink.writeAt[1] - t0);
    };
    const timed = async (into: number[], run: () => Promise<unknown>) => {
      const t0 = performance.now();
      await run();
      into.push(performance.now() - t0);
    };
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      // Interleaved, so machine load hits every path alike; warm-up samples are dropped below.
      await timed(timings.pass, () => passThrough(buffered, new TimedSink(), context));
      await timed(timings.hit, () => cached(buffered, new TimedSink(), context));
      await timed(timings.tableHit, () => fromTable(buffered, new TimedSink(), context));
      await timed(timings.get, () => bundle.plainGet(clients, table.tableName));
      await streamedHit(cached, timings.firstByte, timings.firstText);
      await streamedHit(fromTable, timings.tableFirstByte);
    }
    for (const samples of Object.values(timings)) samples.splice(0, WARMUP);
    const row = (name: string, d: Distribution, target = '') => [name, fmt(d.median), fmt(d.p99), fmt(d.max), target];
    const pass = distribution(timings.pass);
    const faster = (d: Distribution) => (d.median < pass.median ? 'faster: met' : 'faster: MISSED');
    const within = (d: Distribution) => (d.p99 <= 5 ? 'p99 <= 5: met' : 'p99 <= 5: MISSED');
    const hit = distribution(timings.hit);
    const tableHit = distribution(timings.tableHit);
    const firstByte = distribution(timings.firstByte);
    const tableFirstByte = distribution(timings.tableFirstByte);
    console.log(`response cache, 4 KB conversation, ${SAMPLES} samples each (ms); KMS GenerateMac calls: ${[...kms.calls.values()].join(',')}`);
    printTable(['path', 'median', 'p99', 'max', 'target'], [
      row('baseline: plain GetItem round trip', distribution(timings.get)),
      row('pass-through, instant model (buffered)', pass),
      row('memory hit (buffered)', hit, faster(hit)),
      row('table hit (buffered)', tableHit, faster(tableHit)),
      row('memory hit streamed: first byte', firstByte, within(firstByte)),
      row('memory hit streamed: first content', distribution(timings.firstText)),
      row('table hit streamed: first byte', tableFirstByte, within(tableFirstByte)),
    ]);
  } finally {
    await Promise.all([table.close(), kms.close()]);
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
