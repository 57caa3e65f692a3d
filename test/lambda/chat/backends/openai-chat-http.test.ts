/**
 * The OpenAI chat backend on a self-hosted HTTP model server (vLLM style):
 * node:http against a loopback server that answers JSON or server-sent events.
 */
import { STREAM_INCOMPLETE } from '../../../../lambda/chat/backend';
import { createChatBackend } from '../../../../lambda/chat/backends/create-chat-backend';
import { httpChatTransport } from '../../../../lambda/chat/backends/http-chat-transport';
import { openAiChatBackend } from '../../../../lambda/chat/backends/openai-chat-backend';
import { startStreamStub, type StreamReply, type StreamStub, splitAt } from '../../../helpers/event-stream-stub';
import { proxyConfig } from '../../model-proxy/fakes';
import { BACKEND_SECRET, chatRequest, collect, expectFailure, firstText, textOf } from './chat-fixtures';
import { chunkEvent, completionBody, everyBytes, MULTI_BYTE_TEXTS, sseAnswer } from './openai-sse';

let stub: StreamStub;
beforeAll(async () => {
  stub = await startStreamStub(() => undefined);
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
});

function backend() {
  return createChatBackend(proxyConfig({
    backend: { type: 'http', url: `${stub.url}/v1/chat/completions`, allowInsecureHttp: true },
    requestFormat: 'OPENAI_CHAT',
    requestModelName: 'meta-llama/Llama-3.1-8B-Instruct',
    responseTextPath: 'choices[0].message.content',
  }));
}

async function sse(reply: StreamReply, parts: readonly (string | Buffer)[], end = true) {
  reply.head(200, { 'content-type': 'text/event-stream' });
  for (const part of parts) await reply.write(part);
  if (end) reply.end();
}

const errorReply = (reply: StreamReply, status: number, headers: Record<string, string> = {}) => {
  reply.head(status, { 'content-type': 'application/json', ...headers });
  reply.end(JSON.stringify({ object: 'error', message: BACKEND_SECRET }));
};

describe('buffered', () => {
  test('posts the conversation as OpenAI messages and reads text, finish reason and usage', async () => {
    stub.respond((_req, reply) => {
      reply.head(200, { 'content-type': 'application/json' });
      reply.end(completionBody('Covered under section 4.', 'length'));
    });
    const answer = await backend().complete(chatRequest({ parameters: { maxTokens: 64, temperature: 0, topP: 0.5, stopSequences: ['END'] } }));
    expect(answer).toEqual({ text: 'Covered under section 4.', finishReason: 'length', usage: { promptTokens: 19, completionTokens: 6 } });
    const [request] = stub.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(JSON.parse(request.body)).toEqual({
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: 'Is water damage covered?' }],
      max_tokens: 64,
      temperature: 0,
      top_p: 0.5,
      stop: ['END'],
      stream: false,
    });
  });

  test('tool_calls and other finish reasons end the answer as stop', async () => {
    stub.respond((_req, reply) => reply.end(completionBody('x', 'tool_calls')));
    expect((await backend().complete(chatRequest())).finishReason).toBe('stop');
  });

  test('an answer of another shape is failed', async () => {
    stub.respond((_req, reply) => reply.end(JSON.stringify({ generated_text: BACKEND_SECRET })));
    await expectFailure(backend().complete(chatRequest()), 'failed', 'UnexpectedResponse');
  });

  test('an answer larger than the cap is failed', async () => {
    const small = openAiChatBackend(httpChatTransport({ url: stub.url, maxResponseBytes: 1024 }));
    stub.respond((_req, reply) => reply.end(completionBody('x'.repeat(4096))));
    await expectFailure(small.complete(chatRequest()), 'failed', 'ResponseTooLarge');
  });

  test('429 with Retry-After is throttled with the delay, 500 is failed, 400 is rejected', async () => {
    stub.respond((_req, reply) => errorReply(reply, 429, { 'retry-after': '7' }));
    const throttled = await expectFailure(backend().complete(chatRequest()), 'throttled', 'HTTP429');
    expect(throttled.detail.retryAfterSeconds).toBe(7);
    stub.respond((_req, reply) => errorReply(reply, 500));
    await expectFailure(backend().complete(chatRequest()), 'failed', 'HTTP500');
    stub.respond((_req, reply) => errorReply(reply, 400));
    await expectFailure(backend().complete(chatRequest()), 'rejected', 'HTTP400');
  });

  test('an abort while the server stalls settles as a timeout', async () => {
    stub.respond(() => undefined);
    const controller = new AbortController();
    const call = backend().complete(chatRequest({ signal: controller.signal }));
    while (stub.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new DOMException('idle', 'TimeoutError'));
    await expectFailure(call, 'timeout', 'TimeoutError');
    await stub.requests[0].clientClosed;
  });
});

