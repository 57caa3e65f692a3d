/**
 * Failover under injected faults, through each backend kind's real client:
 * the SageMaker runtime SDK (InvokeEndpoint and its response stream), the
 * Bedrock runtime SDK (Converse and ConverseStream over HTTP/2) and an
 * OpenAI-compatible HTTP server (JSON and SSE), each target its own loopback
 * server. Per fault, kind and mode: with one healthy target left the call
 * succeeds; with none it ends in a clean error inside the deadline; never more
 * requests than `maxAttempts`; a failure after the first byte ends in the
 * in-band error with no second target asked. The matrix is in
 * docs/model-connectivity.md ("Routing and failover").
 */
import { createChatBackend } from '../../../lambda/chat/backends/create-chat-backend';
import { createChatGuards } from '../../../lambda/chat-proxy/chat-guards';
import { createChatProxy } from '../../../lambda/chat-proxy/chat-proxy';
import { createRouter, type TargetSpec } from '../../../lambda/routing/router';
import type { BackendConfig, ModelProxyConfig, RequestFormatName } from '../../../lib/contracts/model-proxy';
import {
  EVENT_STREAM_CONTENT_TYPE, frameEvent, startStreamStub, type StreamReply, type StreamStub, type StreamStubRequest,
} from '../../helpers/event-stream-stub';
import { CREDENTIALS } from '../chat/backends/chat-fixtures';
import { completionBody, sseAnswer } from '../chat/backends/openai-sse';
import { chatEvent, MemorySink } from '../chat-proxy/fakes';
import { invocationContext, memoryLogger, proxyConfig } from '../model-proxy/fakes';

type Kind = 'sagemaker' | 'bedrock' | 'http';
type Fault = '429' | '500' | '503' | 'timeout' | 'slowFirstByte' | 'reset';
const KINDS: readonly Kind[] = ['sagemaker', 'bedrock', 'http'];
const FAULTS: readonly Fault[] = ['429', '500', '503', 'timeout', 'slowFirstByte', 'reset'];
const REMAINING_MS = 4000;
const MARGIN_MS = 500;
const MAX_ATTEMPTS = 2;

const streamed = (kind: Kind, req: StreamStubRequest) => (kind === 'http' ? JSON.parse(req.body).stream === true
  : kind === 'sagemaker' ? req.path.endsWith('invocations-response-stream') : req.path.endsWith('/converse-stream'));

const errorTypes: Record<Kind, Record<'429' | '500' | '503', [number, string]>> = {
  sagemaker: { 429: [400, 'ThrottlingException'], 500: [500, 'InternalFailure'], 503: [503, 'ServiceUnavailable'] },
  bedrock: { 429: [429, 'ThrottlingException'], 500: [500, 'InternalServerException'], 503: [503, 'ServiceUnavailableException'] },
  http: { 429: [429, 'Throttled'], 500: [500, 'Internal'], 503: [503, 'Unavailable'] },
};

function streamHead(kind: Kind, reply: StreamReply): void {
  reply.head(200, { 'content-type': kind === 'http' ? 'text/event-stream' : EVENT_STREAM_CONTENT_TYPE });
}

/** The answer's stream as the kind frames it, cut in two: the first event alone, then the rest. */
function streamParts(kind: Kind, text: string): [Buffer, Buffer] {
  if (kind === 'bedrock') {
    return [frameEvent('messageStart', { role: 'assistant' }), Buffer.concat([
      frameEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text } }),
      frameEvent('contentBlockStop', { contentBlockIndex: 0 }),
      frameEvent('messageStop', { stopReason: 'end_turn' }),
      frameEvent('metadata', { usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 }, metrics: { latencyMs: 1 } }),
    ])];
  }
  const sse = sseAnswer([text]);
  const cut = sse.indexOf('\n\n') + 2;
  const wrap = (s: string) => (kind === 'http' ? Buffer.from(s) : frameEvent('PayloadPart', new Uint8Array(Buffer.from(s))));
  return [wrap(sse.slice(0, cut)), wrap(sse.slice(cut))];
}

