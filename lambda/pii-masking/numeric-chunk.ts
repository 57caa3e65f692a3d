/**
 * What a digit chunk (see digit-groups) is. Each group index is tried as the
 * start of an IPv4 address, a date or time, an SSN, a card, a phone number, a
 * textual date, or a number that only the words before it name, most
 * specific first. Each try reads at most a handful of groups, so a chunk
 * costs time linear in its length.
 */
import { foldCase, isDigit, isLetter as isLetterCode, isSpace } from './char-class';
import { luhnValid } from './checksums';
import {
  CUE_DOB,
  CUE_PASSPORT,
  CUE_PHONE,
  CUE_SSN,
  CUE_VERSION,
  cueBefore,
} from './context-words';
import { isNumericDate, monthOfHashedWord, parseCjkDate, parseDateAfterMonth, parseDayFirstDate } from './dates';
import { parseIpv6, plausibleIpv6 } from './ip-address';
import {
  GE,
  GS,
  SEP,
  SEP_COLON,
  SEP_DASH,
  SEP_DOT,
  SEP_OPEN,
  SEP_SLASH,
  SEP_SPACE,
  SEP_T,
  chunk,
  digits,
  firstDigit,
  readChunk,
  spanStart,
  valueOf,
} from './digit-groups';
import { matchCuedPhone, matchNanp, matchNational, matchPlusPhone } from './phone-numbers';
import type { ScanState } from './scan-state';
import { tryAddressAtNumber, tryRussianAddress } from './street-address';

const CARD_TOTALS = new Int32Array(8);

export function scanNumericChunk(st: ScanState, pos: number): number {
  const s = st.s;
  chunk.st = st;
  chunk.s = s;
  chunk.extendTo = 0;
  const resume = readChunk(s, pos);
  const count = chunk.count;
  if (count === 0) return Math.max(resume, pos + 1);
  if (count >= 2 && SEP[1] & SEP_COLON && !chunk.plus && digits(0) <= 4 && !(SEP[0] & SEP_OPEN)) {
    const v6 = parseIpv6(s, GS[0]);
    if (v6 && plausibleIpv6(s, GS[0], v6)) {
      st.emit('IP_ADDRESS', GS[0], v6.end);
      return v6.end;
    }
  }
  let g = 0;
  let lastUnclaimed = false;
  while (g < count) {
    const before = st.lastEnd;
    const used = matchAt(g);
    lastUnclaimed = used === 0 && st.lastEnd === before;
    g += used > 0 ? used : 1;
  }
  // The last number, if nothing claimed it and it stands apart (first, or after a space), may be a
  // house number (`5261 E 2nd Street`) or a Russian postcode.
  const last = count - 1;
  const apart = last === 0 ? !chunk.plus && chunk.start === GS[0] : (SEP[last] & SEP_SPACE) !== 0 && !(SEP[last] & SEP_OPEN);
  if (lastUnclaimed && apart && chunk.extendTo === 0) {
    const addr = digits(last) === 6 && s.charCodeAt(GE[last]) === 0x2c ? tryRussianAddress(st, GS[last]) : tryAddressAtNumber(st, GS[last], GE[last]);
    if (addr > 0) return addr;
  }
  return Math.max(resume, GE[count - 1], pos + 1, chunk.extendTo);
}

/** Tries every detector at group `g`; returns the number of groups consumed. */
function matchAt(g: number): number {
  const sepIn = SEP[g];
  // Inside a dotted, slashed or timed run: not a start.
  if (g > 0 && sepIn & (SEP_DOT | SEP_SLASH | SEP_COLON | SEP_T)) return 0;
  if (g === 0 && chunk.plus) return matchPlusPhone();
  // A lone group of up to eight digits (most numbers in prose) can only be the day or year of a textual
  // date: every other matcher needs more groups or more digits.
  if (chunk.count === 1 && digits(0) <= 8) return matchTextualDate(0);
  return (
    matchIpv4(g) ||
    matchDateTime(g) ||
    matchSsn(g) ||
    matchCard(g) ||
    matchNanp(g) ||
    matchNational(g) ||
    matchTextualDate(g) ||
    matchSingleWithCue(g) ||
    matchCuedPhone(g)
  );
}

