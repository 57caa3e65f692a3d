/**
 * One prompt text for model containers without a messages API (PASSTHROUGH,
 * HUGGING_FACE, OPENAI_COMPLETIONS, ANTHROPIC_MESSAGES on SageMaker or HTTP).
 * A plain, model-neutral template: each turn as `<Role>: <text>`, turns
 * separated by a blank line, and a last `Assistant:` for the model to
 * continue. A model with its own chat template is better served by a
 * container that applies it (requestFormat OPENAI_CHAT).
 *
 *     System: You answer in French.
 *
 *     User: Hello
 *
 *     Assistant:
 */
import type { ChatRole, ChatTurn } from '../chat-request';

export const ROLE_LABELS: Readonly<Record<ChatRole, string>> = { system: 'System', user: 'User', assistant: 'Assistant' };
export const TURN_SEPARATOR = '\n\n';
/** What the model continues from. */
export const ANSWER_CUE = 'Assistant:';

export function renderPrompt(turns: readonly ChatTurn[]): string {
  return [...turns.map((turn) => `${ROLE_LABELS[turn.role]}: ${turn.text}`), ANSWER_CUE].join(TURN_SEPARATOR);
}
