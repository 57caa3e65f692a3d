import { unleet, rot13 } from './matcher';

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

const SPACED_RUN = /(?<![\p{L}\p{N}])\p{L}(?:[ ._*\-|/\\,~+:]{1,3}\p{L}){4,}(?![\p{L}\p{N}])/gu;
const WIDE_GAP = /[ ._*\-\\,~+:]{2,}|[|/]/g;
const NARROW_GAP = /[ ._*\-\\,~+:]/g;
const WORD_BREAK = '\u0001';

/**
 * "i g n o r e   a l l" → "ignore all": single separators join letters,
 * wider gaps (or `/`, `|`) separate words. Also returns each run with all
 * gaps removed, for the compact rules.
 */
export function despacedView(lower: string): { readonly lower: string; readonly runs: readonly string[] } {
  const runs: string[] = [];
  const text = lower.replace(SPACED_RUN, (run) => {
    const joined = run.replace(WIDE_GAP, WORD_BREAK).replace(NARROW_GAP, '').split(WORD_BREAK).join(' ');
    runs.push(joined.replace(/ /g, ''));
    return joined;
  });
  return { lower: text, runs };
}

const SPLIT_INSIDE_WORD = /(\p{L})[-_*·•|~^](?=\p{L})/gu;
const SPLITS_TO_NOTICE = 4;

/** Whether words are cut with hyphens or similar marks often enough to look deliberate: "ig-nore al-l". */
export function hasSplitWords(lower: string): boolean {
  let count = 0;
  SPLIT_INSIDE_WORD.lastIndex = 0;
  while (count < SPLITS_TO_NOTICE && SPLIT_INSIDE_WORD.exec(lower)) count++;
  SPLIT_INSIDE_WORD.lastIndex = 0;
  return count >= SPLITS_TO_NOTICE;
}

/** "ig-nore al-l pre-vi-ous" → "ignore all previous". */
export function joinedView(lower: string): string {
  return lower.replace(SPLIT_INSIDE_WORD, '$1');
}

const QUOTED = /"[^"\n]{1,500}"|(?<![\p{L}\p{N}])'[^'\n]{1,300}'(?![\p{L}\p{N}])|`[^`\n]{1,500}`/gu;

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
