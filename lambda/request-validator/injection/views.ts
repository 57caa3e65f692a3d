import { unleet, rot13 } from './matcher';
import { tokenText, type Tokens } from './tokens';

/**
 * Other readings of the same text, built only when the first scan saw a
 * reason to: leetspeak, letters spelled out one by one, ROT13, reversed.
 */
const LEET_WORD = /[^ .!?\n]*[0-9@$][^ .!?\n]*/g;
const LATIN = /[a-z]/;

export function leetView(words: string, vocabulary: ReadonlySet<string>): string {
  return words.replace(LEET_WORD, (w) => (LATIN.test(w) ? unleet(w, vocabulary) : w));
}

export function rot13View(words: string): string {
  return rot13(words);
}

export function reversedView(words: string): string {
  return Array.from(words).reverse().join('');
}

// On folded text, so lower-case Latin, Latin-1/Extended and Cyrillic cover the letters that matter.
const SPACED_RUN = /(?<![a-z0-9\u00c0-\u024f\u0400-\u04ff])[a-z\u00c0-\u024f\u0400-\u04ff](?:[ ._*\-|/\\,~+:]{1,3}[a-z\u00c0-\u024f\u0400-\u04ff]){4,}(?![a-z0-9\u00c0-\u024f\u0400-\u04ff])/g;

function isGapMark(c: number): boolean {
  return c === 0x20 || c === 0x2e || c === 0x5f || c === 0x2a || c === 0x2d || c === 0x5c || c === 0x2c || c === 0x7e || c === 0x2b || c === 0x3a;
}

/** A spaced run read as words: a single gap mark joins letters, two or more (or one `|` or `/`) make a word break. */
function joinSpaced(run: string): string {
  let out = '';
  let i = 0;
  while (i < run.length) {
    const c = run.charCodeAt(i);
    if (c === 0x7c || c === 0x2f) {
      out += ' ';
      i++;
    } else if (isGapMark(c)) {
      let end = i + 1;
      while (end < run.length && isGapMark(run.charCodeAt(end))) end++;
      if (end - i >= 2) out += ' ';
      i = end;
    } else {
      out += run[i];
      i++;
    }
  }
  return out;
}

/**
 * "i g n o r e   a l l" → "ignore all": single separators join letters,
 * wider gaps (or `/`, `|`) separate words. Also returns each run with all
 * gaps removed, for the compact rules.
 */
export function despacedView(lower: string): { readonly lower: string; readonly runs: readonly string[] } {
  const runs: string[] = [];
  const text = lower.replace(SPACED_RUN, (run) => {
    const joined = joinSpaced(run);
    runs.push(joined.replace(/ /g, ''));
    return joined;
  });
  return { lower: text, runs };
}

const SPLITS_TO_NOTICE = 4;

function isSplitMark(c: number): boolean {
  return c === 0x2d || c === 0x5f || c === 0x2a || c === 0xb7 || c === 0x2022 || c === 0x7c || c === 0x7e || c === 0x5e;
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x370 && c <= 0x52f);
}

const SPLIT_MARK = /[-_*\u00b7\u2022|~^]/g;

/** Positions of marks that cut a word in two ("ig-nore"): a split mark between two letters. */
function splitPositions(lower: string, limit: number): number[] {
  const found: number[] = [];
  SPLIT_MARK.lastIndex = 0;
  for (let m = SPLIT_MARK.exec(lower); m && found.length < limit; m = SPLIT_MARK.exec(lower)) {
    const i = m.index;
    if (i > 0 && isLetter(lower.charCodeAt(i - 1)) && isLetter(lower.charCodeAt(i + 1))) found.push(i);
  }
  SPLIT_MARK.lastIndex = 0;
  return found;
}

/** The words that contain a split mark, with the marks taken out: "ig-nore" → "ignore". */
export function joinedWords(lower: string): string[] {
  const words: string[] = [];
  let last = -1;
  for (const i of splitPositions(lower, Infinity)) {
    if (i <= last) continue;
    let start = i;
    while (start > 0 && (isLetter(lower.charCodeAt(start - 1)) || isSplitMark(lower.charCodeAt(start - 1)))) start--;
    let end = i;
    while (end < lower.length && (isLetter(lower.charCodeAt(end)) || isSplitMark(lower.charCodeAt(end)))) end++;
    words.push(joinedView(lower.slice(start, end)));
    last = end;
  }
  return words;
}

