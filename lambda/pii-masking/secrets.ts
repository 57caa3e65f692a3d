/**
 * Credentials: AWS access key ids, vendor tokens with a documented prefix,
 * JWTs, PEM private keys, values assigned to secret-named keys, passwords in
 * connection strings and bearer tokens. Every reader is bounded and moves
 * forward only.
 */
import { isAsciiAlnum, isAsciiLower, isAsciiUpper, isDigit, isLineBreak, isSpace } from './char-class';
import { splitIdentifier } from './context-words';
import type { ScanState } from './scan-state';

const MAX_SECRET = 512;

function isTokenChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x5f || c === 0x2d;
}

function readWhile(s: string, pos: number, max: number, pred: (c: number) => boolean): number {
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

/** True when the character could start a vendor token, a JWT or an AWS key id. */
export function mayStartToken(c: number): boolean {
  return RULES_BY_FIRST.has(c) || c === 0x65 /* e */ || c === 0x41 /* A */;
}

const AWS_KEY_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA'];

function isAwsAccessKeyId(s: string, start: number, end: number): boolean {
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

const PLACEHOLDER_VALUES = new Set([
  'null', 'none', 'nil', 'undefined', 'true', 'false', 'yes', 'no', 'n/a', 'na', 'tbd', 'todo', 'required', 'optional',
  'string', 'str', 'text', 'value', 'secret', 'password', 'token', 'redacted', 'hidden', 'masked', 'example', 'sample',
  'placeholder', 'your_password', 'yourpassword', 'your-password', 'your_token', 'your_api_key', 'your-api-key',
  'changeme', 'xxx', 'env', 'bearer', 'basic', 'ro', 'rw', 'public', 'private', 'default', 'empty', 'unset', 'set',
  'reset', 'expired', 'invalid', 'incorrect', 'wrong', 'missing', 'here', 'is', 'was', 'the', 'a', 'an', 'and', 'or',
  'in', 'for', 'to', 'of', 'with', 'on', 'at', 'limit', 'count', 'manager', 'policy', 'field', 'input', 'strength',
]);

/** Last letters of every key isSecretKeyIdentifier accepts: a cheap test before splitting the identifier. */
const SECRET_KEY_ENDINGS = new Set(['rd', 'wd', 'se', 'et', 'en', 'ey', 'al', 'ls', 'ty', 'ss', 'on', 'er', 'rt', 'ña', 'ha', 'ль', 'as', 'ig']);

/** Keys whose value is a credential. */
export function isSecretKeyIdentifier(s: string, start: number, end: number): boolean {
  if (end - start < 3) return false;
  const tail = String.fromCharCode(s.charCodeAt(end - 2) | 0x20, s.charCodeAt(end - 1) | 0x20);
  if (!SECRET_KEY_ENDINGS.has(tail) && !SECRET_KEY_ENDINGS.has(s.slice(end - 2, end).toLowerCase())) return false;
  const raw = s.slice(start, end);
  const parts = splitIdentifier(raw);
  if (parts.length === 0) return false;
  const last = parts[parts.length - 1];
  const prev = parts.length > 1 ? parts[parts.length - 2] : '';
  switch (last) {
    case 'password':
    case 'passwd':
    case 'pwd':
    case 'passphrase':
    case 'secret':
    case 'token':
    case 'apikey':
    case 'credential':
    case 'credentials':
    case 'community':
    case 'passwort':
    case 'kennwort':
    case 'contraseña':
    case 'senha':
    case 'пароль':
    case 'authorization':
    case 'bearer':
      return true;
    case 'pass':
      return parts.length > 1 || raw === 'pass';
    case 'key':
      if (prev === 'api' || prev === 'secret' || prev === 'private' || prev === 'access' || prev === 'signing' ||
        prev === 'encryption' || prev === 'master' || prev === 'client' || prev === 'app' || prev === 'auth' ||
        prev === 'service' || prev === 'account' || prev === 'license' || prev === 'subscription' || prev === 'x' ||
        prev === 'hmac' || prev === 'webhook' || prev === 'consumer') {
        return true;
      }
      // UPPER_SNAKE environment variables ending in _KEY hold keys.
      return parts.length > 1 && raw === raw.toUpperCase() && raw.includes('_');
    case 'sas':
    case 'sig':
      return prev === 'sas' || parts.length === 1;
    default:
      return false;
  }
}

/** Characters that end an unquoted value. */
function endsBareValue(c: number): boolean {
  return (
    isSpace(c) || isLineBreak(c) || c === 0x2c || c === 0x3b || c === 0x26 || c === 0x29 || c === 0x7d ||
    c === 0x5d || c === 0x22 || c === 0x27 || c === 0x60 || c === 0x3c || c === 0x3e || c === 0x7c
  );
}

/**
 * After a secret-named key ending at `pos`: `= value`, `: "value"`, `=> 'v'`,
 * `` `value` `` or, for plain words, `is value` / ` value`. Emits the value.
 */
export function trySecretValue(st: ScanState, keyStart: number, pos: number, plainWord: boolean): number {
  const s = st.s;
  const n = s.length;
  let i = pos;
  // Close the key's quotes: "password": / 'pwd' =>
  if (s.charCodeAt(i) === 0x22 || s.charCodeAt(i) === 0x27) i++;
  const keyEnd = i;
  while (i < n && i - pos < 4 && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x09)) i++;
  let spaced = i > keyEnd;
  let operator = false;
  const c = s.charCodeAt(i);
  if (c === 0x3d || c === 0x3a) {
    operator = true;
    i++;
    if (s.charCodeAt(i) === 0x3e || s.charCodeAt(i) === 0x3d) i++; // => :=
  } else if (c === 0x2d && s.charCodeAt(i + 1) === 0x3e) {
    operator = true;
    i += 2;
  }
  const spaceStart = i;
  while (i < n && i - spaceStart < 8 && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x09)) i++;
  spaced = spaced || i > spaceStart;
  if (!operator && !spaced) return -1;
  if (!operator && !plainWord) return -1;
  // `password is hunter2`, `password: is`: one connector word.
  if (plainWord && !operator && s.startsWith('is ', i)) i += 3;
  const keyWord = s.slice(keyStart, pos).toLowerCase();
  // `Authorization: Bearer <token>`: skip the scheme.
  if (keyWord.endsWith('authorization')) i = skipAuthScheme(s, i);
  let quote = s.charCodeAt(i);
  let valueStart: number;
  let valueEnd: number;
  if (quote === 0x22 || quote === 0x27 || quote === 0x60) {
    valueStart = i + 1;
    // "Authorization": "Bearer <token>"
    if (keyWord.endsWith('authorization')) valueStart = skipAuthScheme(s, valueStart);
    valueEnd = valueStart;
    const lim = Math.min(n, valueStart + MAX_SECRET);
    while (valueEnd < lim && s.charCodeAt(valueEnd) !== quote && !isLineBreak(s.charCodeAt(valueEnd))) valueEnd++;
    if (s.charCodeAt(valueEnd) !== quote) return -1;
  } else {
    quote = 0;
    valueStart = i;
    valueEnd = valueStart;
    const lim = Math.min(n, valueStart + MAX_SECRET);
    while (valueEnd < lim && !endsBareValue(s.charCodeAt(valueEnd))) valueEnd++;
    if (valueEnd === lim && lim < n) return -1;
    // Sentence punctuation after a bare value in prose.
    while (valueEnd > valueStart && isTrailingPunct(s.charCodeAt(valueEnd - 1))) valueEnd--;
  }
  if (!plausibleSecretValue(s, valueStart, valueEnd, operator || quote !== 0, quote !== 0)) return -1;
  // An access key id under `access_key`: report it as what it is.
  const type = isAwsAccessKeyId(s, valueStart, valueEnd) ? 'AWS_ACCESS_KEY' : 'API_SECRET';
  return st.emit(type, valueStart, valueEnd) ? valueEnd : -1;
}

