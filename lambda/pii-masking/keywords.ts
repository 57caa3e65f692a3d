/**
 * Words the scanner reacts to while it walks forward (secret-named keys, month
 * names, street words, name stop words). Each word is hashed while it is read,
 * so recognising it costs one map lookup instead of building a string; a hit
 * is confirmed by the detector that reads the word again.
 */
import { foldCase } from './char-class';

export const KW_SECRET = 1;
export const KW_MONTH = 2;
/** Street type written before the name: Via, Rue, Calle, ul., ... */
export const KW_STREET_FIRST = 4;
/** Street type written after the name: Street, Road, Avenue, ... */
export const KW_STREET_SUFFIX = 8;
/** Capitalised words that are not names (sentence starters, headings, weekdays). */
export const KW_NOT_NAME = 16;
/** Name particles: van, von, de, da, ... */
export const KW_PARTICLE = 32;
/** Locality prefix: г. (city) in Russian addresses. */
export const KW_LOCALITY = 64;

export function hashStep(h: number, foldedChar: number): number {
  return (Math.imul(h, 31) + foldedChar) | 0;
}

export function hashWord(w: string): number {
  let h = 0;
  for (let i = 0; i < w.length; i++) h = hashStep(h, foldCase(w.charCodeAt(i)));
  return h;
}

export const FORWARD_KEYWORDS = new Map<number, number>();

export function addKeywords(flag: number, words: readonly string[]): void {
  for (const w of words) {
    const h = hashWord(w);
    FORWARD_KEYWORDS.set(h, (FORWARD_KEYWORDS.get(h) ?? 0) | flag);
  }
}

/** The keyword flags of the word at [start, end), confirmed against the word lists by hash only. */
export function keywordFlags(s: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = hashStep(h, foldCase(s.charCodeAt(i)));
  return FORWARD_KEYWORDS.get(h) ?? 0;
}

addKeywords(KW_SECRET, [
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials',
  'community', 'bearer', 'authorization', 'passwort', 'kennwort', 'contraseña', 'senha', 'пароль',
]);

addKeywords(KW_MONTH, [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
