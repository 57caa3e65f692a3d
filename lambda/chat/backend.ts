/**
 * What the chat route asks of a model backend, whatever kind it is: one
 * conversation (already masked) in, the answer out, buffered or as a stream
 * of text deltas. Each backend kind translates the conversation into its own
 * API (Bedrock Converse, an OpenAI-compatible chat body, or a single prompt
 * for containers without a messages API) and classifies its failures as
 * `ModelCallError`s (lambda/model-proxy/model-client.ts), so the chat route
 * answers the same error codes as the invoke route.
 */
import type { ChatParameters, ChatTurn } from './chat-request';
import type { FinishReason } from './completion';

export interface ChatBackendRequest {
  /** The conversation, masked: system turns first or anywhere, as the caller sent them. */
  readonly turns: readonly ChatTurn[];
  /** Generation parameters, stop sequences masked. `maxTokens` is always set (the caller's or the model's default). */
  readonly parameters: ChatParameters & { readonly maxTokens: number };
  /** Aborted when the caller goes away, the stream idles too long or the time budget runs out. */
  readonly signal: AbortSignal;
}

/** Token counts as the backend reported them. */
export interface BackendUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export interface ChatBackendAnswer {
  readonly text: string;
  readonly finishReason: FinishReason;
  /** Absent when the backend reports none; the route then estimates and marks the counts. */
  readonly usage?: BackendUsage;
}

/**
 * One event of a streamed answer: text deltas, then exactly one `end`.
 * A stream whose transport closes before the backend's own end marker
 * (Bedrock's `messageStop`, OpenAI's `finish_reason`/`[DONE]`) must not end
 * quietly: the backend throws `ModelCallError('failed', { backendCode: 'StreamIncomplete' })`.
 */
export type ChatStreamEvent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'end'; readonly finishReason: FinishReason; readonly usage?: BackendUsage };

export interface ChatBackend {
  /** Whether `stream` delivers text as the model generates it (false: one delta at the end). */
  readonly streams: boolean;
  /** The whole answer. Throws `ModelCallError`. */
  complete(request: ChatBackendRequest): Promise<ChatBackendAnswer>;
  /**
   * The answer as it is generated. Nothing is requested from the backend
   * before the first `next()`. Throws `ModelCallError` from `next()`, before
   * or after the first event; returning early (`return()`) releases the
   * backend connection.
   */
  stream(request: ChatBackendRequest): AsyncIterable<ChatStreamEvent>;
}

/** The transport closed before the backend's end marker. */
export const STREAM_INCOMPLETE = 'StreamIncomplete';