/** The start of an answer, up to and including its first text. */
function partialAnswer(kind: Kind): Buffer {
  if (kind === 'bedrock') {
    return Buffer.concat([
      frameEvent('messageStart', { role: 'assistant' }),
      frameEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Partial ' } }),
    ]);
  }
  const sse = sseAnswer(['Partial ', 'answer']);
  const cut = sse.indexOf('\n\n', sse.indexOf('\n\n') + 2) + 2;
  return kind === 'http' ? Buffer.from(sse.slice(0, cut)) : frameEvent('PayloadPart', new Uint8Array(Buffer.from(sse.slice(0, cut))));
}

/** A healthy target: the whole answer, buffered or streamed. */
const healthy = (kind: Kind, text: string) => async (req: StreamStubRequest, reply: StreamReply) => {
  if (!streamed(kind, req)) {
    reply.head(200, { 'content-type': 'application/json' });
    reply.end(kind === 'bedrock'
      ? JSON.stringify({
        output: { message: { role: 'assistant', content: [{ text }] } }, stopReason: 'end_turn', usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 },
      })
      : completionBody(text));
    return;
  }
  streamHead(kind, reply);
  const [first, rest] = streamParts(kind, text);
  await reply.write(first);
  await reply.write(rest);
  reply.end();
};

