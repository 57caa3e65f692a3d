/**
 * Character classes over UTF-16 code units: the few questions the detectors
 * ask about a character, in one place.
 */

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
