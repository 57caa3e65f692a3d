/**
 * E-mail addresses, found from their `@`: the local part is read backwards
 * (at most 64 characters, never before the previous finding), the domain
 * forwards (at most 253). Every `@` therefore costs a bounded amount of work,
 * and a run of `@` costs nothing more than one look at each neighbour.
 */
import { isAsciiAlnum, isAsciiLetter, isNonAsciiLetter } from './char-class';
import type { ScanState } from './scan-state';

function isLocalChar(c: number): boolean {
  return (
    isAsciiAlnum(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d || c === 0x27 ||
    (c >= 0x80 && isNonAsciiLetter(c))
  );
}

function isLabelChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x2d || (c >= 0x80 && isNonAsciiLetter(c));
}

export interface EmailSpan {
  readonly start: number;
  readonly end: number;
  readonly domainStart: number;
}

/** Reads the address around the `@` at `at`, or returns null. */
export function readEmail(s: string, at: number, floor: number): EmailSpan | null {
  const n = s.length;
  const minStart = Math.max(floor, at - 64);
  let i = at - 1;
  while (i >= minStart && isLocalChar(s.charCodeAt(i))) i--;
  if (i >= floor && i === minStart - 1 && isLocalChar(s.charCodeAt(i))) return null;
  let start = i + 1;
  // Quote and dot trimming: 'john@x' in prose, .john@x after a path.
  while (start < at && (s.charCodeAt(start) === 0x2e || s.charCodeAt(start) === 0x27 || s.charCodeAt(start) === 0x2d)) start++;
  if (start >= at || s.charCodeAt(at - 1) === 0x2e) return null;
  // Domain: labels separated by single dots, a letter-only TLD of 2+ characters.
  let j = at + 1;
  const limit = Math.min(n, at + 254);
  let labels = 0;
  let end = -1;
  let lastLabelStart = j;
  for (;;) {
    const ls = j;
    while (j < limit && isLabelChar(s.charCodeAt(j))) j++;
    const len = j - ls;
    if (len === 0 || len > 63 || s.charCodeAt(ls) === 0x2d || s.charCodeAt(j - 1) === 0x2d) break;
    labels++;
    end = j;
    lastLabelStart = ls;
    if (s.charCodeAt(j) === 0x2e && j + 1 < limit && isLabelChar(s.charCodeAt(j + 1))) {
      j++;
      continue;
    }
    break;
  }
  if (labels < 2 || end < 0) return null;
  // TLD: letters (or an IDN label), at least two, in one case (`.com`, `.DE`; `.comDear` is a glued word).
  const tldLen = end - lastLabelStart;
  if (tldLen < 2 || tldLen > 24) return null;
  let upper = 0;
  for (let k = lastLabelStart; k < end; k++) if (s.charCodeAt(k) >= 0x41 && s.charCodeAt(k) <= 0x5a) upper++;
  if (upper !== 0 && upper !== tldLen && !(upper === 1 && s.charCodeAt(lastLabelStart) <= 0x5a)) return null;
  for (let k = lastLabelStart; k < end; k++) {
    const c = s.charCodeAt(k);
    const punycode = (c === 0x2d || isAsciiAlnum(c)) && s.startsWith('xn--', lastLabelStart);
    if (!(isAsciiLetter(c) || isNonAsciiLetter(c) || punycode)) {
      return null;
    }
  }
  const after = s.charCodeAt(end);
  if (end < n && (after === 0x40 || isAsciiAlnum(after) || after === 0x5f)) return null;
  return { start, end, domainStart: at + 1 };
}

export function tryEmail(st: ScanState, at: number): number {
  const e = readEmail(st.s, at, st.lastEnd);
  if (!e) return -1;
  return st.emit('EMAIL', e.start, e.end) ? e.end : -1;
}
