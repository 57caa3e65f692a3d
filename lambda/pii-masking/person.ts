/**
 * Person names, as far as a precise heuristic reaches. A name is a run of
 * one to four capitalised words (with initials, hyphens, apostrophes and
 * particles: `Kiley A. Bins`, `Stephan O'Hara`, `Ludwig van Beethoven`), and it
 * is only reported with evidence around it:
 * - a cue before it: `Dear`, `Name:`, `my name is`, `I'm`, `customer`, `Mr.`,
 *   `Меня зовут`, `mi chiamo`, a JSON key `"fullName"`, a sign-off line;
 * - a sign after it: ` <jane@x.org>`, ` (DOB ...`, `, born ...`, the e-mail
 *   in the next CSV or table cell, an address on the next line;
 * - an e-mail address nearby whose local part holds the surname;
 * - a middle initial between two capitalised words.
 * Capitalised words without such evidence (places, products, sentence
 * starts) are left alone, so recall on bare names in free prose is limited.
 */
import { isDigit, isLetter, isLowerLetter, isSpace, isUpperLetter } from './char-class';
import { CUE_PERSON, cueBefore, normalizeWord } from './context-words';
import { isGivenName } from './given-names';
import { KW_MONTH, KW_NOT_NAME, KW_NOT_SURNAME, KW_PARTICLE, KW_STREET_SUFFIX, KW_TITLE, keywordFlags } from './keywords';
import type { ScanState } from './scan-state';

const MAX_TOKENS = 6;
const MAX_CAPS = 4;

/** Cues that only introduce a name as a header field: `From: X`, not `from Jenkins`. */
const HEADER_ONLY = new Set([
  'from', 'to', 'cc', 'author', 'user', 'owner', 'member', 'contact', 'agent', 'sender', 'recipient', 'assignee', 'reporter', 'signed', 'signature',
  'holder', 'guest', 'client', 'manager', 'boss', 'friend', 'kontakt', 'contato',
]);
/** Sign-offs: the name follows after a comma or on the next line. */
const SIGN_OFFS = new Set([
  'best', 'regards', 'cheers', 'sincerely', 'cordialement', 'grüße', 'gruesse', 'saludos', 'atenciosamente', 'pozdrawiam', 'groeten', 'saluti',
]);
/** Words after `Name (` or `Name, ` that say a person was just named. */
const AFTER_WORDS = new Set([
  'dob', 'born', 'id', 'nacido', 'nacida', 'né', 'née', 'geboren', 'geb', 'nato', 'nata', 'nascido', 'nascida', 'age', 'aged', 'ssn', 'urodzony', 'urodzona',
  'родился', 'родилась',
]);

/** Per-scan state: where the next `@` is, so the e-mail evidence look-ahead stays linear overall. */
export class PersonContext {
  /** End of the last word that may introduce a name (Dear, Name, customer...), or -1. */
  public cueEnd = -1;
  /** A run of capitalised words judged not to be a name ends here; its later words are not judged again. */
  public rejectedUntil = -1;
  private nextAtPos = -1;
  private noMoreAt = false;

  private localAt = -1;
  private local = '';

  /** The local part before the `@` at `at` (at most 64 characters back), folded for name comparison; cached per `@`. */
  public foldedLocal(s: string, floor: number, at: number): string {
    if (at !== this.localAt) {
      let from = at;
      while (from > floor && at - from < 64 && isLocalPartChar(s.charCodeAt(from - 1))) from--;
      this.localAt = at;
      this.local = foldName(s.slice(from, at));
    }
    return this.local;
  }

  public nextAt(s: string, from: number): number {
    if (this.noMoreAt) return -1;
    if (this.nextAtPos >= from) return this.nextAtPos;
    this.nextAtPos = s.indexOf('@', from);
    if (this.nextAtPos < 0) this.noMoreAt = true;
    return this.nextAtPos;
  }
}