const faulty = (kind: Kind, fault: Fault | 'midStream') => async (req: StreamStubRequest, reply: StreamReply) => {
  switch (fault) {
    case '429': case '500': case '503': {
      const [status, type] = errorTypes[kind][fault];
      reply.head(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
      reply.end(JSON.stringify({ message: 'backend detail' }));
      return;
    }
    case 'timeout':
      return; // never answers
    case 'slowFirstByte':
      // Headers at once, the first event only after the attempt's limit.
      if (streamed(kind, req)) streamHead(kind, reply);
      else reply.head(200, { 'content-type': 'application/json' });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      if (!req.closedByClient()) reply.cut();
      return;
    case 'reset':
      reply.cut();
      return;
    default: {
      // The role event alone yields nothing to the caller: the cut comes after a text delta has been sent on.
      streamHead(kind, reply);
      await reply.write(partialAnswer(kind));
      await new Promise((resolve) => setTimeout(resolve, 20));
      reply.cut();
    }
  }
};

const specOf = (kind: Kind, url: string): { backend: BackendConfig; requestFormat: RequestFormatName; responseTextPath: string } => {
  if (kind === 'bedrock') {
    return {
      backend: { type: 'bedrock', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' }, requestFormat: 'ANTHROPIC_MESSAGES', responseTextPath: 'content[0].text',
    };
  }
  const responseTextPath = 'choices[0].message.content';
  if (kind === 'sagemaker') return { backend: { type: 'sagemaker', endpointName: 'claims-llm' }, requestFormat: 'OPENAI_CHAT', responseTextPath };
  return { backend: { type: 'http', url: `${url}/v1/chat/completions`, allowInsecureHttp: true }, requestFormat: 'OPENAI_CHAT', responseTextPath };
};

const stubs: Record<Kind, [StreamStub, StreamStub]> = {} as never;
beforeAll(async () => {
  for (const kind of KINDS) {
    const options = { http2: kind === 'bedrock' };
    stubs[kind] = [await startStreamStub(() => undefined, options), await startStreamStub(() => undefined, options)];
  }
});
afterAll(async () => {
  for (const kind of KINDS) for (const s of stubs[kind]) await s.close();
});

async function call(kind: Kind, stream: boolean) {
  const [first, second] = stubs[kind];
  first.requests.length = 0;
  second.requests.length = 0;
  const url = { first: first.url, second: second.url };
  const target = (id: 'first' | 'second', priority: number) => ({ id, ...specOf(kind, url[id]), priority, weight: 1 });
  const config: ModelProxyConfig = proxyConfig({
    ...specOf(kind, first.url),
    timeoutMarginMs: MARGIN_MS,
    streamIdleTimeoutMs: 1000,
    routing: {
      versions: [{ name: 'v1', weight: 1, restricted: false, targets: [target('first', 10), target('second', 5)] }],
      stickinessSeconds: 0, maxAttempts: MAX_ATTEMPTS, attemptTimeoutMs: 1000,
      breaker: { windowMs: 30_000, minimumCalls: 10, failureRate: 0.5, consecutiveFailures: 5, coolDownMs: 15_000, halfOpenProbes: 1 },
    },
  });
  const stubFor = (spec: TargetSpec, id: string) => createChatBackend(
    spec, kind === 'http' ? {} : { endpoint: stubs[kind][id === 'first' ? 0 : 1].url, region: 'eu-west-1', credentials: CREDENTIALS },
  );
  const log = memoryLogger();
  const proxy = createChatProxy({ config, guards: createChatGuards(config), router: createRouter(config, stubFor), logger: log.logger });
  const sink = new MemorySink();
  const started = Date.now();
  const event = chatEvent({ model: 'claims-triage', stream, messages: [{ role: 'user', content: 'Is water damage covered?' }] });
  await proxy(event, sink, invocationContext(REMAINING_MS));
  return {
    sink,
    ms: Date.now() - started,
    requests: first.requests.length + second.requests.length,
    firstCount: first.requests.length,
    secondCount: second.requests.length,
    audit: log.records().find((r) => r.message === 'model invocation'),
  };
}

describe.each(KINDS)('%s targets', (kind) => {
  describe.each([false, true])('streamed %s', (stream) => {
    test.each(FAULTS)('%s on the first target: the second serves, no failed request', async (fault) => {
      stubs[kind][0].respond(faulty(kind, fault));
      stubs[kind][1].respond(healthy(kind, 'Covered.'));
      const r = await call(kind, stream);
      expect(r.sink.head?.statusCode).toBe(200);
      expect(stream ? r.sink.streamedText() : JSON.parse(r.sink.body).choices[0].message.content).toBe('Covered.');
      expect([r.firstCount, r.secondCount]).toEqual([1, 1]);
      expect(r.audit).toMatchObject({ version: 'v1', target: 'second', failovers: 1 });
      expect(r.sink.body).not.toMatch(/first|second|v1/);
    });

    test.each(FAULTS)('%s on every target: a clean error inside the deadline, at most maxAttempts requests', async (fault) => {
      stubs[kind][0].respond(faulty(kind, fault));
      stubs[kind][1].respond(faulty(kind, fault));
      const r = await call(kind, stream);
      expect([429, 502, 503, 504]).toContain(r.sink.head?.statusCode);
      if (fault !== '429') expect(r.sink.head?.statusCode).not.toBe(429);
      expect(r.ms).toBeLessThan(REMAINING_MS);
      expect(r.requests).toBeLessThanOrEqual(MAX_ATTEMPTS);
      expect(r.sink.body).not.toContain('backend detail');
    });
  });

  test('a failure after the first byte ends the stream in-band; no other target is asked', async () => {
    stubs[kind][0].respond(faulty(kind, 'midStream'));
    stubs[kind][1].respond(healthy(kind, 'Covered.'));
    const r = await call(kind, true);
    expect(r.sink.head?.statusCode).toBe(200);
    expect([r.firstCount, r.secondCount]).toEqual([1, 0]);
    const events = r.sink.events();
    expect(events.at(-1)).toBe('[DONE]');
    expect(events.some((e) => typeof e === 'object' && e !== null && 'error' in e)).toBe(true);
    expect(r.sink.streamedText()).not.toContain('Covered.');
    expect(r.audit).toMatchObject({ failedMidStream: true, target: 'first', failovers: 0 });
  });
});
