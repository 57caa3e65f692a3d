/**
 * The OpenAI Chat Completions wire format as model servers speak it (vLLM,
 * TGI's messages API, SageMaker LMI containers): the request body, the
 * buffered answer and the chunks of a streamed one. Only the fields the chat
 * route needs are read; a body of another shape is a broken backend
 * (`UnexpectedResponse`), never passed on.
 *
 * Finish reasons other than `length` and `content_filter` (`tool_calls`,
 * `function_call`, a server's own words) end the answer as `stop`: the
 * request offers no tools, so the text received is the whole answer.
 */
import { ModelCallError } from '../../model-proxy/model-client';
import type { BackendUsage, ChatBackendRequest } from '../backend';
import type { FinishReason } from '../completion';
import { UNEXPECTED_RESPONSE } from './failure-codes';

/** backendCode of an error object inside a stream (vLLM sends one when generation fails midway). */
export const STREAM_ERROR = 'StreamError';
/** The data of the event that ends an OpenAI stream. */
export const DONE_MARKER = '[DONE]';

/** The body for the server; `model` only when the server serves several (vLLM needs the served name). */
export function openAiChatBody(request: Pick<ChatBackendRequest, 'turns' | 'parameters'>, stream: boolean, requestModelName?: string): string {
  const { maxTokens, temperature, topP, stopSequences } = request.parameters;
  return JSON.stringify({
    ...(requestModelName === undefined ? {} : { model: requestModelName }),
    messages: request.turns.map((turn) => ({ role: turn.role, content: turn.text })),
    max_tokens: maxTokens,
    ...(temperature === undefined ? {} : { temperature }),
    ...(topP === undefined ? {} : { top_p: topP }),
    ...(stopSequences === undefined || stopSequences.length === 0 ? {} : { stop: stopSequences }),
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
  });
}

export interface OpenAiAnswer {
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly usage?: BackendUsage;
}

/** A `chat.completion` body. */
export function parseOpenAiCompletion(body: string): OpenAiAnswer {
  const value = parseObject(body);
  const choice = firstChoice(value);
  const message = choice?.message;
  if (!isRecord(message)) throw unexpected();
  const content = message.content;
  if (content !== null && content !== undefined && typeof content !== 'string') throw unexpected();
  const usage = openAiUsage(value.usage);
  return { text: content ?? '', finishReason: openAiFinishReason(choice?.finish_reason), ...(usage ? { usage } : {}) };
}

export interface OpenAiChunk {
  readonly text?: string;
  /** Set on the chunk that ends the choice. */
  readonly finishReason?: FinishReason;
  readonly usage?: BackendUsage;
}

/** The data of one `chat.completion.chunk` event. */
export function parseOpenAiChunk(data: string): OpenAiChunk {
  const value = parseObject(data);
  if (value.error !== undefined || value.object === 'error') throw new ModelCallError('failed', { backendCode: STREAM_ERROR });
  if (!Array.isArray(value.choices)) throw unexpected();
  const choice = firstChoice(value);
  const delta = choice?.delta;
  const content = isRecord(delta) ? delta.content : undefined;
  if (content !== null && content !== undefined && typeof content !== 'string') throw unexpected();
  const ended = typeof choice?.finish_reason === 'string';
  const usage = openAiUsage(value.usage);
  return {
    ...(typeof content === 'string' && content !== '' ? { text: content } : {}),
    ...(ended ? { finishReason: openAiFinishReason(choice?.finish_reason) } : {}),
    ...(usage ? { usage } : {}),
  };
}

export function openAiFinishReason(reason: unknown): FinishReason {
  return reason === 'length' || reason === 'content_filter' ? reason : 'stop';
}

function openAiUsage(value: unknown): BackendUsage | undefined {
  if (!isRecord(value) || !isCount(value.prompt_tokens) || !isCount(value.completion_tokens)) return undefined;
  return { promptTokens: value.prompt_tokens, completionTokens: value.completion_tokens };
}

type JsonRecord = Record<string, unknown>;

function parseObject(text: string): JsonRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw unexpected();
  }
  if (!isRecord(value)) throw unexpected();
  return value;
}

/** The first choice, or undefined when `choices` is empty (the usage chunk). */
function firstChoice(value: JsonRecord): JsonRecord | undefined {
  const choices = value.choices;
  if (!Array.isArray(choices)) throw unexpected();
  if (choices.length === 0) return undefined;
  if (!isRecord(choices[0])) throw unexpected();
  return choices[0];
}

function isRecord(value: unknown): value is JsonRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}

function unexpected(): ModelCallError {
  return new ModelCallError('failed', { backendCode: UNEXPECTED_RESPONSE });
}
