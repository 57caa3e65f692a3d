/**
 * Generators of the masker's property tests: any string, and PII-dense text
 * assembled from pieces that each hold one finding (or a near miss).
 */
import fc from 'fast-check';

const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
export const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: anyCodeUnit, maxLength: 300 }));

export const PIECES = [
  'jane.doe@example.com', '+1 (415) 555-0123', '4111 1111 1111 1111', '123-45-6789', 'DE89 3704 0044 0532 0130 00',
  '198.51.100.7', '2001:db8::7', '2001:db8:2e40:ab0a::961', 'AKIAIOSFODNN7EXAMPLE', 'password=Hunter2!x', 'DOB: 1990-01-02', 'passport no. C44036384',
  'Dear Jody Jast,', '5261 E 2nd Street, Baileyland, WA 32232-9457', ' ', '\n', ', ', '@', '::', '-', '12', 'Ab', 'é', '中文',
  '\ud83d\ude00', '\ud800', 'v1.2.3.4', '2024-03-03T04:05:06Z', 'SSN', 'name: ', '(', ')', '"',
  'account 4716 3972 5050 1290', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
];
/** PII-dense text: pieces joined by the separators text puts between words (see the idempotence note in docs/pii-masking.md). */
export const SEPARATORS = [' ', '\n', ', ', '; ', ' | ', '\t', '. ', ': ', ' (', ') '];
export const piiText = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 40 })
  .map((parts) => parts.map(([p, sep]) => p + sep).join(''));
/** The same pieces glued without separators: offsets and no-throw must still hold. */
export const gluedText = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''));

/** Default-ignorable code points of several kinds: zero-width, joiners, soft hyphen, word joiner, variation selectors (both blocks), tags, fillers. */
export const IGNORABLES = [
  '\u200b', '\u200c', '\u200d', '\u00ad', '\u2060', '\ufeff', '\u034f', '\u180e', '\u3164', '\ufe00', '\ufe0f',
  '\u{e0100}', '\u{e01ef}', '\u{e0041}', '\u2064', '\u115f',
];
/** For each ASCII digit, code points that NFKC or the digit mapping reads as it: full-width, mathematical, circled, other scripts. */
const DIGIT_FORMS = (d: number): string[] => [
  String.fromCodePoint(0xff10 + d), String.fromCodePoint(0x1d7ce + d), String.fromCodePoint(0x1d7f6 + d),
  d === 0 ? '\u24ea' : String.fromCodePoint(0x2460 + d - 1), String.fromCodePoint(0x0660 + d), String.fromCodePoint(0x06f0 + d),
  String.fromCodePoint(0x0966 + d), String.fromCodePoint(0x09e6 + d), String.fromCodePoint(0x0e50 + d), String.fromCodePoint(0x1040 + d),
];
/** Dashes (`\p{Pd}`, the minus sign, NFKC forms of `-`) and spaces (`\p{Zs}`). */
export const DASHES = ['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe63', '\uff0d', '\u2e3a'];
export const SPACES = ['\u00a0', '\u1680', '\u2000', '\u2002', '\u2007', '\u2009', '\u200a', '\u202f', '\u205f', '\u3000'];

/**
 * `text` rewritten so that a character-level reader no longer sees its PII, while its detection view is `text`
 * again: default-ignorables inserted between code points, digits in other forms and scripts, ASCII letters
 * full-width, `-` as other dashes, spaces as other spaces. Tabs and line breaks stay.
 */
export function disguised(text: string): fc.Arbitrary<string> {
  const units = [...text];
  return fc
    .tuple(
      fc.array(fc.nat(1000), { minLength: units.length, maxLength: units.length }),
      fc.array(fc.constantFrom(...IGNORABLES), { minLength: units.length, maxLength: units.length }),
      fc.integer({ min: 0, max: 100 }),
    )
    .map(([rolls, ignorables, density]) => {
      let out = '';
      units.forEach((ch, k) => {
        const roll = rolls[k];
        const change = roll % 100 < density;
        const c = ch.charCodeAt(0);
        if (change && c >= 0x30 && c <= 0x39) {
          const forms = DIGIT_FORMS(c - 0x30);
          out += forms[roll % forms.length];
        } else if (change && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) {
          out += String.fromCharCode(c + 0xfee0);
        } else if (change && ch === '-') {
          out += DASHES[roll % DASHES.length];
        } else if (change && ch === ' ') {
          out += SPACES[roll % SPACES.length];
        } else {
          out += ch;
        }
        if (Math.floor(roll / 100) % 10 < density / 20) out += ignorables[k];
      });
      return out;
    });
}

/** PII-dense text and a disguised copy of it. */
export const piiTextDisguised = piiText.chain((text) => disguised(text).map((hidden) => ({ text, hidden })));
