import fc from 'fast-check';
import { createPlaceholderMap, maskPii, type MaskOptions, type MaskResult } from '../../../lambda/pii-masking';
import { PlaceholderRestorer } from '../../../lambda/chat/placeholder-stream';
import { StreamingMasker, StreamMaskingError } from '../../../lambda/chat/streaming-masker';
import { anyText, disguised, gluedText, PIECES, piiText, SEPARATORS } from '../pii-masking/generators';

/** Plain prose long enough to clear the look-back and look-ahead of a cut. */
const PROSE = 'the report covers the quarter and the plans for the next one, with notes on staffing and budget. '.repeat(6);

/** Paragraphs that put each detector's reach across a blank line. */
const REACHING = [
  'DOB:', '1990-01-02', 'passport no.', 'C44036384', 'Kristian Schiller', 'kristian.schiller@example.com',
  'id,full_name,dob,ssn', '1,Kent Wilderman,1956-06-17,478790014', '| Name | Birth date |\n|---|---|\n| Ada Lovelace | 1815-12-10 |',
  'INSERT INTO people (name, dob) VALUES', "('Kent Wilderman', '1956-06-17');", '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', '-----END RSA PRIVATE KEY-----', 'Best,', 'Jody Jast',
  '5261 E 2nd Street', 'Baileyland, WA 32232-9457', 'Dear', 'Mr. Darcy', 'password:', 'Hunter2!x', 'tel', '4155550123',
  'jane.doe＠example.com', '（name, dob） VALUES', 'ＢＥＧＩＮ', '\ud83d', '\ude00',
];
const BREAKS_ACROSS = ['\n\n', '\n \n', '\r\n\r\n', '\n', '\n\n\n', ' '];
const BREAKS = ['\n\n', '\n \n', '\r\n\r\n', '\n', ' ', '\n\n\n', '', '\n\u200b\n'];
/** Pairs where the second's masking depends on the first, or the first's on the second, across a line break. */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['DOB:', '1990-01-02'], ['passport no.', 'C44036384'], ['Kristian Schiller', 'kristian.schiller@example.com'],
  ['kristian.schiller@example.com', 'Kristian Schiller'], ['id,full_name,dob,ssn', '1,Kent Wilderman,1956-06-17,478790014'],
  ['| Name | Birth date |\n|---|---|', '| Ada Lovelace | 1815-12-10 |'], ['INSERT INTO people (name, dob) VALUES', "('Kent Wilderman', '1956-06-17');"],
  ['Best,', 'Jody Jast'], ['Jody Jast', '5261 E 2nd Street'], ['5261 E 2nd Street', 'Baileyland, WA 32232-9457'],
  ['password:', 'Hunter2!x'], ['tel', '4155550123'], ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0t'],
  ['Dear', 'Mr. Darcy'], ['Kristian Schiller', 'kristian.schiller＠example.com'], ['（name, dob） VALUES', "('Kent Wilderman', '1956-06-17');"],
];
/** Filler lengths, biased to the edges of the cut rules' windows. */
const fillerLength = fc.oneof(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 180, max: 320 }), fc.integer({ min: 380, max: 540 }));
const LOREM = 'lorem ipsum dolor sit amet '.repeat(40);
/** Prose, a pair split by filler, a break and filler, prose: the cut rules decide whether the break may be cut. */
const reaching = fc.tuple(fc.constantFrom(...PAIRS), fc.constantFrom(...BREAKS_ACROSS), fillerLength, fillerLength, fc.constantFrom('', PROSE))
  .map(([[a, b], brk, before, after, tail]) => `${PROSE}\n\n${a} ${LOREM.slice(0, before)}${brk}${LOREM.slice(0, after)}${b}\n\n${PROSE}${tail}`);
const NO_AT = PIECES.filter((p) => !p.includes('@'));
const atFreeText = fc.array(fc.tuple(fc.constantFrom(...NO_AT), fc.constantFrom(...SEPARATORS)), { maxLength: 20 })
  .map((parts) => parts.map(([p, s]) => p + s).join(''));
const paragraph = fc.oneof(
  { weight: 3, arbitrary: atFreeText },
  { weight: 2, arbitrary: piiText },
  { weight: 1, arbitrary: piiText.chain((t) => disguised(t)) },
  { weight: 1, arbitrary: gluedText },
  { weight: 1, arbitrary: anyText },
  { weight: 3, arbitrary: fc.constant(PROSE) },
  { weight: 3, arbitrary: fc.constantFrom(...REACHING) },
);
const answer = fc.array(fc.tuple(paragraph, fc.constantFrom(...BREAKS)), { maxLength: 14 }).map((ps) => ps.map(([p, b]) => p + b).join(''));

