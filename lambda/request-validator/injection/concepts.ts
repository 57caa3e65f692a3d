import { Concept } from './concept-ids';
import { foldPhrase } from './pattern-builder';
import { tokenText, WordCache, type Tokens } from './tokens';
import { CONCEPT_VOCABULARY } from './vocabulary/concepts';
import { WordPairIndex } from './word-pairs';

export { Concept } from './concept-ids';

/** A set of concepts as two 32-bit words. */
export type Bits = readonly [number, number];

export function anyOf(...ids: number[]): Bits {
  let lo = 0;
  let hi = 0;
  for (const id of ids) {
    if (id < 32) lo |= 1 << id;
    else hi |= 1 << (id - 32);
  }
  return [lo >>> 0, hi >>> 0];
}

type Mask = [number, number];

const PREFIX_KEY = 3;

/** A word's own concepts, and whether a multi-word phrase may start at it. */
export interface WordConcepts {
  readonly mask: Mask;
  readonly startsPhrase: boolean;
}

export interface ConceptIndex {
  readonly words: ReadonlyMap<string, WordConcepts>;
  /** Multi-word phrases by their first two words, longest first. */
  readonly phrases: ReadonlyMap<string, ReadonlyArray<{ readonly rest: readonly string[]; readonly mask: Mask }>>;
  /** First words of multi-word phrases, to skip the two-word lookup for most words. */
  readonly phraseStarts: ReadonlySet<string>;
  /** Prefix entries (`http*`) grouped by their first three letters. */
  readonly prefixes: ReadonlyMap<string, ReadonlyArray<{ readonly prefix: string; readonly mask: Mask }>>;
  readonly patterns: ReadonlyArray<{ readonly regex: RegExp; readonly mask: Mask }>;
}

function merge(into: Mask | undefined, add: Bits): Mask {
  return into ? [(into[0] | add[0]) >>> 0, (into[1] | add[1]) >>> 0] : [add[0], add[1]];
}

