/**
 * The ways the same value can be written so that it looks the same to a
 * person (or a model) but not to a naive scanner, and the canonical form in
 * which a leak is searched for whatever way it was written.
 */
import type { Random } from './pii-values';

export const PII_FORMS = ['plain', 'full-width digits', 'zero-width inside', 'variation selectors', 'other-script digits', 'unicode dashes'] as const;
export type PiiForm = (typeof PII_FORMS)[number];

const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];
const VARIATION_SELECTORS = ['\uFE0E', '\uFE0F', '\u{E0100}'];
/** Zero digits of scripts whose digits NFKC leaves as they are: Arabic-Indic, Devanagari, Bengali, Thai. */
const OTHER_ZEROS = [0x0660, 0x0966, 0x09e6, 0x0e50];
const DASHES = ['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\uFE63', '\uFF0D'];

const int = (r: Random, max: number) => Math.floor(r() * max);

/** Inserts `pick()` between two characters at `count` random places (never at the ends). */
function insertInside(value: string, count: number, r: Random, pick: () => string): string {
  const chars = [...value];
  for (let n = 0; n < count && chars.length > 1; n++) chars.splice(1 + int(r, chars.length - 1), 0, pick());
  return chars.join('');
}

/** `value` written in `form`, or undefined when the form does not apply (no digits, no dash). */
export function writeIn(form: PiiForm, value: string, r: Random): string | undefined {
  switch (form) {
    case 'plain':
      return value;
    case 'full-width digits':
      return /\d/.test(value) ? value.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) : undefined;
    case 'zero-width inside':
      return insertInside(value, 1 + int(r, 2), r, () => ZERO_WIDTH[int(r, ZERO_WIDTH.length)]);
    case 'variation selectors':
      return insertInside(value, 1 + int(r, 2), r, () => VARIATION_SELECTORS[int(r, VARIATION_SELECTORS.length)]);
    case 'other-script digits': {
      if (!/\d/.test(value)) return undefined;
      const zero = OTHER_ZEROS[int(r, OTHER_ZEROS.length)];
      return value.replace(/\d/g, (d) => String.fromCharCode(zero + Number(d)));
    }
    case 'unicode dashes':
      return value.includes('-') ? value.replace(/-/g, () => DASHES[int(r, DASHES.length)]) : undefined;
  }
}

const INVISIBLE = /[\u00AD\u034F\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFE00-\uFE0F\uFEFF]|\uDB40[\uDC00-\uDDEF]/g;
const DASH = /[\p{Pd}\u2212]/gu;
const DIGIT = /\p{Nd}/gu;
/** Zeros of the scripts whose digits NFKC keeps (Arabic-Indic to Mongolian); NFKC itself folds full-width and mathematical digits. */
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x17e0, 0x1810,
];

function asciiDigit(d: string): string {
  const cp = d.codePointAt(0) ?? 0;
  const zero = DIGIT_ZEROS.find((z) => cp >= z && cp <= z + 9);
  return zero === undefined ? d : String(cp - zero);
}

/**
 * The form a leak is searched in: invisible characters and variation
 * selectors removed, NFKC, decimal digits as ASCII, every dash as `-`. A
 * value counts as leaked when its canonical form is in the canonical text.
 */
export function canonical(text: string): string {
  return text.replace(INVISIBLE, '').normalize('NFKC').replace(DASH, '-').replace(DIGIT, asciiDigit);
}