/** Whether words are cut with hyphens or similar marks often enough to look deliberate: "ig-nore al-l". */
export function hasSplitWords(lower: string): boolean {
  return splitPositions(lower, SPLITS_TO_NOTICE).length >= SPLITS_TO_NOTICE;
}

/** "ig-nore al-l pre-vi-ous" → "ignore all previous". */
export function joinedView(lower: string): string {
  let out = '';
  let copied = 0;
  for (const i of splitPositions(lower, Infinity)) {
    out += lower.slice(copied, i);
    copied = i + 1;
  }
  return out + lower.slice(copied);
}

// Apostrophes inside words ("don't") are not quotes: a single quote counts only next to a non-letter.
const QUOTED = /"[^"\n]{1,500}"|(?<![a-z0-9\u00c0-\u024f])'[^'\n]{1,300}'(?![a-z0-9\u00c0-\u024f])|`[^`\n]{1,500}`/g;

/** The text with quoted spans blanked, to tell a quoted example from an instruction. */
export function withoutQuotes(lower: string): string {
  return lower.replace(QUOTED, ' ');
}

export function hasQuotes(lower: string): boolean {
  QUOTED.lastIndex = 0;
  const found = QUOTED.test(lower);
  QUOTED.lastIndex = 0;
  return found;
}

const MAX_PIECES = 32;
const CAPITALS = /(?<![A-Za-z])[A-Z]{2,}(?![A-Za-z])/g;

/**
 * Readings that put a split payload back together: the quoted pieces joined
 * in order, without and with spaces, and in reverse order; and the words in
 * capitals read on their own ("the IGNORE cat sat on YOUR mat").
 */
export function splitPayloadViews(visible: string): string[] {
  const pieces: string[] = [];
  QUOTED.lastIndex = 0;
  for (let m = QUOTED.exec(visible); m && pieces.length < MAX_PIECES; m = QUOTED.exec(visible)) pieces.push(m[0].slice(1, -1));
  QUOTED.lastIndex = 0;
  const views: string[] = [];
  if (pieces.length >= 2) views.push(pieces.join(''), pieces.join(' '), [...pieces].reverse().join(' '));
  const capitals = visible.match(CAPITALS) ?? [];
  if (capitals.length >= 3) views.push(capitals.slice(0, MAX_PIECES).join(' '));
  return views;
}

const MAX_PART = 5;
const MIN_JOINED = 5;

/**
 * The beginnings a first half can have: every prefix of 1 to 5 characters,
 * shorter than the word, of the known words of 5 to 10 characters. A pair
 * whose first half is not one of them cannot join to a known word, so it
 * costs no new string.
 */
export function joinHeads(known: Iterable<string>): ReadonlySet<string> {
  const heads = new Set<string>();
  for (const word of known) {
    if (word.length < MIN_JOINED || word.length > 2 * MAX_PART) continue;
    for (let k = 1; k <= MAX_PART && k < word.length; k++) heads.add(word.slice(0, k));
  }
  return heads;
}

/**
 * Words cut in two by a space ("ig nore your ru les"): adjacent short words
 * of one sentence whose concatenation is a word the rules know, while one
 * half is not. Returns the reading with those pairs joined, or undefined when
 * there are fewer than `min` such pairs. `heads`, from {@link joinHeads} over
 * the words `known` accepts, lets most pairs be passed over without joining them.
 */
export function rejoinedView(tokens: Tokens, known: (word: string) => boolean, min: number, heads?: ReadonlySet<string>): string | undefined {
  const joinAt: number[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokenText(tokens, i);
    const b = tokenText(tokens, i + 1);
    if (a.length > MAX_PART || b.length > MAX_PART || a.length + b.length < MIN_JOINED || tokens.sentence[i] !== tokens.sentence[i + 1]) continue;
    if (heads && !heads.has(a)) continue;
    if ((!known(a) || !known(b)) && known(a + b)) {
      joinAt.push(i);
      i++;
    }
  }
  if (joinAt.length < min) return undefined;
  const words: string[] = [];
  let next = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i === joinAt[next]) {
      words.push(tokenText(tokens, i) + tokenText(tokens, i + 1));
      next++;
      i++;
    } else words.push(tokenText(tokens, i));
  }
  return words.join(' ');
}
