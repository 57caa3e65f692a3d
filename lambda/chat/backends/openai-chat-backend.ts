/**
 * Chat with model servers that speak the OpenAI Chat Completions API
 * (requestFormat OPENAI_CHAT: vLLM, TGI's messages API, SageMaker LMI), on
 * SageMaker or behind a plain HTTP URL. The stream is server-sent events of
 * `chat.completion.chunk`s; it ends with a chunk that has a finish reason
 * (then, as asked, a usage chunk) and `data: [DONE]`. The answer ends when the
 * transport does, or at `[DONE]`; a transport that closes before either the
 * finish reason or `[DONE]` leaves the answer incomplete.
 */
import { ModelCallError } from '../../model-proxy/model-client';
import { type BackendUsage, type ChatBackend, type ChatBackendRequest, type ChatStreamEvent, STREAM_INCOMPLETE } from '../backend';
import type { FinishReason } from '../completion';
import { DEFAULT_MAX_SSE_LINE, SseLineTooLongError, SseParser } from '../sse-parser';
import { linkAbort, toModelCallError } from './abort';
import { RESPONSE_TOO_LARGE } from './failure-codes';
import { DONE_MARKER, openAiChatBody, parseOpenAiChunk, parseOpenAiCompletion } from './openai-chat-format';
import type { OpenAiChatTransport } from './openai-chat-transport';
import { readNext } from './stream-read';

export interface OpenAiChatBackendOptions {
  /** The `model` field, when the server needs the served model's name. */
  readonly requestModelName?: string;
  /** Longest SSE line read. @default DEFAULT_MAX_SSE_LINE */
  readonly maxSseLine?: number;
}

/** Transports classify their own failures; whatever else escapes them is a broken backend. */
const unclassified = () => new ModelCallError('failed', { backendCode: 'Error' });

export function openAiChatBackend(transport: OpenAiChatTransport, options: OpenAiChatBackendOptions = {}): ChatBackend {
  return {
    streams: true,
    async complete(request) {
      try {
        const body = await transport.complete(openAiChatBody(request, false, options.requestModelName), request.signal);
        return parseOpenAiCompletion(body);
      } catch (err) {
        throw toModelCallError(err, request.signal, unclassified);
      }
    },
    stream(request) {
      return { [Symbol.asyncIterator]: () => openAiChatStream(transport, request, options) };
    },
  };
}

async function* openAiChatStream(
  transport: OpenAiChatTransport,
  request: ChatBackendRequest,
  options: OpenAiChatBackendOptions,
): AsyncGenerator<ChatStreamEvent> {
  const { signal } = request;
  const link = linkAbort(signal);
  let finished = false;
  let parts: AsyncIterator<Uint8Array> | undefined;
  try {
    const body = openAiChatBody(request, true, options.requestModelName);
    parts = transport.stream(body, link.signal)[Symbol.asyncIterator]();
    const parser = new SseParser(options.maxSseLine ?? DEFAULT_MAX_SSE_LINE);
    let finishReason: FinishReason | undefined;
    let usage: BackendUsage | undefined;
    let done = false;
    while (!done) {
      const next = await readNext(parts, signal, finishReason !== undefined, unclassified);
      if (next.done) break;
      for (const event of parseEvents(parser, next.value)) {
        if (event.data === DONE_MARKER) {
          done = true;
          break;
        }
        const chunk = parseOpenAiChunk(event.data);
        if (chunk.text !== undefined) yield { type: 'text', text: chunk.text };
        if (chunk.finishReason !== undefined) finishReason = chunk.finishReason;
        if (chunk.usage !== undefined) usage = chunk.usage;
      }
    }
    if (!done && finishReason === undefined) throw new ModelCallError('failed', { backendCode: STREAM_INCOMPLETE });
    // After [DONE] the transport is not read to its close (a server may keep it open): releasing it unfinished drops it.
    finished = !done;
    yield { type: 'end', finishReason: finishReason ?? 'stop', ...(usage ? { usage } : {}) };
  } catch (err) {
    throw toModelCallError(err, signal, unclassified);
  } finally {
    link.release(finished);
    // Not awaited: a read still pending behind an abort would hold the caller.
    parts?.return?.().catch(() => undefined);
  }
}

function parseEvents(parser: SseParser, bytes: Uint8Array) {
  try {
    return parser.push(bytes);
  } catch (err) {
    if (err instanceof SseLineTooLongError) throw new ModelCallError('failed', { backendCode: RESPONSE_TOO_LARGE });
    throw err;
  }
}
