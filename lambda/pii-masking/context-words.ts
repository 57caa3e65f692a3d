/**
 * Words that say what the value next to them is ("DOB: ...", "passport no.
 * ...", "order ..."). Detectors that would be ambiguous on shape alone (a bare
 * date, nine digits, a hex string) ask {@link cueBefore} about the words in front
 * of a candidate. The look-back reads at most a few words, so it costs a
 * constant per candidate.
 */
import { foldCase, isAsciiUpper, isCjk, isLetter, isLineBreak, isWordChar } from './char-class';
import { IntTable } from './int-table';

export const CUE_DOB = 1;
export const CUE_SSN = 2;
export const CUE_PASSPORT = 4;
export const CUE_PHONE = 8;
export const CUE_SECRET = 16;
export const CUE_PERSON = 32;
export const CUE_VERSION = 64;
/**
 * Identifiers that are not personal: order, invoice, tracking, build, hash... They only weigh on values without
 * a check of their own (phone-shaped numbers); a Luhn-valid card or a dashed SSN in issuable ranges is masked anyway.
 */
export const CUE_REFERENCE = 128;
export const CUE_ADDRESS = 512;

/** Words between a cue and its value that do not break the link (exported for the scanner's keyword table). */
export const TRANSPARENT_WORDS: readonly string[] = [
  'is', 'was', 'on', 'the', 'of', 'my', 'her', 'his', 'their', 'your', 'our', 'its', 'a', 'an', 'at',
  'no', 'nr', 'num', 'number', 'numbers', 'n', 'id', 'code', 'le', 'la', 'am', 'el', 'il', 'em', 'e', 'de', 'du', 'da', 'do',
  'des', 'den', 'der', 'des', 'ist', 'es', 'est', 'é', 'è', 'są', 'jest', 'и', 'is:', 'are', 'be', 'as', 'date',
  'full', 'mobile', 'home', 'work', 'cell', 'us', 'u.s', 'usa', 'new', 'old', 'current', 'primary', 'personal', 'to',
  'się', 'przy', 'in', 'en', 'na', 'op', 'au', 'à', 'a', 'w', 've', 'me', 'him', 'them',
];
const TRANSPARENT = new Set(TRANSPARENT_WORDS);

/** Words that introduce a name: `Dear X`, `Name: X`, `customer X`, `Меня зовут X`, sign-offs. */
export const PERSON_CUE_WORDS: readonly string[] = [
  'name', 'names', 'fullname', 'firstname', 'lastname', 'surname', 'customer', 'customername', 'client', 'patient',
  'applicant', 'employee', 'hire', 'contact', 'dear', 'hi', 'hello', 'hey', 'hiya', 'greetings', 'thanks', 'thank',
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'mister', 'madam', 'herr', 'frau', 'mme', 'mlle', 'monsieur', 'madame',
  'sr', 'sra', 'srta', 'señor', 'señora', 'senhor', 'senhora', 'signor', 'signora', 'sig', 'dott', 'pan', 'pani',
  "i'm", 'im', 'myself', 'called', 'nome', 'nom', 'chiamo', 'llamo', 'heiße', 'heisse', 'appelle', 'nazywam', 'зовут',
  'author', 'from', 'sender', 'recipient', 'assignee', 'reporter', 'owner', 'holder', 'cardholder', 'signed', 'signature',
  'tenant', 'landlord', 'passenger', 'guest', 'beneficiary', 'member', 'user', 'agent', 'attn', 'attention', 'spouse',
  'mom', 'mum', 'mother', 'dad', 'father', 'son', 'daughter', 'wife', 'husband', 'brother', 'sister', 'friend',
  'colleague', 'coworker', 'boss', 'manager', 'neighbor', 'neighbour', 'grandma', 'grandpa', 'uncle', 'aunt', 'cousin',
  'bonjour', 'hallo', 'ciao', 'hola', 'olá', 'ola', 'cher', 'chère', 'liebe', 'lieber', 'caro', 'cara', 'querido',
  'querida', 'estimado', 'estimada', 'beste', 'geachte', 'szanowny', 'szanowna', 'уважаемый', 'уважаемая',
  'здравствуйте', 'regards', 'sincerely', 'cheers', 'best', 'cordialement', 'grüße', 'gruesse', 'saludos',
  'atenciosamente', 'pozdrawiam', 'groeten', 'saluti', 'ben', 'fio', 'фио', 'имя', 'contato', 'kontakt',
  'displayname', 'username', 'accountholder', 'geehrte', 'geehrter', 'geehrten', 'naam', 'nombre', 'nome', 'имя', 'jmenuji', 'heet',
  'insured', 'subscriber', 'buyer', 'seller', 'payee', 'payer',
];

