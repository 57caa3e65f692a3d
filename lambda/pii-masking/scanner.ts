/**
 * The single pass. The loop looks at each character once through a table;
 * only characters that can begin something (a digit, a letter starting a
 * word, `@`, `:`, `+`, `(`, `-----BEGIN`) hand over to a detector, and every
 * detector reads a bounded stretch and tells the loop where to resume. So the
 * whole scan is linear in the input, whatever the input is.
 */
import {
  T_AT,
  T_COLON,
  T_DASH,
  T_DIGIT,
  T_LOWER,
  T_NON_ASCII,
  T_NONE,
  T_OPEN_PAREN,
  T_PLUS,
  T_UNDERSCORE,
  T_UPPER,
  TRIGGER,
  foldCase,
  isAsciiAlnum,
  isAsciiUpper,
  isAsciiWord,
  isCjk,
  isDigit,
  isHexDigit,
  isNonAsciiLetter,
} from './char-class';
import { CUE_DOB, cueBefore } from './context-words';
import { monthOfWord, parseMonthFirstDate } from './dates';
import { tryEmail } from './email';
import { tryIban } from './iban';
import { parseIpv6, plausibleIpv6 } from './ip-address';
import { chunkMayStartAt, scanNumericChunk } from './numeric-chunk';
import { tryCjkEntity } from './cjk';
import { PersonContext, tryPerson } from './person';
import { tryAddressAtWord } from './street-address';
import { ScanState, type RawFinding } from './scan-state';
import {
  isSecretKeyIdentifier,
  mayStartToken,
  tryAwsSecretShape,
  tryConnectionStringPassword,
  tryPemPrivateKey,
  trySecretValue,
  tryToken,
} from './secrets';
import { CUE_PASSPORT } from './context-words';
import { FORWARD_KEYWORDS, KW_MONTH, KW_SECRET, KW_STREET_FIRST, hashStep } from './keywords';

export function scan(s: string, enabled: number): RawFinding[] {
  const st = new ScanState(s, enabled);
  const people = new PersonContext();
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    const t = TRIGGER[c];
    if (t === T_NONE) {
      i++;
      continue;
    }
    let next: number;
    switch (t) {
      case T_DIGIT:
        next = chunkMayStartAt(s, i) ? scanNumericChunk(st, i) : skipAlnum(s, i);
        break;
      case T_PLUS:
      case T_OPEN_PAREN:
        next = isDigit(s.charCodeAt(i + 1)) && chunkMayStartAt(s, i) ? scanNumericChunk(st, i) : i + 1;
        break;
      case T_AT:
        next = onAt(st, i);
        break;
      case T_COLON:
        next = onColon(st, i);
        break;
      case T_DASH:
        next = c === 0x2d && s.charCodeAt(i + 1) === 0x2d ? onDashes(st, i) : i + 1;
        break;
      case T_UPPER:
      case T_LOWER:
      case T_UNDERSCORE:
        next = onWord(st, people, i);
        break;
      case T_NON_ASCII:
        if (isNonAsciiLetter(c)) next = onWord(st, people, i);
        else if (isCjk(c) || c === 0x3012) next = tryCjkEntity(st, i);
        else next = i + 1;
        break;
      default:
        next = i + 1;
    }
    i = next > i ? next : i + 1;
  }
  return st.findings;
}

function skipAlnum(s: string, i: number): number {
  let j = i;
  while (j < s.length && isAsciiWord(s.charCodeAt(j))) j++;
  return j;
}

function onAt(st: ScanState, at: number): number {
  const conn = tryConnectionStringPassword(st, at);
  if (conn > 0) return conn;
  const e = tryEmail(st, at);
  return e > 0 ? e : at + 1;
}

