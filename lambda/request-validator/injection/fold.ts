import { isAscii, stripInvisible } from '../unicode';
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
const EXTRA = new Map(Object.entries(LATIN_EXTRAS));
// Only these ranges hold keys of LATIN_EXTRAS; everything else skips the map lookup.
function mayBeExtra(c: number): boolean {
  return (c >= 0x60 && c <= 0x60) || (c >= 0xab && c <= 0x2af) || (c >= 0x1d00 && c <= 0x1d2f) || (c >= 0x2010 && c <= 0x2212) || c === 0x3002 || c === 0xff61 || c === 0xa730 || c === 0xa731;
}

function replaceExtras(s: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x60 || (c > 0x60 && c < 0xab) || !mayBeExtra(c)) continue;
    const m = EXTRA.get(s[i]);
    if (m === undefined) continue;
    out += s.slice(copied, i) + m;
    copied = i + 1;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

const DECOMPOSABLE = /[\u00c0-\u052f\u1e00-\u1fff]/;
const ENCLOSED = /\uD83C[\uDD30-\uDD49\uDD50-\uDD69\uDD70-\uDD89\uDDE6-\uDDFF]/g;
const HIGH_SURROGATE_FOR_ENCLOSED = '\uD83C';

/** Case, compatibility forms and diacritics; the shared first step for text and for our lexicons. */
export function foldCharacters(text: string, isNfkc = false): string {
  let s = (isNfkc ? text : text.normalize('NFKC')).toLowerCase();
  if (!NON_ASCII.test(s)) return s;
  if (DECOMPOSABLE.test(s)) s = s.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
  s = replaceExtras(s);
  return s.includes(HIGH_SURROGATE_FOR_ENCLOSED) ? s.replace(ENCLOSED, (ch) => enclosedLetter(ch.codePointAt(0) ?? 0) ?? ch) : s;
}

/**
 * Whether a UTF-16 unit belongs to a word: letters, digits and marks of any
 * script, plus `@ $` (leetspeak) and the boundaries `. ! ?` and line breaks.
 * A table of punctuation and symbol blocks stands in for Unicode property
 * classes, which cost several times more on non-Latin text.
 */
function isWordUnit(c: number): boolean {
  if (c < 0x80) {
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x40 || c === 0x24 || c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a;
  }
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false;
  if (c >= 0x2e00 && c <= 0x2e7f) return false;
  if (c >= 0x3000 && c <= 0x303f) return c === 0x3005 || c === 0x3006;
  if (c >= 0xd800 && c <= 0xf8ff) return false;
  if (c >= 0xfe10 && c <= 0xfe6f) return false;
  if ((c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65)) return false;
  if (c === 0x060c || c === 0x061b || c === 0x061f || c === 0x066a || c === 0x06d4 || c === 0x0964 || c === 0x0965) return false;
  return true;
}

// A run of ASCII separators other than one lone space (which would be replaced by itself): most runs in prose are lone spaces.
const ASCII_SEPARATORS = / ?[^a-z0-9A-Z@$.!?\n ][^a-z0-9A-Z@$.!?\n]*| {2,}[^a-z0-9A-Z@$.!?\n]*/g;

/** Separators become single spaces; sentence ends and line breaks stay as rule boundaries. */
export function toWords(lower: string): string {
  // Plain ASCII text takes the regex, which V8 runs faster than any loop; other text the code-point table.
  if (isAscii(lower)) return lower.replace(ASCII_SEPARATORS, ' ');
  let out = '';
  let runStart = 0;
  let inSeparator = false;
  for (let i = 0; i < lower.length; i++) {
    const kept = isWordUnit(lower.charCodeAt(i));
    if (kept && inSeparator) {
      out += ' ';
      runStart = i;
      inSeparator = false;
    } else if (!kept && !inSeparator) {
      out += lower.slice(runStart, i);
      inSeparator = true;
    }
  }
  return inSeparator ? out + ' ' : out + lower.slice(runStart);
}

function isCyrillicOrGreek(c: number): boolean {
  return c >= 0x370 && c <= 0x52f;
}

function isLatinLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

/**
 * Maps Cyrillic and Greek look-alikes inside words that mix them with Latin
 * letters, and inside words made only of look-alikes when the text around
 * them is Latin. Real Russian or Greek words in Russian or Greek text stay.
 */
function mapLookalikes(s: string): { text: string; count: number } {
  let latin = 0;
  let other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isLatinLetter(c)) latin++;
    else if (isCyrillicOrGreek(c)) other++;
  }
  if (latin === 0 || other === 0) return { text: s, count: 0 };
  const latinText = latin > 4 * other;
  let out = '';
  let copied = 0;
  let count = 0;
  let i = 0;
  while (i < s.length) {
    if (!isCyrillicOrGreek(s.charCodeAt(i))) {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && isWordUnit(s.charCodeAt(start - 1)) && !isBoundary(s.charCodeAt(start - 1))) start--;
    let end = i;
    while (end < s.length && isWordUnit(s.charCodeAt(end)) && !isBoundary(s.charCodeAt(end))) end++;
    const word = s.slice(start, end);
    let mapped = '';
    let allMappable = true;
    let hasLatin = false;
    for (const ch of word) {
      const m = SCRIPT_LOOKALIKES[ch];
      const code = ch.charCodeAt(0);
      if (m === undefined && isCyrillicOrGreek(code)) allMappable = false;
      if (isLatinLetter(code)) hasLatin = true;
      mapped += m ?? ch;
    }
    if (allMappable && (hasLatin || latinText)) {
      out += s.slice(copied, start) + mapped;
      copied = end;
      count++;
    }
    i = end;
  }
  return { text: count === 0 ? s : out + s.slice(copied), count };
}

function isBoundary(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a || c === 0x40 || c === 0x24;
}

// "!gn0r3": an exclamation mark at the start of a word or between letters stands for "i".
const MIN_BANGS_IN_WORDS = 2;

function isLetterOrDigit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0xc0 && isWordUnit(c));
}

function isBangInWord(s: string, i: number): boolean {
  if (!isLetterOrDigit(s.charCodeAt(i + 1))) return false;
  if (i === 0) return true;
  const before = s.charCodeAt(i - 1);
  return before === 0x20 || before === 0x0a || before === 0x40 || before === 0x24 || isLetterOrDigit(before);
}

function bangsAsLetters(s: string): string {
  let count = 0;
  for (let i = s.indexOf('!'); i >= 0 && count < MIN_BANGS_IN_WORDS; i = s.indexOf('!', i + 1)) if (isBangInWord(s, i)) count++;
  if (count < MIN_BANGS_IN_WORDS) return s;
  let out = '';
  let copied = 0;
  for (let i = s.indexOf('!'); i >= 0; i = s.indexOf('!', i + 1)) {
    if (!isBangInWord(s, i)) continue;
    out += s.slice(copied, i) + 'i';
    copied = i + 1;
  }
  return out + s.slice(copied);
}

export function foldText(text: string): FoldedText {
  const stripped = stripInvisible(text);
  // ASCII text is its own NFKC form and has no diacritics or look-alikes: only case and `!` change.
  const ascii = isAscii(stripped.text);
  const visible = ascii ? stripped.text : stripped.text.normalize('NFKC');
  const { text: lower, count } = ascii
    ? { text: bangsAsLetters(visible.toLowerCase()), count: 0 }
    : mapLookalikes(bangsAsLetters(foldCharacters(visible, true)));
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
