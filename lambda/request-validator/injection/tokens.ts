/**
 * Words of the `words` view with their offsets and sentence numbers. Every
 * matcher walks this list, so the text is split once per view. A word that
 * repeats is stored once: tokens carry the number of their distinct word, so
 * lookups in the lexicons happen once per distinct word, not once per token,
 * and a long text does not allocate a string per token.
 */
export interface Tokens {
  readonly length: number;
  /** Offset of each token in the view (only the first `length` entries are tokens). */
  readonly start: Int32Array;
  readonly sentence: Int32Array;
  /** Index in `distinct` of each token's text. */
  readonly word: Int32Array;
  /** Each distinct token text once, in order of first appearance. */
  readonly distinct: readonly string[];
}

/** The text of token `i`. */
export function tokenText(tokens: Tokens, i: number): string {
  return tokens.distinct[tokens.word[i]];
}

const SPACE = 0x20;
const NEWLINE = 0x0a;

function isPunctuation(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f;
}

// The interning table is reused across calls (tokenizing is synchronous): a slot belongs to the current call only when it carries the call's stamp.
let slots = new Int32Array(1024);
let hashes = new Int32Array(1024);
let stamps = new Int32Array(1024);
let stamp = 0;

/** Rehashes the current call's entries into tables twice the size. */
function grow(): void {
  const size = slots.length * 2;
  const next = { slots: new Int32Array(size), hashes: new Int32Array(size), stamps: new Int32Array(size) };
  const mask = size - 1;
  for (let s = 0; s < slots.length; s++) {
    if (stamps[s] !== stamp) continue;
    let slot = hashes[s] & mask;
    while (next.stamps[slot] === stamp) slot = (slot + 1) & mask;
    next.slots[slot] = slots[s];
    next.hashes[slot] = hashes[s];
    next.stamps[slot] = stamp;
  }
  ({ slots, hashes, stamps } = next);
}

function sameWord(word: string, text: string, from: number, to: number): boolean {
  if (word.length !== to - from) return false;
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(from + k)) return false;
  return true;
}

/**
 * Splits at spaces and at `. ! ?`; a sentence ends at a line break or at
 * punctuation followed by a space or the end, so "example.com" or "p?q=1"
 * split into words without splitting the sentence.
 */
export function tokenize(words: string): Tokens {
  // Tokens are separated by at least one character, so half the length (rounded up) bounds their number.
  const capacity = (words.length + 1) >> 1;
  const start = new Int32Array(capacity);
  const sentences = new Int32Array(capacity);
  const word = new Int32Array(capacity);
  const distinct: string[] = [];
  stamp = (stamp + 1) | 0;
  if (stamp === 0) {
    stamps.fill(0);
    stamp = 1;
  }
  let length = 0;
  let sentence = 0;
  let i = 0;
  while (i < words.length) {
    const c = words.charCodeAt(i);
    if (c === SPACE) {
      i++;
      continue;
    }
    if (c === NEWLINE) {
      sentence++;
      i++;
      continue;
    }
    if (isPunctuation(c)) {
      const next = words.charCodeAt(i + 1);
      if (Number.isNaN(next) || next === SPACE || next === NEWLINE) sentence++;
      i++;
      continue;
    }
    const from = i;
    let hash = 0x811c9dc5;
    while (i < words.length) {
      const d = words.charCodeAt(i);
      if (d === SPACE || d === NEWLINE || isPunctuation(d)) break;
      hash = Math.imul(hash ^ d, 0x01000193);
      i++;
    }
    const mask = slots.length - 1;
    let id = -1;
    for (let slot = hash & mask; id < 0; slot = (slot + 1) & mask) {
      if (stamps[slot] !== stamp) {
        id = distinct.length;
        distinct.push(words.slice(from, i));
        slots[slot] = id;
        hashes[slot] = hash;
        stamps[slot] = stamp;
        if (2 * distinct.length > slots.length) grow();
      } else if (hashes[slot] === hash && sameWord(distinct[slots[slot]], words, from, i)) {
        id = slots[slot];
      }
    }
    start[length] = from;
    sentences[length] = sentence;
    word[length] = id;
    length++;
  }
  return { length, start, sentence: sentences, word, distinct };
}