const CUES: ReadonlyArray<readonly [number, readonly string[]]> = [
  [CUE_DOB, [
    'dob', 'd.o.b', 'birth', 'birthdate', 'birthday', 'bday', 'born', 'dateofbirth', 'birthdt', 'né', 'née', 'nee', 'naissance',
    'geboren', 'geb', 'geburtsdatum', 'geburtstag', 'nacido', 'nacida', 'nacimiento', 'nato', 'nata', 'nascita',
    'nascido', 'nascida', 'nascimento', 'nasci', 'nasceu', 'nació', 'nacio', 'nacque', 'urodzony', 'urodzona', 'urodzenia', 'urodzin',
    'geboortedatum', 'geboren',
    'рождения', 'родился', 'родилась', 'fødselsdato', 'födelsedatum', 'syntymäaika', 'doğum',
  ]],
  [CUE_SSN, ['social', 'ssn', 'ss#', 'ssn#', 'socialsecurity', 'socialsecuritynumber', 'security', 'socsec', 'ssnumber', 'taxpayer', 'itin', 'tin']],
  [CUE_PASSPORT, [
    'passport', 'passportno', 'passportnumber', 'passportnum', 'passportid', 'passeport', 'pasaporte', 'reisepass',
    'passaporte', 'passaporto', 'paszport', 'paszportu', 'paspoort', 'паспорт', 'паспорта',
  ]],
  [CUE_PHONE, [
    'phone', 'phones', 'phonenumber', 'tel', 'tel.', 'tél', 'telephone', 'téléphone', 'telefon', 'telefono', 'teléfono',
    'telefone', 'telefoon', 'mobile', 'mobil', 'mob', 'cell', 'cellphone', 'cellular', 'cellulare', 'celular', 'móvil',
    'movil', 'portable', 'handy', 'rufnummer', 'fax', 'call', 'text', 'sms', 'whatsapp', 'contact', 'reach', 'dial',
    'ph', 'phn', 'tlf', 'komórka', 'komórkowy', 'numer', 'nummer', 'número', 'numero', 'телефон', 'тел', 'моб',
    'phoneno', 'msisdn', 'landline', 'hotline',
  ]],
  [CUE_SECRET, [
    'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'apikey', 'api-key', 'x-api-key', 'credential',
    'credentials', 'community', 'bearer', 'passwort', 'kennwort', 'contraseña', 'senha', 'mot de passe', 'hasło', 'haslo',
    'пароль', 'wachtwoord', 'secretkey', 'privatekey', 'accesstoken', 'authtoken', 'secretaccesskey', 'clientsecret',
  ]],
  [CUE_PERSON, PERSON_CUE_WORDS],
  [CUE_VERSION, [
    'version', 'ver', 'v', 'build', 'release', 'firmware', 'fw', 'agent', 'rev', 'revision', 'bump', 'os', 'kernel',
    'sdk', 'app', 'appversion', 'api', 'oid', 'patch', 'update', 'upgrade', 'downgrade', 'client', 'browser', 'node',
    'python', 'java', 'chrome', 'firefox', 'windows', 'android', 'ios', 'macos', 'image', 'tag', 'semver',
  ]],
  [CUE_REFERENCE, [
    'order', 'orders', 'orderid', 'invoice', 'ref', 'reference', 'tracking', 'trackingnumber', 'transaction', 'txn',
    'confirmation', 'receipt', 'ticket', 'case', 'claim', 'claimref', 'isbn', 'sku', 'part', 'serial', 'asset', 'batch',
    'lot', 'commit', 'hash', 'sha', 'sha1', 'sha256', 'md5', 'checksum', 'digest', 'uuid', 'guid', 'request', 'requestid',
    'trace', 'traceid', 'job', 'jobid', 'session', 'sessionid', 'build', 'artifact', 'product', 'item', 'model',
    'merchant', 'shipment', 'parcel', 'booking', 'reservation', 'pnr', 'policy', 'account', 'acct', 'customerid',
    'ean', 'upc', 'gtin', 'imei', 'vin', 'etag', 'nonce', 'epoch', 'timestamp', 'ts', 'updated', 'created', 'opened',
    'key', 'cache', 'rows', 'count', 'total', 'amount', 'qty', 'quantity', 'port', 'pid', 'uid', 'gid', 'page', 'line',
  ]],
  [CUE_ADDRESS, [
    'address', 'addr', 'adresse', 'anschrift', 'dirección', 'direccion', 'endereço', 'endereco', 'indirizzo', 'adres',
    'адрес', 'street', 'residing', 'resides', 'lives', 'live', 'living', 'located', 'moved', 'relocating', 'ship',
    'shipping', 'billing', 'mailing', 'mailed', 'deliver', 'delivered', 'domicile', 'domicilié', 'domiciliée', 'domicilio',
    'wohnhaft', 'wohne', 'woon', 'abito', 'vivo', 'moro', 'mieszkam', 'residence', 'home', 'flat', 'apartment',
  ]],
];

