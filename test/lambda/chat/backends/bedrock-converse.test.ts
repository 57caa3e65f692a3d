/**
 * Bedrock Converse and ConverseStream through the real SDK client against a
 * loopback HTTP/2 server that answers in Bedrock's wire format (JSON, and
 * event-stream frames for streams).
 */
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { ChatStreamEvent } from '../../../../lambda/chat/backend';
import { STREAM_INCOMPLETE } from '../../../../lambda/chat/backend';
import { bedrockConverseBackend } from '../../../../lambda/chat/backends/bedrock-converse';
import { createChatBackend } from '../../../../lambda/chat/backends/create-chat-backend';
import { CONVERSATION_ORDER } from '../../../../lambda/chat/backends/converse-request';
import type { ModelProxyConfig } from '../../../../lib/contracts/model-proxy';
import {
  EVENT_STREAM_CONTENT_TYPE, frameEvent, frameException, splitAt, startStreamStub, type StreamReply, type StreamStub,
} from '../../../helpers/event-stream-stub';
import { proxyConfig } from '../../model-proxy/fakes';
import { BACKEND_SECRET, chatRequest, collect, CREDENTIALS, expectFailure, firstText, textOf } from './chat-fixtures';

const MODEL_ID = 'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-7-sonnet-20250219-v1:0';
const USAGE = { inputTokens: 21, outputTokens: 7, totalTokens: 28 };

let stub: StreamStub;
beforeAll(async () => {
  stub = await startStreamStub(() => undefined, { http2: true });
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
});

function backend() {
  const config: ModelProxyConfig = proxyConfig({ backend: { type: 'bedrock', modelId: MODEL_ID }, requestFormat: 'ANTHROPIC_MESSAGES' });
  return createChatBackend(config, { endpoint: stub.url, region: 'eu-west-1', credentials: CREDENTIALS });
}

const json = (reply: StreamReply, status: number, body: unknown, headers: Record<string, string> = {}) => {
  reply.head(status, { 'content-type': 'application/json', ...headers });
  reply.end(JSON.stringify(body));
};
const serviceError = (reply: StreamReply, status: number, type: string) => json(reply, status, { message: BACKEND_SECRET }, { 'x-amzn-errortype': type });

const delta = (text: string) => frameEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text } });
const answerFrames = (texts: readonly string[], stopReason = 'end_turn') => Buffer.concat([
  frameEvent('messageStart', { role: 'assistant' }),
  ...texts.map(delta),
  frameEvent('contentBlockStop', { contentBlockIndex: 0 }),
  frameEvent('messageStop', { stopReason }),
  frameEvent('metadata', { usage: USAGE, metrics: { latencyMs: 12 } }),
]);

async function streamFrames(reply: StreamReply, parts: readonly Buffer[], end = true) {
  reply.head(200, { 'content-type': EVENT_STREAM_CONTENT_TYPE });
  for (const part of parts) await reply.write(part);
  if (end) reply.end();
}