/** Token kinds of a name run. */
const WORD = 0;
const INITIAL = 1;
const PARTICLE = 2;

/**
 * The tokens of the name run being judged, in scratch arrays (a scan is
 * synchronous, so one set serves every candidate and a rejected candidate
 * allocates nothing).
 */
const TOKEN_START = new Int32Array(MAX_TOKENS);
const TOKEN_END = new Int32Array(MAX_TOKENS);
const TOKEN_KIND = new Int32Array(MAX_TOKENS);

/** A capitalised name word (`O'Hara`, `Schumm-Skiles`, `VonRueden`, `Михеев`) or an initial `R.`; returns its end or -1. */
export function readNameWord(s: string, pos: number): number {
  const n = s.length;
  if (!isUpperLetter(s.charCodeAt(pos))) return -1;
  let i = pos + 1;
  if (s.charCodeAt(i) === 0x2e && !isLetter(s.charCodeAt(i + 1))) return i + 1;
  let lower = 0;
  while (i < n && i - pos < 32) {
    const c = s.charCodeAt(i);
    if (isLetter(c)) {
      if (isLowerLetter(c)) lower++;
      i++;
    } else if (c === 0x2d && isLetter(s.charCodeAt(i + 1))) {
      i++;
    } else if ((c === 0x27 || c === 0x2019) && isUpperLetter(s.charCodeAt(i + 1)) && i - pos <= 2) {
      // O'Hara, D'Amore; not I'm or Anna's.
      i++;
    } else {
      break;
    }
  }
  if (lower === 0) return -1;
  const c = s.charCodeAt(i);
  if (c === 0x40 || c === 0x5f || isDigit(c)) return -1;
  if ((c === 0x2e || c === 0x2d) && isLetter(s.charCodeAt(i + 1))) return -1;
  return i;
}

/** A name particle (`van`, `de`, `von`) at `pos`, followed by a space. */
export function isParticleAt(s: string, pos: number): boolean {
  // Most words after a capitalised one are longer than any particle: the space test comes before the keyword lookup.
  let i = pos;
  while (i < s.length && i - pos < 6 && isLowerLetter(s.charCodeAt(i))) i++;
  if (i === pos || s.charCodeAt(i) !== 0x20) return false;
  return (keywordFlags(s, pos, i) & KW_PARTICLE) !== 0;
}

function readParticle(s: string, pos: number): number {
  let i = pos;
  while (i < s.length && i - pos < 6 && isLowerLetter(s.charCodeAt(i))) i++;
  if (i === pos || !(keywordFlags(s, pos, i) & KW_PARTICLE)) return -1;
  return i;
}

/** Keyword flags of the first token, when it is a word (set by readName). */
let firstWordFlags = 0;

/**
 * Reads the name run starting at `start` into the token arrays; returns the
 * token count. `knownEnd`/`knownFlags`: the scanner already hashed the word
 * at `start` up to `knownEnd` (-1: it did not).
 */
function readName(s: string, start: number, knownEnd: number, knownFlags: number): number {
  let count = 0;
  let pos = start;
  let caps = 0;
  while (count < MAX_TOKENS && caps < MAX_CAPS) {
    const e = readNameWord(s, pos);
    if (e < 0) {
      if (count === 0) break;
      const pe = readParticle(s, pos);
      if (pe < 0 || !isSpace(s.charCodeAt(pe)) || readNameWord(s, pe + 1) < 0) break;
      TOKEN_START[count] = pos;
      TOKEN_END[count] = pe;
      TOKEN_KIND[count++] = PARTICLE;
      pos = pe + 1;
      continue;
    }
    const initial = s.charCodeAt(e - 1) === 0x2e;
    if (!initial) {
      const flags = count === 0 && e === knownEnd ? knownFlags : keywordFlags(s, pos, e);
      if (flags & (count === 0 ? KW_NOT_NAME : KW_NOT_SURNAME)) break;
      if (count === 0) firstWordFlags = flags;
    }
    TOKEN_START[count] = pos;
    TOKEN_END[count] = e;
    TOKEN_KIND[count++] = initial ? INITIAL : WORD;
    if (!initial) caps++;
    const sp = s.charCodeAt(e);
    if (!(sp === 0x20 || sp === 0xa0)) break;
    pos = e + 1;
  }
  while (count > 0 && TOKEN_KIND[count - 1] !== WORD) count--;
  return count;
}