/** Cues in scripts written without spaces; matched as the end of the run of CJK characters before a value. */
const CJK_CUES: ReadonlyArray<readonly [string, number]> = [
  ['电话', CUE_PHONE], ['電話', CUE_PHONE], ['手机', CUE_PHONE], ['手機', CUE_PHONE], ['携帯', CUE_PHONE],
  ['電話番号', CUE_PHONE], ['号码', CUE_PHONE], ['連絡先', CUE_PHONE], ['联系方式', CUE_PHONE],
  ['生日', CUE_DOB], ['出生日期', CUE_DOB], ['生年月日', CUE_DOB], ['誕生日', CUE_DOB], ['出生', CUE_DOB],
  ['护照', CUE_PASSPORT], ['護照', CUE_PASSPORT], ['旅券', CUE_PASSPORT], ['パスポート', CUE_PASSPORT],
  ['姓名', CUE_PERSON], ['名前', CUE_PERSON], ['氏名', CUE_PERSON], ['我叫', CUE_PERSON], ['客户', CUE_PERSON],
  ['地址', CUE_ADDRESS], ['住所', CUE_ADDRESS], ['ご住所', CUE_ADDRESS],
  ['密码', CUE_SECRET], ['パスワード', CUE_SECRET], ['口令', CUE_SECRET],
  ['订单', CUE_REFERENCE], ['注文', CUE_REFERENCE], ['版本', CUE_VERSION],
];

function cjkCueBits(s: string, end: number, floor: number): number {
  let start = end;
  while (start > floor && end - start < 8 && isCjk(s.charCodeAt(start - 1))) start--;
  if (start === end) return 0;
  const run = s.slice(start, end);
  let bits = 0;
  for (const [cue, bit] of CJK_CUES) if (run.endsWith(cue)) bits |= bit;
  return bits;
}

/** Normalized word (lower-case, without `_ - .`) to the cues it carries. */
const CUE_MAP = new Map<string, number>();
for (const [bit, words] of CUES) {
  for (const w of words) {
    const key = normalizeWord(w);
    CUE_MAP.set(key, (CUE_MAP.get(key) ?? 0) | bit);
  }
}

export function normalizeWord(w: string): string {
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c === 0x5f || c === 0x2d || c === 0x2e) continue;
    out += String.fromCharCode(foldCase(c));
  }
  return out;
}

/** Start positions of the last three segments of an identifier, a ring indexed by segment number (scratch). */
const SEGMENT_STARTS = new Int32Array(3);

/**
 * Cue bits of one word, including identifiers such as `customer_phone`,
 * `dateOfBirth`, `GITHUB_TOKEN`: the whole word, else its last one, two and
 * three segments (as splitIdentifier cuts them), looked up by hash in place.
 */
export function cueBitsOfWord(s: string, start: number, end: number): number {
  const whole = hashedCueBits(s, start, end) & ~TRANSPARENT_BIT;
  if (whole !== 0) return whole;
  let count = 0;
  let inSegment = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isIgnorable(c)) {
      inSegment = false;
      continue;
    }
    if (!inSegment || (isAsciiUpper(c) && !isAsciiUpper(s.charCodeAt(i - 1)))) SEGMENT_STARTS[count++ % 3] = i;
    inSegment = true;
  }
  if (count < 2) return 0;
  let bits = 0;
  for (let k = 1; k <= Math.min(3, count); k++) bits |= hashedCueBits(s, SEGMENT_STARTS[(count - k) % 3], end) & ~TRANSPARENT_BIT;
  return bits;
}

