/**
 * The OpenAI chat backend on a SageMaker endpoint (LMI/TGI messages API):
 * the real SageMaker runtime client against a loopback server that answers
 * InvokeEndpoint with JSON and InvokeEndpointWithResponseStream with
 * event-stream frames whose PayloadPart bytes carry the container's SSE.
 */
import { STREAM_INCOMPLETE } from '../../../../lambda/chat/backend';
import { createChatBackend } from '../../../../lambda/chat/backends/create-chat-backend';
import {
  EVENT_STREAM_CONTENT_TYPE, frameEvent, frameException, splitAt, startStreamStub, type StreamReply, type StreamStub,
} from '../../../helpers/event-stream-stub';
import { proxyConfig } from '../../model-proxy/fakes';
import { BACKEND_SECRET, chatRequest, collect, CREDENTIALS, expectFailure, firstText, textOf } from './chat-fixtures';
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
    backend: { type: 'sagemaker', endpointName: 'claims-llm' },
    requestFormat: 'OPENAI_CHAT',
    responseTextPath: 'choices[0].message.content',
  }), { endpoint: stub.url, region: 'eu-west-1', credentials: CREDENTIALS });
}

const payload = (text: string | Buffer) => frameEvent('PayloadPart', new Uint8Array(Buffer.from(text)));

async function frames(reply: StreamReply, parts: readonly Buffer[], end = true) {
  reply.head(200, { 'content-type': EVENT_STREAM_CONTENT_TYPE });
  for (const part of parts) await reply.write(part);
  if (end) reply.end();
}

const serviceError = (reply: StreamReply, status: number, type: string, body: Record<string, unknown> = { message: BACKEND_SECRET }) => {
  reply.head(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
  reply.end(JSON.stringify(body));
};

describe('InvokeEndpoint (buffered)', () => {
  test('posts the OpenAI chat body and reads text, finish reason and usage', async () => {
    stub.respond((_req, reply) => {
      reply.head(200, { 'content-type': 'application/json' });
      reply.end(completionBody('Covered under section 4.'));
    });
    const answer = await backend().complete(chatRequest());
    expect(answer).toEqual({ text: 'Covered under section 4.', finishReason: 'stop', usage: { promptTokens: 19, completionTokens: 6 } });
    const [request] = stub.requests;
    expect(request.path).toBe('/endpoints/claims-llm/invocations');
    expect(request.headers.authorization).toMatch(/\/sagemaker\/aws4_request/);
    expect(JSON.parse(request.body)).toEqual({
      messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: 'Is water damage covered?' }],
      max_tokens: 64,
      stream: false,
    });
  });

  test.each([
    [400, 'ThrottlingException', {}, 'throttled'],
    [429, 'ModelNotReadyException', {}, 'throttled'],
    [424, 'ModelError', { OriginalStatusCode: 400, OriginalMessage: BACKEND_SECRET }, 'rejected'],
    [424, 'ModelError', { OriginalStatusCode: 429, OriginalMessage: BACKEND_SECRET }, 'throttled'],
    [500, 'InternalFailure', {}, 'failed'],
  ] as const)('HTTP %i %s (case %#) is %s', async (status, type, extra, kind) => {
    stub.respond((_req, reply) => serviceError(reply, status, type, { Message: BACKEND_SECRET, ...extra }));
    await expectFailure(backend().complete(chatRequest()), kind, type);
  });
});

describe('InvokeEndpointWithResponseStream', () => {
  test('streams the deltas of the PayloadPart SSE, then the finish reason and usage', async () => {
    stub.respond((_req, reply) => frames(reply, [payload(sseAnswer(['Covered', ' under', ' section 4.'], 'length'))]));
    const events = await collect(backend().stream(chatRequest()));
    expect(events).toEqual([
      { type: 'text', text: 'Covered' },
      { type: 'text', text: ' under' },
      { type: 'text', text: ' section 4.' },
      { type: 'end', finishReason: 'length', usage: { promptTokens: 19, completionTokens: 6 } },
    ]);
    expect(stub.requests[0].path).toBe('/endpoints/claims-llm/invocations-response-stream');
    expect(JSON.parse(stub.requests[0].body)).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  test('SSE cut across PayloadParts inside lines and multi-byte characters, and frames cut across reads, give the same text', async () => {
    const sse = Buffer.from(sseAnswer(MULTI_BYTE_TEXTS), 'utf8');
    const parts = Buffer.concat(splitAt(sse, everyBytes(sse.length, 11, 3)).map(payload));
    stub.respond((_req, reply) => frames(reply, splitAt(parts, everyBytes(parts.length, 13))));
    const events = await collect(backend().stream(chatRequest()));
    expect(textOf(events)).toBe(MULTI_BYTE_TEXTS.join(''));
    expect(events[events.length - 1]).toEqual({ type: 'end', finishReason: 'stop', usage: { promptTokens: 19, completionTokens: 6 } });
  });

  test('a ThrottlingException (HTTP 400) before the first byte is throttled', async () => {
    stub.respond((_req, reply) => serviceError(reply, 400, 'ThrottlingException'));
    await expectFailure(collect(backend().stream(chatRequest())), 'throttled', 'ThrottlingException');
  });

  test('a 500 before the first byte is failed', async () => {
    stub.respond((_req, reply) => serviceError(reply, 500, 'InternalFailure'));
    await expectFailure(collect(backend().stream(chatRequest())), 'failed', 'InternalFailure');
  });

  test.each(['ModelStreamError', 'InternalStreamFailure'])('an in-stream %s after some text is failed', async (exception) => {
    const failure = frameException(exception, { Message: BACKEND_SECRET, ErrorCode: '500' });
    stub.respond((_req, reply) => frames(reply, [payload(chunkEvent({ content: 'Covered' })), failure]));
    const { iterator, text } = await firstText(backend().stream(chatRequest()));
    expect(text).toBe('Covered');
    await expectFailure(iterator.next(), 'failed', exception);
  });

  test('a stream that ends before the finish reason and [DONE] is incomplete', async () => {
    stub.respond((_req, reply) => frames(reply, [payload(chunkEvent({ content: 'Covered' }))]));
    await expectFailure(collect(backend().stream(chatRequest())), 'failed', STREAM_INCOMPLETE);
  });

  test('a connection cut in the middle of a frame is incomplete', async () => {
    const part = payload(chunkEvent({ content: 'Covered' }));
    stub.respond(async (_req, reply) => {
      await frames(reply, [part, part.subarray(0, part.length - 4)], false);
      reply.cut();
    });
    await expectFailure(collect(backend().stream(chatRequest())), 'failed', STREAM_INCOMPLETE);
  });

  test('an abort while the stream stalls settles the pending next() as a timeout and drops the connection', async () => {
    stub.respond((_req, reply) => frames(reply, [payload(chunkEvent({ content: 'Covered' }))], false));
    const controller = new AbortController();
    const { iterator } = await firstText(backend().stream(chatRequest({ signal: controller.signal })));
    const pending = iterator.next();
    controller.abort(new DOMException('idle', 'TimeoutError'));
    await expectFailure(pending, 'timeout', 'TimeoutError');
    await stub.requests[0].clientClosed;
  });

  test('return() after the first delta closes the connection', async () => {
    stub.respond((_req, reply) => frames(reply, [payload(chunkEvent({ content: 'Covered' }))], false));
    const { iterator } = await firstText(backend().stream(chatRequest()));
    await iterator.return?.();
    await stub.requests[0].clientClosed;
    expect(stub.requests[0].closedByClient()).toBe(true);
  });
});
