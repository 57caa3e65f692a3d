/**
 * The chat request as the proxy's stages see it, whatever API it came in as:
 * turns in order and generation parameters. Backends translate it into their
 * own shapes (Converse system blocks and messages, an OpenAI-compatible body,
 * a single prompt for containers without a messages API).
 */

export const CHAT_ROLES = ['system', 'user', 'assistant'] as const;
export type ChatRole = (typeof CHAT_ROLES)[number];

export interface ChatTurn {
  readonly role: ChatRole;
  /** The turn's text; an array of text parts arrives joined (see PART_SEPARATOR). */
  readonly text: string;
}

export interface ChatParameters {
  /** From `max_tokens` or `max_completion_tokens`. */
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stopSequences?: readonly string[];
}

export interface ChatRequest {
  /** The route's model: the body named it or left it out. */
  readonly model: string;
  readonly turns: readonly ChatTurn[];
  readonly parameters: ChatParameters;
  readonly stream: boolean;
  /** `stream_options.include_usage`: a last chunk with the usage and no choices. */
  readonly includeUsage: boolean;
  /** The caller's end-user id, for the audit line; never sent to a model. */
  readonly user?: string;
}
