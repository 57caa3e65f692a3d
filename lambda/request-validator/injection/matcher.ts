import { anchorsOf, foldPhrase, sequenceSource } from './pattern-builder';
import { LEET } from './confusables';
import type { Reason } from './reasons';
import type { WordRule } from './rules/rule';
import type { Evidence } from './scoring';
import type { Token } from './tokens';

/**
 * Finds word rules in the `words` view in one pass: each word is looked up
 * in an index of the words rules start with, and only those rules are tried,
 * anchored (sticky) at that word. The cost grows with the text and the
 * number of candidate words, not with rules × text.
 */
interface CompiledRule {
  readonly reason: Reason;
  readonly weight: number;
  readonly regex: RegExp;
}

export interface RuleIndex {
  readonly rules: readonly CompiledRule[];
  readonly exact: ReadonlyMap<string, readonly number[]>;
  readonly prefixes: ReadonlyMap<string, readonly number[]>;
  readonly prefixLengths: readonly number[];
  /** Every word of every lexicon, to choose between leetspeak readings. */
  readonly vocabulary: ReadonlySet<string>;
  /** Rule-start words of five letters or more, ROT13-encoded and reversed. */
  readonly rot13Anchors: ReadonlySet<string>;
  readonly reversedAnchors: ReadonlySet<string>;
}

/** What the scan noticed that deserves a second look in another reading of the text. */
export interface ScanHints {
  leetspeak: boolean;
  rot13: boolean;
  reversed: boolean;
  spacedLetters: boolean;
  /** Long run-together words ("ignoreallpreviousinstructions"), for the compact rules; their total length is at most the text's. */
  readonly longWords: string[];
}

const MIN_ENCODED_ANCHOR = 5;
const LONG_WORD = 16;
const SPACED_RUN = 5;

export function rot13(s: string): string {
  return s.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97));
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(id)) list.push(id);
  } else map.set(key, [id]);
}

export function buildRuleIndex(rules: readonly WordRule[]): RuleIndex {
  const exact = new Map<string, number[]>();
  const prefixes = new Map<string, number[]>();
  const vocabulary = new Set<string>();
  const rot13Anchors = new Set<string>();
  const reversedAnchors = new Set<string>();
  const compiled = rules.map((r, id) => {
    const anchors = anchorsOf(r.parts[0]);
    for (const a of anchors.exact) {
      push(exact, a, id);
      if (a.length >= MIN_ENCODED_ANCHOR && /^[a-z]+$/.test(a)) {
        rot13Anchors.add(rot13(a));
        reversedAnchors.add([...a].reverse().join(''));
      }
    }
    for (const p of anchors.prefixes) push(prefixes, p, id);
    for (const part of r.parts) {
      if (part.kind !== 'alt' && part.kind !== 'opt') continue;
      for (const phrase of part.phrases) {
        if (!phrase.startsWith('~')) for (const w of foldPhrase(phrase).split(' ')) vocabulary.add(w.replace(/\*$/, ''));
      }
    }
    return { reason: r.reason, weight: r.weight, regex: new RegExp(sequenceSource(r.parts, r.notAfter), 'y') };
  });
  const prefixLengths = [...new Set([...prefixes.keys()].map((k) => k.length))].sort((a, b) => a - b);
  return { rules: compiled, exact, prefixes, prefixLengths, vocabulary, rot13Anchors, reversedAnchors };
}

function isAsciiLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

const LEET_CHAR = /[0-9@$]/;
const LATIN = /[a-z]/;

/** The leetspeak reading of a word, preferring one that is in our vocabulary ("ru1es" → "rules"). */
export function unleet(word: string, vocabulary: ReadonlySet<string>): string {
  const asI = word.replace(/[0-9@$]/g, (c) => LEET[c] ?? c);
  if (vocabulary.has(asI) || !word.includes('1')) return asI;
  const asL = asI.replace(/i/g, (_c, i: number) => (word[i] === '1' ? 'l' : 'i'));
  return vocabulary.has(asL) ? asL : asI;
}

/**
 * Tries every rule whose first word occurs in `words`; adds matches to
 * `evidence`. Returns hints about obfuscation seen on the way.
 */
export function matchWordRules(words: string, tokens: readonly Token[], index: RuleIndex, evidence: Evidence): ScanHints {
  const hints: ScanHints = { leetspeak: false, rot13: false, reversed: false, spacedLetters: false, longWords: [] };
  const done = new Uint8Array(index.rules.length);
  const tryRules = (ids: readonly number[] | undefined, start: number): void => {
    if (!ids) return;
    for (const id of ids) {
      if (done[id]) continue;
      const r = index.rules[id];
      r.regex.lastIndex = start;
      if (r.regex.test(words)) {
        done[id] = 1;
        evidence.add(r.reason, r.weight);
      }
    }
  };
  let singleLetters = 0;
  for (const { text: word, start } of tokens) {
    tryRules(index.exact.get(word), start);
    for (const n of index.prefixLengths) {
      if (n > word.length) break;
      tryRules(index.prefixes.get(word.slice(0, n)), start);
    }
    singleLetters = word.length === 1 && isAsciiLetter(word.charCodeAt(0)) ? singleLetters + 1 : 0;
    if (singleLetters >= SPACED_RUN) hints.spacedLetters = true;
    if (word.length >= MIN_ENCODED_ANCHOR) {
      if (index.rot13Anchors.has(word)) hints.rot13 = true;
      if (index.reversedAnchors.has(word)) hints.reversed = true;
    }
    if (!hints.leetspeak && LEET_CHAR.test(word) && LATIN.test(word) && index.vocabulary.has(unleet(word, index.vocabulary))) {
      hints.leetspeak = true;
    }
    if (word.length >= LONG_WORD) hints.longWords.push(word);
  }
  return hints;
}
