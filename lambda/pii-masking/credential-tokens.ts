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
 * A 40-character base64 token with upper case, lower case and digits and
 * nothing base64-like around it: the shape of an AWS secret access key.
 */
export function tryAwsSecretShape(st: ScanState, start: number): number {
  const s = st.s;
  if (start > 0 && isBase64Body(s.charCodeAt(start - 1))) return -1;
  let upper = false;
  let lower = false;
  let digit = false;
  let i = start;
  const lim = Math.min(s.length, start + 41);
  for (; i < lim; i++) {
    const c = s.charCodeAt(i);
    if (isAsciiUpper(c)) upper = true;
    else if (isAsciiLower(c)) lower = true;
    else if (isDigit(c)) digit = true;
    else if (c !== 0x2b && c !== 0x2f) break;
  }
  if (i - start !== 40 || !(upper && lower && digit)) return -1;
  const after = s.charCodeAt(i);
  if (i < s.length && (isBase64Body(after) || after === 0x3d || after === 0x2d || after === 0x5f || after === 0x2e)) return -1;
  return st.emit('API_SECRET', start, i) ? i : -1;
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