function wordEndAt(s: string, pos: number): number {
  let i = pos;
  while (i < s.length && i - pos < 40 && (isLetter(s.charCodeAt(i)) || s.charCodeAt(i) === 0x27 || s.charCodeAt(i) === 0x2019 || s.charCodeAt(i) === 0x5f)) i++;
  return i;
}

/**
 * A cue before the name that fits the way it is used (`From:` as header,
 * `Best,` as sign-off). A title alone (`Mr. Darcy`) only counts for a full
 * name or with another cue before it (`Dear Mr. Darcy`).
 */
function strongCue(s: string, start: number, end: number, words: number): boolean {
  const cue = cueBefore(s, start, 0, CUE_PERSON, 3, 1);
  if (!cue.bits) return false;
  const cueEnd = wordEndAt(s, cue.at);
  const word = normalizeWord(s.slice(cue.at, cueEnd));
  const gap = s.slice(cueEnd, start);
  // Across table cells (`| Name | Ada Lovelace |`) the name must fill its cell: `| Patient | Birth date |` is a header.
  if ((gap.includes('|') || gap.includes('\t')) && !fillsCell(s, end)) return false;
  if (HEADER_ONLY.has(word)) return gap.includes(':') || gap.includes('=');
  if (SIGN_OFFS.has(word)) return gap.includes(',') || gap.includes('\n');
  if (words === 1 && keywordFlags(s, cue.at, cueEnd) & KW_TITLE) return cueBefore(s, cue.at, 0, CUE_PERSON, 2, 0).bits !== 0;
  return true;
}

/** Signs right after the name that a person was named. */
function afterEvidence(s: string, end: number): boolean {
  const n = s.length;
  let i = end;
  const q = s.charCodeAt(i);
  if (q === 0x22 || q === 0x27) i++;
  let spaces = 0;
  while (i < n && spaces < 2 && s.charCodeAt(i) === 0x20) {
    i++;
    spaces++;
  }
  const c = s.charCodeAt(i);
  if (c === 0x3c) return hasAtBefore(s, i + 1, 0x3e, 80);
  if (c === 0x28) {
    const d = s.charCodeAt(i + 1);
    if (d === 0x2b || isDigit(d)) return true;
    if (hasAtBefore(s, i + 1, 0x29, 80)) return true;
    return AFTER_WORDS.has(normalizeWord(s.slice(i + 1, wordEndAt(s, i + 1))));
  }
  if (c === 0x2c) {
    let j = i + 1;
    while (j < n && j - i < 3 && s.charCodeAt(j) === 0x20) j++;
    const word = normalizeWord(s.slice(j, wordEndAt(s, j)));
    if (AFTER_WORDS.has(word)) return true;
    // CSV: the next field is an e-mail address.
    return j === i + 1 && fieldHasAt(s, j, 0x2c);
  }
  if (c === 0x7c) {
    let j = i + 1;
    while (j < n && j - i < 3 && s.charCodeAt(j) === 0x20) j++;
    return fieldHasAt(s, j, 0x7c);
  }
  if (c === 0x0a && spaces === 0) {
    // A letter head: the address on the next line.
    let j = i + 1;
    const ds = j;
    while (j < n && j - ds < 6 && isDigit(s.charCodeAt(j))) j++;
    return j > ds && s.charCodeAt(j) === 0x20 && isUpperLetter(s.charCodeAt(j + 1));
  }
  if (s.startsWith('was born', i) || s.startsWith('born ', i)) return true;
  return false;
}