/** `dateOfBirth` -> [date, of, birth]; `GITHUB_TOKEN` -> [github, token]. Lower-cased. */
export function splitIdentifier(raw: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x5f || c === 0x2d || c === 0x2e) {
      if (cur) parts.push(cur);
      cur = '';
      continue;
    }
    const prev = i > 0 ? raw.charCodeAt(i - 1) : 0;
    if (isAsciiUpper(c) && cur && !isAsciiUpper(prev)) {
      parts.push(cur);
      cur = '';
    }
    cur += String.fromCharCode(foldCase(c));
  }
  if (cur) parts.push(cur);
  return parts;
}

/** Separators allowed between a cue and its value: `DOB: `, `"ssn": "`, `- **SSN:** `, `dob=`. */
const CUE_SEPARATORS = ' \t:="\'`*([#->|,\u00a0\u2009\u202f\u3000\uff1a\u2013\u2014';
/** The ASCII ones as a table: most characters asked about are letters, which fail one lookup instead of a chain of tests. */
const ASCII_CUE_SEPARATOR = new Uint8Array(0x80);
for (const ch of CUE_SEPARATORS) if (ch.charCodeAt(0) < 0x80) ASCII_CUE_SEPARATOR[ch.charCodeAt(0)] = 1;

export function isCueSeparator(c: number): boolean {
  if (c < 0x80) return ASCII_CUE_SEPARATOR[c] === 1;
  return c === 0xa0 || c === 0x2009 || c === 0x202f || c === 0x3000 || c === 0xff1a || c === 0x2013 || c === 0x2014;
}

function isWordInner(c: number): boolean {
  return isWordChar(c) || c === 0x2d || c === 0x2e || c === 0x27 || c === 0x2019;
}

export interface CueLookback {
  /** Cue bits found. */
  readonly bits: number;
  /** Start of the cue word that matched, or -1. */
  readonly at: number;
}

const NO_CUE: CueLookback = { bits: 0, at: -1 };

/**
 * Looks at up to `maxWords` words before `pos` (not before `floor`), skipping
 * separators, at most `maxNewlines` line breaks and transparent words, and
 * returns the first word that carries any of `mask`. Stops at the first word
 * that is neither a wanted cue nor transparent.
 */
export function cueBefore(s: string, pos: number, floor: number, mask: number, maxWords = 3, maxNewlines = 1): CueLookback {
  let i = pos - 1;
  let newlines = 0;
  let sepRun = 0;
  for (let w = 0; w < maxWords; w++) {
    // Skip separators. A full stop counts only right after an abbreviation (`No.`, `Mr.`): else it ends a sentence.
    while (i >= floor) {
      const c = s.charCodeAt(i);
      if (isLineBreak(c)) {
        if (c === 0x0a && ++newlines > maxNewlines) return NO_CUE;
        i--;
        continue;
      }
      if (c === 0x2e && !afterAbbreviation(s, i, floor)) return NO_CUE;
      // `***` is a masked word, not Markdown emphasis: it breaks the link to a cue.
      if (c === 0x2a && i >= 2 && s.charCodeAt(i - 1) === 0x2a && s.charCodeAt(i - 2) === 0x2a) return NO_CUE;
      if (!isCueSeparator(c) && c !== 0x2e && c !== 0x29) break;
      if (++sepRun > 12) return NO_CUE;
      i--;
    }
    if (i < floor) return NO_CUE;
    if (isCjk(s.charCodeAt(i))) {
      const bits = cjkCueBits(s, i + 1, floor) & mask;
      return bits ? { bits, at: i } : NO_CUE;
    }
    const end = i + 1;
    while (i >= floor && end - i <= 40 && isWordInner(s.charCodeAt(i))) i--;
    let start = i + 1;
    if (start >= end) return NO_CUE;
    // Trim dots and dashes at the edges ("No." "e-").
    let e = end;
    while (e > start && (s.charCodeAt(e - 1) === 0x2e || s.charCodeAt(e - 1) === 0x2d)) e--;
    while (start < e && !isWordChar(s.charCodeAt(start)) && s.charCodeAt(start) !== 0x27) start++;
    if (start >= e) return NO_CUE;
    // A domain (`@example.name`) is not a word.
    if (start > 0 && s.charCodeAt(start - 1) === 0x40) return NO_CUE;
    const bits = wordCueBits(s, start, e);
    if (bits & mask) return { bits: bits & mask, at: start };
    if (!(bits & TRANSPARENT_BIT)) return NO_CUE;
    sepRun = 0;
  }
  return NO_CUE;
}

