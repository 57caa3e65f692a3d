/**
 * Calendar dates in the shapes people type: ISO `1987-03-12`, `03/12/1987`,
 * `12.03.1987`, `March 12, 1987`, `12 March 1987`, `12. März 1987`. A date is
 * only personal data as a date of birth; the scanner still recognises every
 * date so its digits are not mistaken for something else.
 */
import { foldCase, isDigit, isLetter, isSpace } from './char-class';
import { IntTable } from './int-table';

const MONTH_WORDS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [1, ['january', 'jan', 'janvier', 'januar', 'jänner', 'enero', 'gennaio', 'janeiro', 'januari', 'styczeń', 'stycznia', 'январь', 'января']],
  [2, ['february', 'feb', 'février', 'fevrier', 'februar', 'febrero', 'febbraio', 'fevereiro', 'februari', 'luty', 'lutego', 'февраль', 'февраля']],
  [3, ['march', 'mar', 'mars', 'märz', 'maerz', 'marzo', 'março', 'marco', 'maart', 'marzec', 'marca', 'март', 'марта']],
  [4, ['april', 'apr', 'avril', 'abril', 'aprile', 'kwiecień', 'kwietnia', 'апрель', 'апреля']],
  [5, ['may', 'mai', 'mayo', 'maggio', 'maio', 'mei', 'maj', 'maja', 'май', 'мая']],
  [6, ['june', 'jun', 'juin', 'juni', 'junio', 'giugno', 'junho', 'czerwiec', 'czerwca', 'июнь', 'июня']],
  [7, ['july', 'jul', 'juillet', 'juli', 'julio', 'luglio', 'julho', 'lipiec', 'lipca', 'июль', 'июля']],
  [8, ['august', 'aug', 'août', 'aout', 'agosto', 'augustus', 'sierpień', 'sierpnia', 'август', 'августа']],
  [9, ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'setembro', 'wrzesień', 'września', 'сентябрь', 'сентября']],
  [10, ['october', 'oct', 'octobre', 'oktober', 'octubre', 'ottobre', 'outubro', 'październik', 'października', 'октябрь', 'октября']],
  [11, ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopad', 'listopada', 'ноябрь', 'ноября']],
  [12, ['december', 'dec', 'décembre', 'decembre', 'dezember', 'diciembre', 'dicembre', 'dezembro', 'grudzień', 'grudnia', 'декабрь', 'декабря']],
];

/**
 * Month words by hash of their folded letters (1 + index into MONTH_LIST), confirmed in place, so the common
 * miss and the hit both build no string.
 */
const MONTH_BY_HASH = new IntTable(512);
/** Per hash slot, the month words with that hash and their month numbers (parallel arrays). */
const MONTH_SLOT_WORDS: string[][] = [];
const MONTH_SLOT_NUMBERS: number[][] = [];
for (const [m, words] of MONTH_WORDS) {
  for (const w of words) {
    let h = 0;
    for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
    let slot = MONTH_BY_HASH.get(h);
    if (slot === 0) {
      MONTH_SLOT_WORDS.push([]);
      MONTH_SLOT_NUMBERS.push([]);
      slot = MONTH_SLOT_WORDS.length;
      MONTH_BY_HASH.set(h, slot);
    }
    MONTH_SLOT_WORDS[slot - 1].push(w);
    MONTH_SLOT_NUMBERS[slot - 1].push(m);
  }
}

/** Month number of the word at [start, end), or 0. Accepts a trailing `.` on abbreviations via the caller. */
export function monthOfWord(s: string, start: number, end: number): number {
  const len = end - start;
  if (len < 3 || len > 12) return 0;
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + foldCase(s.charCodeAt(i))) | 0;
  return monthOfHashedWord(s, start, end, h);
}

/**
 * monthOfWord for a caller that already has the word's hash (folded letters, `h * 31 + c` from the first
 * letter on), such as a look-back that hashes while it reads.
 */
export function monthOfHashedWord(s: string, start: number, end: number, h: number): number {
  const len = end - start;
  if (len < 3 || len > 12) return 0;
  const slot = MONTH_BY_HASH.get(h);
  if (slot === 0) return 0;
  const words = MONTH_SLOT_WORDS[slot - 1];
  for (let k = 0; k < words.length; k++) if (foldedEquals(s, start, end, words[k])) return MONTH_SLOT_NUMBERS[slot - 1][k];
  return 0;
}

/** Is the word at [start, end), case-folded, equal to `w`? */
function foldedEquals(s: string, start: number, end: number, w: string): boolean {
  if (end - start !== w.length) return false;
  for (let k = 0; k < w.length; k++) if (foldCase(s.charCodeAt(start + k)) !== w.charCodeAt(k)) return false;
  return true;
}