function hasAtBefore(s: string, from: number, close: number, max: number): boolean {
  const lim = Math.min(s.length, from + max);
  for (let j = from; j < lim; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x40) return true;
    if (c === close || c === 0x0a) return false;
  }
  return false;
}

/** A CSV or table cell holding an e-mail address, read up to the next separator. */
function fieldHasAt(s: string, from: number, sep: number): boolean {
  const lim = Math.min(s.length, from + 100);
  for (let j = from; j < lim; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x40) return true;
    if (c === sep || c === 0x0a || (c === 0x20 && sep === 0x2c)) return false;
  }
  return false;
}

function isLocalPartChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 0x2e || c === 0x5f || c === 0x2b || c === 0x2d;
}

/** Lower-case ASCII letters of a word, accents removed, for comparing with e-mail local parts. */
function foldName(word: string): string {
  const ascii = /^[\x00-\x7f]*$/.test(word);
  return (ascii ? word : word.normalize('NFD')).replace(/[^A-Za-z]/g, '').toLowerCase();
}

/** An e-mail local part within reach that contains the surname (or a long given name). */
function emailMentions(st: ScanState, people: PersonContext, count: number, end: number): boolean {
  const s = st.s;
  const nameStart = TOKEN_START[0];
  // Cheap exit first: no `@` ahead within reach and no e-mail finding just before.
  const at = people.nextAt(s, end);
  const f = st.findings;
  const recentEmail = f.length > 0 && f[f.length - 1].end >= nameStart - 300;
  const atNear = at >= 0 && at - end <= 300;
  if (!atNear && !recentEmail) return false;
  let firstWord = -1;
  let lastWord = -1;
  for (let k = 0; k < count; k++) {
    if (TOKEN_KIND[k] !== WORD) continue;
    if (firstWord < 0) firstWord = k;
    lastWord = k;
  }
  const last = foldName(s.slice(TOKEN_START[lastWord], TOKEN_END[lastWord]));
  const first = firstWord !== lastWord ? foldName(s.slice(TOKEN_START[firstWord], TOKEN_END[firstWord])) : '';
  const probeLast = last.length >= 3 ? last : '';
  const probeFirst = first.length >= 4 ? first : '';
  if (probeLast === '' && probeFirst === '') return false;
  if (atNear && localHolds(s, people, Math.max(end, at - 64), at, probeLast, probeFirst)) return true;
  for (let k = f.length - 1; k >= 0 && k >= f.length - 3; k--) {
    const e = f[k];
    if (e.end < nameStart - 300) break;
    if (e.type !== 'EMAIL') continue;
    const atPos = s.indexOf('@', e.start);
    if (atPos > 0 && atPos < e.end && localHolds(s, people, e.start, atPos, probeLast, probeFirst)) return true;
  }
  return false;
}

/** Does the local part before the `@` at `at` contain one of the probes ('' never matches)? */
function localHolds(s: string, people: PersonContext, localStart: number, at: number, probeA: string, probeB: string): boolean {
  const local = people.foldedLocal(s, localStart, at);
  return (probeA !== '' && local.includes(probeA)) || (probeB !== '' && local.includes(probeB));
}

/** Glued to a word, a path, an e-mail address, or to the `]` of a replacement (`[EMAIL]Jo Smith`): no name starts here. */
export function gluedBefore(s: string, start: number): boolean {
  if (start === 0) return false;
  const p = s.charCodeAt(start - 1);
  return isLetter(p) || isDigit(p) || p === 0x5f || p === 0x40 || p === 0x2e || p === 0x2f || p === 0x5d;
}

/**
 * At a capitalised word: reads the name run and reports it when the evidence
 * holds. `cueHint` false says the scanner saw nothing before the word that
 * could be a cue, so the look-back for one is skipped. `knownEnd` and
 * `knownFlags` pass on the scanner's keyword flags of the word at `start`
 * (only when it hashed exactly that word). Returns the end of the finding or -1.
 */
