/**
 * The detection view (normalize.ts) and masking through it: PII written so that a character-level reader misses
 * it is found, the finding covers the whole original extent, and the text around it is returned unchanged.
 */
import { createPlaceholderMap, maskJson, maskPii, restorePlaceholders } from '../../../lambda/pii-masking';
import { detectionView, toOriginalEnd, toOriginalStart } from '../../../lambda/pii-masking/normalize';
import { found } from './helpers';

describe('detection view', () => {
  it('is the text itself for ASCII, without an offset map', () => {
    const text = 'plain ASCII, card 4111 1111 1111 1111\tand a tab';
    const v = detectionView(text);
    expect(v.text).toBe(text);
    expect(v.starts).toBeNull();
  });

  it('keeps no offset map when every change keeps its length (full-width, dashes, spaces, BMP digits)', () => {
    const v = detectionView('４７１６\u2013٣٩٧٢\u00a0x');
    expect(v.text).toBe('4716-3972 x');
    expect(v.starts).toBeNull();
  });

  it.each([
    ['zero-width space', '\u200b'],
    ['zero-width joiner', '\u200d'],
    ['soft hyphen', '\u00ad'],
    ['word joiner', '\u2060'],
    ['byte order mark', '\ufeff'],
    ['variation selector 16', '\ufe0f'],
    ['variation selector 1', '\ufe00'],
    ['variation selector 17', '\u{e0100}'],
    ['variation selector 256', '\u{e01ef}'],
    ['tag letter', '\u{e0041}'],
    ['combining grapheme joiner', '\u034f'],
    ['Hangul filler', '\u3164'],
    ['Mongolian vowel separator', '\u180e'],
  ])('drops a default-ignorable code point: %s', (_name, ch) => {
    const text = `12${ch}34`;
    const v = detectionView(text);
    expect(v.text).toBe('1234');
    // The unit after the dropped one points back past it; the one before ends before it, or (for a combining
    // character, read with its base) after it.
    expect(toOriginalStart(v, 2)).toBe(2 + ch.length);
    expect(toOriginalEnd(v, 2)).toBe(/\p{M}/u.test(ch) ? 2 + ch.length : 2);
  });

  it.each([
    ['full-width', '１２３'],
    ['mathematical bold', '𝟏𝟐𝟑'],
    ['mathematical monospace', '𝟷𝟸𝟹'],
    ['circled', '①②③'],
    ['Arabic-Indic', '١٢٣'],
    ['Extended Arabic-Indic', '۱۲۳'],
    ['Devanagari', '१२३'],
    ['Bengali', '১২৩'],
    ['Thai', '๑๒๓'],
  ])('reads %s digits as ASCII digits', (_name, digits) => {
    expect(detectionView(`n ${digits}`).text).toBe('n 123');
  });

  it('maps a digit that NFKC expands to two units back to its one character', () => {
    const v = detectionView('a⑩b');
    expect(v.text).toBe('a10b');
    expect([toOriginalStart(v, 1), toOriginalEnd(v, 3)]).toEqual([1, 2]);
  });

  it.each(['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe63', '\uff0d', '\u2e3a', '\u301c'])('folds the dash U+%s to "-"', (d) => {
    expect(detectionView(`1${d}2`).text).toBe('1-2');
  });

  it.each(['\u00a0', '\u1680', '\u2002', '\u2007', '\u2009', '\u202f', '\u205f', '\u3000'])('folds the space U+%s to " "', (sp) => {
    expect(detectionView(`1${sp}2`).text).toBe('1 2');
  });

  it('composes a letter and its combining mark (NFKC)', () => {
    expect(detectionView('Rene\u0301 ﬁle').text).toBe('René file');
  });

  it('folds Cyrillic and Greek look-alikes inside tokens that also hold Latin letters, and leaves words of one script alone', () => {
    expect(detectionView('jоhn.dое@ехаmple.com АКІАIOSFODNN7EXAMPLE').text).toBe('john.doe@example.com AKIAIOSFODNN7EXAMPLE');
    expect(detectionView('Меня зовут Иван, ΑΒΓ').text).toBe('Меня зовут Иван, ΑΒΓ');
  });

  it('leaves lone surrogates as they are', () => {
    expect(detectionView('a\ud800b\udc00 é').text).toBe('a\ud800b\udc00 é');
  });
});