function skipAuthScheme(s: string, i: number): number {
  const schemeEnd = readWhile(s, i, 10, isAsciiAlnum);
  const scheme = s.slice(i, schemeEnd).toLowerCase();
  const known = scheme === 'bearer' || scheme === 'basic' || scheme === 'token' || scheme === 'digest' || scheme === 'apikey';
  return known && s.charCodeAt(schemeEnd) === 0x20 ? schemeEnd + 1 : i;
}

function isTrailingPunct(c: number): boolean {
  return c === 0x2e || c === 0x2c || c === 0x3a || c === 0x3f;
}

function plausibleSecretValue(s: string, start: number, end: number, assigned: boolean, quoted: boolean): boolean {
  const len = end - start;
  if (len < 4) return false;
  const first = s.charCodeAt(start);
  // References and templates, not values: ${VAR} $VAR {{x}} <x> %(x)s [REDACTED] ***
  if (first === 0x24 || first === 0x7b || first === 0x3c || first === 0x25 || first === 0x5b || first === 0x2a) return false;
  const v = s.slice(start, end);
  if (PLACEHOLDER_VALUES.has(v.toLowerCase())) return false;
  let upper = 0;
  let lower = 0;
  let digit = 0;
  let other = 0;
  let same = true;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c !== first) same = false;
    if (isAsciiUpper(c)) upper++;
    else if (isAsciiLower(c)) lower++;
    else if (isDigit(c)) digit++;
    else if (c === 0x20) {
      if (!quoted) return false;
      other++;
    } else other++;
  }
  if (same) return false;
  if (v.includes('***') || v.includes('...')) return false;
  if (!quoted && (v.includes('(') || /^[a-z_]+\.[a-z_]/i.test(v))) return false; // code: os.environ, getenv(
  if (digit === len && len < 8) return false;
  const classes = (upper > 0 ? 1 : 0) + (lower > 0 ? 1 : 0) + (digit > 0 ? 1 : 0) + (other > 0 ? 1 : 0);
  if (!assigned) return len >= 6 && classes >= 2;
  if (quoted && other > 0 && s.slice(start, end).split(' ').length > 3) return false; // a sentence, not a secret
  return classes >= 2 || len >= 8;
}

