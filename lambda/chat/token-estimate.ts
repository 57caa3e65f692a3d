/**
 * Token counts for backends that report none. No tokenizer package is part
 * of this project's dependencies, and a model's own vocabulary is unknown to
 * the proxy anyway, so counts are estimated from characters and marked as
 * estimates (TokenUsage.estimated) wherever they are recorded.
 *
 * Two estimates, for two uses:
 * - `estimateTokens`: a usual figure for usage reports. BPE vocabularies of
 *   current models average about 4 characters of English per token; text
 *   outside ASCII (accents, CJK, emoji) takes about one token per character
 *   or more, so those count one token each.
 * - `reserveTokens`: an upper bound for worst-case reservations (budgets):
 *   every UTF-8 byte a token, since byte-level BPE never needs more tokens
 *   than the text has bytes (plus the per-message overhead below).
 */

/** Characters of ASCII text per token, on average, for current BPE vocabularies. */
export const ASCII_CHARS_PER_TOKEN = 4;
/** Tokens a chat template adds around each turn (role markers, separators). */
export const TOKENS_PER_TURN = 4;

/** About how many tokens `text` is: ASCII in fours, every other character one. */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) ascii++;
    // A surrogate pair is one character: count it at its high half.
    else if (c < 0xdc00 || c > 0xdfff) other++;
  }
  return Math.ceil(ascii / ASCII_CHARS_PER_TOKEN) + other;
}

/** No tokenizer can need more tokens than this for `text`: its UTF-8 bytes. */
export function reserveTokens(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The estimated prompt of a conversation: its turns and their template overhead. */
export function estimatePromptTokens(turns: readonly { readonly text: string }[]): number {
  return turns.reduce((sum, turn) => sum + estimateTokens(turn.text) + TOKENS_PER_TURN, 0);
}

/** The upper bound of a conversation's prompt, for reservations. */
export function reservePromptTokens(turns: readonly { readonly text: string }[]): number {
  return turns.reduce((sum, turn) => sum + reserveTokens(turn.text) + TOKENS_PER_TURN, 0);
}