function matchIpv4(g: number): number {
  const count = chunk.count;
  if (g + 3 >= count) return 0;
  for (let k = 0; k < 4; k++) {
    const gi = g + k;
    if (k > 0 && SEP[gi] !== SEP_DOT) return 0;
    const d = digits(gi);
    if (d > 3 || valueOf(gi) > 255) return 0;
  }
  if (g + 4 < count && SEP[g + 4] === SEP_DOT) return 0;
  let used = 4;
  // A port or prefix length belongs to the address, not to anything else.
  if (g + 4 < count && (SEP[g + 4] === SEP_COLON || SEP[g + 4] === SEP_SLASH) && digits(g + 4) <= 5) used = 5;
  const st = chunk.st;
  const first = valueOf(g);
  if (first === 0 || first === 255) return used;
  if (g === 0 && (cueBefore(chunk.s, GS[0], 0, CUE_VERSION, 2).bits || versionSentence(chunk.s, GS[0]))) return used;
  st.emit('IP_ADDRESS', GS[g], GE[g + 3]);
  return used;
}

const VERSION_WORDS = new RegExp(`(?:^|[^a-z])(?:${[
  'version', 'versions', 'ver', 'build', 'builds', 'release', 'releases', 'released', 'firmware', 'fw', 'agent', 'rev', 'revision', 'bump', 'bumped',
  'sdk', 'patch', 'upgrade', 'upgraded', 'update', 'updated', 'downgrade', 'kernel', 'below', 'above', 'older', 'newer', 'changelog',
].join('|')})(?:[^a-z]|$)`, 'i');
const DOTTED = /\d{1,6}(?:\.\d{1,6}){2,}/g;

/**
 * A dotted number that cannot be an IPv4 address (an OID like 1.3.6.1.4.1.311,
 * a build like 10.0.19045.2965): five or more parts, or a part above 255.
 * Dotted phone numbers (01.34.51.70.61) do not count.
 */
function hasNonIpDotted(text: string): boolean {
  DOTTED.lastIndex = 0;
  for (let m = DOTTED.exec(text); m; m = DOTTED.exec(text)) {
    const parts = m[0].split('.');
    if (parts.every((p) => p.length <= 2)) continue;
    if (parts.length >= 5 || parts.some((p) => Number(p) > 255)) return true;
  }
  return false;
}

/**
 * Four small dotted numbers are a version when the sentence before them
 * talks about releases or builds, or already holds an OID or a version that
 * no IPv4 address could be.
 */
function versionSentence(s: string, pos: number): boolean {
  let from = pos;
  const floor = Math.max(0, pos - 80);
  while (from > floor) {
    const c = s.charCodeAt(from - 1);
    if (c === 0x0a || ((c === 0x2e || c === 0x21 || c === 0x3f) && s.charCodeAt(from) === 0x20)) break;
    from--;
  }
  if (from === pos) return false;
  const before = s.slice(from, pos);
  return VERSION_WORDS.test(before) || hasNonIpDotted(before);
}

function matchDateTime(g: number): number {
  const count = chunk.count;
  const s = chunk.s;
  // A bare time: 04:28 or 04:28:26(.301)
  if (g + 1 < count && SEP[g + 1] === SEP_COLON && digits(g) <= 2 && digits(g + 1) === 2) {
    let k = g + 2;
    if (k < count && SEP[k] === SEP_COLON && digits(k) === 2) k++;
    if (k < count && SEP[k] === SEP_DOT && digits(k) <= 6) k++;
    return k - g;
  }
  if (g + 2 >= count) return 0;
  const sep = SEP[g + 1];
  if (sep !== SEP_DASH && sep !== SEP_SLASH && sep !== SEP_DOT) return 0;
  if (SEP[g + 2] !== sep || (g > 0 && SEP[g] === sep) || (g + 3 < count && SEP[g + 3] === sep)) return 0;
  if (!isNumericDate(valueOf(g), digits(g), valueOf(g + 1), digits(g + 1), valueOf(g + 2), digits(g + 2))) return 0;
  let k = g + 3;
  // Time of day after the date (space or `T`), with seconds and fractions.
  if (k + 1 < count && SEP[k] & (SEP_SPACE | SEP_T) && SEP[k + 1] === SEP_COLON && digits(k) <= 2) {
    k += 2;
    if (k < count && SEP[k] === SEP_COLON) k++;
    if (k < count && SEP[k] === SEP_DOT) k++;
  }
  const st = chunk.st;
  const start = GS[g];
  const end = GE[g + 2];
  if (k === g + 3 && isDobContext(s, start)) st.emit('DATE_OF_BIRTH', start, end);
  return k - g;
}

