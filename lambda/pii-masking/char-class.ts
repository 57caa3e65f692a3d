/**
 * Character classes over UTF-16 code units. Everything the scanner asks about a
 * character goes through these tables so the hot loop stays a load and a branch.
 */

/** What the main loop does when it meets a character (values of {@link TRIGGER}). */
export const T_NONE = 0;
export const T_DIGIT = 1;
export const T_UPPER = 2;
export const T_LOWER = 3;
export const T_AT = 4;
export const T_COLON = 5;
export const T_PLUS = 6;
export const T_OPEN_PAREN = 7;
export const T_DASH = 8;
export const T_UNDERSCORE = 9;
export const T_NON_ASCII = 10;

export const TRIGGER = new Uint8Array(65536);
for (let c = 0x30; c <= 0x39; c++) TRIGGER[c] = T_DIGIT;
for (let c = 0x41; c <= 0x5a; c++) TRIGGER[c] = T_UPPER;
for (let c = 0x61; c <= 0x7a; c++) TRIGGER[c] = T_LOWER;
TRIGGER[0x40] = T_AT;
TRIGGER[0x3a] = T_COLON;
TRIGGER[0x2b] = T_PLUS;
TRIGGER[0x28] = T_OPEN_PAREN;
TRIGGER[0x2d] = T_DASH;
TRIGGER[0x5f] = T_UNDERSCORE;
for (let c = 0x80; c < 65536; c++) TRIGGER[c] = T_NON_ASCII;

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isAsciiUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

export function isAsciiLower(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** `[A-Za-z0-9_]`: the characters an identifier or a number is made of. */
export function isAsciiWord(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x5f;
}

export function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export function hexValue(c: number): number {
  if (c <= 0x39) return c - 0x30;
  return (c | 0x20) - 0x57;
}

/**
 * Letters of alphabetic scripts that write words with spaces: Latin (with
 * accents), Greek, Cyrillic, Armenian. CJK is handled apart.
 */
export function isNonAsciiLetter(c: number): boolean {
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if (c >= 0x370 && c <= 0x58f) return c !== 0x37e && c !== 0x387;
  if (c >= 0x1e00 && c <= 0x1fff) return true;
  return false;
}

/** Letters of any alphabetic script (see {@link isNonAsciiLetter}). */
export function isLetter(c: number): boolean {
  return c < 0x80 ? isAsciiLetter(c) : isNonAsciiLetter(c);
}

/** Word characters for names and keywords: letters, digits, `_`. */
export function isWordChar(c: number): boolean {
  return c < 0x80 ? isAsciiWord(c) : isNonAsciiLetter(c);
}

export function isUpperLetter(c: number): boolean {
  if (c < 0x80) return isAsciiUpper(c);
  if (!isNonAsciiLetter(c)) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

export function isLowerLetter(c: number): boolean {
  if (c < 0x80) return isAsciiLower(c);
  if (!isNonAsciiLetter(c)) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toUpperCase();
}

/** Lower-cases the letters keyword hashing cares about (ASCII, Latin-1, Cyrillic basic). */
export function foldCase(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c + 0x20;
  if (c < 0xc0) return c;
  if (c <= 0xde) return c === 0xd7 ? c : c + 0x20;
  if (c >= 0x410 && c <= 0x42f) return c + 0x20;
  if (c >= 0x400 && c <= 0x40f) return c + 0x50;
  return c;
}

/** Han ideographs, kana and Hangul: scripts written without spaces between words. */
export function isCjk(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0xf900 && c <= 0xfaff)
  );
}

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 0x3000;
}

export function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

/** Characters a base64 or base64url token is made of (without padding). */
export function isBase64Char(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x2b || c === 0x2f || c === 0x2d || c === 0x5f;
}