/** The `.` at `dot` closes a short abbreviation such as `No.`, `Mr.`, `Tel.`, `D.O.B.`. */
function afterAbbreviation(s: string, dot: number, floor: number): boolean {
  let k = dot - 1;
  while (k >= floor && dot - k <= 6 && (isLetter(s.charCodeAt(k)) || s.charCodeAt(k) === 0x2e)) k--;
  const len = dot - 1 - k;
  return len >= 1 && len <= 5 && !(k >= floor && (isWordChar(s.charCodeAt(k)) || s.charCodeAt(k) === 0x2d || s.charCodeAt(k) === 0x40));
}

const TRANSPARENT_BIT = 1 << 20;

interface HashedCue {
  readonly key: string;
  readonly bits: number;
}

/** Normalized cue words and connectors by hash (1 + index into CUE_LISTS), so a look-back does not build strings. */
const CUE_BY_HASH = new IntTable(2048);
const CUE_LISTS: HashedCue[][] = [];
function addHashed(key: string, bits: number): void {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  let slot = CUE_BY_HASH.get(h);
  if (slot === 0) {
    CUE_LISTS.push([]);
    slot = CUE_LISTS.length;
    CUE_BY_HASH.set(h, slot);
  }
  const list = CUE_LISTS[slot - 1];
  const known = list.find((c) => c.key === key);
  if (known) list[list.indexOf(known)] = { key, bits: known.bits | bits };
  else list.push({ key, bits });
}
for (const [key, bits] of CUE_MAP) addHashed(key, bits);
for (const w of TRANSPARENT) addHashed(normalizeWord(w), TRANSPARENT_BIT);

function isIgnorable(c: number): boolean {
  return c === 0x5f || c === 0x2d || c === 0x2e;
}

/** Does the word at [start, end), case-folded and without `_ - .`, equal `key`? */
function equalsNormalized(s: string, start: number, end: number, key: string): boolean {
  let k = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isIgnorable(c)) continue;
    if (k >= key.length || foldCase(c) !== key.charCodeAt(k)) return false;
    k++;
  }
  return k === key.length;
}

/** Cue bits (and TRANSPARENT_BIT) of the word at [start, end), case-folded and without `_ - .`, by hash. */
function hashedCueBits(s: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!isIgnorable(c)) h = (Math.imul(h, 31) + foldCase(c)) | 0;
  }
  return bitsOfHash(h, s, start, end);
}

function bitsOfHash(h: number, s: string, start: number, end: number): number {
  const slot = CUE_BY_HASH.get(h);
  if (slot === 0) return 0;
  let bits = 0;
  for (const c of CUE_LISTS[slot - 1]) if (equalsNormalized(s, start, end, c.key)) bits |= c.bits;
  return bits;
}

/**
 * Cue bits of the word at [start, end) plus TRANSPARENT_BIT for connectors.
 * Plain words are looked up by hash; identifiers (`dateOfBirth`,
 * `customer_phone`) and elisions (`m'appelle`) take the slower path.
 */
export function wordCueBits(s: string, start: number, end: number): number {
  let h = 0;
  let special = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isIgnorable(c)) {
      special = true;
      continue;
    }
    if (c === 0x27 || c === 0x2019 || (i > start && isAsciiUpper(c) && !isAsciiUpper(s.charCodeAt(i - 1)))) special = true;
    h = (Math.imul(h, 31) + foldCase(c)) | 0;
  }
  let bits = bitsOfHash(h, s, start, end);
  if (bits === 0 && special) bits = cueBitsOfWord(s, start, end) | apostropheTailBits(s, start, end);
  return bits;
}

/** `m'appelle`, `l'utente`: the cue is after the apostrophe. */
function apostropheTailBits(s: string, start: number, end: number): number {
  for (let k = end - 1; k > start; k--) {
    const c = s.charCodeAt(k);
    if (c === 0x27 || c === 0x2019) {
      return k + 1 < end ? cueBitsOfWord(s, k + 1, end) : 0;
    }
  }
  return 0;
}


