/**
 * The answer objects of the Chat Completions API: the whole completion of a
 * buffered call, and the chunks of a streamed one (a first chunk with the
 * role, content deltas, a last chunk with the finish reason, and when asked a
 * usage chunk without choices). Only the fields the `openai` SDK reads, each
 * from our own values; nothing of a backend's answer is copied through.
 */

/** Why generation ended, in OpenAI's words. */
export type FinishReason = 'stop' | 'length' | 'content_filter';

/** Token counts of one call. `estimated` is ours (for the audit line); the client sees the OpenAI fields only. */
export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly estimated: boolean;
}

export interface CompletionUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

export interface ChatCompletion {
  readonly id: string;
  readonly object: 'chat.completion';
  readonly created: number;
  readonly model: string;
  readonly choices: readonly [{
    readonly index: 0;
    readonly message: { readonly role: 'assistant'; readonly content: string };
    readonly finish_reason: FinishReason;
  }];
  readonly usage: CompletionUsage;
}

export interface ChunkDelta {
  readonly role?: 'assistant';
  readonly content?: string;
}

export interface ChatCompletionChunk {
  readonly id: string;
  readonly object: 'chat.completion.chunk';
  readonly created: number;
  readonly model: string;
  readonly choices: readonly { readonly index: 0; readonly delta: ChunkDelta; readonly finish_reason: FinishReason | null }[];
  /** With `include_usage`: null on every chunk but the last, which has the usage and no choices. */
  readonly usage?: CompletionUsage | null;
}

/** What every object of one answer shares. */
export interface CompletionIdentity {
  readonly id: string;
  /** Unix seconds. */
  readonly created: number;
  readonly model: string;
}

/** `chatcmpl-<request id>`: the answer's id leads back to our logs. Only id characters are kept. */
export function completionId(requestId: string): string {
  const safe = requestId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64);
  return `chatcmpl-${safe || 'unknown'}`;
}

export function toCompletionUsage(usage: TokenUsage): CompletionUsage {
  const prompt = wholeTokens(usage.promptTokens);
  const completion = wholeTokens(usage.completionTokens);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function wholeTokens(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.ceil(n) : 0;
}

export function buildCompletion(identity: CompletionIdentity, content: string, finishReason: FinishReason, usage: TokenUsage): ChatCompletion {
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
    usage: toCompletionUsage(usage),
  };
}

/** Builds the chunks of one streamed answer; `includeUsage` adds `usage: null` to each, as OpenAI does. */
export class ChunkBuilder {
  public constructor(private readonly identity: CompletionIdentity, private readonly includeUsage: boolean) {}

  /** The first chunk: the role, no content yet. */
  public role(): ChatCompletionChunk {
    return this.chunk({ role: 'assistant', content: '' }, null);
  }

  public content(text: string): ChatCompletionChunk {
    return this.chunk({ content: text }, null);
  }

  public finish(reason: FinishReason): ChatCompletionChunk {
    return this.chunk({}, reason);
  }

  /** The last chunk when usage was asked for: no choices. */
  public usage(usage: TokenUsage): ChatCompletionChunk {
    return { ...this.head(), choices: [], usage: toCompletionUsage(usage) };
  }

  private chunk(delta: ChunkDelta, finishReason: FinishReason | null): ChatCompletionChunk {
    const chunk: ChatCompletionChunk = { ...this.head(), choices: [{ index: 0, delta, finish_reason: finishReason }] };
    return this.includeUsage ? { ...chunk, usage: null } : chunk;
  }

  private head(): { id: string; object: 'chat.completion.chunk'; created: number; model: string } {
    return { id: this.identity.id, object: 'chat.completion.chunk', created: this.identity.created, model: this.identity.model };
  }
}