export function validDayMonth(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** Value of the digits readNumber read last (a scratch result, so reading a number allocates nothing). */
let numberValue = 0;

/** Reads digits at `pos`; returns their end (`pos` when none) and leaves their value in numberValue. */
function readNumber(s: string, pos: number, maxDigits: number): number {
  let v = 0;
  let i = pos;
  while (i < s.length && i - pos < maxDigits && isDigit(s.charCodeAt(i))) {
    v = v * 10 + (s.charCodeAt(i) - 0x30);
    i++;
  }
  numberValue = v;
  return i;
}

function wordEnd(s: string, pos: number): number {
  let i = pos;
  while (i < s.length && i - pos < 14 && isLetter(s.charCodeAt(i))) i++;
  return i;
}

function skipSpaces(s: string, pos: number, max: number): number {
  let i = pos;
  while (i < s.length && i - pos < max && isSpace(s.charCodeAt(i))) i++;
  return i;
}

const YEAR_MIN = 1880;
const YEAR_MAX = 2100;

/**
 * A textual date starting with the month word at `pos`: `March 12, 1987`,
 * `Mar. 12 1987`. Returns the end or -1.
 */
export function parseMonthFirstDate(s: string, pos: number): number {
  const we = wordEnd(s, pos);
  const month = monthOfWord(s, pos, we);
  if (!month) return -1;
  return parseDateAfterMonth(s, we, month);
}

/**
 * The rest of parseMonthFirstDate, for a caller that has read the month word (ending at `we`, as wordEnd
 * would end it) and its number.
 */
export function parseDateAfterMonth(s: string, we: number, month: number): number {
  let i = we;
  if (s.charCodeAt(i) === 0x2e) i++;
  const j = skipSpaces(s, i, 2);
  if (j === i) return -1;
  const dayEnd = readNumber(s, j, 2);
  const dayValue = numberValue;
  if (dayEnd === j || !validDayMonth(dayValue, month)) return -1;
  i = dayEnd;
  // Ordinal suffixes: 1st 2nd 3rd 4th.
  const c0 = s.charCodeAt(i) | 0x20;
  if ((c0 === 0x73 || c0 === 0x6e || c0 === 0x72 || c0 === 0x74) && isLetter(s.charCodeAt(i + 1)) && !isLetter(s.charCodeAt(i + 2))) i += 2;
  if (s.charCodeAt(i) === 0x2c) i++;
  const k = skipSpaces(s, i, 2);
  if (k === i) return -1;
  const yearEnd = readNumber(s, k, 4);
  const yearValue = numberValue;
  if (yearEnd - k !== 4 || yearValue < YEAR_MIN || yearValue > YEAR_MAX) return -1;
  if (yearEnd < s.length && isDigit(s.charCodeAt(yearEnd))) return -1;
  return yearEnd;
}

/**
 * A textual date starting with the day at `pos`: `12 March 1987`, `12. März 1987`,
 * `1er janvier 1990`, `12 de março de 1987`. Returns the end or -1.
 */
export function parseDayFirstDate(s: string, pos: number): number {
  const dayEnd = readNumber(s, pos, 2);
  const dayValue = numberValue;
  if (dayEnd === pos || dayValue < 1 || dayValue > 31) return -1;
  let i = dayEnd;
  // `12-Mar-1990`
  if (s.charCodeAt(i) === 0x2d) {
    const we = wordEnd(s, i + 1);
    const month = monthOfWord(s, i + 1, we);
    if (!month || s.charCodeAt(we) !== 0x2d || !validDayMonth(dayValue, month)) return -1;
    const yearEnd = readNumber(s, we + 1, 4);
    const yearValue = numberValue;
    if (yearEnd - (we + 1) !== 4 || yearValue < YEAR_MIN || yearValue > YEAR_MAX || isDigit(s.charCodeAt(yearEnd))) return -1;
    return yearEnd;
  }
  if (s.charCodeAt(i) === 0x2e) i++;
  else if ((s.charCodeAt(i) | 0x20) === 0x65 && (s.charCodeAt(i + 1) | 0x20) === 0x72) i += 2; // 1er
  let j = skipSpaces(s, i, 2);
  if (j === i) return -1;
  if (s.startsWith('de ', j)) j += 3;
  const we = wordEnd(s, j);
  const month = monthOfWord(s, j, we);
  if (!month) return -1;
  i = we;
  if (s.charCodeAt(i) === 0x2e) i++;
  if (s.charCodeAt(i) === 0x2c) i++;
  let k = skipSpaces(s, i, 2);
  if (k === i) return -1;
  if (s.startsWith('de ', k)) k += 3;
  const yearEnd = readNumber(s, k, 4);
  const yearValue = numberValue;
  if (yearEnd - k !== 4 || yearValue < YEAR_MIN || yearValue > YEAR_MAX) return -1;
  if (yearEnd < s.length && isDigit(s.charCodeAt(yearEnd))) return -1;
  // Russian and Polish often append "г." / "r.".
  return yearEnd;
}

/**
 * Numeric date from three digit groups (already split by one separator kind):
 * y-m-d, d/m/y, m/d/y or with a two-digit year. Lengths and values are checked.
 */
export function isNumericDate(a: number, aLen: number, b: number, bLen: number, c: number, cLen: number): boolean {
  if (aLen === 4) {
    return a >= YEAR_MIN && a <= YEAR_MAX && bLen <= 2 && cLen <= 2 && validDayMonth(c, b);
  }
  if (aLen > 2 || bLen > 2) return false;
  if (cLen === 4) {
    if (c < YEAR_MIN || c > YEAR_MAX) return false;
  } else if (cLen !== 2) {
    return false;
  }
  return validDayMonth(a, b) || validDayMonth(b, a);
}

/** `1990年3月12日` (Chinese and Japanese): returns the end or -1. `pos` is the year. */
export function parseCjkDate(s: string, pos: number): number {
  const yearEnd = readNumber(s, pos, 4);
  const yearValue = numberValue;
  if (yearEnd - pos !== 4 || yearValue < YEAR_MIN || yearValue > YEAR_MAX || s.charCodeAt(yearEnd) !== 0x5e74) return -1;
  const monthEnd = readNumber(s, yearEnd + 1, 2);
  const monthValue = numberValue;
  if (monthEnd === yearEnd + 1 || s.charCodeAt(monthEnd) !== 0x6708) return -1;
  const dayEnd = readNumber(s, monthEnd + 1, 2);
  const dayValue = numberValue;
  if (dayEnd === monthEnd + 1 || !validDayMonth(dayValue, monthValue)) return -1;
  const c = s.charCodeAt(dayEnd);
  return c === 0x65e5 || c === 0x53f7 ? dayEnd + 1 : -1;
}