describe('streamed', () => {
  test('asks for a stream with usage, yields deltas, then the finish reason and usage', async () => {
    stub.respond((_req, reply) => sse(reply, [sseAnswer(['Covered', ' under', ' section 4.'])]));
    const events = await collect(backend().stream(chatRequest()));
    expect(events).toEqual([
      { type: 'text', text: 'Covered' },
      { type: 'text', text: ' under' },
      { type: 'text', text: ' section 4.' },
      { type: 'end', finishReason: 'stop', usage: { promptTokens: 19, completionTokens: 6 } },
    ]);
    const body = JSON.parse(stub.requests[0].body);
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(stub.requests[0].headers.accept).toBe('text/event-stream');
  });

  test('events cut inside lines, inside CRLF pairs and inside multi-byte characters give the same text', async () => {
    const bytes = Buffer.from(sseAnswer(MULTI_BYTE_TEXTS, 'content_filter').replace(/\n/g, '\r\n'), 'utf8');
    stub.respond((_req, reply) => sse(reply, splitAt(bytes, everyBytes(bytes.length, 5))));
    const events = await collect(backend().stream(chatRequest()));
    expect(textOf(events)).toBe(MULTI_BYTE_TEXTS.join(''));
    expect(events[events.length - 1]).toEqual({ type: 'end', finishReason: 'content_filter', usage: { promptTokens: 19, completionTokens: 6 } });
  });

  test('a finish reason without [DONE] ends the answer when the server closes', async () => {
    stub.respond((_req, reply) => sse(reply, [chunkEvent({ content: 'Yes.' }), chunkEvent({}, 'stop')]));
    expect(await collect(backend().stream(chatRequest()))).toEqual([{ type: 'text', text: 'Yes.' }, { type: 'end', finishReason: 'stop' }]);
  });

  test('429 with Retry-After before the first byte is throttled with the delay', async () => {
    stub.respond((_req, reply) => errorReply(reply, 429, { 'retry-after': '3' }));
    const error = await expectFailure(collect(backend().stream(chatRequest())), 'throttled', 'HTTP429');
    expect(error.detail.retryAfterSeconds).toBe(3);
  });

  test('503 before the first byte is failed', async () => {
    stub.respond((_req, reply) => errorReply(reply, 503));
    await expectFailure(collect(backend().stream(chatRequest())), 'failed', 'HTTP503');
  });

  test('an error object in the stream after some text is failed', async () => {
    const errorEvent = `data: ${JSON.stringify({ object: 'error', message: BACKEND_SECRET })}\n\n`;
    stub.respond((_req, reply) => sse(reply, [chunkEvent({ content: 'Covered' }), errorEvent]));
    const { iterator, text } = await firstText(backend().stream(chatRequest()));
    expect(text).toBe('Covered');
    await expectFailure(iterator.next(), 'failed', 'StreamError');
  });

  test('a server that closes before the finish reason and [DONE] leaves the stream incomplete', async () => {
    stub.respond((_req, reply) => sse(reply, [chunkEvent({ content: 'Covered' })]));
    await expectFailure(collect(backend().stream(chatRequest())), 'failed', STREAM_INCOMPLETE);
  });

  test('a connection cut inside a line is incomplete', async () => {
    stub.respond(async (_req, reply) => {
      await sse(reply, [chunkEvent({ content: 'Covered' }), 'data: {"choices":[{"index":0,"del'], false);
      reply.cut();
    });
    await expectFailure(collect(backend().stream(chatRequest())), 'failed', STREAM_INCOMPLETE);
  });

  test('a line longer than the limit fails the stream', async () => {
    const small = openAiChatBackend(httpChatTransport({ url: stub.url }), { maxSseLine: 256 });
    stub.respond((_req, reply) => sse(reply, [chunkEvent({ content: 'x'.repeat(1024) })], false));
    await expectFailure(collect(small.stream(chatRequest())), 'failed', 'ResponseTooLarge');
    await stub.requests[0].clientClosed;
  });

  test('an abort while the stream stalls settles the pending next() as a timeout and drops the connection', async () => {
    stub.respond((_req, reply) => sse(reply, [chunkEvent({ content: 'Covered' })], false));
    const controller = new AbortController();
    const { iterator } = await firstText(backend().stream(chatRequest({ signal: controller.signal })));
    const pending = iterator.next();
    controller.abort(new DOMException('idle', 'TimeoutError'));
    await expectFailure(pending, 'timeout', 'TimeoutError');
    await stub.requests[0].clientClosed;
  });

  test('return() after the first delta closes the connection', async () => {
    stub.respond((_req, reply) => sse(reply, [chunkEvent({ content: 'Covered' })], false));
    const { iterator } = await firstText(backend().stream(chatRequest()));
    await iterator.return?.();
    await stub.requests[0].clientClosed;
    expect(stub.requests[0].closedByClient()).toBe(true);
  });

  test('[DONE] ends the answer even when the server keeps the response open', async () => {
    stub.respond((_req, reply) => sse(reply, [sseAnswer(['Yes.'])], false));
    const events = await collect(backend().stream(chatRequest()));
    expect(events[events.length - 1]).toEqual({ type: 'end', finishReason: 'stop', usage: { promptTokens: 19, completionTokens: 6 } });
    await stub.requests[0].clientClosed;
  });
});

test('return() after the server already ended the whole answer settles quietly', async () => {
  stub.respond((_req, reply) => sse(reply, [sseAnswer(['Covered', ' fully.'])]));
  const { iterator } = await firstText(backend().stream(chatRequest()));
  await new Promise((resolve) => setTimeout(resolve, 20));
  await expect(iterator.return?.()).resolves.toEqual({ done: true, value: undefined });
});
