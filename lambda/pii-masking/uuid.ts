/**
 * UUIDs in log lines and request ids (`c0a6fbe9-8e2a-4b7e-b130-48d846d357e9`):
 * none of their segments can be personal data or a credential on its own, so
 * the scanner reads a UUID in one step once its first segment has been looked
 * at, instead of stopping at every segment.
 */
import { isNonAsciiLetter } from './char-class';
import { isTokenChar } from './credential-tokens';

const SEGMENTS = [8, 4, 4, 4, 12];
const UUID_LENGTH = 36;

function isLowerHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
}

/**
 * The end of a lower-case UUID starting at `start` that stands apart (no token
 * character or letter glued to either end, no `/` or `+` after it that could
 * make it part of a base64 run), or -1.
 */
export function lowerHexUuidEnd(s: string, start: number): number {
  if (start > 0) {
    const b = s.charCodeAt(start - 1);
    if (b < 0x80 ? isTokenChar(b) : isNonAsciiLetter(b)) return -1;
  }
  if (start + UUID_LENGTH > s.length) return -1;
  let i = start;
  for (let k = 0; k < SEGMENTS.length; k++) {
    if (k > 0) {
      if (s.charCodeAt(i) !== 0x2d) return -1;
      i++;
    }
    for (const end = i + SEGMENTS[k]; i < end; i++) if (!isLowerHex(s.charCodeAt(i))) return -1;
  }
  if (i < s.length) {
    const a = s.charCodeAt(i);
    if (a < 0x80 ? isTokenChar(a) || a === 0x2f || a === 0x2b : isNonAsciiLetter(a)) return -1;
  }
  return i;
}
