/**
 * The single pass. A native regular expression with one character class
 * skips what cannot start anything (lower-case letters, spaces, most
 * punctuation); at the characters left (capitals, digits, `@ : = _`, and
 * letters outside ASCII) a detector reads a bounded stretch and tells the loop
 * where to resume. A stop inside a word backs up to the word's start, but never
 * behind the previous resume point, so every character is looked at a bounded
 * number of times and the scan is linear in the input, whatever the input is.
 */
import {
  foldCase,
  isAsciiAlnum,
  isAsciiLetter,
  isAsciiUpper,
  isAsciiWord,
  isCjk,
  isDigit,
  isHexDigit,
  isLetter,
  isNonAsciiLetter,
  isSpace,
  isUpperLetter,
  isWordChar,
} from './char-class';
import { CUE_DOB, CUE_PASSPORT, CUE_PERSON, cueBefore, isCueSeparator, wordCueBits } from './context-words';
import { monthOfHashedWord, parseDateAfterMonth, parseMonthFirstDate } from './dates';
import { tryEmail } from './email';
import { tryIban } from './iban';
import { parseIpv6, plausibleIpv6 } from './ip-address';
import { chunkMayStartAt } from './digit-groups';
import { scanNumericChunk } from './numeric-chunk';
import { tryCjkEntity } from './cjk';
import { PersonContext, gluedBefore, isParticleAt, tryPerson } from './person';
import { tryAddressAtWord, tryStreetBeforeNumber } from './street-address';
import { ScanState, type RawFinding } from './scan-state';
import { lowerHexUuidEnd } from './uuid';
import { isTokenChar, tryAwsSecretKey, tryPemPrivateKey, tryToken } from './credential-tokens';
import { isSecretKeyIdentifier, tryConnectionStringPassword, trySecretValue } from './secret-values';
import {
  KW_MONTH,
  KW_NOT_NAME,
  KW_PERSON_CUE,
  KW_SECRET,
  KW_STREET_FIRST,
  KW_TITLE,
  KW_TRANSPARENT,
  hashStep,
  lookupKeyword,
} from './keywords';

/** ASCII characters the loop stops at (capitals, digits, `@ : = _`); it also stops at every code unit above 0x7f. */
const STOP_ASCII = new Uint8Array(0x80);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@:=_') STOP_ASCII[c.charCodeAt(0)] = 1;

export function scan(s: string, enabled: number): RawFinding[] {
  const st = new ScanState(s, enabled);
  const people = new PersonContext();
  const n = s.length;
  let i = 0;
  while (i < n) {
    let p = i;
    let c = s.charCodeAt(p);
    while (c < 0x80 && STOP_ASCII[c] === 0) {
      if (++p === n) return st.findings;
      c = s.charCodeAt(p);
    }
    let next: number;
    if (c < 0x80) {
      if (c >= 0x30 && c <= 0x39) next = onDigit(st, people, p, i);
      else if (c === 0x40) next = onAt(st, p);
      else if (c === 0x3a) next = onColon(st, p);
      else if (c === 0x3d) {
        // `key=value`: a secret-named key before the `=`. Called from here rather than through a helper of its own,
        // which the engine left unoptimised for the first few thousand prompts.
        const r = secretKeyBefore(st, p);
        next = r > 0 ? r : p + 1;
      }
      else next = onWordAt(st, people, p, i);
    } else if (isNonAsciiLetter(c)) {
      next = onWordAt(st, people, p, i);
    } else if (isCjk(c) || c === 0x3012) {
      next = tryCjkEntity(st, p);
    } else {
      next = p + 1;
    }
    i = next > p ? next : p + 1;
  }
  return st.findings;
}

/** Start of the word that contains `p`, not before `floor`. */
function wordStartBefore(s: string, p: number, floor: number): number {
  let ws = p;
  while (ws > floor && isWordChar(s.charCodeAt(ws - 1))) ws--;
  return ws;
}

