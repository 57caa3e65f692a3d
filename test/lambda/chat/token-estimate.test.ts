import fc from 'fast-check';
import { estimatePromptTokens, estimateTokens, reservePromptTokens, reserveTokens, TOKENS_PER_TURN } from '../../../lambda/chat/token-estimate';

describe('token estimates', () => {
  test('ASCII text counts about four characters a token; other characters one each', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('hello world!')).toBe(3);
    expect(estimateTokens('中文')).toBe(2);
    expect(estimateTokens('😀😀')).toBe(2);
    expect(estimateTokens('café')).toBe(2);
  });

  test('the reservation is the UTF-8 byte count: never below the estimate', () => {
    expect(reserveTokens('abcd')).toBe(4);
    expect(reserveTokens('😀')).toBe(4);
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      expect(reserveTokens(s)).toBeGreaterThanOrEqual(estimateTokens(s));
    }));
  });

  test('a conversation adds the per-turn overhead', () => {
    const turns = [{ text: 'abcd' }, { text: 'efgh' }];
    expect(estimatePromptTokens(turns)).toBe(2 + 2 * TOKENS_PER_TURN);
    expect(reservePromptTokens(turns)).toBe(8 + 2 * TOKENS_PER_TURN);
  });
});
