/**
 * The server-sent events of a streamed chat answer. After the first byte the
 * status is sent and cannot change, so a failure from then on (a guard, the
 * backend, the masker) is told in-band: one event with the OpenAI error body,
 * which the `openai` SDK raises as an APIError, then `[DONE]`.
 */
import type { ChatCompletionChunk } from './completion';
import { openAiErrorBody } from './openai-error';
import { encodeSseJson, SSE_DONE } from './sse-encoder';

export function chunkEvent(chunk: ChatCompletionChunk): string {
  return encodeSseJson(chunk);
}

/** The end of a stream that failed: the error as our own errors render it (bare 500 for anything else), then `[DONE]`. */
export function streamErrorEvents(err: unknown, requestId: string): string {
  return encodeSseJson(openAiErrorBody(err, requestId)) + SSE_DONE;
}

export { SSE_DONE };
