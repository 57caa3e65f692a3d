/**
 * Failover end to end through the SHIPPED bundles, assets/model-proxy/index.js
 * and assets/chat-proxy/index.js, each configured as the constructs write it:
 * a `routing` of two self-hosted HTTP targets on loopback, the first in the
 * higher priority group. The chat route is reached through the official
 * `openai` client and a local stand-in for API Gateway's STREAM integration.
 */
import { join } from 'node:path';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import OpenAI from 'openai';
import { DEFAULT_BREAKER, MODEL_PROXY_CONFIG_ENV, type ModelProxyConfig, type RoutingTargetConfig } from '../../lib/contracts/model-proxy';
import { captureLogLines, type CapturedOutput } from '../helpers/capture-output';
import { startStreamStub, type StreamReply, type StreamStub, type StreamStubRequest } from '../helpers/event-stream-stub';
import { installStreamingRuntime, startStreamingFront, type StreamingFront } from '../helpers/streaming-front';
import { completionBody, sseAnswer } from '../lambda/chat/backends/openai-sse';
import { apiEvent, proxyConfig } from '../lambda/model-proxy/fakes';

const MODEL = 'claims-triage';
const INVOKE_BUNDLE = join(__dirname, '../../assets/model-proxy/index.js');
const CHAT_BUNDLE = join(__dirname, '../../assets/chat-proxy/index.js');
const BACKEND_DETAIL = 'backend detail about the prompt';

/** Two targets: `first` (priority 10) and `second` (priority 5), both OpenAI-compatible servers. */
function routedConfig(first: StreamStub, second: StreamStub): ModelProxyConfig {
  const target = (id: string, stub: StreamStub, priority: number): RoutingTargetConfig => ({
    id, backend: { type: 'http', url: `${stub.url}/v1/chat/completions`, allowInsecureHttp: true },
    requestFormat: 'OPENAI_CHAT', responseTextPath: 'choices[0].message.content', priority, weight: 1,
  });
  return proxyConfig({
    model: MODEL,
    backend: { type: 'http', url: `${first.url}/v1/chat/completions`, allowInsecureHttp: true },
    requestFormat: 'OPENAI_CHAT',
    responseTextPath: 'choices[0].message.content',
    streamIdleTimeoutMs: 2000,
    routing: {
      versions: [{ name: 'v1', weight: 1, restricted: false, targets: [target('first', first, 10), target('second', second, 5)] }],
      stickinessSeconds: 0, maxAttempts: 2, attemptTimeoutMs: 2000, breaker: DEFAULT_BREAKER,
    },
  });
}

/** Loads a bundle with this configuration, as Lambda would at cold start: a fresh module, the variable set while it loads. */
function loadBundle<H>(bundle: string, config: ModelProxyConfig): H {
  const saved = process.env[MODEL_PROXY_CONFIG_ENV];
  process.env[MODEL_PROXY_CONFIG_ENV] = JSON.stringify(config);
  try {
    let handler: H | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      handler = (require(bundle) as { handler: H }).handler;
    });
    return handler!;
  } finally {
    if (saved === undefined) delete process.env[MODEL_PROXY_CONFIG_ENV];
    else process.env[MODEL_PROXY_CONFIG_ENV] = saved;
  }
}

const unavailable = (_req: StreamStubRequest, reply: StreamReply) => {
  reply.head(503, { 'content-type': 'application/json' });
  reply.end(JSON.stringify({ error: { message: BACKEND_DETAIL } }));
};

/** A healthy OpenAI-compatible server: one completion, or the same text as SSE. */
const answering = (text: string) => async (req: StreamStubRequest, reply: StreamReply) => {
  if (JSON.parse(req.body).stream !== true) {
    reply.head(200, { 'content-type': 'application/json' });
    reply.end(completionBody(text));
    return;
  }
  reply.head(200, { 'content-type': 'text/event-stream' });
  await reply.write(sseAnswer([text]));
  reply.end();
};

let first: StreamStub;
let second: StreamStub;
let logs: CapturedOutput;
beforeAll(async () => {
  first = await startStreamStub(() => undefined);
  second = await startStreamStub(() => undefined);
});
afterAll(async () => {
  await first.close();
  await second.close();
});
beforeEach(() => {
  first.requests.length = 0;
  second.requests.length = 0;
  logs = captureLogLines();
});
afterEach(() => logs.restore());

const audits = () => logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r.message === 'model invocation');

