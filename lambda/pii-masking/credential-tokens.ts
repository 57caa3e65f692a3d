/**
 * Credentials recognised by their own shape: AWS access key ids, vendor
 * tokens with a documented prefix, JWTs, 40-character AWS secret keys and PEM
 * private keys. Every reader is bounded and moves forward only.
 */
import { isAsciiAlnum, isAsciiLower, isAsciiUpper, isDigit, isLineBreak, isSpace } from './char-class';
import type { ScanState } from './scan-state';

export const MAX_SECRET = 512;

export function isTokenChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x5f || c === 0x2d;
}

export function readWhile(s: string, pos: number, max: number, pred: (c: number) => boolean): number {
  let i = pos;
  const lim = Math.min(s.length, pos + max);
  while (i < lim && pred(s.charCodeAt(i))) i++;
  return i;
}

interface VendorRule {
  readonly prefix: string;
  readonly min: number;
  readonly chars: (c: number) => boolean;
}

const alnum = (c: number): boolean => isAsciiAlnum(c);
const alnumUnderscore = (c: number): boolean => isAsciiAlnum(c) || c === 0x5f;
const base64 = (c: number): boolean => isAsciiAlnum(c) || c === 0x2b || c === 0x2f || c === 0x3d;

/**
 * Documented token prefixes. `min` counts characters after the prefix; the
 * token runs to the first character outside `chars`.
 */
const VENDOR_RULES: readonly VendorRule[] = [
  { prefix: 'github_pat_', min: 40, chars: alnumUnderscore },
  { prefix: 'ghp_', min: 30, chars: alnum },
  { prefix: 'gho_', min: 30, chars: alnum },
  { prefix: 'ghu_', min: 30, chars: alnum },
  { prefix: 'ghs_', min: 30, chars: alnum },
  { prefix: 'ghr_', min: 30, chars: alnum },
  { prefix: 'glpat-', min: 20, chars: isTokenChar },
  { prefix: 'glptt-', min: 20, chars: isTokenChar },
  { prefix: 'xoxb-', min: 20, chars: isTokenChar },
  { prefix: 'xoxp-', min: 20, chars: isTokenChar },
  { prefix: 'xoxa-', min: 20, chars: isTokenChar },
  { prefix: 'xoxr-', min: 20, chars: isTokenChar },
  { prefix: 'xoxs-', min: 20, chars: isTokenChar },
  { prefix: 'xoxe-', min: 20, chars: isTokenChar },
  { prefix: 'xapp-', min: 20, chars: isTokenChar },
  { prefix: 'AIza', min: 30, chars: isTokenChar },
  { prefix: 'sk-ant-', min: 32, chars: isTokenChar },
  { prefix: 'sk-proj-', min: 32, chars: isTokenChar },
  { prefix: 'sk-', min: 32, chars: isTokenChar },
  { prefix: 'sk_live_', min: 16, chars: alnum },
  { prefix: 'sk_test_', min: 16, chars: alnum },
  { prefix: 'rk_live_', min: 16, chars: alnum },
  { prefix: 'rk_test_', min: 16, chars: alnum },
  { prefix: 'whsec_', min: 24, chars: base64 },
  { prefix: 'npm_', min: 36, chars: alnum },
  { prefix: 'hf_', min: 30, chars: alnum },
  { prefix: 'pypi-', min: 50, chars: isTokenChar },
  { prefix: 'shpat_', min: 32, chars: alnum },
  { prefix: 'shpss_', min: 32, chars: alnum },
  { prefix: 'shpca_', min: 32, chars: alnum },
  { prefix: 'shppa_', min: 32, chars: alnum },
  { prefix: 'dop_v1_', min: 64, chars: alnum },
  { prefix: 'doo_v1_', min: 64, chars: alnum },
  { prefix: 'glsa_', min: 32, chars: alnumUnderscore },
  { prefix: 'lin_api_', min: 32, chars: alnum },
  { prefix: 'ntn_', min: 40, chars: alnum },
  { prefix: 'PMAK-', min: 40, chars: isTokenChar },
  { prefix: 'NRAK-', min: 27, chars: alnum },
  { prefix: 'sntrys_', min: 40, chars: base64 },
  { prefix: 'pscale_tkn_', min: 32, chars: isTokenChar },
  { prefix: 'sbp_', min: 40, chars: alnum },
  { prefix: 'xkeysib-', min: 64, chars: isTokenChar },
  { prefix: 'SG.', min: 40, chars: (c) => isTokenChar(c) || c === 0x2e },
  { prefix: 'ya29.', min: 30, chars: isTokenChar },
  { prefix: 'hvs.', min: 24, chars: isTokenChar },
  { prefix: 'dapi', min: 32, chars: alnum },
  { prefix: 'ATATT3', min: 60, chars: (c) => isTokenChar(c) || c === 0x3d },
  { prefix: 'FLWSECK-', min: 32, chars: isTokenChar },
  { prefix: 'sq0atp-', min: 22, chars: isTokenChar },
  { prefix: 'sq0csp-', min: 40, chars: isTokenChar },
  { prefix: 'EAACEdEose0cBA', min: 20, chars: alnum },
];