describe('masking through the detection view', () => {
  it.each([
    ['zero-width spaces', 'card 4716\u200b3972\u200b5050\u200b1290 please'],
    ['variation selectors', 'card 4\ufe0f716 3972 5050 12\u{e0100}90 please'],
    ['soft hyphens', 'card 4716\u00ad3972\u00ad5050\u00ad1290 please'],
    ['full-width digits', 'card ４７１６ ３９７２ ５０５０ １２９０ please'],
    ['mathematical digits', 'card 𝟒𝟕𝟏𝟔 𝟑𝟗𝟕𝟐 𝟓𝟎𝟓𝟎 𝟏𝟐𝟗𝟎 please'],
    ['circled digits', 'card ④⑦①⑥ ③⑨⑦② ⑤⓪⑤⓪ ①②⑨⓪ please'],
    ['Arabic-Indic digits', 'card ٤٧١٦ ٣٩٧٢ ٥٠٥٠ ١٢٩٠ please'],
    ['en dashes', 'card 4716–3972–5050–1290 please'],
    ['minus signs', 'card 4716−3972−5050−1290 please'],
    ['no-break spaces', 'card 4716\u00a03972\u00a05050\u00a01290 please'],
    ['ideographic spaces', 'card 4716\u30003972\u30005050\u30001290 please'],
    ['tabs', 'card 4716\t3972\t5050\t1290 please'],
  ])('masks a card written with %s, over its whole original extent', (_name, text) => {
    const r = maskPii(text, { defaultMode: 'redact' });
    expect(r.findings.map((f) => f.type)).toEqual(['CREDIT_CARD']);
    expect(r.text).toBe('card [CREDIT_CARD] please');
    const f = r.findings[0];
    expect(detectionView(text.slice(f.start, f.end)).text.replace(/[ \t-]/g, '')).toBe('4716397250501290');
  });

  it.each([
    ['an SSN with en dashes', 'SSN 123–45–6789', 'US_SSN'],
    ['an SSN with zero-width joiners', 'ssn: 123-\u200d45-6789', 'US_SSN'],
    ['an IBAN with no-break spaces', 'IBAN DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000', 'IBAN'],
    ['an IBAN in full-width letters and digits', 'IBAN ＤＥ８９３７０４００４４０５３２０１３０００', 'IBAN'],
    ['an e-mail with Cyrillic look-alikes', 'write to jоhn.dое@ехаmple.com today', 'EMAIL'],
    ['an e-mail with a soft hyphen', 'write to jo\u00adhn@exam\u200bple.com today', 'EMAIL'],
    ['an e-mail in full-width letters', 'write to ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ today', 'EMAIL'],
    ['a phone number in full-width digits', 'call +1 (４１５) ５５５-０１２３ now', 'PHONE'],
    ['an AWS access key id with a zero-width space', 'key AKIA\u200bIOSFODNN7EXAMPLE here', 'AWS_ACCESS_KEY'],
    ['an AWS access key id with Cyrillic А and К', 'key АКIAIOSFODNN7EXAMPLE here', 'AWS_ACCESS_KEY'],
    ['an IPv4 address in full-width digits', 'host １９８.５１.１００.７ down', 'IP_ADDRESS'],
    ['a date of birth with an en dash', 'DOB: 1990–01–02', 'DATE_OF_BIRTH'],
  ])('masks %s', (_name, text, type) => {
    const r = maskPii(text, { defaultMode: 'redact' });
    expect(r.findings.map((f) => f.type)).toEqual([type]);
    const f = r.findings[0];
    expect(r.text).toBe(`${text.slice(0, f.start)}[${type}]${text.slice(f.end)}`);
  });

  it('does not rely on the request validator: variation selectors 1-16, which it keeps, are dropped here', () => {
    expect(found('SSN 1\ufe0f23-4\ufe0e5-6789')).toEqual([['US_SSN', '1\ufe0f23-4\ufe0e5-6789']]);
  });

  it('returns text outside findings byte for byte, invisible characters included', () => {
    const text = 'Hi\u200b there\u00a0– card ４７１６ ３９７２ ５０５０ １２９０, thanks\ufe0f!';
    const r = maskPii(text, { defaultMode: 'redact' });
    expect(r.text).toBe('Hi\u200b there\u00a0– card [CREDIT_CARD], thanks\ufe0f!');
  });

  it('renders mask mode from the normalised value, so no digit stays in another form', () => {
    expect(maskPii('card ４７１６–３９７２–５０５０–１２９０.').text).toBe('card ****-****-****-1290.');
  });

  it('gives a value and its disguised copy one placeholder, restored as the normalised value', () => {
    const map = createPlaceholderMap();
    const r = maskPii('mail jane@example.com or jane\u200b@example.com', { defaultMode: 'placeholder', placeholders: map });
    expect(r.text).toBe('mail <EMAIL_1> or <EMAIL_1>');
    expect(restorePlaceholders(r.text, map)).toBe('mail jane@example.com or jane@example.com');
  });

  it('masks JSON strings through the same view, with the key as context', () => {
    const r = maskJson({ ssn: '１２３４５６７８９', note: 'card 4716\u200b3972\u200b5050\u200b1290' }, { defaultMode: 'redact' });
    expect(r.value).toEqual({ ssn: '[US_SSN]', note: 'card [CREDIT_CARD]' });
  });

  it('applies the allowlist to the normalised value', () => {
    expect(found('call +1 800 555\u200b0199', { allow: { values: ['+1 800 5550199'] } })).toEqual([]);
  });

  it('lets custom patterns read the normalised view', () => {
    const r = maskPii('badge EMP-１２３４５６ ok', { customPatterns: [{ name: 'EMPLOYEE_ID', pattern: '\\bEMP-\\d{6}\\b' }] });
    expect(r.text).toBe('badge [EMPLOYEE_ID] ok');
  });
});
