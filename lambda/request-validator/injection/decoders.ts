/**
 * Finds payloads hidden in base64, hex or escape sequences and decodes them,
 * within a fixed budget so that decoding work stays proportional to the
 * input and small: a few payloads, a few kilobytes in all.
 */
export type PayloadKind = 'base64' | 'hex' | 'escapes';

export interface DecodedPayload {
  readonly kind: PayloadKind;
  readonly text: string;
}

export const MAX_PAYLOADS = 8;
export const MAX_DECODED_CHARS = 16_384;

const HEX_RUN = /(?:(?:\\x|0x|%)?[0-9a-fA-F]{2}[\s,:;-]?){8,}/g;
const HEX_NOISE = /\\x|0x|%|[\s,:;-]/g;
const ESCAPE = /\\u\{?[0-9a-fA-F]{4,6}\}?|\\x[0-9a-fA-F]{2}|%[0-9a-fA-F]{2}|&#\d{1,7};|&#x[0-9a-fA-F]{1,6};|&(?:lt|gt|amp|quot|apos|nbsp);/g;
const MIN_ESCAPES = 4;
const MIN_RUN = 16;
const MIN_HEX_PAIRS = 8;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

function isBase64Char(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x5f || c === 0x2d;
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

interface Survey {
  /** Runs of base64 characters long enough to hold a sentence. */
  readonly runs: string[];
  /** Whether hex pairs separated by spaces or prefixed (`\x`, `0x`, `%`) appear in a row. */
  readonly separatedHex: boolean;
  readonly escapes: number;
}

/**
 * One pass over the text that finds what the decoders could work on, so
 * that text with nothing encoded costs a single loop rather than a regex
 * scan per encoding.
 */
function survey(text: string): Survey {
  const runs: string[] = [];
  let runStart = -1;
  let pairs = 0;
  let separatedHex = false;
  let escapes = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    if (i < text.length && isBase64Char(c)) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      let end = i;
      while (end < text.length && end - i < 2 && text.charCodeAt(end) === 0x3d) end++;
      if (i - runStart >= MIN_RUN) runs.push(text.slice(runStart, end));
      runStart = -1;
    }
    // Two hex digits followed by a separator, repeated: "69 67 6e ..." or "\x69\x67...".
    if (isHexDigit(c)) {
      if (isHexDigit(text.charCodeAt(i + 1)) && !isHexDigit(text.charCodeAt(i + 2)) && (i === 0 || !isHexDigit(text.charCodeAt(i - 1)))) {
        if (++pairs >= MIN_HEX_PAIRS) separatedHex = true;
      }
    } else if (c === 0x5c || c === 0x25 || c === 0x26) {
      const next = text.charCodeAt(i + 1);
      if (c === 0x26 || (c === 0x5c && (next === 0x75 || next === 0x78)) || (c === 0x25 && isHexDigit(next))) escapes++;
    } else if (c !== 0x20 && c !== 0x2c && c !== 0x3a && c !== 0x78) {
      pairs = 0;
    }
  }
  return { runs, separatedHex, escapes };
}

/** Mostly letters and spaces: what a hidden instruction looks like, unlike keys and hashes. */
export function looksLikeText(s: string): boolean {
  if (s.length < 8) return false;
  let letters = 0;
  let spaces = 0;
  let control = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09) spaces++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c >= 0xc0) letters++;
    else if (c < 0x20 || c === 0xfffd || (c >= 0x7f && c < 0xa0)) control++;
  }
  return control === 0 && spaces > 0 && letters >= s.length * 0.6;
}

function codePoint(cp: number): string | undefined {
  return Number.isInteger(cp) && cp >= 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : undefined;
}

function unescapeOne(seq: string): string {
  let decoded: string | undefined;
  if (seq.startsWith('\\u')) decoded = codePoint(parseInt(seq.replace(/[\\u{}]/g, ''), 16));
  else if (seq.startsWith('\\x') || seq.startsWith('%')) decoded = String.fromCharCode(parseInt(seq.slice(-2), 16));
  else if (seq.startsWith('&#x')) decoded = codePoint(parseInt(seq.slice(3, -1), 16));
  else if (seq.startsWith('&#')) decoded = codePoint(parseInt(seq.slice(2, -1), 10));
  else decoded = NAMED[seq.slice(1, -1)];
  return decoded ?? seq;
}

