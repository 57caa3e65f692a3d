/**
 * The one view of a text that every detector reads. Text that hides PII from
 * a character-level reader (`4716\u200b3972…`, full-width `４７１６`, Arabic-Indic
 * `٤٧١٦`, `4716–3972` with an en dash, `jоhn@exаmple.com` with Cyrillic letters)
 * reads here as plain ASCII, whoever called the masker and whatever was done to
 * the text before.
 *
 * - default-ignorable code points (`\p{Default_Ignorable_Code_Point}`) are dropped;
 * - NFKC, per starter and its combining marks;
 * - decimal digits of any script (`\p{Nd}`) become ASCII digits;
 * - dashes (`\p{Pd}`, U+2212) become `-`, spaces (`\p{Zs}`) become ` `;
 * - Cyrillic and Greek letters that look like Latin ones become those letters
 *   inside a token that also holds an ASCII letter or an `@` (a pure Cyrillic or
 *   Greek word stays as it is, so its cue words and names still read).
 *
 * Offsets found in the view go back to the original through {@link toOriginalStart}
 * and {@link toOriginalEnd}: a finding covers every original unit its view units
 * came from, including what was dropped between them. ASCII text is its own view
 * (no copy, no map), and so is text whose changes keep every length.
 */

export interface DetectionView {
  readonly text: string;
  /**
   * For each view unit, the original offset where its source starts (`starts`)
   * and ends (`ends`). Null when view offsets equal original ones.
   */
  readonly starts: Int32Array | null;
  readonly ends: Int32Array | null;
}

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const NON_ASCII = /[^\0-\x7f]/g;
const MARK = /\p{M}/u;
const DECIMAL = /\p{Nd}/u;
const DASH = /\p{Pd}/u;
const SPACE_SEPARATOR = /\p{Zs}/u;
const MINUS_SIGN = 0x2212;

/**
 * Whether every UTF-16 unit is ASCII. Any other unit takes at least two bytes
 * in UTF-8, so the byte count tells; V8 counts a one-byte string at memory speed.
 */
function isAscii(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') === text.length;
}

/** Folded form of one code point outside ASCII; `undefined` until asked. Results are few and reused. */
const FOLDED = new Map<number, string>();

/** The value of a `\p{Nd}` digit. Decimal digits come in runs of ten, zero first, so the run start tells. */
function digitValue(cp: number): number {
  let zero = cp;
  while (cp - zero < 100 && DECIMAL.test(String.fromCodePoint(zero - 1))) zero--;
  return (cp - zero) % 10;
}

/** A character of NFKC output mapped onto what the detectors read. */
function foldNormalized(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) return ch;
  if (IGNORABLE.test(ch)) return '';
  if (cp === MINUS_SIGN || DASH.test(ch)) return '-';
  if (SPACE_SEPARATOR.test(ch)) return ' ';
  if (DECIMAL.test(ch)) return String(digitValue(cp));
  return ch;
}

function foldString(t: string): string {
  let out = '';
  for (const ch of t) out += foldNormalized(ch);
  return out;
}

/** One code point (not ASCII) as the view shows it. */
function foldCodePoint(cp: number): string {
  let r = FOLDED.get(cp);
  if (r === undefined) {
    const ch = String.fromCodePoint(cp);
    r = IGNORABLE.test(ch) ? '' : foldString(ch.normalize('NFKC'));
    FOLDED.set(cp, r);
  }
  return r;
}

/** Whether a code point is a combining mark; BMP answers come from the table below. */
function isMark(cp: number): boolean {
  if (cp <= 0xffff && (cp < 0xd800 || cp > 0xdfff)) return (bmpInfo(cp) & IS_MARK) !== 0;
  return MARK.test(String.fromCodePoint(cp));
}

const KNOWN = 1;
const CHANGES = 2;
const IS_MARK = 4;
const LOOKALIKE = 8;
/** Per BMP code unit, filled on first sight: KNOWN, and whether the view changes it, it is a mark, or a look-alike. */
const BMP = new Uint8Array(0x10000);

