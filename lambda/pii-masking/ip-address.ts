/**
 * Strict IPv4 and IPv6 parsers over the raw text. They read a bounded number
 * of characters and never backtrack.
 */
import { isAsciiAlnum, isDigit, isHexDigit } from './char-class';

/** Parses a dotted quad at `pos`; returns its end or -1. Does not check what follows. */
export function parseIpv4(s: string, pos: number): number {
  let i = pos;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (s.charCodeAt(i) !== 0x2e) return -1;
      i++;
    }
    const start = i;
    let v = 0;
    while (i < s.length && i - start < 4 && isDigit(s.charCodeAt(i))) {
      v = v * 10 + (s.charCodeAt(i) - 0x30);
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 3 || v > 255) return -1;
  }
  return i;
}

export interface Ipv6Parse {
  readonly end: number;
  readonly groups: number;
  readonly compressed: boolean;
  readonly firstGroupLen: number;
  readonly allTwoCharGroups: boolean;
  readonly hasV4Tail: boolean;
}

/**
 * Parses an IPv6 address at `pos`: at most 8 groups of 1-4 hex digits, at
 * most one `::`, optionally a dotted IPv4 tail. Returns null when the text at
 * `pos` is not an address or is glued to more address-like characters.
 */
export function parseIpv6(s: string, pos: number): Ipv6Parse | null {
  const n = s.length;
  let i = pos;
  let groups = 0;
  let compressed = false;
  let end = -1;
  let firstGroupLen = 0;
  let allTwo = true;
  let v4 = false;
  if (s.charCodeAt(i) === 0x3a) {
    if (s.charCodeAt(i + 1) !== 0x3a) return null;
    compressed = true;
    i += 2;
    end = i;
  }
  for (;;) {
    const gs = i;
    let allDigits = true;
    while (i < n && i - gs < 5 && isHexDigit(s.charCodeAt(i))) {
      if (!isDigit(s.charCodeAt(i))) allDigits = false;
      i++;
    }
    const len = i - gs;
    if (len === 0) break;
    // Only a dot followed by a digit starts an IPv4 tail; any other dot (`::961.` at the end of a sentence) is punctuation after the last group.
    if (s.charCodeAt(i) === 0x2e && isDigit(s.charCodeAt(i + 1)) && allDigits && len <= 3) {
      const v4end = parseIpv4(s, gs);
      if (v4end < 0) return null;
      groups += 2;
      v4 = true;
      end = v4end;
      i = v4end;
      break;
    }
    if (len > 4) return null;
    if (groups === 0) firstGroupLen = len;
    if (len !== 2) allTwo = false;
    groups++;
    end = i;
    if (s.charCodeAt(i) !== 0x3a) break;
    if (s.charCodeAt(i + 1) === 0x3a) {
      if (compressed) return null;
      compressed = true;
      i += 2;
      end = i;
      continue;
    }
    if (!isHexDigit(s.charCodeAt(i + 1))) break;
    i++;
  }
  if (end < 0) return null;
  if (compressed ? groups > 7 : groups !== 8) return null;
  const after = s.charCodeAt(end);
  if (end < n && (isAsciiAlnum(after) || after === 0x5f || after === 0x3a)) return null;
  if (after === 0x2e && isDigit(s.charCodeAt(end + 1))) return null;
  return { end, groups, compressed, firstGroupLen, allTwoCharGroups: allTwo, hasV4Tail: v4 };
}

/**
 * Shapes that parse as IPv6 but are usually something else in prose or code
 * (`a::b`, EUI-64 written in pairs) are refused; `::1` and link-local and
 * global forms pass.
 */
export function plausibleIpv6(s: string, pos: number, p: Ipv6Parse): boolean {
  if (!p.compressed) return !p.allTwoCharGroups;
  // A trailing `::` (a prefix such as 2001:db8::/32) must stand alone, not run into other text.
  if (s.charCodeAt(p.end - 1) === 0x3a) {
    const after = p.end < s.length ? s.charCodeAt(p.end) : 0x20;
    const ends = after === 0x2f || after === 0x20 || after === 0x0a || after === 0x09 || after === 0x2c || after === 0x22 || after === 0x29 || after === 0x3b;
    if (!ends) return false;
  }
  if (p.hasV4Tail) return true;
  if (p.groups >= 3) return true;
  if (p.groups === 1) return p.end - pos === 3 && s.startsWith('::1', pos);
  return p.firstGroupLen >= 3;
}