/** Rules grouped by first character, so a word costs one map lookup. */
const RULES_BY_FIRST = new Map<number, VendorRule[]>();
for (const r of VENDOR_RULES) {
  const c = r.prefix.charCodeAt(0);
  const list = RULES_BY_FIRST.get(c) ?? [];
  list.push(r);
  RULES_BY_FIRST.set(c, list);
}

const AWS_KEY_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA'];

export function isAwsAccessKeyId(s: string, start: number, end: number): boolean {
  if (end - start !== 20 || !AWS_KEY_PREFIXES.some((p) => s.startsWith(p, start))) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!isAsciiUpper(c) && !isDigit(c)) return false;
  }
  return true;
}

/**
 * Tries the token detectors on the word starting at `start`. Returns the end
 * of a finding, or -1.
 */
export function tryToken(st: ScanState, start: number): number {
  const s = st.s;
  const c0 = s.charCodeAt(start);
  if (c0 === 0x41) {
    for (const p of AWS_KEY_PREFIXES) {
      if (s.startsWith(p, start)) {
        const end = readWhile(s, start, 21, (c) => isAsciiUpper(c) || isDigit(c));
        if (end - start === 20 && !isTokenChar(s.charCodeAt(end))) {
          return st.emit('AWS_ACCESS_KEY', start, end) ? end : -1;
        }
      }
    }
  }
  if (c0 === 0x65 && s.startsWith('eyJ', start)) {
    const end = readJwt(s, start);
    if (end > 0) return st.emit('API_SECRET', start, end) ? end : -1;
  }
  const rules = RULES_BY_FIRST.get(c0);
  if (!rules) return -1;
  for (const r of rules) {
    if (!s.startsWith(r.prefix, start)) continue;
    const bodyStart = start + r.prefix.length;
    const end = readWhile(s, bodyStart, MAX_SECRET, r.chars);
    if (end - bodyStart < r.min) continue;
    if (isTokenChar(s.charCodeAt(end))) continue;
    return st.emit('API_SECRET', start, end) ? end : -1;
  }
  return -1;
}

/** header.payload[.signature] in base64url, header starting `eyJ` (`{"`). */
function readJwt(s: string, start: number): number {
  const b64url = (c: number): boolean => isAsciiAlnum(c) || c === 0x5f || c === 0x2d;
  const h = readWhile(s, start, 4096, b64url);
  if (h - start < 10 || s.charCodeAt(h) !== 0x2e) return -1;
  const p = readWhile(s, h + 1, 16384, b64url);
  if (p - (h + 1) < 2) return -1;
  if (s.charCodeAt(p) !== 0x2e) return p;
  const sig = readWhile(s, p + 1, 4096, b64url);
  return sig;
}

/**
 * Fewest changes of character class (upper, lower, digit, symbol) between neighbours: random base64 changes about
 * 25 times in 40, fewer than 14 about once in 3000; a camel-case identifier of 40 characters about 12 times.
 */
const MIN_CLASS_CHANGES = 14;
/** Fewest distinct characters: 40 random base64 characters hold about 30 (never fewer than 21 in 200 000 draws). */
const MIN_DISTINCT = 20;

/**
 * A 40-character run of the base64 alphabet (`+` and `/` included, anywhere) with upper case, lower case and
 * digits, shaped like random data, with nothing base64-like around it: an AWS secret access key, wherever it
 * stands. `pos` is any position in the run (the scanner stops inside it at a capital or a digit): the run is
 * read back to its start and forward to its end once, and later stops inside it are answered at once.
 */
export function tryAwsSecretKey(st: ScanState, pos: number): number {
  if (pos < st.base64RunEnd) return -1;
  const s = st.s;
  const n = s.length;
  let start = pos;
  const floor = Math.max(st.lastEnd, pos - 41);
  while (start > floor && isBase64Body(s.charCodeAt(start - 1))) start--;
  let end = pos;
  while (end < n && isBase64Body(s.charCodeAt(end))) end++;
  st.base64RunEnd = end;
  if (end - start !== 40 || (start > 0 && isBase64Body(s.charCodeAt(start - 1)))) return -1;
  const before = start > 0 ? s.charCodeAt(start - 1) : 0x20;
  // `https://...`: a URL path, not a key.
  if (before === 0x3a && s.charCodeAt(start) === 0x2f) return -1;
  if (end < n) {
    const after = s.charCodeAt(end);
    if (after === 0x3d || after === 0x2d || after === 0x5f) return -1;
    // `Foo.java` ends a path; a full stop ends a sentence.
    if (after === 0x2e && end + 1 < n && !isSpace(s.charCodeAt(end + 1)) && !isLineBreak(s.charCodeAt(end + 1)) && s.charCodeAt(end + 1) !== 0x22) return -1;
  }
  if (!randomLooking(s, start, end) || pathLike(s, start, end)) return -1;
  return st.emit('API_SECRET', start, end) ? end : -1;
}

