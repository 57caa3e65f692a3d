/**
 * Token counts for backends that report none, marked as estimates
 * (TokenUsage.estimated) wherever they are recorded.
 *
 * Two counts, for two uses:
 * - `estimateTokens`: a usual figure for usage reports, from a maintained BPE
 *   tokenizer (`gpt-tokenizer`, the cl100k_base vocabulary). A model's own
 *   vocabulary is unknown to the proxy, so it stays an estimate; BPE
 *   vocabularies of current models agree within a few tens of percent on
 *   English. The vocabulary (1 MB of the bundle) is loaded on first use,
 *   once per execution environment: backends that always report usage
 *   (Bedrock Converse, OpenAI-compatible servers) never load it.
 * - `reserveTokens`: an upper bound for worst-case reservations (budgets):
 *   every UTF-8 byte a token, since byte-level BPE never needs more tokens
 *   than the text has bytes (plus the per-message overhead below).
 */

/** Tokens a chat template adds around each turn (role markers, separators). */
export const TOKENS_PER_TURN = 4;

type CountTokens = (text: string) => number;
let counter: CountTokens | undefined;

/** The tokenizer, loaded on first use (a require inside a function stays lazy in the CommonJS bundle). */
function tokenizer(): CountTokens {
  if (counter === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a backend reports no usage
    const { countTokens } = require('gpt-tokenizer/cjs/encoding/cl100k_base') as { countTokens: CountTokens };
    counter = countTokens;
  }
  return counter;
}

/** Loads the vocabulary now (at cold start, for backends that never report usage). */
export function preloadTokenizer(): void {
  tokenizer();
}

/** How many tokens `text` is in the cl100k_base vocabulary. */
export function estimateTokens(text: string): number {
  return text === '' ? 0 : tokenizer()(text);
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
