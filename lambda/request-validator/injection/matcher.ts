import { anchorsOf, foldPhrase, sequenceSource, type Part } from './pattern-builder';
import { LEET } from './confusables';
import { isHumanAgent } from './human-agents';
import { isLogLabel } from './log-entries';
import { namesTopic, notFollowedByTopic } from './business-topics';
import { Reason } from './reasons';
import type { WordRule } from './rules/rule';
import type { Evidence } from './scoring';
import { tokenText, WordCache, type Tokens } from './tokens';
import { WordPairIndex } from './word-pairs';

/**
 * Finds word rules in the `words` view in one pass: each word is looked up
 * in an index of the words rules start with, and only those rules are tried,
 * anchored (sticky) at that word. The cost grows with the text and the
 * number of candidate words, not with rules × text.
 */
interface CompiledRule {
  readonly reason: Reason;
  readonly weight: number;
  /** The rule's sticky regex, built the first time the rule is tried: most rules are never tried in a process's first requests. */
  readonly regex: () => RegExp;
  /** Bits of the required parts that must each have a first word in the text before the rule is tried (see `required`). */
  readonly needs: number;
}

export interface RuleIndex {
  readonly rules: readonly CompiledRule[];
  readonly exact: ReadonlyMap<string, readonly number[]>;
  /** Two-word anchors ("the user"), keyed by both words, and the set of their first words. */
  readonly pairs: ReadonlyMap<string, readonly number[]>;
  readonly pairStarts: ReadonlySet<string>;
  /** Prefix anchors (`reveal*`) grouped by their first four letters. */
  readonly prefixes: ReadonlyMap<string, ReadonlyArray<{ readonly prefix: string; readonly ids: readonly number[] }>>;
  /** Every word of every lexicon, to choose between leetspeak readings. */
  readonly vocabulary: ReadonlySet<string>;
  /** Rule-start words of five letters or more, ROT13-encoded and reversed. */
  readonly rot13Anchors: ReadonlySet<string>;
  readonly reversedAnchors: ReadonlySet<string>;
  /** First words of required parts → (rule id, bit of that part). */
  readonly required: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>;
  /** Ids of the rules that have required parts. */
  readonly filtered: readonly number[];
  /** Everything known about one word, so that each word of a text costs one lookup. */
  readonly words: ReadonlyMap<string, WordInfo>;
  /** How many word gates (`gates` argument of buildRuleIndex) there are. */
  readonly gateCount: number;
}

/** What the index knows about a word. */
export interface WordInfo {
  readonly anchors?: readonly number[];
  readonly pairStart?: boolean;
  readonly required?: ReadonlyArray<readonly [number, number]>;
  readonly rot13?: boolean;
  readonly reversed?: boolean;
  /** Indexes of the word gates this word opens. */
  readonly gates?: readonly number[];
}

// Function words too common to tell texts apart; a required part made of them filters nothing.
const COMMON = new Set([
  'the', 'a', 'an', 'and', 'or', 'to', 'of', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'as', 'is', 'are', 'was',
  'were', 'be', 'been', 'it', 'this', 'that', 'these', 'those', 'i', 'you', 'your', 'we', 'our', 'my', 'me', 'he', 'she',
  'they', 'them', 'what', 'which', 'who', 'how', 'why', 'when', 'if', 'then', 'so', 'do', 'does', 'not', 'no', 'all',
  'any', 'can', 'will', 'would', 'should', 'have', 'has', 'had', 'now', 'just', 'only', 'also', 'more', 'some',
  'de', 'la', 'le', 'el', 'los', 'las', 'les', 'un', 'una', 'une', 'der', 'die', 'das', 'und', 'en', 'et', 'y', 'e', 'o',
  'que', 'qui', 'il', 'di', 'da', 'du', 'des', 'ein', 'eine', 'zu', 'и', 'в', 'на', 'не', 'что',
]);

const MAX_FILTER_PARTS = 8;

/**
 * Required parts (after the first) that tell texts apart: all their words
 * are plain (no `*` or `~`) and none is a common word. A rule is tried only
 * when each of them has a first word somewhere in the text.
 */
function selectiveParts(parts: readonly Part[]): string[][] {
  const selective: string[][] = [];
  for (const part of parts.slice(1)) {
    if (part.kind !== 'alt' || part.phrases.some((p) => p.startsWith('~'))) continue;
    const heads = [...new Set(part.phrases.map((p) => foldPhrase(p).split(' ')[0]))];
    if (heads.some((h) => h.endsWith('*') || COMMON.has(h))) continue;
    if (selective.length < MAX_FILTER_PARTS) selective.push(heads);
  }
  return selective;
}

/** What the scan noticed that deserves a second look in another reading of the text. */
export interface ScanHints {
  /** Which word gates had a word in the text. */
  readonly gates: Uint8Array;
  leetspeak: boolean;
  rot13: boolean;
  reversed: boolean;
  spacedLetters: boolean;
  /** Long run-together words ("ignoreallpreviousinstructions"), for the compact rules; their total length is at most the text's. */
  readonly longWords: string[];
}

