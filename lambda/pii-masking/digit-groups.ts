/**
 * Digit runs read into groups. A chunk is a sequence of digit groups joined
 * by single separators (`4608-2261-8155-7579`, `+33 1 94 20 23 24`,
 * `(657) 882-0121`, `2024-03-03 04:28:26`); it is read once into small typed
 * arrays that the matchers (numeric-chunk, phone-numbers) then look at.
 * Scanning is synchronous, so one set of arrays serves every chunk.
 */
import { isAsciiLetter, isDigit } from './char-class';
import type { ScanState } from './scan-state';

export const SEP_SPACE = 1;
export const SEP_DASH = 2;
export const SEP_DOT = 4;
export const SEP_SLASH = 8;
export const SEP_COLON = 16;
export const SEP_OPEN = 32;
export const SEP_CLOSE = 64;
export const SEP_T = 128;

export const PHONE_SEPS = SEP_SPACE | SEP_DASH | SEP_DOT | SEP_OPEN | SEP_CLOSE;
const MAX_GROUPS = 40;

/** Scratch arrays reused by every chunk; scanning is synchronous, so one set suffices. */
export const GS = new Int32Array(MAX_GROUPS);
export const GE = new Int32Array(MAX_GROUPS);
export const SEP = new Int32Array(MAX_GROUPS);

export interface Chunk {
  st: ScanState;
  s: string;
  count: number;
  /** Position of the `+` or `(` before the first group, else the first digit. */
  start: number;
  plus: boolean;
  /** A match that ran past the chunk (a textual date) moves the resume point here. */
  extendTo: number;
}

export const chunk: Chunk = { st: null as unknown as ScanState, s: '', count: 0, start: 0, plus: false, extendTo: 0 };

export function digits(g: number): number {
  return GE[g] - GS[g];
}

export function valueOf(g: number): number {
  const s = chunk.s;
  let v = 0;
  for (let i = GS[g]; i < GE[g]; i++) v = v * 10 + (s.charCodeAt(i) - 0x30);
  return v;
}

export function firstDigit(g: number): number {
  return chunk.s.charCodeAt(GS[g]) - 0x30;
}

/**
 * Where a match that begins with group `g` starts in the text: with the `+`,
 * and with the `(` when the group is a bracketed area code `(657)`.
 */
export function spanStart(g: number): number {
  if (g === 0 && chunk.plus) return chunk.start;
  if (SEP[g] & SEP_OPEN && g + 1 < chunk.count && SEP[g + 1] & SEP_CLOSE) return GS[g] - 1;
  return GS[g];
}

/** A match that starts inside a run joined by one of its own separators is the tail of something longer. */
export function continuesRun(g: number, internalSeps: number): boolean {
  return g > 0 && (SEP[g] & ~(SEP_OPEN | SEP_CLOSE) & internalSeps) !== 0;
}

/** True when a chunk may begin at `i`: not glued to a word, and not the tail of `v1.2` or `a-12`. */
export function chunkMayStartAt(s: string, i: number): boolean {
  if (i === 0) return true;
  const p = s.charCodeAt(i - 1);
  // `]` counts as part of a word: a replacement such as `[EMAIL]` stands for one.
  if (isAsciiLetter(p) || isDigit(p) || p === 0x5f || p === 0x5d) return false;
  if (p === 0x2e || p === 0x2d || p === 0x2f || p === 0x2b || p === 0x28) {
    const pp = i >= 2 ? s.charCodeAt(i - 2) : 0x20;
    if (isAsciiLetter(pp) || isDigit(pp) || pp === 0x5f || pp === 0x5d) return false;
  }
  return true;
}

/**
 * Reads the chunk starting at `pos` (a digit, `+digit` or `(digit`). Returns
 * where the main loop resumes.
 */
export function readChunk(s: string, pos: number): number {
  const n = s.length;
  let i = pos;
  chunk.plus = false;
  chunk.start = pos;
  chunk.count = 0;
  let sep = 0;
  if (s.charCodeAt(i) === 0x2b) {
    chunk.plus = true;
    i++;
  }
  if (s.charCodeAt(i) === 0x28) {
    sep = SEP_OPEN;
    i++;
  }
  for (;;) {
    const ds = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    const c = i < n ? s.charCodeAt(i) : 0x20;
    if (isAsciiLetter(c) || c === 0x5f || c === 0x40) {
      // Glued to a word (`4th`, `33a`, `12345@x`): the group is not a number of its own.
      if (!(c === 0x54 && isDigit(s.charCodeAt(i + 1)) && chunk.count >= 2)) {
        while (i < n && (isAsciiLetter(s.charCodeAt(i)) || isDigit(s.charCodeAt(i)) || s.charCodeAt(i) === 0x5f)) i++;
        return chunk.count === 0 ? i : Math.max(GE[chunk.count - 1], ds);
      }
    }
    GS[chunk.count] = ds;
    GE[chunk.count] = i;
    SEP[chunk.count] = sep;
    chunk.count++;
    if (chunk.count === MAX_GROUPS) return i;
    // Separator to the next group.
    let q = i;
    sep = 0;
    let ch = s.charCodeAt(q);
    if (ch === 0x29) {
      sep |= SEP_CLOSE;
      ch = s.charCodeAt(++q);
    }
    // A tab between groups separates them as a space does (`4716\t3972\t...` pasted from a table cell).
    if (ch === 0x20 || ch === 0x09 || ch === 0xa0 || ch === 0x2009 || ch === 0x202f) {
      sep |= SEP_SPACE;
      ch = s.charCodeAt(++q);
    } else if (ch === 0x2d || ch === 0x2010 || ch === 0x2011) {
      sep |= SEP_DASH;
      ch = s.charCodeAt(++q);
    } else if (ch === 0x2e && !(sep & SEP_CLOSE)) {
      sep |= SEP_DOT;
      ch = s.charCodeAt(++q);
    } else if (ch === 0x2f && !(sep & SEP_CLOSE)) {
      sep |= SEP_SLASH;
      ch = s.charCodeAt(++q);
    } else if (ch === 0x3a && !(sep & SEP_CLOSE)) {
      sep |= SEP_COLON;
      ch = s.charCodeAt(++q);
    } else if (ch === 0x54 && !(sep & SEP_CLOSE)) {
      sep |= SEP_T;
      ch = s.charCodeAt(++q);
    }
    if (ch === 0x28 && !(sep & (SEP_DOT | SEP_SLASH | SEP_COLON | SEP_T))) {
      sep |= SEP_OPEN;
      ch = s.charCodeAt(++q);
    }
    if (q >= n || !isDigit(ch) || sep === 0) return i;
    i = q;
  }
}

/** Entry point from the scanner. `pos` is a digit, or `+`/`(` followed by a digit. */
