/**
 * Words of the `words` view with their offsets and sentence numbers. Every
 * matcher walks this list, so the text is split once per view. Tokens carry
 * the number of their word in a vocabulary kept by the process, so a word
 * already seen costs a hash and a compare (no new string), and what the
 * lexicons say about it is looked up once, not once per occurrence.
 */
export interface Tokens {
  readonly length: number;
  /** Offset of each token in the view. */
  readonly start: Int32Array;
  readonly sentence: Int32Array;
  /** Number of each token's text in `vocabulary`. */
  readonly word: Int32Array;
  /** The words this process had seen when the text was split, by number (see WordCache). */
  readonly vocabulary: readonly string[];
}

/** The text of token `i`. */
export function tokenText(tokens: Tokens, i: number): string {
  return tokens.vocabulary[tokens.word[i]];
}

const SPACE = 0x20;
const NEWLINE = 0x0a;

function isPunctuation(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f;
}

// Words this process has seen, numbered in order; callers cache what a word means by its number.
const VOCABULARY_LIMIT = 50_000;
const FIRST_SLOTS = 4096;
let vocabulary: string[] = [];
// Open addressing: slot → word number + 1 (0 is empty), with the word's hash alongside.
let slots = new Int32Array(FIRST_SLOTS);
let hashes = new Int32Array(FIRST_SLOTS);

/** Rehashes every word into tables twice the size. */
function grow(): void {
  const size = slots.length * 2;
  const nextSlots = new Int32Array(size);
  const nextHashes = new Int32Array(size);
  const mask = size - 1;
  for (let s = 0; s < slots.length; s++) {
    if (slots[s] === 0) continue;
    let slot = hashes[s] & mask;
    while (nextSlots[slot] !== 0) slot = (slot + 1) & mask;
    nextSlots[slot] = slots[s];
    nextHashes[slot] = hashes[s];
  }
  slots = nextSlots;
  hashes = nextHashes;
}

/** A full vocabulary starts over; tokens made before keep their own (now frozen) list, so their numbers stay valid. */
function startOverWhenFull(): void {
  if (vocabulary.length < VOCABULARY_LIMIT) return;
  vocabulary = [];
  slots = new Int32Array(FIRST_SLOTS);
  hashes = new Int32Array(FIRST_SLOTS);
}

// Written during a split, then copied out at their exact size: fresh arrays sized for the worst case cost more than the copy.
let scratch = { start: new Int32Array(0), sentence: new Int32Array(0), word: new Int32Array(0) };

function sameWord(word: string, text: string, from: number, to: number): boolean {
  if (word.length !== to - from) return false;
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(from + k)) return false;
  return true;
}

function numberOf(text: string, from: number, to: number, hash: number): number {
  const mask = slots.length - 1;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const entry = slots[slot];
    if (entry === 0) {
      const id = vocabulary.length;
      vocabulary.push(text.slice(from, to));
      slots[slot] = id + 1;
      hashes[slot] = hash;
      if (2 * vocabulary.length > slots.length) grow();
      return id;
    }
    if (hashes[slot] === hash && sameWord(vocabulary[entry - 1], text, from, to)) return entry - 1;
  }
}

/**
 * What callers know about each word, by word number: computed on first use
 * and kept for as long as the vocabulary lasts.
 */
export class WordCache<T> {
  private owner: readonly string[] | undefined;
  private values: Array<T | undefined> = [];

  public constructor(private readonly compute: (word: string) => T) {}

  public of(tokens: Tokens, i: number): T {
    if (tokens.vocabulary !== this.owner) {
      this.owner = tokens.vocabulary;
      this.values = [];
    }
    const id = tokens.word[i];
    // Filled in order so the array stays dense.
    while (this.values.length <= id) this.values.push(undefined);
    let value = this.values[id];
    if (value === undefined) this.values[id] = value = this.compute(tokens.vocabulary[id]);
    return value;
  }
}

/**
 * Splits at spaces and at `. ! ?`; a sentence ends at a line break or at
 * punctuation followed by a space or the end, so "example.com" or "p?q=1"
 * split into words without splitting the sentence.
 */
export function tokenize(words: string): Tokens {
  // Tokens are separated by at least one character, so half the length (rounded up) bounds their number.
  const capacity = (words.length + 1) >> 1;
  if (scratch.start.length < capacity) scratch = { start: new Int32Array(capacity), sentence: new Int32Array(capacity), word: new Int32Array(capacity) };
  const { start, sentence: sentences, word } = scratch;
  startOverWhenFull();
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
    start[length] = from;
    sentences[length] = sentence;
    word[length] = numberOf(words, from, i, hash);
    length++;
  }
  return { length, start: start.slice(0, length), sentence: sentences.slice(0, length), word: word.slice(0, length), vocabulary };
}