export function buildConceptIndex(): ConceptIndex {
  const words = new Map<string, Mask>();
  const phrases = new Map<string, Array<{ rest: string[]; mask: Mask }>>();
  const prefixes = new Map<string, Array<{ prefix: string; mask: Mask }>>();
  const patterns: Array<{ regex: RegExp; mask: Mask }> = [];
  const phraseStarts = new Set<string>();
  for (const [ids, list] of CONCEPT_VOCABULARY) {
    const mask = anyOf(...(typeof ids === 'number' ? [ids] : ids));
    for (const entry of list) {
      if (entry.startsWith('~')) {
        patterns.push({ regex: new RegExp(`^(?:${entry.slice(1)})$`), mask: merge(undefined, mask) });
        continue;
      }
      const folded = foldPhrase(entry);
      const parts = folded.split(' ');
      if (parts.length === 1 && folded.endsWith('*')) {
        const p = folded.slice(0, -1);
        if (p.length < PREFIX_KEY) throw new Error(`concept prefixes need ${PREFIX_KEY} letters: ${p}`);
        const group = prefixes.get(p.slice(0, PREFIX_KEY)) ?? [];
        const entry = group.find((g) => g.prefix === p);
        if (entry) entry.mask = merge(entry.mask, mask);
        else group.push({ prefix: p, mask: merge(undefined, mask) });
        prefixes.set(p.slice(0, PREFIX_KEY), group);
      } else if (parts.length === 1) {
        words.set(folded, merge(words.get(folded), mask));
      } else {
        const key = `${parts[0]} ${parts[1]}`;
        const list2 = phrases.get(key) ?? [];
        const rest = parts.slice(1);
        const existing = list2.find((p) => p.rest.join(' ') === rest.join(' '));
        if (existing) existing.mask = merge(existing.mask, mask);
        else list2.push({ rest, mask: merge(undefined, mask) });
        phrases.set(key, list2);
        phraseStarts.add(parts[0]);
      }
    }
  }
  for (const list of phrases.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  const entries = new Map<string, WordConcepts>();
  for (const [w, mask] of words) entries.set(w, { mask, startsPhrase: phraseStarts.has(w) });
  for (const w of phraseStarts) if (!entries.has(w)) entries.set(w, { mask: [0, 0], startsPhrase: true });
  return { words: entries, phrases, phraseStarts, prefixes, patterns };
}

const SELF_BIT = anyOf(Concept.SELF);

/** Concept bits per token, low and high words. */
export interface ConceptMasks {
  readonly lo: Uint32Array;
  readonly hi: Uint32Array;
}

/** A word's own concept bits (exact, prefix and pattern entries) and the phrases that may start at it. */
function ownConcepts(
  word: string,
  index: ConceptIndex,
): { readonly lo: number; readonly hi: number; readonly phrases: ReadonlyMap<string, readonly Phrase[]> | undefined } {
  const own = index.words.get(word);
  let l = own ? own.mask[0] : 0;
  let h = own ? own.mask[1] : 0;
  if (word.length >= PREFIX_KEY) {
    const group = index.prefixes.get(word.slice(0, PREFIX_KEY));
    if (group) {
      for (const g of group) {
        if (!word.startsWith(g.prefix)) continue;
        l |= g.mask[0];
        h |= g.mask[1];
      }
    }
  }
  if (word.includes('@')) {
    for (const p of index.patterns) {
      if (!p.regex.test(word)) continue;
      l |= p.mask[0];
      h |= p.mask[1];
    }
  }
  return { lo: l, hi: h, phrases: own?.startsPhrase === true ? PHRASES.after(index.phrases, word) : undefined };
}

type Phrase = { readonly rest: readonly string[]; readonly mask: Mask };

const PHRASES = new WordPairIndex<readonly Phrase[]>();

type OwnConcepts = ReturnType<typeof ownConcepts>;
const OWN = new WeakMap<ConceptIndex, WordCache<OwnConcepts>>();

function ownFor(index: ConceptIndex): WordCache<OwnConcepts> {
  let cache = OWN.get(index);
  if (!cache) OWN.set(index, (cache = new WordCache((word) => ownConcepts(word, index))));
  return cache;
}

/**
 * The concept bits at each token: a word's own, plus the longest phrase that
 * starts there. Words inside a matched phrase add nothing of their own, so
 * "before my first message" does not count as the speaker's "my".
 */
export function conceptMasks(tokens: Tokens, index: ConceptIndex): ConceptMasks {
  const lo = new Uint32Array(tokens.length);
  const hi = new Uint32Array(tokens.length);
  const own = ownFor(index);
  let coveredUntil = 0;
  for (let i = 0; i < tokens.length; i++) {
    const word = own.of(tokens, i);
    let l = word.lo;
    let h = word.hi;
    const phrase = word.phrases ? longestPhrase(tokens, i, word.phrases) : undefined;
    if (phrase) {
      // A phrase speaks for its words: "me dire" is a request to tell, not the speaker's own.
      l = (l & ~SELF_BIT[0]) | phrase.mask[0];
      h |= phrase.mask[1];
      coveredUntil = Math.max(coveredUntil, i + 1 + phrase.rest.length);
    } else if (i < coveredUntil) {
      // Inside a phrase, "my" belongs to the phrase ("before my first message"), not to the speaker.
      l &= ~SELF_BIT[0];
    }
    lo[i] = l >>> 0;
    hi[i] = h >>> 0;
  }
  return { lo, hi };
}

function longestPhrase(tokens: Tokens, i: number, after: ReadonlyMap<string, readonly Phrase[]>): Phrase | undefined {
  if (i + 1 >= tokens.length) return undefined;
  const candidates = after.get(tokenText(tokens, i + 1));
  if (!candidates) return undefined;
  for (const phrase of candidates) {
    const end = i + phrase.rest.length;
    if (end >= tokens.length || tokens.sentence[end] !== tokens.sentence[i]) continue;
    let same = true;
    for (let k = 0; k < phrase.rest.length && same; k++) same = tokenText(tokens, i + 1 + k) === phrase.rest[k];
    if (same) return phrase;
  }
  return undefined;
}