class Budget {
  public readonly payloads: DecodedPayload[] = [];
  private chars = 0;

  public get full(): boolean {
    return this.payloads.length >= MAX_PAYLOADS || this.chars >= MAX_DECODED_CHARS;
  }

  public offer(kind: PayloadKind, text: string): void {
    if (this.full || !looksLikeText(text)) return;
    const kept = text.slice(0, MAX_DECODED_CHARS - this.chars);
    this.chars += kept.length;
    this.payloads.push({ kind, text: kept });
  }
}

function hasMixedCase(s: string): boolean {
  return /[a-z]/.test(s) && /[A-Z0-9]/.test(s);
}

// What the survey needs to find anything, per ASCII character: a base64 run of 16, sixteen characters that
// could hold eight separated hex pairs, or the first character of an escape.
const BASE64 = 1;
const HEX_STRETCH = 2;
const ESCAPE_START = 4;
const CLASSES = (() => {
  const classes = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if (isBase64Char(c)) classes[c] |= BASE64;
    if (isHexDigit(c) || c === 0x20 || c === 0x2c || c === 0x3a || c === 0x78 || c === 0x5c || c === 0x25 || c === 0x26) classes[c] |= HEX_STRETCH;
    if (c === 0x5c || c === 0x25 || c === 0x26) classes[c] |= ESCAPE_START;
  }
  return classes;
})();

/** False when the survey could find no run, no separated hex and no escape: one cheap loop instead of the survey's. */
function mayHoldPayload(text: string): boolean {
  let base64 = 0;
  let hex = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const bits = c < 128 ? CLASSES[c] : 0;
    base64 = bits & BASE64 ? base64 + 1 : 0;
    hex = bits & HEX_STRETCH ? hex + 1 : 0;
    if (base64 >= MIN_RUN || hex >= 2 * MIN_HEX_PAIRS) return true;
    if (bits & ESCAPE_START) {
      const next = text.charCodeAt(i + 1);
      if (c === 0x26 || (c === 0x5c && (next === 0x75 || next === 0x78)) || (c === 0x25 && isHexDigit(next))) return true;
    }
  }
  return false;
}

/** Decoded payloads found in `visible` (case kept), at most {@link MAX_PAYLOADS} and {@link MAX_DECODED_CHARS}. */
export function findEncodedPayloads(visible: string): DecodedPayload[] {
  // Most prose has none of the three, and then the survey would find nothing.
  if (!mayHoldPayload(visible)) return [];
  const budget = new Budget();
  const found = survey(visible);
  for (const run of found.runs) {
    if (budget.full) break;
    const body = run.replace(/=+$/, '');
    if (/^[0-9a-fA-F]+$/.test(body) && body.length % 2 === 0) {
      budget.offer('hex', Buffer.from(body.slice(0, MAX_DECODED_CHARS * 2), 'hex').toString('utf8'));
    }
    if (body.length % 4 === 1 || !hasMixedCase(body)) continue;
    // Decode only what the budget can still take: 4 characters of base64 carry 3 bytes.
    budget.offer('base64', Buffer.from(body.slice(0, Math.ceil((MAX_DECODED_CHARS * 4) / 3)), 'base64').toString('utf8'));
  }
  if (found.separatedHex) {
    HEX_RUN.lastIndex = 0;
    for (let m = HEX_RUN.exec(visible); m && !budget.full; m = HEX_RUN.exec(visible)) {
      const hex = m[0].replace(HEX_NOISE, '');
      if (hex.length % 2 === 0) budget.offer('hex', Buffer.from(hex.slice(0, MAX_DECODED_CHARS * 2), 'hex').toString('utf8'));
    }
  }
  if (!budget.full && found.escapes >= MIN_ESCAPES) {
    ESCAPE.lastIndex = 0;
    let escapes = 0;
    while (escapes < MIN_ESCAPES && ESCAPE.exec(visible)) escapes++;
    ESCAPE.lastIndex = 0;
    if (escapes >= MIN_ESCAPES) budget.offer('escapes', visible.replace(ESCAPE, unescapeOne));
  }
  return budget.payloads;
}