/**
 * `scheme://user:password@host`: at the `@`, looks back for the userinfo and
 * emits the password. Returns the end of the finding or -1.
 */
export function tryConnectionStringPassword(st: ScanState, at0: number): number {
  const s = st.s;
  // An unencoded `@` in the password: the host starts after the last `@` of the authority.
  let at = at0;
  for (let j = at0 + 1; j < s.length && j - at0 < 128; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x40) at = j;
    else if (c === 0x2f || isSpace(c) || isLineBreak(c) || c === 0x22 || c === 0x27) break;
  }
  const floor = Math.max(st.lastEnd, at - 256);
  let i = at - 1;
  while (i >= floor) {
    const c = s.charCodeAt(i);
    if (c === 0x2f || isSpace(c) || isLineBreak(c) || c === 0x22 || c === 0x27 || c === 0x3c || c === 0x3e) break;
    i--;
  }
  const userinfoStart = i + 1;
  if (i < 1 || s.charCodeAt(i) !== 0x2f || s.charCodeAt(i - 1) !== 0x2f || s.charCodeAt(i - 2) !== 0x3a) return -1;
  const colon = s.indexOf(':', userinfoStart);
  if (colon < 0 || colon >= at) return -1;
  const pwStart = colon + 1;
  if (at - pwStart < 1) return -1;
  const first = s.charCodeAt(pwStart);
  if (first === 0x24 || first === 0x7b || first === 0x3c || first === 0x2a || first === 0x5b) return -1;
  return st.emit('API_SECRET', pwStart, at) ? at + 1 : -1;
}