describe('invoke route: assets/model-proxy/index.js', () => {
  type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyResult>;
  const context = { awsRequestId: 'lambda-req-1', functionName: 'model-proxy', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

  test('the first target answers 503: the caller gets 200 from the second, and only the audit line says so', async () => {
    const handler = loadBundle<Handler>(INVOKE_BUNDLE, routedConfig(first, second));
    first.respond(unavailable);
    second.respond(answering('Covered under section 4.'));
    const res = await handler(apiEvent({ prompt: 'Is water damage covered?', parameters: { maxTokens: 64 } }), context);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ model: MODEL, output: 'Covered under section 4.' });
    expect([first.requests.length, second.requests.length]).toEqual([1, 1]);
    expect(audits().at(-1)).toMatchObject({
      status: 200, version: 'v1', target: 'second', targetsTried: 'first:failed,second', failovers: 1, attempts: 2,
    });
    expect(res.body + JSON.stringify(res.headers ?? {})).not.toMatch(/first|second|"v1"|failover/);
  });
});

describe('chat route: assets/chat-proxy/index.js through the openai client', () => {
  let front: StreamingFront;
  let removeRuntime: () => void;
  let client: OpenAI;
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Is water damage covered?' }];

  beforeAll(async () => {
    removeRuntime = installStreamingRuntime();
    front = await startStreamingFront({
      handler: loadBundle(CHAT_BUNDLE, routedConfig(first, second)), resource: (path) => path.replace(`/${MODEL}/`, '/{model}/'),
    });
    client = new OpenAI({ baseURL: `${front.url}/v1/models/${MODEL}`, apiKey: 'not-used', maxRetries: 0, timeout: 20_000 });
  });
  afterAll(async () => {
    await front?.close();
    removeRuntime();
  });

  test('the first target answers 503: a buffered call gets 200 from the second', async () => {
    first.respond(unavailable);
    second.respond(answering('Covered.'));
    const completion = await client.chat.completions.create({ model: MODEL, messages });
    expect(completion.choices[0].message.content).toBe('Covered.');
    expect([first.requests.length, second.requests.length]).toEqual([1, 1]);
    expect(audits().at(-1)).toMatchObject({ status: 200, stream: false, version: 'v1', target: 'second', failovers: 1 });
    expect(JSON.stringify(completion)).not.toMatch(/first|second|"v1"|failover/);
  });

  test('a streamed call fails over before the first byte: the whole answer comes from the second', async () => {
    first.respond(unavailable);
    second.respond(answering('Covered under section 4.'));
    const stream = await client.chat.completions.create({ model: MODEL, messages, stream: true });
    let content = '';
    for await (const chunk of stream) content += chunk.choices[0]?.delta?.content ?? '';
    expect(content).toBe('Covered under section 4.');
    expect([first.requests.length, second.requests.length]).toEqual([1, 1]);
    expect(JSON.parse(second.requests[0].body)).toMatchObject({ stream: true });
    expect(audits().at(-1)).toMatchObject({ status: 200, stream: true, outcome: 'completed', target: 'second', failovers: 1 });
  });

  test('a stream cut after its first text is not retried on the second target: the caller gets the in-band error', async () => {
    const released = 'First paragraph, long enough to be released. '.repeat(12) + '\n\n';
    first.respond(async (_req, reply) => {
      const sse = sseAnswer([released, 'A second paragraph that is cut. '.repeat(20), 'never sent']);
      // The role event, then two texts: the masker releases the first paragraph once enough of the next one has come.
      let cut = 0;
      for (let events = 0; events < 3; events++) cut = sse.indexOf('\n\n', cut) + 2;
      const afterFirstText = cut;
      reply.head(200, { 'content-type': 'text/event-stream' });
      await reply.write(sse.slice(0, afterFirstText));
      await new Promise((resolve) => setTimeout(resolve, 50));
      reply.cut();
    });
    second.respond(answering('Covered.'));
    const stream = await client.chat.completions.create({ model: MODEL, messages, stream: true });
    let content = '';
    const read = (async () => {
      for await (const chunk of stream) content += chunk.choices[0]?.delta?.content ?? '';
    })();
        await expect(read).rejects.toMatchObject({ error: { code: 'BadGateway', type: 'server_error' } });
    // The caller had bytes of the first target's answer: from then on no other target may be asked.
    expect(content.length).toBeGreaterThan(0);
    expect(released.startsWith(content)).toBe(true);
    expect([first.requests.length, second.requests.length]).toEqual([1, 0]);
    expect(audits().at(-1)).toMatchObject({ status: 200, failedMidStream: true, target: 'first', failovers: 0 });
  });
});
