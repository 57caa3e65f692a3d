/**
 * Secrets named by what surrounds them: the value of a secret-named key
 * (`password=`, `"apiKey": "..."`, `GITHUB_TOKEN=`, `community X`,
 * `Authorization: Bearer ...`) and the password in a connection string
 * (`postgres://user:pass@host`). Values that are references or placeholders
 * (`${DB_PASSWORD}`, `<token>`, `***`) are left alone.
 */
import { foldCase, isAsciiAlnum, isAsciiLower, isAsciiUpper, isDigit, isLineBreak, isSpace } from './char-class';
import { splitIdentifier } from './context-words';
import { MAX_SECRET, isAwsAccessKeyId, readWhile } from './credential-tokens';
import { IntTable } from './int-table';
import { hashStep, hashWord } from './keywords';
import type { ScanState } from './scan-state';

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
/** The ASCII endings as a table indexed by the pair of code units, so the common test builds no string and hashes nothing. */
const ASCII_ENDING_CODES = new Uint8Array(0x8000);
for (const e of SECRET_KEY_ENDINGS) if (e.charCodeAt(0) < 0x80 && e.charCodeAt(1) < 0x80) ASCII_ENDING_CODES[(e.charCodeAt(0) << 8) | e.charCodeAt(1)] = 1;

function hasSecretKeyEnding(s: string, end: number): boolean {
  const a = s.charCodeAt(end - 2);
  const b = s.charCodeAt(end - 1);
  // For two ASCII code units, lower-casing and `| 0x20` agree on every pair that could match: all endings are letters.
  if (a < 0x80 && b < 0x80) return ASCII_ENDING_CODES[((a | 0x20) << 8) | (b | 0x20)] === 1;
  return SECRET_KEY_ENDINGS.has(String.fromCharCode(a | 0x20, b | 0x20)) || SECRET_KEY_ENDINGS.has(s.slice(end - 2, end).toLowerCase());
}

/** Every last segment the switch in isSecretKeyIdentifier names, by hash. */
const LAST_SEGMENTS = new IntTable(64);
for (const w of [
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'community', 'passwort',
  'kennwort', 'contraseña', 'senha', 'пароль', 'authorization', 'bearer', 'pass', 'key', 'sas', 'sig',
]) LAST_SEGMENTS.set(hashWord(w), 1);

/**
 * Could the last segment of the identifier (as splitIdentifier cuts it) be one
 * the switch names? Read in place, so the common miss builds no string.
 */
function lastSegmentMayName(s: string, start: number, end: number): boolean {
  let segStart = -1;
  let segEnd = -1;
  let inSegment = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5f || c === 0x2d || c === 0x2e) {
      inSegment = false;
      continue;
    }
    if (!inSegment || (isAsciiUpper(c) && !isAsciiUpper(s.charCodeAt(i - 1)))) segStart = i;
    inSegment = true;
    segEnd = i + 1;
  }
  if (segStart < 0) return false;
  let h = 0;
  for (let i = segStart; i < segEnd; i++) h = hashStep(h, foldCase(s.charCodeAt(i)));
  return LAST_SEGMENTS.get(h) !== 0;
}

/** Keys whose value is a credential. */
export function isSecretKeyIdentifier(s: string, start: number, end: number): boolean {
  if (end - start < 3) return false;
  if (!hasSecretKeyEnding(s, end) || !lastSegmentMayName(s, start, end)) return false;
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
  const floor = Math.max(st.lastEnd, at0 - 256);
  let i = at0 - 1;
  while (i >= floor) {
    const c = s.charCodeAt(i);
    if (c === 0x2f || c === 0x40 || isSpace(c) || isLineBreak(c) || c === 0x22 || c === 0x27 || c === 0x3c || c === 0x3e) break;
    i--;
  }
  const userinfoStart = i + 1;
  if (i < 2 || userinfoStart === at0 || s.charCodeAt(i) !== 0x2f || s.charCodeAt(i - 1) !== 0x2f || s.charCodeAt(i - 2) !== 0x3a) return -1;
  const colon = s.indexOf(':', userinfoStart);
  if (colon < 0 || colon >= at0) return -1;
  // An unencoded `@` in the password: the host starts after the last `@` of the authority.
  let at = at0;
  for (let j = at0 + 1; j < s.length && j - at0 < 128; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x40) at = j;
    else if (c === 0x2f || isSpace(c) || isLineBreak(c) || c === 0x22 || c === 0x27) break;
  }
  const pwStart = colon + 1;
  if (at - pwStart < 1) return -1;
  const first = s.charCodeAt(pwStart);
  if (first === 0x24 || first === 0x7b || first === 0x3c || first === 0x2a || first === 0x5b) return -1;
  return st.emit('API_SECRET', pwStart, at) ? at + 1 : -1;
}