/**
 * Chunk boundaries: random ones (or, when `random` is one number, every that many units, as a model streams
 * tokens), and one inside every finding (after its first unit, in its middle, before its last).
 */
function boundaries(text: string, random: number[], findings: MaskResult['findings']): number[] {
  const at = random.length === 1 ? tokenCuts(text.length, 1 + (random[0] % 24)) : random.map((r) => r % (text.length + 1));
  for (const f of findings) at.push(f.start + 1, (f.start + f.end) >> 1, f.end - 1);
  return [...new Set(at.filter((c) => c > 0 && c < text.length))].sort((a, b) => a - b);
}

function tokenCuts(length: number, size: number): number[] {
  const at: number[] = [];
  for (let c = size; c < length; c += size) at.push(c);
  return at;
}

function chunks(text: string, cuts: number[]): string[] {
  const out: string[] = [];
  let last = 0;
  for (const c of cuts) {
    out.push(text.slice(last, c));
    last = c;
  }
  out.push(text.slice(last));
  return out;
}

/** A map holding the caller's own values (the request was masked with it), sealed as the proxy seals it. */
function requestMap() {
  const map = createPlaceholderMap();
  maskPii('Reach jane.doe@example.com or +1 (415) 555-0123; Dear Jody Jast, card 4111 1111 1111 1111.', {
    defaultMode: 'placeholder', placeholders: map,
  });
  map.seal();
  return map;
}

const MODES: Array<Omit<MaskOptions, 'placeholders'>> = [
  { defaultMode: 'placeholder' }, {}, { defaultMode: 'redact' }, { defaultMode: 'mask' }, { defaultMode: 'hash', hashKey: 'k'.repeat(32) },
];