/** `glpat-AbC...`, `xoxb-1234-...`, `sk-proj-...`: a stop after a hyphen may be inside a vendor token. */
function tryHyphenToken(st: ScanState, ws: number): number {
  const s = st.s;
  if (ws < 2 || s.charCodeAt(ws - 1) !== 0x2d || !isAsciiAlnum(s.charCodeAt(ws - 2))) return -1;
  const floor = Math.max(st.lastEnd, ws - 24);
  let ts = ws - 1;
  while (ts > floor && (isAsciiWord(s.charCodeAt(ts - 1)) || s.charCodeAt(ts - 1) === 0x2d)) {
    ts--;
    // The run behind is known down to where it was last tried from. That start was where the same walk stopped
    // (a character outside the run, or an older floor, which cannot be above this one): stop there too.
    if (ts === st.tokenRunEnd) {
      ts = Math.max(floor, st.tokenTriedAt);
      break;
    }
  }
  if (ts > 0 && isAsciiWord(s.charCodeAt(ts - 1))) return -1;
  // Every segment of `b65d1416-de1b-4343-...` backs up to the same start: a start that found nothing finds nothing again.
  if (ts === st.tokenTriedAt) {
    st.tokenRunEnd = ws;
    return -1;
  }
  const r = tryToken(st, ts);
  if (r < 0) {
    st.tokenTriedAt = ts;
    st.tokenRunEnd = ws;
  }
  return r;
}

/**
 * tryToken from the start of a word. A miss is remembered for tryHyphenToken when no token character comes
 * before (there its look-back would stop), so the segments after `c0a6fbe9-` do not try the same start again.
 */
function tryTokenAtWord(st: ScanState, start: number): number {
  const r = tryToken(st, start);
  if (r < 0 && (start === 0 || !isTokenChar(st.s.charCodeAt(start - 1)))) {
    st.tokenTriedAt = start;
    st.tokenRunEnd = start;
  }
  return r;
}

function onWordAt(st: ScanState, people: PersonContext, p: number, floor: number): number {
  const ws = wordStartBefore(st.s, p, Math.max(floor, st.lastEnd));
  const t = tryHyphenToken(st, ws);
  if (t > 0) return t;
  return onWord(st, people, ws);
}

function onDigit(st: ScanState, people: PersonContext, p: number, floor: number): number {
  const s = st.s;
  const prev = p > 0 ? s.charCodeAt(p - 1) : 0x20;
  if (isAsciiLetter(prev) || prev === 0x5f || (prev >= 0x80 && isNonAsciiLetter(prev))) return onWordAt(st, people, p, floor);
  const t = tryHyphenToken(st, p);
  if (t > 0) return t;
  // A word that starts with digits (`1aFZ!x`, `8ce1a7...`): word detectors, not numbers.
  let d = p;
  while (d < s.length && isDigit(s.charCodeAt(d))) d++;
  const glued = s.charCodeAt(d);
  if (isAsciiLetter(glued) || glued === 0x5f) return onWord(st, people, p);
  let start = p;
  if ((prev === 0x2b || prev === 0x28) && p - 1 >= st.lastEnd) start = p - 1;
  if (!chunkMayStartAt(s, start)) {
    let j = p;
    while (j < s.length && isAsciiWord(s.charCodeAt(j))) j++;
    return j;
  }
  return scanNumericChunk(st, start);
}

/**
 * The identifier that ends right before `pos` (an `=` or `:`), skipping a
 * closing quote and spaces. If it names a secret, the value after is read.
 */
function secretKeyBefore(st: ScanState, pos: number): number {
  const s = st.s;
  let e = pos;
  while (e > st.lastEnd && e > pos - 3 && (s.charCodeAt(e - 1) === 0x20 || s.charCodeAt(e - 1) === 0x22 || s.charCodeAt(e - 1) === 0x27)) e--;
  let b = e;
  while (b > st.lastEnd && e - b < 48 && (isWordChar(s.charCodeAt(b - 1)) || s.charCodeAt(b - 1) === 0x2d)) b--;
  if (b === e || !isLetter(s.charCodeAt(b))) return -1;
  if (!isSecretKeyIdentifier(s, b, e)) return -1;
  let plain = true;
  for (let k = b; k < e; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x5f || c === 0x2d || (k > b && isAsciiUpper(c) && !isAsciiUpper(s.charCodeAt(k - 1)))) plain = false;
  }
  return trySecretValue(st, b, e, plain);
}

function onAt(st: ScanState, at: number): number {
  const conn = tryConnectionStringPassword(st, at);
  if (conn > 0) return conn;
  const e = tryEmail(st, at);
  return e > 0 ? e : at + 1;
}

