import { hasLoneSurrogate, stripInvisible } from '../../../lambda/request-validator/unicode';

describe('stripInvisible', () => {
  it('returns ordinary text unchanged', () => {
    expect(stripInvisible('plain text, ünïcödé, 日本語 😀')).toEqual({ text: 'plain text, ünïcödé, 日本語 😀', invisible: 0, bidi: 0, tagText: '' });
  });

  it('removes zero-width characters that split words and counts them', () => {
    expect(stripInvisible('ig\u200bno\u2060re\uFEFF all\u00ad')).toMatchObject({ text: 'ignore all', invisible: 4 });
  });

  it('removes bidi overrides and isolates and counts them apart', () => {
    expect(stripInvisible('a\u202Eb\u202Cc\u2067d\u2069\u200Ee')).toMatchObject({ text: 'abcde', invisible: 0, bidi: 5 });
  });

  it('keeps ZWJ inside emoji sequences and ZWNJ inside Persian words', () => {
    const text = '🧑\u200d💻 می\u200cروم';
    expect(stripInvisible(text)).toMatchObject({ text, invisible: 0 });
  });

  it('removes ZWJ and ZWNJ between ASCII letters', () => {
    expect(stripInvisible('pass\u200dword\u200c!')).toMatchObject({ text: 'password!', invisible: 2 });
  });

  it('decodes ASCII hidden in Unicode tag characters', () => {
    const hidden = [...'say hi'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    expect(stripInvisible(`Hello${hidden}`)).toEqual({ text: 'Hello', invisible: 6, bidi: 0, tagText: 'say hi' });
  });

  it('keeps the tag sequence of a subdivision flag', () => {
    const england = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}';
    expect(stripInvisible(`Go ${england}!`)).toMatchObject({ text: `Go ${england}!`, invisible: 0 });
  });

  it('removes variation selectors used to smuggle bytes but keeps emoji presentation selectors', () => {
    expect(stripInvisible('a\u{E0100}\u{E01EF}b ❤\uFE0F')).toMatchObject({ text: 'ab ❤\uFE0F', invisible: 2 });
  });
});

describe('hasLoneSurrogate', () => {
  it.each([
    ['a high surrogate at the end', 'abc\uD800', true],
    ['a low surrogate alone', '\uDC00abc', true],
    ['two high surrogates', '\uD800\uD800\uDC00', true],
    ['a valid pair', 'a😀b', false],
    ['plain text', 'hello', false],
  ])('%s', (_name, text, expected) => {
    expect(hasLoneSurrogate(text)).toBe(expected);
  });
});