function bmpInfo(c: number): number {
  let f = BMP[c];
  if (f === 0) {
    f = KNOWN;
    // Surrogates are read as code points by the caller, never from this table.
    if (c < 0xd800 || c > 0xdfff) {
      const ch = String.fromCharCode(c);
      if (c >= 0x80 && foldCodePoint(c) !== ch) f |= CHANGES;
      if (MARK.test(ch)) f |= IS_MARK;
      if (HOMOGLYPHS.has(c)) f |= LOOKALIKE;
    }
    BMP[c] = f;
  }
  return f;
}

/** Latin letters that Cyrillic and Greek letters are drawn like (the usual confusables of e-mails and keys). */
const HOMOGLYPHS: ReadonlyMap<number, number> = new Map(
  [
    // Cyrillic
    'АA', 'ВB', 'ЕE', 'КK', 'МM', 'НH', 'ОO', 'РP', 'СC', 'ТT', 'УY', 'ХX', 'ЅS', 'ІI', 'ЈJ', 'ԚQ', 'ԜW', 'ҮY', 'ҺH', 'ӀI',
    'аa', 'еe', 'оo', 'рp', 'сc', 'уy', 'хx', 'ѕs', 'іi', 'јj', 'ԁd', 'ԛq', 'ԝw', 'һh', 'ӏl', 'үy',
    // Greek
    'ΑA', 'ΒB', 'ΕE', 'ΖZ', 'ΗH', 'ΙI', 'ΚK', 'ΜM', 'ΝN', 'ΟO', 'ΡP', 'ΤT', 'ΥY', 'ΧX',
    'οo', 'νv', 'ιi', 'αa', 'ρp', 'υu', 'κk', 'ϲc', 'ϳj',
    // Latin letters outside ASCII that NFKC keeps
    'ıi', 'ɑa', 'ɡg',
  ].map((pair) => [pair.charCodeAt(0), pair.charCodeAt(1)] as const),
);

/** Growable offset arrays; only built once a change alters a length. */
class OffsetMap {
  public starts: Int32Array;
  public ends: Int32Array;

  public constructor(capacity: number, identityUpTo: number) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    for (let j = 0; j < identityUpTo; j++) {
      this.starts[j] = j;
      this.ends[j] = j + 1;
    }
  }

  public ensure(size: number): void {
    if (size <= this.starts.length) return;
    const cap = Math.max(size, this.starts.length * 2);
    const s = new Int32Array(cap);
    const e = new Int32Array(cap);
    s.set(this.starts);
    e.set(this.ends);
    this.starts = s;
    this.ends = e;
  }
}