/**
 * At a colon: a secret-named key (`password: x`), or an IPv6 address found
 * from its first colon (back up over hex digits and colons, bounded, then
 * parse forward).
 */
function onColon(st: ScanState, pos: number): number {
  const s = st.s;
  const prev = pos > 0 ? s.charCodeAt(pos - 1) : 0;
  const next = s.charCodeAt(pos + 1);
  if (next !== 0x3a && (isLetter(prev) || prev === 0x22 || prev === 0x27 || prev === 0x20)) {
    const r = secretKeyBefore(st, pos);
    if (r > 0) return r;
  }
  if (!isHexDigit(prev) && next !== 0x3a) return pos + 1;
  const floor = Math.max(st.lastEnd, pos - 40, st.ipv6TriedAt);
  let start = pos;
  while (start > floor && (isHexDigit(s.charCodeAt(start - 1)) || s.charCodeAt(start - 1) === 0x3a)) start--;
  // The run this colon belongs to was already tried from its start.
  if (start === st.ipv6TriedAt) return pos + 1;
  st.ipv6TriedAt = start;
  if (s.charCodeAt(start) === 0x3a && s.charCodeAt(start + 1) !== 0x3a) start++;
  if (start > 0) {
    const b = s.charCodeAt(start - 1);
    if (isAsciiAlnum(b) || b === 0x5f || b === 0x2e || b === 0x2d) return pos + 1;
  }
  const p = parseIpv6(s, start);
  if (!p || !plausibleIpv6(s, start, p) || p.end <= pos) return pos + 1;
  return st.emit('IP_ADDRESS', start, p.end) ? p.end : pos + 1;
}