function isDobContext(s: string, start: number): boolean {
  return cueBefore(s, start, 0, CUE_DOB, 4, 1).bits !== 0 || (chunk.st.columnCue(start) & CUE_DOB) !== 0;
}

function ssnValid(area: number, group: number, serial: number): boolean {
  return area > 0 && area < 900 && area !== 666 && group > 0 && serial > 0;
}

function matchSsn(g: number): number {
  const count = chunk.count;
  if (g + 2 >= count || digits(g) !== 3 || digits(g + 1) !== 2 || digits(g + 2) !== 4) return 0;
  const sep = SEP[g + 1];
  if ((sep !== SEP_DASH && sep !== SEP_SPACE) || SEP[g + 2] !== sep) return 0;
  // A longer run in the SSN's own separator is something else; a neighbour after a space is not.
  if (g + 3 < count && SEP[g + 3] & (sep | SEP_DASH | SEP_DOT)) return 0;
  if (g > 0 && SEP[g] === sep) return 0;
  if (!ssnValid(valueOf(g), valueOf(g + 1), valueOf(g + 2))) return 0;
  // The dashed form in an issuable range is an SSN whatever word precedes it (`ref`, `case`); the spaced form is
  // also how other numbers are grouped, so it needs an SSN word.
  if (sep === SEP_SPACE && !cueBefore(chunk.s, GS[g], 0, CUE_SSN, 4).bits) return 0;
  chunk.st.emit('US_SSN', GS[g], GE[g + 2]);
  return 3;
}

/** Issuer identification: does a card network issue numbers that start so and are this long? */
export function plausibleCardPrefix(s: string, start: number, end: number, length: number): boolean {
  // Read the first six digits, skipping separators.
  let p = 0;
  let got = 0;
  for (let i = start; i < end && got < 6; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      p = p * 10 + (c - 0x30);
      got++;
    }
  }
  const d1 = Math.floor(p / 100000);
  const d2 = Math.floor(p / 10000);
  const d3 = Math.floor(p / 1000);
  const d4 = Math.floor(p / 100);
  switch (d1) {
    case 4:
      return length === 13 || length === 16 || length === 19;
    case 5:
      if (d2 >= 51 && d2 <= 55) return length === 16;
      return length >= 12 && length <= 19; // Maestro
    case 2:
      return d4 >= 2221 && d4 <= 2720 && length === 16;
    case 3:
      if (d2 === 34 || d2 === 37) return length === 15;
      if ((d3 >= 300 && d3 <= 305) || d2 === 36 || d2 === 38 || d2 === 39) return length >= 14 && length <= 19;
      if (d4 >= 3528 && d4 <= 3589) return length >= 16 && length <= 19;
      return false;
    case 6:
      return length >= 16 && length <= 19;
    default:
      return false;
  }
}

function matchCard(g: number): number {
  const count = chunk.count;
  const maxK = Math.min(6, count - g);
  let total = 0;
  let sep = 0;
  let best = 0;
  const totals = CARD_TOTALS;
  for (let k = 1; k <= maxK; k++) {
    const gi = g + k - 1;
    if (k === 2) {
      sep = SEP[gi];
      if (sep !== SEP_SPACE && sep !== SEP_DASH) break;
    } else if (k > 2 && SEP[gi] !== sep) {
      break;
    }
    const d = digits(gi);
    if (k > 1 && digits(gi - 1) < 4) break;
    if (d > 19) break;
    total += d;
    if (total > 19) break;
    totals[k] = total;
    best = k;
  }
  if (best === 0) return 0;
  if (best > 1 && digits(g) !== 4) best = 1;
  const s = chunk.s;
  for (let k = best; k >= 1; k--) {
    const len = totals[k];
    if (len < 13) break;
    if (k > 1 && digits(g + k - 1) > 6) continue;
    const start = GS[g];
    const end = GE[g + k - 1];
    // Luhn and the issuer prefix are the evidence: a word before (`account`, `order`, `ticket`) does not undo it.
    if (!plausibleCardPrefix(s, start, end, len) || !luhnValid(s, start, end)) continue;
    chunk.st.emit('CREDIT_CARD', start, end);
    return k;
  }
  return 0;
}