describe('Converse (buffered)', () => {
  test('sends system blocks, merged alternating messages and the inference configuration; reads text, stop reason and usage', async () => {
    stub.respond((_req, reply) => json(reply, 200, {
      output: { message: { role: 'assistant', content: [{ text: 'Covered ' }, { text: 'under section 4.' }] } },
      stopReason: 'max_tokens',
      usage: { ...USAGE, cacheReadInputTokens: 3 },
      metrics: { latencyMs: 40 },
    }));
    const answer = await backend().complete(chatRequest({
      turns: [
        { role: 'system', text: 'Answer briefly.' },
        { role: 'user', text: 'Claim 1.' },
        { role: 'system', text: 'Be kind.' },
        { role: 'user', text: 'Claim 2.' },
        { role: 'assistant', text: 'Which one?' },
        { role: 'user', text: 'Both.' },
      ],
      parameters: { maxTokens: 64, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
    }));
    expect(answer).toEqual({ text: 'Covered under section 4.', finishReason: 'length', usage: { promptTokens: 24, completionTokens: 7 } });
    const [request] = stub.requests;
    expect(decodeURIComponent(request.path)).toBe(`/model/${MODEL_ID}/converse`);
    expect(request.headers.authorization).toMatch(/\/bedrock\/aws4_request/);
    expect(JSON.parse(request.body)).toEqual({
      system: [{ text: 'Answer briefly.' }, { text: 'Be kind.' }],
      messages: [
        { role: 'user', content: [{ text: 'Claim 1.\n\nClaim 2.' }] },
        { role: 'assistant', content: [{ text: 'Which one?' }] },
        { role: 'user', content: [{ text: 'Both.' }] },
      ],
      inferenceConfig: { maxTokens: 64, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
    });
  });

  test.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['guardrail_intervened', 'content_filter'],
    ['content_filtered', 'content_filter'],
  ])('stop reason %s is finish reason %s', async (stopReason, finishReason) => {
    stub.respond((_req, reply) => json(reply, 200, { output: { message: { role: 'assistant', content: [{ text: 'x' }] } }, stopReason, usage: USAGE }));
    expect((await backend().complete(chatRequest())).finishReason).toBe(finishReason);
  });

  test('fails when the conversation starts with an assistant turn, without calling Bedrock', async () => {
    const turns = [{ role: 'assistant' as const, text: 'Hello!' }, { role: 'user' as const, text: 'Hi' }];
    await expectFailure(backend().complete(chatRequest({ turns })), 'rejected', CONVERSATION_ORDER);
    await expectFailure(collect(backend().stream(chatRequest({ turns }))), 'rejected', CONVERSATION_ORDER);
    expect(stub.requests).toHaveLength(0);
  });

  test.each([
    [429, 'ThrottlingException', 'throttled'],
    [400, 'ValidationException', 'rejected'],
    [500, 'InternalServerException', 'failed'],
    [503, 'ServiceUnavailableException', 'failed'],
    [408, 'ModelTimeoutException', 'timeout'],
  ] as const)('HTTP %i %s is %s', async (status, type, kind) => {
    stub.respond((_req, reply) => serviceError(reply, status, type));
    const error = await expectFailure(backend().complete(chatRequest()), kind, type);
    expect(error.detail.backendStatus).toBe(status);
  });

  test('an abort while Bedrock stalls settles the call as a timeout', async () => {
    stub.respond(() => undefined);
    const controller = new AbortController();
    const call = backend().complete(chatRequest({ signal: controller.signal }));
    await waitForRequest();
    controller.abort(new DOMException('idle', 'TimeoutError'));
    await expectFailure(call, 'timeout', 'TimeoutError');
  });
});