/** Upper case, lower case and digits, changing class often, many distinct characters. */
function randomLooking(s: string, start: number, end: number): boolean {
  let upper = false;
  let lower = false;
  // Digits, or `+` and `/`: a long camel-case identifier has neither.
  let digit = false;
  let changes = 0;
  let prevClass = -1;
  let seen0 = 0;
  let seen1 = 0;
  let seen2 = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    let cls = 3;
    if (isAsciiUpper(c)) {
      upper = true;
      cls = 0;
    } else if (isAsciiLower(c)) {
      lower = true;
      cls = 1;
    } else if (isDigit(c)) {
      digit = true;
      cls = 2;
    } else {
      digit = true;
    }
    if (prevClass >= 0 && cls !== prevClass) changes++;
    prevClass = cls;
    // Distinct characters as three 32-bit masks over the code units 0x20-0x7f.
    const bit = c - 0x20;
    if (bit < 32) seen0 |= 1 << bit;
    else if (bit < 64) seen1 |= 1 << (bit - 32);
    else seen2 |= 1 << (bit - 64);
  }
  if (!(upper && lower && digit) || changes < MIN_CLASS_CHANGES) return false;
  return popcount(seen0) + popcount(seen1) + popcount(seen2) >= MIN_DISTINCT;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** `Users/JohnSmith/Documents/Report2024/v1/`: two or more slashes and every segment a word, a camel-case word or a number. */
function pathLike(s: string, start: number, end: number): boolean {
  let slashes = 0;
  for (let i = start; i < end; i++) if (s.charCodeAt(i) === 0x2f) slashes++;
  if (slashes < 2) return false;
  let seg = start;
  for (let i = start; i <= end; i++) {
    if (i < end && s.charCodeAt(i) !== 0x2f) continue;
    if (!wordSegment(s, seg, i)) return false;
    seg = i + 1;
  }
  return true;
}

/**
 * Empty, at most three characters (`v1`), or words of one capital or none and then at least two lower-case letters
 * (`JohnSmith`, `App2Test`), digits between. Random base64 rarely splits so.
 */
function wordSegment(s: string, start: number, end: number): boolean {
  if (end - start <= 3) return true;
  let i = start;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      i++;
      continue;
    }
    if (c === 0x2b) return false;
    if (isAsciiUpper(c)) i++;
    const lo = i;
    while (i < end && isAsciiLower(s.charCodeAt(i))) i++;
    if (i - lo < 2) return false;
  }
  return true;
}

function isBase64Body(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x2b || c === 0x2f;
}

const PEM_BEGIN = '-----BEGIN ';

/** `-----BEGIN ... PRIVATE KEY-----` through the matching END line (or the end of the body). */
export function tryPemPrivateKey(st: ScanState, start: number): number {
  const s = st.s;
  if (!s.startsWith(PEM_BEGIN, start)) return -1;
  const headerEnd = s.indexOf('-----', start + PEM_BEGIN.length);
  if (headerEnd < 0 || headerEnd - start > 80) return -1;
  const label = s.slice(start + PEM_BEGIN.length, headerEnd);
  if (!label.endsWith('PRIVATE KEY') && label !== 'PGP PRIVATE KEY BLOCK') return -1;
  let i = headerEnd + 5;
  const n = s.length;
  // Body: base64 lines, blank lines and `Key: value` headers (Proc-Type, DEK-Info).
  for (;;) {
    const c = s.charCodeAt(i);
    if (i >= n) break;
    if (isBase64Body(c) || c === 0x3d || isSpace(c) || isLineBreak(c) || c === 0x3a || c === 0x2c || c === 0x2d) {
      if (c === 0x2d && s.startsWith('-----END ', i)) {
        const close = s.indexOf('-----', i + 9);
        if (close > 0 && close - i < 90) i = close + 5;
        break;
      }
      i++;
      continue;
    }
    // A JSON string escape (`\n`) inside a key pasted into JSON.
    if (c === 0x5c && (s.charCodeAt(i + 1) === 0x6e || s.charCodeAt(i + 1) === 0x72)) {
      i += 2;
      continue;
    }
    break;
  }
  while (i > start && (isSpace(s.charCodeAt(i - 1)) || isLineBreak(s.charCodeAt(i - 1)))) i--;
  return st.emit('API_SECRET', start, i) ? i : -1;
}
