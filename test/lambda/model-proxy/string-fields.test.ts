import { mapStrings, UnexpectedValueError } from '../../../lambda/model-proxy/string-fields';

const upper = (text: string) => text.toUpperCase();

describe('mapStrings', () => {
  test('replaces every string at any depth in a copy, and leaves numbers, booleans, null and keys alone', async () => {
    const value = { prompt: 'a', parameters: { maxTokens: 5, flag: true, none: null, stopSequences: ['b', 'c'] }, nested: [[{ deep: 'd' }]] };
    const out = await mapStrings(value, upper);
    expect(out).toEqual({ prompt: 'A', parameters: { maxTokens: 5, flag: true, none: null, stopSequences: ['B', 'C'] }, nested: [[{ deep: 'D' }]] });
    expect(value.prompt).toBe('a');
    expect(out.parameters.stopSequences).not.toBe(value.parameters.stopSequences);
  });

  test('waits for an asynchronous replacement', async () => {
    expect(await mapStrings(['x'], async (text) => `${text}!`)).toEqual(['x!']);
  });

  test.each([
    ['a class instance', { when: new Date(0) }],
    ['a function', { f: () => 'secret' }],
    ['a cycle', (() => { const o: Record<string, unknown> = {}; o.self = o; return o; })()],
  ])('refuses %s, which could hide a string from the walk', async (_what, value) => {
    await expect(mapStrings(value, upper)).rejects.toBeInstanceOf(UnexpectedValueError);
  });
});