/**
 * A word of letters, digits and `_` (any alphabetic script). Most words are
 * plain lower-case prose and leave after one table lookup; the detectors
 * behind are reached only when the word's shape or the next character asks
 * for them.
 */
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
        h = (Math.imul(h, 31) + c) | 0;
        continue;
      }
      if (c >= 0x41 && c <= 0x5a) {
        uppers++;
        if (prevLower) camel = true;
        prevLower = false;
        h = (Math.imul(h, 31) + c + 0x20) | 0;
        continue;
      }
      if (c >= 0x30 && c <= 0x39) {
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
  const after = end < n ? s.charCodeAt(end) : 0;
  // A word inside a run of base64 (`+` and `/` join it to its neighbours), or one of 40: an AWS secret key wherever
  // it stands. Asked before any early return, since a key's pieces look like any word.
  if (len <= 40 && (after === 0x2f || after === 0x2b || len === 40 || (start > 0 && (s.charCodeAt(start - 1) === 0x2f || s.charCodeAt(start - 1) === 0x2b)))) {
    const r = tryAwsSecretKey(st, start);
    if (r > 0) return r;
  }
  const kw = len <= 24 ? lookupKeyword(h) : 0;
  if (kw & KW_PERSON_CUE) people.cueEnd = end;
  const upper0 = isUpperLetter(c0);
  if (!upper0 && digits === 0 && !underscore && !camel && len < 20 && kw === 0 && after !== 0x2d && after !== 0x2e) return end;
  // Acronyms (`HDD`, `SQL`) start nothing unless they carry digits or name a secret.
  if (uppers === len && len < 20 && kw === 0 && after !== 0x2d && after !== 0x2e && after !== 0x20) return end;
  if (uppers === len && len > 1 && len < 20 && kw === 0 && after === 0x20 && !isUpperLetter(s.charCodeAt(end + 1))) return end;
  // Stop words (`The`, `Write`, `Please`, most sentence starts) leave before the detectors below, which cannot take a
  // word of letters that names no secret, month or street type and is followed by none of `- . ' ’ / +` (nor the
  // `BEGIN` of a PEM header or the `г` of a Russian address): the name test further down would drop it anyway.
  if (
    (kw & (KW_NOT_NAME | KW_SECRET | KW_MONTH | KW_STREET_FIRST)) === KW_NOT_NAME &&
    digits === 0 && !underscore && !camel && len < 20 &&
    after !== 0x2d && after !== 0x2e && after !== 0x27 && after !== 0x2019 && after !== 0x2f && after !== 0x2b &&
    !(len === 5 && c0 === 0x42) && c0 !== 0x433
  ) {
    return end;
  }

  if (underscore || len >= 20 || (after === 0x2d && len <= 8) || (after === 0x2e && (len <= 4 || c0 === 0x65))) {
    const r = tryTokenAtWord(st, start);
    if (r > 0) return r;
  }
  if (len === 5 && c0 === 0x42 && start >= 5 && s.startsWith('-----BEGIN ', start - 5)) {
    const r = tryPemPrivateKey(st, start - 5);
    if (r > 0) return r;
  }
  // `community Winter6511`, `password is hunter2`: a value that only the word before names as a secret.
  if (digits > 0 && len >= 4 && !underscore) {
    const r = secretWordBefore(st, start);
    if (r > 0) return r;
  }
  if (len >= 4 && isAsciiUpper(c0) && isAsciiUpper(s.charCodeAt(start + 1)) && isDigit(s.charCodeAt(start + 2))) {
    const r = tryIban(st, start);
    if (r > 0) return r;
  }
  if (len === 9 && digits === 8 && isAsciiUpper(c0)) {
    if (cueBefore(s, start, 0, CUE_PASSPORT, 4).bits || st.columnCue(start) & CUE_PASSPORT) return st.emit('US_PASSPORT', start, end) ? end : end;
  }
  if (kw & KW_SECRET || ((underscore || camel) && len <= 48)) {
    if (isSecretKeyIdentifier(s, start, end)) {
      const r = trySecretValue(st, start, end, !(underscore || camel));
      if (r > 0) return r;
    }
    if ((underscore || camel) && wordCueBits(s, start, end) & CUE_PERSON) people.cueEnd = end;
  }
  // The word's hash above is the one monthOfWord computes (letters folded, digits and `_` as they are).
  const month = kw & KW_MONTH ? monthOfHashedWord(s, start, end, h) : 0;
  if (month) {
    // A word of letters only, at most 14 long, ends where the date parser's own word reader would end it.
    const dateEnd = digits === 0 && !underscore && len <= 14 ? parseDateAfterMonth(s, end, month) : parseMonthFirstDate(s, start);
    if (dateEnd > 0) {
      if (cueBefore(s, start, 0, CUE_DOB, 4).bits) st.emit('DATE_OF_BIRTH', start, dateEnd);
      return dateEnd;
    }
  }
  if (kw & KW_STREET_FIRST) {
    const street = tryAddressAtWord(st, start, end, kw);
    if (street > 0) return street;
  }
  if (!upper0) {
    // The first segment of a UUID was read like any word, and nothing took it: the other segments hold nothing either.
    if (after === 0x2d && len === 8 && digits > 0) {
      const u = lowerHexUuidEnd(s, start);
      if (u > 0) return u;
    }
    return end;
  }
  // Street then house number: `Wiesenstr. 33a`, `Piazza Damiana 32`, `Alte Garten 74b, 69977 Mannheim`.
  const sp = after === 0x2e ? end + 1 : end;
  if ((s.charCodeAt(sp) === 0x20 && isDigit(s.charCodeAt(sp + 1))) || (c0 === 0x433 && len === 1)) {
    const street = tryStreetBeforeNumber(st, start, end, kw);
    if (street > 0) return street;
  }
  // Names: more capitalised words follow, a particle follows, or a person cue comes right before.
  const next = s.charCodeAt(end + 1);
  if (start < people.rejectedUntil) return end;
  // What tryPerson would reject before any look-back: a glued word, or a plain word that cannot open a name
  // (no lower-case letter, an e-mail's local part, a stop word or a title). Words that a hyphen or an apostrophe
  // continues (`Schumm-Skiles`, `O'Hara`) or that a dot may make an initial are left to tryPerson.
  if (gluedBefore(s, start)) return end;
  // The word's keyword flags are those of the name's first word when both end at the same place.
  const plainName = digits === 0 && !underscore && len <= 24;
  if (plainName && after !== 0x2d && after !== 0x2e && after !== 0x27 && after !== 0x2019) {
    if (uppers === len || after === 0x40 || kw & (KW_NOT_NAME | KW_TITLE)) return end;
  }
  // Worth the full cue look-back: a cue word seen just before, one right before, or a field separator (`Name: X`, `"X"`).
  // Cheapest test first: a field separator needs no word read back.
  const cueHint =
    (people.cueEnd >= 0 && start - people.cueEnd <= 40) || fieldBefore(s, start) || (prevWordFlags(s, start, st.lastEnd) & KW_PERSON_CUE) !== 0;
  if (cueHint || (after === 0x20 && (isUpperLetter(next) || next === 0x3c || (next >= 0x61 && next <= 0x7a && isParticleAt(s, end + 1))))) {
    const r = tryPerson(st, people, start, cueHint, plainName ? end : -1, kw);
    if (r > 0) return r;
  }
  return end;
}