/** IPv6 found from its first colon: back up over hex digits and colons (bounded), then parse forward. */
function onColon(st: ScanState, pos: number): number {
  const s = st.s;
  const prev = pos > 0 ? s.charCodeAt(pos - 1) : 0;
  const next = s.charCodeAt(pos + 1);
  if (!isHexDigit(prev) && next !== 0x3a) return pos + 1;
  const floor = Math.max(st.lastEnd, pos - 40);
  let start = pos;
  while (start > floor && (isHexDigit(s.charCodeAt(start - 1)) || s.charCodeAt(start - 1) === 0x3a)) start--;
  if (s.charCodeAt(start) === 0x3a && s.charCodeAt(start + 1) !== 0x3a) start++;
  if (start > 0) {
    const b = s.charCodeAt(start - 1);
    if (isAsciiAlnum(b) || b === 0x5f || b === 0x2e || b === 0x2d) return pos + 1;
  }
  const p = parseIpv6(s, start);
  if (!p || !plausibleIpv6(s, start, p) || p.end <= pos) return pos + 1;
  return st.emit('IP_ADDRESS', start, p.end) ? p.end : pos + 1;
}

function onDashes(st: ScanState, pos: number): number {
  const s = st.s;
  if (s.startsWith('-----BEGIN ', pos)) {
    const r = tryPemPrivateKey(st, pos);
    if (r > 0) return r;
  }
  let j = pos;
  while (j < s.length && s.charCodeAt(j) === 0x2d) j++;
  return j;
}

/** A word of letters, digits and `_` (any alphabetic script). */
function onWord(st: ScanState, people: PersonContext, start: number): number {
  const s = st.s;
  const n = s.length;
  let i = start;
  let h = 0;
  let digits = 0;
  let uppers = 0;
  let underscore = false;
  let camel = false;
  let prevLower = false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x61 && c <= 0x7a) {
        prevLower = true;
      } else if (c >= 0x41 && c <= 0x5a) {
        uppers++;
        if (prevLower) camel = true;
        prevLower = false;
      } else if (c >= 0x30 && c <= 0x39) {
        digits++;
        prevLower = false;
      } else if (c === 0x5f) {
        underscore = true;
      } else {
        break;
      }
    } else if (!isNonAsciiLetter(c)) {
      break;
    }
    h = hashStep(h, foldCase(c));
  }
  const end = i;
  const len = end - start;
  const c0 = s.charCodeAt(start);
  // Glued to something before (`x1.abc`, `a-b`): part of a larger token, no detector starts here.
  if (len >= 4 && mayStartToken(c0)) {
    const r = tryToken(st, start);
    if (r > 0) return r;
  }
  if (len >= 4 && isAsciiUpper(c0) && isAsciiUpper(s.charCodeAt(start + 1)) && isDigit(s.charCodeAt(start + 2))) {
    const r = tryIban(st, start);
    if (r > 0) return r;
  }
  if (len === 9 && digits === 8 && isAsciiUpper(c0)) {
    const cue = cueBefore(s, start, 0, CUE_PASSPORT, 4);
    if (cue.bits) return st.emit('US_PASSPORT', start, end) ? end : end;
  }
  const after = s.charCodeAt(end);
  if (len >= 4 && (uppers > 0 || digits > 0) && (len === 40 || after === 0x2f || after === 0x2b)) {
    const r = tryAwsSecretShape(st, start);
    if (r > 0) return r;
  }
  const kw = len <= 24 ? (FORWARD_KEYWORDS.get(h) ?? 0) : 0;
  if (kw & KW_SECRET || ((underscore || camel) && len <= 48)) {
    if (isSecretKeyIdentifier(s, start, end)) {
      const r = trySecretValue(st, start, end, !(underscore || camel));
      if (r > 0) return r;
    }
  }
  if (kw & KW_MONTH && monthOfWord(s, start, end)) {
    const dateEnd = parseMonthFirstDate(s, start);
    if (dateEnd > 0) {
      if (cueBefore(s, start, 0, CUE_DOB, 4).bits) st.emit('DATE_OF_BIRTH', start, dateEnd);
      return dateEnd;
    }
  }
  if (kw & KW_STREET_FIRST || isAsciiUpper(c0) || (c0 >= 0x80 && len >= 2 && (c0 === 0x433 || isUpperNonAscii(c0)))) {
    const street = tryAddressAtWord(st, start, end, kw);
    if (street > 0) return street;
  }
  if (isAsciiUpper(c0) || (c0 >= 0x80 && isUpperNonAscii(c0))) {
    const r = tryPerson(st, people, start);
    if (r > 0) return r;
  }
  return end;
}

function isUpperNonAscii(c: number): boolean {
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}