const MIN_ENCODED_ANCHOR = 5;
const PREFIX_KEY = 4;
const LONG_WORD = 16;
const SPACED_RUN = 5;

export function rot13(s: string): string {
  return s.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97));
}

// Instructions about an errand, or the speaker's own ("messages from us"), are not the model's: see business-topics.ts.
const OVERRIDE_TAIL = `${notFollowedByTopic()}(?! (?:from (?:me|us)|(?:i|we) (?:gave|sent|wrote))(?![^ .!?\\n]))`;

// A log entry's head names who acted ("2024-01-07 admin override: …"), not who speaks: see log-entries.ts.
const LABEL_REASONS: ReadonlySet<Reason> = new Set([Reason.AUTHORITY_CLAIM, Reason.CHAT_MARKUP_SPOOFING]);

function lazyRegex(rule: WordRule): () => RegExp {
  let regex: RegExp | undefined;
  const tail = rule.reason === Reason.INSTRUCTION_OVERRIDE ? OVERRIDE_TAIL : '';
  return () => (regex ??= new RegExp(sequenceSource(rule.parts, rule.notAfter, rule.after) + tail, 'y'));
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(id)) list.push(id);
  } else map.set(key, [id]);
}

/**
 * Indexes the rules. `gates` are lists of words (one list per outside user,
 * such as the text rules' word gates) whose presence the scan reports.
 */
export function buildRuleIndex(rules: readonly WordRule[], gates: ReadonlyArray<readonly string[] | undefined> = []): RuleIndex {
  const exact = new Map<string, number[]>();
  const pairs = new Map<string, number[]>();
  const pairStarts = new Set<string>();
  const prefixes = new Map<string, Array<{ prefix: string; ids: number[] }>>();
  const vocabulary = new Set<string>();
  const rot13Anchors = new Set<string>();
  const reversedAnchors = new Set<string>();
  const required = new Map<string, Array<[number, number]>>();
  const seenPhrases = new Set<string>();
  const compiled = rules.map((r, id) => {
    const anchors = anchorsOf(r.parts[0], COMMON);
    for (const p of anchors.pairs) {
      push(pairs, p, id);
      pairStarts.add(p.split(' ')[0]);
    }
    const filters = selectiveParts(r.parts);
    filters.forEach((heads, bit) => {
      for (const h of heads) {
        const list = required.get(h) ?? [];
        list.push([id, 1 << bit]);
        required.set(h, list);
      }
    });
    for (const a of anchors.exact) {
      const seen = exact.has(a);
      push(exact, a, id);
      // Many rules share an anchor; its encoded forms are the same each time.
      if (!seen && a.length >= MIN_ENCODED_ANCHOR && /^[a-z]+$/.test(a)) {
        rot13Anchors.add(rot13(a));
        reversedAnchors.add([...a].reverse().join(''));
      }
    }
    for (const p of anchors.prefixes) {
      if (p.length < PREFIX_KEY) throw new Error(`prefix anchors need ${PREFIX_KEY} letters: ${p}`);
      const group = prefixes.get(p.slice(0, PREFIX_KEY)) ?? [];
      const entry = group.find((g) => g.prefix === p);
      if (entry) entry.ids.push(id);
      else group.push({ prefix: p, ids: [id] });
      prefixes.set(p.slice(0, PREFIX_KEY), group);
    }
    for (const part of r.parts) {
      if (part.kind !== 'alt' && part.kind !== 'opt') continue;
      for (const phrase of part.phrases) {
        // Rules share most of their phrases; each adds the same words, so once is enough.
        if (phrase.startsWith('~') || seenPhrases.has(phrase)) continue;
        seenPhrases.add(phrase);
        for (const w of foldPhrase(phrase).split(' ')) vocabulary.add(w.endsWith('*') ? w.slice(0, -1) : w);
      }
    }
    return {
      reason: r.reason,
      weight: r.weight,
      regex: lazyRegex(r),
      needs: (1 << filters.length) - 1,
    };
  });
  const filtered = compiled.flatMap((r, id) => (r.needs > 0 ? [id] : []));
  const words = new Map<string, { -readonly [K in keyof WordInfo]: WordInfo[K] }>();
  const info = (w: string) => {
    let i = words.get(w);
    if (!i) words.set(w, (i = {}));
    return i;
  };
  for (const [w, ids] of exact) info(w).anchors = ids;
  for (const w of pairStarts) info(w).pairStart = true;
  for (const [w, entries] of required) info(w).required = entries;
  for (const w of rot13Anchors) info(w).rot13 = true;
  for (const w of reversedAnchors) info(w).reversed = true;
  gates.forEach((list, n) => {
    for (const w of list ?? []) info(w).gates = [...(info(w).gates ?? []), n];
  });
  return { rules: compiled, exact, pairs, pairStarts, prefixes, vocabulary, rot13Anchors, reversedAnchors, required, filtered, words, gateCount: gates.length };
}

function isAsciiLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function hasLeetAndLetter(word: string): boolean {
  let leet = false;
  let letter = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || c === 0x40 || c === 0x24) leet = true;
    else if (c >= 0x61 && c <= 0x7a) letter = true;
  }
  return leet && letter;
}

/** The leetspeak reading of a word, preferring one that is in our vocabulary ("ru1es" → "rules"). */
export function unleet(word: string, vocabulary: ReadonlySet<string>): string {
  const asI = word.replace(/[0-9@$]/g, (c) => LEET[c] ?? c);
  if (vocabulary.has(asI) || !word.includes('1')) return asI;
  const asL = asI.replace(/i/g, (_c, i: number) => (word[i] === '1' ? 'l' : 'i'));
  return vocabulary.has(asL) ? asL : asI;
}

/** What one distinct word of a text means to the matcher, worked out once however often the word repeats. */
interface WordFacts {
  readonly info: WordInfo | undefined;
  /** Rules anchored on a prefix of the word. */
  readonly prefixIds: ReadonlyArray<readonly number[]> | undefined;
  readonly leet: boolean;
  /** Rules anchored on this word and the next one, by the next one. */
  readonly pairs: ReadonlyMap<string, readonly number[]> | undefined;
}

const PAIRS = new WordPairIndex<readonly number[]>();

function factsOf(word: string, index: RuleIndex): WordFacts {
  let prefixIds: Array<readonly number[]> | undefined;
  if (word.length >= PREFIX_KEY) {
    const group = index.prefixes.get(word.slice(0, PREFIX_KEY));
    if (group) for (const g of group) if (word.startsWith(g.prefix)) (prefixIds ??= []).push(g.ids);
  }
  const info = index.words.get(word);
  return {
    info,
    pairs: info?.pairStart ? PAIRS.after(index.pairs, word) : undefined,
    prefixIds,
    leet: hasLeetAndLetter(word) && index.vocabulary.has(unleet(word, index.vocabulary)),
  };
}

const FACTS = new WeakMap<RuleIndex, WordCache<WordFacts>>();

function factsFor(index: RuleIndex): WordCache<WordFacts> {
  let cache = FACTS.get(index);
  if (!cache) FACTS.set(index, (cache = new WordCache((word) => factsOf(word, index))));
  return cache;
}

/**
 * Tries every rule whose first word occurs in `words`; adds matches to
 * `evidence`. Returns hints about obfuscation seen on the way.
 */
export function matchWordRules(words: string, tokens: Tokens, index: RuleIndex, evidence: Evidence): ScanHints {
  const hints: ScanHints = { gates: new Uint8Array(index.gateCount), leetspeak: false, rot13: false, reversed: false, spacedLetters: false, longWords: [] };
  const facts = factsFor(index);
  const satisfied = new Uint8Array(index.rules.length);
  for (let t = 0; t < tokens.length; t++) {
    const { info } = facts.of(tokens, t);
    if (!info) continue;
    if (info.required) for (const [id, bit] of info.required) satisfied[id] |= bit;
    if (info.gates) for (const g of info.gates) hints.gates[g] = 1;
    if (info.rot13) hints.rot13 = true;
    if (info.reversed) hints.reversed = true;
  }
  const done = new Uint8Array(index.rules.length);
  for (const id of index.filtered) if ((satisfied[id] & index.rules[id].needs) !== index.rules[id].needs) done[id] = 1;
  const tryRules = (ids: readonly number[] | undefined, start: number, t: number): void => {
    if (!ids) return;
    for (const id of ids) {
      if (done[id]) continue;
      const r = index.rules[id];
      const regex = r.regex();
      regex.lastIndex = start;
      const m = regex.exec(words);
      // An override whose words name an errand's topic is about the errand (see business-topics.ts); it may still match later.
      if (!m || (r.reason === Reason.INSTRUCTION_OVERRIDE && namesTopic(m[0]))) continue;
      if (LABEL_REASONS.has(r.reason) && isLogLabel(words, start)) continue;
      if (r.reason === Reason.INDIRECT_INJECTION && isHumanAgent(tokens, t)) continue;
      done[id] = 1;
      evidence.add(r.reason, r.weight);
    }
  };
  let singleLetters = 0;
  for (let t = 0; t < tokens.length; t++) {
    const word = tokenText(tokens, t);
    const start = tokens.start[t];
    const { info, pairs, prefixIds, leet } = facts.of(tokens, t);
    if (info?.anchors) tryRules(info.anchors, start, t);
    if (pairs && t + 1 < tokens.length) tryRules(pairs.get(tokenText(tokens, t + 1)), start, t);
    if (prefixIds) for (const ids of prefixIds) tryRules(ids, start, t);
    singleLetters = word.length === 1 && isAsciiLetter(word.charCodeAt(0)) ? singleLetters + 1 : 0;
    if (singleLetters >= SPACED_RUN) hints.spacedLetters = true;
    if (leet) hints.leetspeak = true;
    if (word.length >= LONG_WORD) hints.longWords.push(word);
  }
  return hints;
}
