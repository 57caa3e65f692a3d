/**
 * Unicode hygiene for prompt text. Invisible and direction-changing characters
 * let an attacker show a reviewer one text and the model another, or split a
 * keyword so filters miss it; they carry no meaning a model needs.
 */

/** What {@link stripInvisible} removed, and any ASCII hidden in tag characters. */
export interface StrippedText {
  readonly text: string;
  /** Invisible code points removed (zero-width, fillers, tags, variation selectors 17-256). */
  readonly invisible: number;
  /** Bidirectional control characters removed. */
  readonly bidi: number;
  /** ASCII spelled with Unicode tag characters (U+E0020-U+E007E) outside emoji flags. */
  readonly tagText: string;
}

const ZWNJ = 0x200c;
const ZWJ = 0x200d;
const WAVING_BLACK_FLAG = 0x1f3f4;
const CANCEL_TAG = 0xe007f;

// A quick test so that ordinary text skips the per-character loop.
const CANDIDATE = new RegExp([
  String.raw`[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]`,
  String.raw`\uDB40[\uDC00-\uDC7F\uDD00-\uDDEF]`,
  String.raw`\uD834[\uDD73-\uDD7A]`,
].join('|'));

export function isBidiControl(cp: number): boolean {
  return cp === 0x061c || cp === 0x200e || cp === 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

function isTag(cp: number): boolean {
  return cp >= 0xe0000 && cp <= 0xe007f;
}

/** Invisible format characters we remove; bidi controls are counted apart. */
export function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) ||
    (cp >= 0x200b && cp <= 0x200d) ||
    (cp >= 0x2060 && cp <= 0x2065) ||
    (cp >= 0x206a && cp <= 0x206f) ||
    cp === 0x3164 ||
    cp === 0xfeff ||
    cp === 0xffa0 ||
    (cp >= 0xfff9 && cp <= 0xfffb) ||
    (cp >= 0x1d173 && cp <= 0x1d17a) ||
    isTag(cp) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/** Length of a well-formed emoji tag sequence (tags then CANCEL TAG) starting at `i`, or 0. */
function flagTagRun(text: string, i: number): number {
  let j = i;
  // Subdivision flags use at most 6 tag letters; a longer run is not a flag.
  for (let n = 0; n < 8 && j < text.length; n++) {
    const cp = text.codePointAt(j) ?? 0;
    if (cp === CANCEL_TAG) return j + 2 - i;
    if (cp < 0xe0020 || cp > 0xe007e) return 0;
    j += 2;
  }
  return 0;
}

function isAsciiNeighbour(cp: number | undefined): boolean {
  return cp === undefined || cp < 0x80;
}

/**
 * Whether every UTF-16 unit is ASCII. Any other unit takes at least two bytes
 * in UTF-8, so the byte count tells, and V8 counts a one-byte string at memory speed.
 */
export function isAscii(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') === text.length;
}

/** NFKC, without the pass over the text when it is ASCII, which NFKC leaves as it is. */
export function toNfkc(text: string): string {
  return isAscii(text) ? text : text.normalize('NFKC');
}

/**
 * Removes zero-width, filler, tag and bidi control characters. ZWJ and ZWNJ
 * stay when both neighbours are non-ASCII (emoji sequences, Persian and Indic
 * scripts need them); between ASCII letters they only serve to split words.
 */
export function stripInvisible(text: string): StrippedText {
  if (isAscii(text) || !CANDIDATE.test(text)) return { text, invisible: 0, bidi: 0, tagText: '' };
  let out = '';
  let invisible = 0;
  let bidi = 0;
  let tagText = '';
  let runStart = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    if (cp === WAVING_BLACK_FLAG) {
      i += width + flagTagRun(text, i + width);
      continue;
    }
    const bidiControl = isBidiControl(cp);
    if (!bidiControl && !isInvisible(cp)) {
      i += width;
      continue;
    }
    if (cp === ZWJ || cp === ZWNJ) {
      const before = i > 0 ? text.codePointAt(i - 1) : undefined;
      const after = text.codePointAt(i + 1);
      if (!isAsciiNeighbour(before) && !isAsciiNeighbour(after)) {
        i += width;
        continue;
      }
    }
    out += text.slice(runStart, i);
    if (bidiControl) bidi++;
    else invisible++;
    if (cp >= 0xe0020 && cp <= 0xe007e) tagText += String.fromCharCode(cp - 0xe0000);
    i += width;
    runStart = i;
  }
  out += text.slice(runStart);
  return { text: out, invisible, bidi, tagText };
}

/** A text after {@link normalizeText}, with the intermediate step (invisible characters removed, before NFKC). */
export interface NormalizedText {
  readonly stripped: StrippedText;
  readonly text: string;
}

/**
 * The normalisation the request validator gives the prompt before masking:
 * invisible and bidi characters removed, then NFKC. The model proxy runs
 * every other string it masks (stop sequences, the model's answer) through
 * this same function, so no direction is easier to slip PII through.
 */
export function normalizeText(text: string): NormalizedText {
  const stripped = stripInvisible(text);
  return { stripped, text: toNfkc(stripped.text) };
}

/** True when the string holds a UTF-16 surrogate without its partner (not valid Unicode). */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return true;
    const next = text.charCodeAt(i + 1);
    if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
    i++;
  }
  return false;
}