export function tryPerson(st: ScanState, people: PersonContext, start: number, cueHint = true, knownEnd = -1, knownFlags = 0): number {
  const s = st.s;
  if (gluedBefore(s, start)) return -1;
  const count = readName(s, start, knownEnd, knownFlags);
  if (count === 0) return -1;
  // `Frau Müller`, `Mr Smith`: the title is the cue, the name starts after it.
  if (TOKEN_KIND[0] === WORD && firstWordFlags & KW_TITLE) return -1;
  const end = TOKEN_END[count - 1];
  let words = 0;
  let midInitial = false;
  for (let k = 0; k < count; k++) {
    if (TOKEN_KIND[k] === WORD) words++;
    else if (TOKEN_KIND[k] === INITIAL && k > 0 && k < count - 1) midInitial = true;
  }
  let ok: boolean;
  if (words === 1) {
    ok = (cueHint && strongCue(s, start, end, 1)) || afterEvidenceStrict(s, end) || columnNamesPerson(st, start, end);
  } else {
    ok =
      midInitial ||
      afterEvidence(s, end) ||
      (cueHint && strongCue(s, start, end, words)) ||
      emailMentions(st, people, count, end) ||
      columnNamesPerson(st, start, end) ||
      knownGivenName(s, count);
  }
  if (!ok) {
    people.rejectedUntil = end;
    return -1;
  }
  return st.emit('PERSON', start, end) ? end : -1;
}

/** Words before a place name: `in Victoria Falls`, `near Lake Louise`. */
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'near', 'from', 'via', 'into', 'across', 'around', 'of', 'visit', 'visiting', 'downtown']);

/**
 * A common given name first and a surname-shaped last word that is no street
 * or place word (`Samuel Reilly`, not `Grace Lane`), not after a preposition
 * of place.
 */
function knownGivenName(s: string, count: number): boolean {
  if (TOKEN_KIND[0] !== WORD || !isGivenName(s, TOKEN_START[0], TOKEN_END[0])) return false;
  if (keywordFlags(s, TOKEN_START[count - 1], TOKEN_END[count - 1]) & (KW_STREET_SUFFIX | KW_NOT_NAME | KW_MONTH)) return false;
  let i = TOKEN_START[0];
  while (i > 0 && s.charCodeAt(i - 1) === 0x20) i--;
  const we = i;
  while (i > 0 && i > we - 12 && isLowerLetter(s.charCodeAt(i - 1))) i--;
  return !PLACE_PREPOSITIONS.has(s.slice(i, we));
}

/** The name ends its table cell: only spaces before the next `|`, tab or line end. */
function fillsCell(s: string, end: number): boolean {
  let i = end;
  while (i < s.length && s.charCodeAt(i) === 0x20) i++;
  const c = s.charCodeAt(i);
  return i >= s.length || c === 0x7c || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** A table cell (CSV, Markdown, SQL VALUES) under a name column, holding nothing but the name. */
function columnNamesPerson(st: ScanState, start: number, end: number): boolean {
  const s = st.s;
  let i = end;
  while (i < s.length && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x22 || s.charCodeAt(i) === 0x27)) i++;
  const c = s.charCodeAt(i);
  const endsCell = i >= s.length || c === 0x2c || c === 0x7c || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x29;
  return endsCell && (st.columnCue(start) & CUE_PERSON) !== 0;
}

/** For a lone first name, only an e-mail in angle brackets right after counts. */
function afterEvidenceStrict(s: string, end: number): boolean {
  let i = end;
  while (i < s.length && i - end < 2 && s.charCodeAt(i) === 0x20) i++;
  return s.charCodeAt(i) === 0x3c && hasAtBefore(s, i + 1, 0x3e, 80);
}