/** `12 March 1987`, `3. März 1990`: digits first, then a month name; or `March 12, 1987` with the month before. */
function matchTextualDate(g: number): number {
  const s = chunk.s;
  // 1990年3月12日
  if (digits(g) === 4 && g === chunk.count - 1 && s.charCodeAt(GE[g]) === 0x5e74) {
    const end = parseCjkDate(s, GS[g]);
    if (end > 0) {
      if (isDobContext(s, GS[g])) chunk.st.emit('DATE_OF_BIRTH', GS[g], end);
      chunk.extendTo = end;
      return 1;
    }
  }
  if (digits(g) > 2) return 0;
  if (g === 0 && s.charCodeAt(GS[0] - 1) === 0x20) {
    let ms = GS[0] - 1;
    if (s.charCodeAt(ms - 1) === 0x2e) ms--;
    const me = ms;
    // The word is hashed as it is read back (each letter times its power of 31, as monthOfWord hashes forward).
    let h = 0;
    let pow = 1;
    while (ms > chunk.st.lastEnd && me - ms < 12) {
      const c = s.charCodeAt(ms - 1);
      if (!isLetterCode(c)) break;
      h = (h + Math.imul(foldCase(c), pow)) | 0;
      pow = Math.imul(pow, 31);
      ms--;
    }
    const month = ms < me ? monthOfHashedWord(s, ms, me, h) : 0;
    if (month) {
      // The letters read back end at `me`, where the parser's own word reader would end them.
      const end = parseDateAfterMonth(s, me, month);
      if (end > 0) {
        if (isDobContext(s, ms)) chunk.st.emit('DATE_OF_BIRTH', ms, end);
        chunk.extendTo = end;
        return chunk.count;
      }
    }
  }
  if (g !== chunk.count - 1) return 0;
  const after = GE[g];
  const c = s.charCodeAt(after);
  if (!(c === 0x2e || isSpace(c) || c === 0x65 || c === 0x45 || c === 0x2d)) return 0;
  const end = parseDayFirstDate(s, GS[g]);
  if (end < 0) return 0;
  if (isDobContext(s, GS[g])) chunk.st.emit('DATE_OF_BIRTH', GS[g], end);
  chunk.extendTo = end;
  return 1;
}

/** A lone group whose meaning only the words before it reveal (`SSN 123456789`, `passport: 123456789`). */
function matchSingleWithCue(g: number): number {
  const count = chunk.count;
  if (g > 0 && !(SEP[g] & SEP_SPACE)) return 0;
  if (g + 1 < count && SEP[g + 1] & (SEP_DASH | SEP_DOT | SEP_SPACE | SEP_SLASH)) return 0;
  const d = digits(g);
  const s = chunk.s;
  const st = chunk.st;
  const start = spanStart(g);
  if (d === 9) {
    let bits = cueBefore(s, start, 0, CUE_SSN | CUE_PASSPORT, 4).bits;
    if (!bits) bits = st.columnCue(start) & (CUE_SSN | CUE_PASSPORT);
    if (bits & CUE_SSN) {
      const v = valueOf(g);
      if (ssnValid(Math.floor(v / 1000000), Math.floor(v / 10000) % 100, v % 10000)) {
        st.emit('US_SSN', GS[g], GE[g]);
        return 1;
      }
    } else if (bits & CUE_PASSPORT) {
      st.emit('US_PASSPORT', GS[g], GE[g]);
      return 1;
    }
    return 0;
  }
  if (d >= 10 && d <= 12) {
    const f = firstDigit(g);
    const leading = s.charCodeAt(GS[g] + 1) - 0x30;
    const plausible =
      f === 0 ||
      (d === 10 && f >= 2 && s.charCodeAt(GS[g] + 3) >= 0x32) ||
      (d === 11 && f === 1 && ((leading >= 2 && s.charCodeAt(GS[g] + 4) >= 0x32) || leading >= 3));
    if (plausible && (cueBefore(s, start, 0, CUE_PHONE, 3).bits || st.columnCue(start) & CUE_PHONE)) {
      st.emit('PHONE', start, GE[g]);
      return 1;
    }
  }
  return 0;
}
