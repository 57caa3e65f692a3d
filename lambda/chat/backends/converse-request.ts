/**
 * A conversation in Bedrock Converse's shapes, and Converse's answers in the
 * chat route's. Converse takes system turns apart (`system` blocks) and wants
 * the other turns to start with `user` and alternate; the caller's
 * conversation may hold two turns of one role in a row (several user messages,
 * a system turn between two user turns), so those are joined with a blank line
 * into one message, as a chat template would render them next to each other.
 * A conversation that starts with an assistant turn has no faithful
 * rendering (adding a user turn would put words in the caller's mouth), so it
 * is refused as Bedrock itself would refuse it: `rejected`.
 */
import type { ContentBlock, InferenceConfiguration, Message, StopReason, SystemContentBlock, TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import { ModelCallError } from '../../model-proxy/model-client';
import type { BackendUsage, ChatBackendRequest } from '../backend';
import type { ChatTurn } from '../chat-request';
import type { FinishReason } from '../completion';

/** Between two turns of one role that are sent as one message. */
export const TURN_JOINER = '\n\n';
/** backendCode of a conversation Converse cannot take. */
export const CONVERSATION_ORDER = 'ConversationOrder';

export interface ConverseInput {
  readonly modelId: string;
  readonly system?: SystemContentBlock[];
  readonly messages: Message[];
  readonly inferenceConfig: InferenceConfiguration;
}

export function converseInput(modelId: string, request: Pick<ChatBackendRequest, 'turns' | 'parameters'>): ConverseInput {
  const { maxTokens, temperature, topP, stopSequences } = request.parameters;
  const system = request.turns.filter((turn) => turn.role === 'system').map((turn): SystemContentBlock => ({ text: turn.text }));
  const inferenceConfig: InferenceConfiguration = {
    maxTokens,
    ...(temperature === undefined ? {} : { temperature }),
    ...(topP === undefined ? {} : { topP }),
    ...(stopSequences === undefined || stopSequences.length === 0 ? {} : { stopSequences: [...stopSequences] }),
  };
  return { modelId, ...(system.length > 0 ? { system } : {}), messages: converseMessages(request.turns), inferenceConfig };
}

/** User and assistant turns as alternating messages, consecutive turns of one role joined. */
export function converseMessages(turns: readonly ChatTurn[]): Message[] {
  const merged: { role: 'user' | 'assistant'; texts: string[] }[] = [];
  for (const turn of turns) {
    if (turn.role === 'system') continue;
    const last = merged[merged.length - 1];
    if (last?.role === turn.role) last.texts.push(turn.text);
    else merged.push({ role: turn.role, texts: [turn.text] });
  }
  if (merged.length === 0 || merged[0].role !== 'user') throw new ModelCallError('rejected', { backendCode: CONVERSATION_ORDER });
  return merged.map(({ role, texts }) => ({ role, content: [{ text: texts.join(TURN_JOINER) }] }));
}

/** The text blocks of an answer, in order; other blocks (reasoning, tool use) are not part of a chat answer. */
export function converseText(content: readonly ContentBlock[] | undefined): string {
  return (content ?? []).map((block) => (typeof block.text === 'string' ? block.text : '')).join('');
}

/**
 * Converse's stop reasons in OpenAI's words. `tool_use` and the malformed
 * outputs cannot follow from a request without tools; they end the answer
 * like any other stop.
 */
export function converseFinishReason(reason: StopReason | string | undefined): FinishReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default:
      return 'stop';
  }
}

/** Cached prompt tokens are prompt tokens too; Converse counts them apart from `inputTokens`. */
export function converseUsage(usage: TokenUsage | undefined): BackendUsage | undefined {
  if (!usage || !isCount(usage.inputTokens) || !isCount(usage.outputTokens)) return undefined;
  const cached = (isCount(usage.cacheReadInputTokens) ? usage.cacheReadInputTokens : 0)
    + (isCount(usage.cacheWriteInputTokens) ? usage.cacheWriteInputTokens : 0);
  return { promptTokens: usage.inputTokens + cached, completionTokens: usage.outputTokens };
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}