describe('ConverseStream', () => {
  test('streams deltas, then the end with the stop reason and the usage that follows messageStop', async () => {
    stub.respond((_req, reply) => streamFrames(reply, [answerFrames(['Covered', ' under', ' section 4.'])]));
    const events = await collect(backend().stream(chatRequest({ parameters: { maxTokens: 32, stopSequences: ['END'] } })));
    expect(events).toEqual([
      { type: 'text', text: 'Covered' },
      { type: 'text', text: ' under' },
      { type: 'text', text: ' section 4.' },
      { type: 'end', finishReason: 'stop', usage: { promptTokens: 21, completionTokens: 7 } },
    ]);
    expect(decodeURIComponent(stub.requests[0].path)).toBe(`/model/${MODEL_ID}/converse-stream`);
    expect(JSON.parse(stub.requests[0].body).inferenceConfig).toEqual({ maxTokens: 32, stopSequences: ['END'] });
  });

  test('frames cut at every few bytes, inside multi-byte characters, give the same text', async () => {
    const texts = ['Wasserschäden ', 'sind gedeckt ', '💧 — ', '水害は補償されます'];
    const frames = answerFrames(texts, 'max_tokens');
    const cuts = Array.from({ length: Math.ceil(frames.length / 7) }, (_, i) => i * 7 + 3);
    stub.respond((_req, reply) => streamFrames(reply, splitAt(frames, cuts)));
    const events = await collect(backend().stream(chatRequest()));
    expect(textOf(events)).toBe(texts.join(''));
    expect(events[events.length - 1]).toEqual({ type: 'end', finishReason: 'length', usage: { promptTokens: 21, completionTokens: 7 } });
  });

  test('nothing is requested before the first next()', async () => {
    stub.respond((_req, reply) => streamFrames(reply, [answerFrames(['x'])]));
    const events = backend().stream(chatRequest());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stub.requests).toHaveLength(0);
    await collect(events);
    expect(stub.requests).toHaveLength(1);
  });

  test('a ThrottlingException before the first byte is throttled', async () => {
    stub.respond((_req, reply) => serviceError(reply, 429, 'ThrottlingException'));
    await expectFailure(collect(backend().stream(chatRequest())), 'throttled', 'ThrottlingException');
  });

  test('a 500 before the first byte is failed', async () => {
    stub.respond((_req, reply) => serviceError(reply, 500, 'InternalServerException'));
    await expectFailure(collect(backend().stream(chatRequest())), 'failed', 'InternalServerException');
  });

  test.each([
    ['throttlingException', 'throttled', 'ThrottlingException'],
    ['modelStreamErrorException', 'failed', 'ModelStreamErrorException'],
    ['internalServerException', 'failed', 'InternalServerException'],
    ['serviceUnavailableException', 'failed', 'ServiceUnavailableException'],
    ['validationException', 'rejected', 'ValidationException'],
  ] as const)('an in-stream %s after some text is %s', async (exception, kind, code) => {
    stub.respond((_req, reply) => streamFrames(reply, [frameEvent('messageStart', { role: 'assistant' }), delta('Covered'), frameException(exception)]));
    const { iterator, text } = await firstText(backend().stream(chatRequest()));
    expect(text).toBe('Covered');
    await expectFailure(iterator.next(), kind, code);
  });

  test('a stream that ends without messageStop is incomplete', async () => {
    stub.respond((_req, reply) => streamFrames(reply, [frameEvent('messageStart', { role: 'assistant' }), delta('Covered')]));
    await expectFailure(collect(backend().stream(chatRequest())), 'failed', STREAM_INCOMPLETE);
  });

  test('a connection cut in the middle of a frame is incomplete', async () => {
    const frames = Buffer.concat([frameEvent('messageStart', { role: 'assistant' }), delta('Covered'), delta(' under section 4.')]);
    stub.respond(async (_req, reply) => {
      await streamFrames(reply, [frames.subarray(0, frames.length - 5)], false);
      reply.cut();
    });
    const events: ChatStreamEvent[] = [];
    const error = await expectFailure((async () => {
      for await (const event of backend().stream(chatRequest())) events.push(event);
    })(), 'failed');
    expect(error.detail.backendCode).toBe(STREAM_INCOMPLETE);
    expect(textOf(events)).toBe('Covered');
  });

  test('an abort while the stream stalls settles the pending next() as a timeout', async () => {
    stub.respond((_req, reply) => streamFrames(reply, [frameEvent('messageStart', { role: 'assistant' }), delta('Covered')], false));
    const controller = new AbortController();
    const { iterator } = await firstText(backend().stream(chatRequest({ signal: controller.signal })));
    const pending = iterator.next();
    controller.abort(new DOMException('idle', 'TimeoutError'));
    await expectFailure(pending, 'timeout', 'TimeoutError');
    await stub.requests[0].clientClosed;
  });

  test('return() after the first delta closes the backend stream', async () => {
    stub.respond((_req, reply) => streamFrames(reply, [frameEvent('messageStart', { role: 'assistant' }), delta('Covered')], false));
    const { iterator } = await firstText(backend().stream(chatRequest()));
    await iterator.return?.();
    await stub.requests[0].clientClosed;
    expect(stub.requests[0].closedByClient()).toBe(true);
  });

  test('an abort after messageStop still ends the answer: only the usage is missing', async () => {
    // A client whose stream stops after messageStop and never closes: the wait for metadata is what the abort cuts.
    const stalled: AsyncIterable<unknown> = {
      async* [Symbol.asyncIterator]() {
        yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Done.' } } };
        yield { messageStop: { stopReason: 'end_turn' } };
        await new Promise(() => undefined);
      },
    };
    const client = { send: async () => ({ stream: stalled }) } as unknown as Pick<BedrockRuntimeClient, 'send'>;
    const controller = new AbortController();
    const iterator = bedrockConverseBackend(client, MODEL_ID).stream(chatRequest({ signal: controller.signal }))[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: { type: 'text', text: 'Done.' } });
    const pending = iterator.next();
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    expect(await pending).toEqual({ done: false, value: { type: 'end', finishReason: 'stop' } });
  });
});

async function waitForRequest(): Promise<void> {
  while (stub.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
}
