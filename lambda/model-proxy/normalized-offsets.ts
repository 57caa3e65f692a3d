/**
 * Where a stretch of normalised text came from in the original. The masker
 * reads the normalised text (invisible characters removed, then NFKC), while
 * the proxy wants to hand on the original outside what it masks; this maps a
 * finding's span back to the original characters it was made from.
 */
import { normalizeText, toNfkc } from '../request-validator';

export interface NormalizedView {
  /** The text the masker reads. */
  readonly text: string;
  /**
   * The span of the original that normalised `[start, end)` came from, or
   * undefined when no exact map exists (the caller then hands on the
   * normalised text). Spans only ever widen, to whole combining sequences and
   * over invisible characters that follow.
   */
  originalSpan(start: number, end: number): readonly [number, number] | undefined;
}

const IDENTITY = (start: number, end: number): readonly [number, number] => [start, end];
const NO_MAP = (): undefined => undefined;
/** A code point with the combining marks that follow it: NFKC never composes across such pieces, but for rare scripts (checked below). */
const PIECE = /[\s\S]\p{M}*/gu;

export function normalizedView(original: string): NormalizedView {
  const { stripped, text } = normalizeText(original);
  const strippedText = stripped.text;
  if (text === original) return { text, originalSpan: IDENTITY };
  const toOriginal = strippedText === original ? undefined : alignDeletions(original, strippedText);
  const pieces = text === strippedText ? undefined : nfkcPieces(strippedText, text);
  if (pieces === null) return { text, originalSpan: NO_MAP };
  return {
    text,
    originalSpan(start, end) {
      const s = pieces ? pieces.start[start] : start;
      const e = pieces ? pieces.end[end - 1] : end;
      if (!toOriginal) return [s, e];
      // Up to the next character that survived: invisible characters right after the span go with it.
      return [toOriginal[s], toOriginal[e]];
    },
  };
}

/**
 * Offsets into `original` of each unit of `kept`, a subsequence of it (the
 * normaliser only deletes); one more entry holds the original's length.
 */
function alignDeletions(original: string, kept: string): Int32Array {
  const map = new Int32Array(kept.length + 1);
  let i = 0;
  for (let j = 0; j < kept.length; j++) {
    const unit = kept.charCodeAt(j);
    while (original.charCodeAt(i) !== unit) i++;
    map[j] = i++;
  }
  map[kept.length] = original.length;
  return map;
}

/**
 * For each unit of the NFKC text, the span of the text before NFKC it came
 * from. Null when NFKC piece by piece differs from NFKC of the whole (Hangul
 * conjoining jamo and similar), so that no map is guessed.
 */
function nfkcPieces(before: string, after: string): { start: Int32Array; end: Int32Array } | null {
  const start = new Int32Array(after.length);
  const end = new Int32Array(after.length);
  let at = 0;
  for (const match of before.matchAll(PIECE)) {
    // NFKC alone: stripping a piece on its own would judge ZWJ and ZWNJ without their neighbours.
    const piece = toNfkc(match[0]);
    if (!after.startsWith(piece, at)) return null;
    const from = match.index ?? 0;
    start.fill(from, at, at + piece.length);
    end.fill(from + match[0].length, at, at + piece.length);
    at += piece.length;
  }
  return at === after.length ? { start, end } : null;
}