/**
 * Keyword flags of the word before `pos` (separators and up to two
 * connector words such as `is` skipped): a cheap check before the full
 * look-back of cueBefore.
 */
function prevWordFlags(s: string, pos: number, floor: number): number {
  let i = pos;
  // A sentence start (`. The`) has no cue before it: cues do not reach across a full stop.
  let b = pos - 1;
  while (b > floor && s.charCodeAt(b) === 0x20) b--;
  const pc = s.charCodeAt(b);
  const sentenceEnd = pc === 0x2e || pc === 0x21 || pc === 0x3f;
  if (sentenceEnd && b > 1 && isLetter(s.charCodeAt(b - 1)) && isLetter(s.charCodeAt(b - 2)) && isLetter(s.charCodeAt(b - 3))) return 0;
  for (let w = 0; w < 3; w++) {
    let seps = 0;
    while (i > floor && seps < 8) {
      const c = s.charCodeAt(i - 1);
      if (!(isCueSeparator(c) || c === 0x0a || c === 0x2e || c === 0x29)) break;
      if (c === 0x2a && i >= 3 && s.charCodeAt(i - 2) === 0x2a && s.charCodeAt(i - 3) === 0x2a) return 0;
      i--;
      seps++;
    }
    const end = i;
    // The word's hash (as hashStep builds it forward) summed while walking back: each letter times its power of 31.
    let h = 0;
    let pow = 1;
    while (i > floor && end - i < 20) {
      const c = s.charCodeAt(i - 1);
      if (!isLetter(c)) break;
      h = (h + Math.imul(foldCase(c), pow)) | 0;
      pow = Math.imul(pow, 31);
      i--;
    }
    if (i === end) return 0;
    const flags = lookupKeyword(h);
    if (flags & KW_PERSON_CUE || !(flags & KW_TRANSPARENT)) return flags;
  }
  return 0;
}

/** What may sit between a secret's name and its value besides a separator: spaces and quotes. */
function isSpaceOrQuote(c: number): boolean {
  return isSpace(c) || c === 0x60 || c === 0x22 || c === 0x27;
}

/** A secret-named word before the value at `start` (`community X`, `password is X`, `token: X`). */
function secretWordBefore(st: ScanState, start: number): number {
  const s = st.s;
  let i = start;
  while (i > st.lastEnd && start - i < 4 && isSpaceOrQuote(s.charCodeAt(i - 1))) i--;
  if (i === start) return -1;
  let end = i;
  if (s.startsWith('is', end - 2) && isSpace(s.charCodeAt(end - 3))) {
    end -= 3;
    while (end > st.lastEnd && isSpace(s.charCodeAt(end - 1))) end--;
  }
  let b = end;
  while (b > st.lastEnd && end - b < 16 && isLetter(s.charCodeAt(b - 1))) b--;
  if (b === end || (b > 0 && isWordChar(s.charCodeAt(b - 1)))) return -1;
  let h = 0;
  for (let k = b; k < end; k++) h = hashStep(h, foldCase(s.charCodeAt(k)));
  if (!(lookupKeyword(h) & KW_SECRET)) return -1;
  return trySecretValue(st, b, end, true);
}

/** The nearest character before `pos` (spaces skipped) separates a field or a cell: `: = " ' > | ( [ * - #`, a line break. */
function fieldBefore(s: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && pos - i < 8 && s.charCodeAt(i) === 0x20) i--;
  if (i < 0) return false;
  const c = s.charCodeAt(i);
  return (
    c === 0x3a || c === 0x3d || c === 0x22 || c === 0x27 || c === 0x3e || c === 0x7c || c === 0x28 || c === 0x5b ||
    c === 0x2a || c === 0x2d || c === 0x23 || c === 0x0a || c === 0x09 || c === 0x2c || c === 0xff1a || c === 0x60
  );
}

