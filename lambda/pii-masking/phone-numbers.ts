/**
 * Telephone numbers among the digit groups of a chunk: international
 * numbers with a known calling code, North American numbers, and national
 * numbers with a trunk prefix or a bracketed area code. SSN-shaped (3-2-4),
 * ZIP+4 and date-tailed runs are refused; so are tails of longer runs.
 */
import { CUE_PHONE, CUE_REFERENCE, cueBefore } from './context-words';
import { isNumericDate } from './dates';
import {
  GE, GS, PHONE_SEPS, SEP, SEP_CLOSE, SEP_DASH, SEP_DOT, SEP_OPEN, SEP_SLASH, SEP_SPACE, chunk, continuesRun, digits, firstDigit, spanStart, valueOf,
} from './digit-groups';
import { callingCodeLength } from './phone-rules';

/** `+<country> ...`: an international number with a known calling code. */
export function matchPlusPhone(): number {
  const count = chunk.count;
  const s = chunk.s;
  let all = '';
  let k = 0;
  let cap = 15;
  for (; k < count; k++) {
    if (k > 0 && (SEP[k] & ~PHONE_SEPS) !== 0) break;
    const d = s.slice(GS[k], GE[k]);
    if (k === 0) {
      const cc = callingCodeLength(d);
      if (cc === 0) return 1;
      if (d.charCodeAt(0) === 0x31 || d.charCodeAt(0) === 0x37) cap = 11;
    }
    if (all.length + d.length > cap) break;
    all += d;
  }
  if (k === 0 || all.length < 8) return 1;
  if (all.charCodeAt(0) === 0x31) {
    if (all.length !== 11 || all.charCodeAt(1) < 0x32 || all.charCodeAt(4) < 0x32) return k;
  }
  chunk.st.emit('PHONE', chunk.start, GE[k - 1]);
  return k;
}

/** North American numbers: `(657) 882-0121`, `320-947-7819`, `1 (779) 838-9345`, `274.544.0163`. */
export function matchNanp(g: number): number {
  const count = chunk.count;
  let a = g;
  if (digits(g) === 1 && valueOf(g) === 1 && g + 3 < count && SEP[g + 1] & (SEP_SPACE | SEP_DASH | SEP_DOT | SEP_OPEN)) a = g + 1;
  if (a + 2 >= count) return 0;
  if (digits(a) !== 3 || digits(a + 1) !== 3 || digits(a + 2) !== 4) return 0;
  if (firstDigit(a) < 2 || firstDigit(a + 1) < 2) return 0;
  const s1 = SEP[a + 1];
  const s2 = SEP[a + 2];
  const paren = (SEP[a] & SEP_OPEN) !== 0 && (s1 & SEP_CLOSE) !== 0;
  if (paren) {
    if (s1 & SEP_OPEN) return 0;
  } else if (s1 & (SEP_OPEN | SEP_CLOSE) || !(s1 & (SEP_DASH | SEP_DOT | SEP_SPACE))) {
    return 0;
  }
  if (s2 !== SEP_DASH && s2 !== SEP_DOT && s2 !== SEP_SPACE) return 0;
  if (!paren && s1 !== s2 && !(s1 === SEP_SPACE && s2 === SEP_DASH)) return 0;
  if (a + 3 < count && SEP[a + 3] & (SEP_DASH | SEP_DOT)) return 0;
  if (continuesRun(g, s1 | s2)) return 0;
  if (g === 0 && !paren && cueBefore(chunk.s, GS[g], 0, CUE_REFERENCE, 4).bits) return 0;
  chunk.st.emit('PHONE', a === g ? spanStart(g) : GS[g], GE[a + 2]);
  return a + 3 - g;
}

/**
 * National formats with a trunk prefix or a bracketed area code:
 * `07700 900550`, `030 52463654`, `06 17 43 99 43`, `8 (922) 770-04-55`,
 * `(11) 99046-1234`, `090-6126-5998`.
 */
