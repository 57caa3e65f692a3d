/**
 * The one-prompt chat backend for formats without a messages API, through the
 * invoke route's real clients (node:http here) against a loopback server.
 */
import { STREAM_INCOMPLETE } from '../../../../lambda/chat/backend';
import { createChatBackend } from '../../../../lambda/chat/backends/create-chat-backend';
import { renderPrompt } from '../../../../lambda/chat/backends/prompt-template';
import type { ModelProxyConfig } from '../../../../lib/contracts/model-proxy';
import { startStreamStub, type StreamReply, type StreamStub } from '../../../helpers/event-stream-stub';
import { proxyConfig } from '../../model-proxy/fakes';
import { BACKEND_SECRET, chatRequest, collect, expectFailure } from './chat-fixtures';

let stub: StreamStub;
beforeAll(async () => {
  stub = await startStreamStub(() => undefined);
});
afterAll(() => stub.close());
beforeEach(() => {
  stub.requests.length = 0;
});

const TURNS = [
  { role: 'system' as const, text: 'Answer briefly.' },
  { role: 'user' as const, text: 'Is water damage covered?' },
  { role: 'assistant' as const, text: 'Which policy?' },
  { role: 'user' as const, text: 'Home.' },
];
const PROMPT = 'System: Answer briefly.\n\nUser: Is water damage covered?\n\nAssistant: Which policy?\n\nUser: Home.\n\nAssistant:';

function backend(overrides: Partial<ModelProxyConfig> = {}) {
  return createChatBackend(proxyConfig({ backend: { type: 'http', url: `${stub.url}/generate`, allowInsecureHttp: true }, ...overrides }));
}

const json = (reply: StreamReply, status: number, body: unknown) => {
  reply.head(status, { 'content-type': 'application/json' });
  reply.end(JSON.stringify(body));
};

test('the template renders each turn with its role and ends with the answer cue', () => {
  expect(renderPrompt(TURNS)).toBe(PROMPT);
});

test('HUGGING_FACE: the rendered prompt and parameters in the format, the text at the configured path, stop and no usage', async () => {
  stub.respond((_req, reply) => json(reply, 200, [{ generated_text: 'Yes, under section 4.' }]));
  const chat = backend({ requestFormat: 'HUGGING_FACE', responseTextPath: 'generated_text' });
  expect(chat.streams).toBe(false);
  const answer = await chat.complete(chatRequest({ turns: TURNS, parameters: { maxTokens: 50, temperature: 0, stopSequences: ['User:'] } }));
  expect(answer).toEqual({ text: 'Yes, under section 4.', finishReason: 'stop' });
  expect(JSON.parse(stub.requests[0].body)).toEqual({
    inputs: PROMPT,
    parameters: { max_new_tokens: 50, do_sample: false, stop: ['User:'], return_full_text: false },
  });
});

test('OPENAI_COMPLETIONS: the prompt with the served model name', async () => {
  stub.respond((_req, reply) => json(reply, 200, { choices: [{ text: 'Yes.' }] }));
  const chat = backend({ requestFormat: 'OPENAI_COMPLETIONS', responseTextPath: 'choices[0].text', requestModelName: 'served' });
  expect((await chat.complete(chatRequest({ turns: TURNS }))).text).toBe('Yes.');
  expect(JSON.parse(stub.requests[0].body)).toEqual({ model: 'served', prompt: PROMPT, max_tokens: 64 });
});

test('stream() calls the model on the first next() and yields the whole text once, then the end', async () => {
  stub.respond((_req, reply) => json(reply, 200, { generated_text: 'Yes.' }));
  const events = backend().stream(chatRequest({ turns: TURNS }));
  expect(stub.requests).toHaveLength(0);
  expect(await collect(events)).toEqual([{ type: 'text', text: 'Yes.' }, { type: 'end', finishReason: 'stop' }]);
  expect(JSON.parse(stub.requests[0].body)).toEqual({ prompt: PROMPT, parameters: { maxTokens: 64 } });
});

test('an answer without text at the path is failed', async () => {
  stub.respond((_req, reply) => json(reply, 200, { error: BACKEND_SECRET }));
  await expectFailure(backend().complete(chatRequest()), 'failed', 'UnexpectedResponse');
});

test('statuses are classified as on the invoke route, in complete() and stream()', async () => {
  stub.respond((_req, reply) => {
    reply.head(429, { 'content-type': 'application/json', 'retry-after': '2' });
    reply.end(JSON.stringify({ message: BACKEND_SECRET }));
  });
  const error = await expectFailure(backend().complete(chatRequest()), 'throttled', 'HTTP429');
  expect(error.detail.retryAfterSeconds).toBe(2);
  stub.respond((_req, reply) => json(reply, 502, { message: BACKEND_SECRET }));
  await expectFailure(collect(backend().stream(chatRequest())), 'failed', 'HTTP502');
});

test('an abort while the model stalls settles stream() as a timeout', async () => {
  stub.respond(() => undefined);
  const controller = new AbortController();
  const pending = collect(backend().stream(chatRequest({ signal: controller.signal })));
  while (stub.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  controller.abort(new DOMException('idle', 'TimeoutError'));
  const error = await expectFailure(pending, 'timeout', 'TimeoutError');
  expect(error.detail.backendCode).not.toBe(STREAM_INCOMPLETE);
  await stub.requests[0].clientClosed;
});