/** The detection view of `text` (see the module comment). */
export function detectionView(text: string): DetectionView {
  if (isAscii(text)) return { text, starts: null, ends: null };
  const n = text.length;
  let out = '';
  /** Units of `out` so far (out.length, without asking for it). */
  let m = 0;
  /** Start of the run of units copied as they are. */
  let run = 0;
  let map: OffsetMap | null = null;
  let changed = false;
  let homoglyph = false;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      // Runs of ASCII are skipped natively; an ASCII character before a combining mark is taken up below.
      NON_ASCII.lastIndex = i;
      if (NON_ASCII.exec(text) === null) break;
      i = NON_ASCII.lastIndex - 1;
      c = text.charCodeAt(i);
    }
    let start = i;
    let cp = c;
    let width = 1;
    let flags = 0;
    if (c >= 0xd800 && c <= 0xdfff) {
      cp = text.codePointAt(i) ?? c;
      // A lone surrogate stays as it is.
      if (cp <= 0xffff) {
        i++;
        continue;
      }
      width = 2;
      if (isMark(cp)) flags = IS_MARK;
    } else {
      flags = bmpInfo(c);
      if (flags & LOOKALIKE) homoglyph = true;
    }
    // A mark right after an ASCII starter (`e` + U+0301): NFKC composes them, so they are one segment.
    if (flags & IS_MARK && i > run && text.charCodeAt(i - 1) < 0x80) start = i - 1;
    let end = i + width;
    const next = end < n ? text.charCodeAt(end) : 0;
    const markFollows = next >= 0x300 && isMark(text.codePointAt(end) ?? 0);
    let folded: string;
    if (markFollows || start < i) {
      while (end < n && text.charCodeAt(end) >= 0x300) {
        const mcp = text.codePointAt(end) ?? 0;
        if (!isMark(mcp)) break;
        end += mcp > 0xffff ? 2 : 1;
      }
      const segment = text.slice(start, end);
      folded = foldString(segment.normalize('NFKC'));
      if (folded === segment) {
        i = end;
        continue;
      }
    } else {
      if (width === 1 && !(flags & CHANGES)) {
        i++;
        continue;
      }
      folded = foldCodePoint(cp);
      if (folded.length === width && folded === text.slice(i, end)) {
        i = end;
        continue;
      }
    }
    i = start;
    changed = true;
    // Copy the unchanged run before this segment, then the segment's folded form.
    if (run < i) {
      out += text.slice(run, i);
      if (map) {
        map.ensure(m + (i - run));
        for (let k = run; k < i; k++, m++) {
          map.starts[m] = k;
          map.ends[m] = k + 1;
        }
      } else {
        m += i - run;
      }
    }
    const segLen = end - i;
    if (!map && folded.length !== segLen) map = new OffsetMap(n + 16, m);
    out += folded;
    if (map) {
      map.ensure(m + folded.length);
      for (let k = 0; k < folded.length; k++, m++) {
        map.starts[m] = i;
        map.ends[m] = end;
      }
    } else {
      m += folded.length;
    }
    i = end;
    run = end;
  }
  if (!changed && !homoglyph) return { text, starts: null, ends: null };
  if (changed && run < n) {
    out += text.slice(run, n);
    if (map) {
      map.ensure(m + (n - run));
      for (let k = run; k < n; k++, m++) {
        map.starts[m] = k;
        map.ends[m] = k + 1;
      }
    }
  }
  let view = changed ? out : text;
  if (homoglyph) view = foldHomoglyphs(view);
  return map ? { text: view, starts: map.starts.subarray(0, m), ends: map.ends.subarray(0, m) } : { text: view, starts: null, ends: null };
}

/** Characters a token (an e-mail, a key, a word) is made of; anything else ends it. */
function isTokenUnit(c: number): boolean {
  if (c < 0x80) {
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
    return c === 0x40 || c === 0x2e || c === 0x2d || c === 0x5f || c === 0x2b || c === 0x25;
  }
  return c !== 0xa0 && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000 && !(c >= 0x3001 && c <= 0x3003);
}

/** Folds look-alike letters in tokens that hold an ASCII letter or `@` (length-preserving). */
function foldHomoglyphs(s: string): string {
  const n = s.length;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < n) {
    while (i < n && !isTokenUnit(s.charCodeAt(i))) i++;
    const start = i;
    let latin = false;
    let lookalike = false;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (!isTokenUnit(c)) break;
      if (c < 0x80) {
        if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x40) latin = true;
      } else if (c < 0xd800 && bmpInfo(c) & LOOKALIKE) {
        lookalike = true;
      }
    }
    if (!(latin && lookalike)) continue;
    out += s.slice(copied, start);
    for (let k = start; k < i; k++) {
      const c = s.charCodeAt(k);
      out += String.fromCharCode(HOMOGLYPHS.get(c) ?? c);
    }
    copied = i;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/** Original offset of the unit at view offset `j` (a finding's start). */
export function toOriginalStart(view: DetectionView, j: number): number {
  return view.starts === null ? j : view.starts[j];
}

/** Original offset just after the unit before view offset `j` (a finding's exclusive end). */
export function toOriginalEnd(view: DetectionView, j: number): number {
  return view.ends === null ? j : view.ends[j - 1];
}