describe('StreamingMasker', () => {
  let released = 0;
  test('for any text and any split, the stream equals the buffered masker, placeholders and map included', () => {
    fc.assert(fc.property(answer, fc.array(fc.nat(), { maxLength: 12 }), fc.constantFrom(...MODES), (text, random, mode) => {
      const bufferedMap = requestMap();
      const buffered = maskPii(text, { ...mode, placeholders: bufferedMap });
      const streamMap = requestMap();
      const masker = new StreamingMasker({ ...mode, placeholders: streamMap });
      const early = chunks(text, boundaries(text, random, buffered.findings)).map((c) => masker.push(c)).join('');
      if (early !== '') released++;
      const out = early + masker.flush();
      expect(out).toBe(buffered.text);
      expect(streamMap.entries()).toEqual(bufferedMap.entries());
      expect(masker.findings).toEqual(countByType(buffered.findings));
    }), { numRuns: 400 });
    // The property is only worth something if the streams were cut: a fair share of the random answers (about a
    // quarter in practice, varying with fast-check's draws) released text before their end.
    expect(released).toBeGreaterThan(40);
  });

  test('detectors that reach across a line break give the same result streamed, whatever lies between', () => {
    let cut = 0;
    fc.assert(fc.property(reaching, fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom(...MODES), (text, random, mode) => {
      const buffered = maskPii(text, { ...mode, placeholders: createPlaceholderMap() });
      const masker = new StreamingMasker({ ...mode, placeholders: createPlaceholderMap() });
      const parts = chunks(text, boundaries(text, random, buffered.findings));
      const pushed = parts.map((c) => masker.push(c)).join('');
      if (pushed.length > PROSE.length + 2) cut++;
      expect(pushed + masker.flush()).toBe(buffered.text);
    }), { numRuns: 1500 });
    expect(cut).toBeGreaterThan(100);
  });

  test.each([
    ['an e-mail address far before a name', `kristian.schiller@example.com ${'lorem '.repeat(45)}\n\nKristian Schiller paid.`],
    ['a name far before an e-mail address', `Kristian Schiller paid.\n\n${'lorem '.repeat(45)}kristian.schiller@example.com`],
    ['an SQL column list far before its values', `INSERT INTO people (name, dob) VALUES ${' '.repeat(440)}\n\n('Kent Wilderman', '1956-06-17');`],
  ])('at the edge of the cut windows: %s, streamed one character at a time', (_, core) => {
    const text = `${PROSE}\n\n${core}\n\n${PROSE}`;
    const buffered = maskPii(text).text;
    // The case is worth testing only if masking the two sides apart would differ: the reach really crosses the blank line.
    const [left, right] = core.split('\n\n');
    expect(`${maskPii(left).text}\n\n${maskPii(right).text}`).not.toBe(maskPii(core).text);
    const masker = new StreamingMasker({});
    let out = '';
    for (const ch of text) out += masker.push(ch);
    expect(out + masker.flush()).toBe(buffered);
  });

  test('an IPv6 address ending in an all-digit group before a full stop is masked whichever character the stream is cut at', () => {
    const text = `Sure. The request came from IP 2001:db8:2e40:ab0a::961. Let me know.\n\n${PROSE}`;
    const buffered = maskPii(text).text;
    expect(buffered).not.toContain('::961');
    for (let cut = 1; cut < text.length; cut++) {
      const masker = new StreamingMasker({});
      expect(masker.push(text.slice(0, cut)) + masker.push(text.slice(cut)) + masker.flush()).toBe(buffered);
    }
  });

  test('restored stream equals the buffered path: mask the whole text, then restore the caller\'s values', () => {
    fc.assert(fc.property(answer, fc.array(fc.nat(), { maxLength: 12 }), (text, random) => {
      const bufferedMap = requestMap();
      const buffered = maskPii(text, { defaultMode: 'placeholder', placeholders: bufferedMap });
      const streamMap = requestMap();
      const masker = new StreamingMasker({ defaultMode: 'placeholder', placeholders: streamMap });
      const restorer = new PlaceholderRestorer(streamMap);
      let out = '';
      for (const c of chunks(text, boundaries(text, random, buffered.findings))) out += restorer.push(masker.push(c));
      out += restorer.push(masker.flush()) + restorer.flush();
      expect(out).toBe(restorePlaceholdersOf(buffered.text, bufferedMap));
    }), { numRuns: 200 });
  });

  test('releases text paragraph by paragraph, never the whole answer at the end', () => {
    const masker = new StreamingMasker({ defaultMode: 'placeholder', placeholders: createPlaceholderMap() });
    const first = `My SSN is 123-45-6789 and ${PROSE}`;
    const second = `Call +1 (415) 555-0123 about ${PROSE}`;
    let out = masker.push(`${first}\n\n`);
    expect(out).toBe('');
    out = '';
    for (const ch of second) out += masker.push(ch);
    expect(out).toBe('My SSN is <US_SSN_1> and ' + PROSE + '\n\n');
    expect(masker.heldChars).toBe(second.length);
    expect(masker.flush()).toBe(`Call <PHONE_1> about ${PROSE}`);
  });

  test('holds a paragraph back while an e-mail address within reach could still name the person in it', () => {
    const masker = new StreamingMasker({ defaultMode: 'redact' });
    const text = `Kristian Schiller wrote.\n\n${'x'.repeat(200)} kristian.schiller@example.com`;
    expect(masker.push(text.slice(0, 230))).toBe('');
    expect(masker.push(text.slice(230))).toBe('');
    const out = masker.flush();
    expect(out).toBe(maskPii(text).text);
    expect(out.startsWith('[PERSON] wrote.')).toBe(true);
  });

  test('fails closed: a masker failure ends the stream and nothing of the failed piece comes out', () => {
    let calls = 0;
    const failing = (text: string, options: MaskOptions): MaskResult =>
      (++calls === 2 ? { text: '[PII_MASKING_FAILED]', findings: [], failedClosed: true } : maskPii(text, options));
    const masker = new StreamingMasker({}, failing);
    expect(masker.push(`${PROSE}\n\nSSN 123-45-6789 ${PROSE}\n\n`)).toBe(`${PROSE}\n\n`);
    expect(() => masker.push(PROSE)).toThrow(StreamMaskingError);
    expect(() => masker.push('more')).toThrow(StreamMaskingError);
    expect(() => masker.flush()).toThrow(StreamMaskingError);
  });

  test('fails closed when the masker throws', () => {
    const masker = new StreamingMasker({}, () => {
      throw new Error('detector bug');
    });
    expect(masker.push('jane@example.com')).toBe('');
    expect(() => masker.flush()).toThrow(StreamMaskingError);
  });

  test('fails when custom patterns are configured', () => {
    expect(() => new StreamingMasker({ customPatterns: [{ name: 'EMP', pattern: '^EMP-\\d{6}' }] })).toThrow(/streamed answers/);
  });
});

function countByType(findings: MaskResult['findings']): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.type] = (counts[f.type] ?? 0) + 1;
  return counts;
}

function restorePlaceholdersOf(text: string, map: ReturnType<typeof createPlaceholderMap>): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../../lambda/pii-masking') as typeof import('../../../lambda/pii-masking')).restorePlaceholders(text, map);
}
