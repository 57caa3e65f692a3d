import fc from 'fast-check';
import { estimatePromptTokens, estimateTokens, reservePromptTokens, reserveTokens, TOKENS_PER_TURN } from '../../../lambda/chat/token-estimate';

describe('token estimates', () => {
  test('counts tokens with the cl100k_base vocabulary', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('hello world')).toBe(2);
    expect(estimateTokens(' hello')).toBe(1);
    // Text outside the vocabulary's common words falls back to byte pieces: more tokens per character.
    expect(estimateTokens('😀😀')).toBeGreaterThan(estimateTokens('ab'));
    const prose = 'The claimant reported water damage in the kitchen after the storm. '.repeat(20);
    const perToken = prose.length / estimateTokens(prose);
    expect(perToken).toBeGreaterThan(3);
    expect(perToken).toBeLessThan(7);
  });

  test('the reservation is the UTF-8 byte count: never below the estimate', () => {
    expect(reserveTokens('abcd')).toBe(4);
    expect(reserveTokens('😀')).toBe(4);
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      expect(reserveTokens(s)).toBeGreaterThanOrEqual(estimateTokens(s));
    }));
  });

  test('a conversation adds the per-turn overhead', () => {
    const turns = [{ text: 'hello world' }, { text: 'hello world' }];
    expect(estimatePromptTokens(turns)).toBe(4 + 2 * TOKENS_PER_TURN);
    expect(reservePromptTokens(turns)).toBe(22 + 2 * TOKENS_PER_TURN);
  });
});
