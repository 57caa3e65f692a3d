import { stripInvisible } from '../unicode';
import { enclosedLetter, LATIN_EXTRAS, SCRIPT_LOOKALIKES } from './confusables';

/**
 * Text reduced to what a reader sees, so that rules match meaning rather than
 * spelling: invisible characters removed, NFKC (full-width, mathematical and
 * circled letters become plain), lower case, diacritics dropped, look-alike
 * letters mapped.
 */
export interface FoldedText {
  /** The text as shown: invisible characters removed and NFKC applied, case kept (for encoded payloads). */
  readonly visible: string;
  /** Folded text with punctuation and line breaks kept (for markup rules). */
  readonly lower: string;
  /** `lower` with every separator turned into one space; keeps `. ! ?` and line breaks as boundaries. */
  readonly words: string;
  readonly invisible: number;
  readonly bidi: number;
  /** ASCII hidden in Unicode tag characters. */
  readonly tagText: string;
  /** Words whose letters were mixed-script look-alikes. */
  readonly homoglyphWords: number;
}

const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const EXTRA_KEYS = new RegExp(`[${Object.keys(LATIN_EXTRAS).join('')}]|\\uD83C[\\uDD30-\\uDD49\\uDD50-\\uDD69\\uDD70-\\uDD89\\uDDE6-\\uDDFF]`, 'g');
const CYRILLIC_OR_GREEK = /[\u0370-\u03ff\u0400-\u052f]/;
const LATIN_LETTER = /[a-z]/;
const LETTER_RUN = /[\p{L}\p{M}\p{N}]+/gu;
const SEPARATORS = /[^\p{L}\p{N}\p{M}@$.!?\n]+/gu;

function mapExtra(ch: string): string {
  return LATIN_EXTRAS[ch] ?? enclosedLetter(ch.codePointAt(0) ?? 0) ?? ch;
}

/** Case, compatibility forms and diacritics; the shared first step for text and for our lexicons. */
export function foldCharacters(text: string, isNfkc = false): string {
  let s = (isNfkc ? text : text.normalize('NFKC')).toLowerCase();
  if (!NON_ASCII.test(s)) return s;
  s = s.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
  return s.replace(EXTRA_KEYS, mapExtra);
}

/** Separators become single spaces; sentence ends and line breaks stay as rule boundaries. */
export function toWords(lower: string): string {
  return lower.replace(SEPARATORS, ' ');
}

function countLetters(s: string): { latin: number; other: number } {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) latin++;
    else if (c >= 0x370 && c <= 0x52f) other++;
  }
  return { latin, other };
}

/**
 * Maps Cyrillic and Greek look-alikes inside words that mix them with Latin
 * letters, and inside words made only of look-alikes when the text around
 * them is Latin. Real Russian or Greek words in Russian or Greek text stay.
 */
function mapLookalikes(s: string): { text: string; count: number } {
  if (!CYRILLIC_OR_GREEK.test(s) || !LATIN_LETTER.test(s)) return { text: s, count: 0 };
  const { latin, other } = countLetters(s);
  const latinText = latin > 4 * other;
  let count = 0;
  const text = s.replace(LETTER_RUN, (word) => {
    if (!CYRILLIC_OR_GREEK.test(word)) return word;
    let mapped = '';
    let allMappable = true;
    for (const ch of word) {
      const m = SCRIPT_LOOKALIKES[ch];
      if (m === undefined && CYRILLIC_OR_GREEK.test(ch)) allMappable = false;
      mapped += m ?? ch;
    }
    if (allMappable && (LATIN_LETTER.test(word) || latinText)) {
      count++;
      return mapped;
    }
    return word;
  });
  return { text, count };
}

export function foldText(text: string): FoldedText {
  const stripped = stripInvisible(text);
  const visible = stripped.text.normalize('NFKC');
  const { text: lower, count } = mapLookalikes(foldCharacters(visible, true));
  return {
    visible,
    lower,
    words: toWords(lower),
    invisible: stripped.invisible,
    bidi: stripped.bidi,
    tagText: stripped.tagText,
    homoglyphWords: count,
  };
}