export function matchNational(g: number): number {
  const count = chunk.count;
  const s = chunk.s;
  const trunk = firstDigit(g) === 0 && digits(g) >= 2 && digits(g) <= 5 && valueOf(g) !== 0;
  // German style `0171/1234567`: trunk, slash, subscriber number.
  const slashSubscriber = g + 1 < count && SEP[g + 1] === SEP_SLASH && digits(g + 1) >= 5 && digits(g + 1) <= 9;
  if (trunk && slashSubscriber && (g + 2 >= count || !(SEP[g + 2] & (SEP_SLASH | SEP_DASH | SEP_DOT)))) {
    if (g === 0 || !(SEP[g] & SEP_SLASH)) {
      chunk.st.emit('PHONE', GS[g], GE[g + 1]);
      return 2;
    }
  }
  const paren = (SEP[g] & SEP_OPEN) !== 0 && digits(g) >= 2 && digits(g) <= 4 && g + 1 < count && (SEP[g + 1] & SEP_CLOSE) !== 0;
  const ruTrunk = digits(g) === 1 && valueOf(g) === 8 && g + 1 < count && (SEP[g + 1] & SEP_OPEN) !== 0;
  if (!trunk && !paren && !ruTrunk) return 0;
  let total = digits(g);
  let k = g + 1;
  let dotted = 0;
  let other = 0;
  let seps = 0;
  for (; k < count; k++) {
    const sep = SEP[k];
    if ((sep & ~PHONE_SEPS) !== 0) break;
    seps |= sep;
    if (sep === SEP_DOT) dotted++;
    else other++;
    const d = digits(k);
    if (d < 2 || d > 8 || total + d > 12) break;
    // A date after the number (`0123 2024-03-03`) is not part of it.
    if (k + 2 < count && SEP[k + 1] === SEP[k + 2] && SEP[k + 1] & (SEP_DASH | SEP_SLASH | SEP_DOT)
      && isNumericDate(valueOf(k), d, valueOf(k + 1), digits(k + 1), valueOf(k + 2), digits(k + 2))) break;
    total += d;
  }
  const groups = k - g;
  if (groups < 2 || total < 9) return 0;
  if (dotted > 0 && other > 0) return 0;
  if (k < count && SEP[k] & (SEP_DASH | SEP_DOT)) return 0;
  if (continuesRun(g, seps)) return 0;
  // SSN-shaped (3-2-4) and ZIP+4 (5-4) numbers are not phones.
  if (groups === 3 && digits(g) === 3 && digits(g + 1) === 2 && digits(g + 2) === 4) return 0;
  if (groups === 2 && digits(g) === 5 && digits(g + 1) === 4 && SEP[g + 1] === SEP_DASH) return 0;
  if (g === 0 && cueBefore(s, GS[g], 0, CUE_REFERENCE, 4).bits) return 0;
  chunk.st.emit('PHONE', spanStart(g), GE[k - 1]);
  return groups;
}

/**
 * Any grouped number of 7-12 digits right after a phone word (`Mi teléfono es
 * 612 34 56 78`, `call me on 555-1234`): the word vouches for it.
 */
export function matchCuedPhone(g: number): number {
  const count = chunk.count;
  if (g > 0 && !(SEP[g] & SEP_SPACE)) return 0;
  let total = digits(g);
  let k = g + 1;
  for (; k < count && k - g < 6; k++) {
    if ((SEP[k] & ~PHONE_SEPS) !== 0 || digits(k) > 8 || total + digits(k) > 12) break;
    total += digits(k);
  }
  if (k - g < 2 || total < 7) return 0;
  if (k < count && SEP[k] & (SEP_DASH | SEP_DOT)) return 0;
  if (!cueBefore(chunk.s, spanStart(g), 0, CUE_PHONE, 3).bits) return 0;
  chunk.st.emit('PHONE', spanStart(g), GE[k - 1]);
  return k - g;
}
