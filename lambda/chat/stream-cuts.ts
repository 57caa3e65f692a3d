/**
 * Where a streamed answer may be cut into pieces that the PII masker reads
 * independently: cut there, mask each piece, and the pieces' outputs put
 * together are exactly the masker's output for the whole text (findings,
 * replacements and placeholder numbering alike).
 *
 * The masker's detectors reach past a position in these ways (lambda/pii-masking):
 * - cue words: a few words back, at most ONE line break (`cueBefore`);
 * - table and CSV columns: the header is found by walking up through rows of
 *   the same table, line by line; a blank line is no row, so no table spans it;
 * - an address, a sign-off or a letter head on the next line: one line break;
 * - a name judged by an e-mail address near it: an `@` up to 300 characters
 *   after the name, or an e-mail finding up to 300 characters before it (whose
 *   `@` is at most 64 + 255 characters before its end);
 * - SQL `INSERT ... (cols) VALUES (...)`: the tuple's `(` up to 512 characters
 *   back and the column list within 512 characters of it, across lines;
 * - a PEM private key: from `-----BEGIN` over base64, spaces and blank lines,
 *   until `-----END` or a character a key body never holds;
 * - numbers, tokens, e-mail addresses, secrets: within one line.
 *
 * So a cut is made only at the start of a line after a blank line (a line of
 * spaces or CRs only), with no `@` in the 600 characters before it or the 400
 * after it, no `(` in the 520 before it, and no PEM body still open. The
 * characters are read as the masker's detection view would read them
 * (`＠` and `⑴` count as `@` and `(`), erring towards no cut. Deciding a cut
 * needs the 400 characters after it, so a stream holds back its current
 * paragraph and at most 400 characters of the next one.
 */

/** No `@` this far before a cut (300 + a local part of 64 + a domain of 255, rounded up). */
export const AT_LOOK_BACK = 600;
/** No `@` this far after a cut (the 300 of the e-mail look-ahead, plus a margin). */
export const AT_LOOK_AHEAD = 400;
/** No `(` this far before a cut (the SQL look-backs of 512). */
export const PAREN_LOOK_BACK = 520;

const BEGIN = 'BEGIN';
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;

/** How the cut rules see one code point; cached, since a text uses few distinct ones. */
const enum Kind {
  Plain = 0,
  At = 1,
  Paren = 2,
  /** A character no PEM body holds: a key that was open has ended. */
  PemBreak = 4,
  Ignorable = 8,
  /** Outside ASCII: could stand for any letter of `BEGIN` in the detection view. */
  Wildcard = 16,
}

const ASCII_KIND = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) {
  const ch = String.fromCharCode(c);
  const pemBody = /[A-Za-z0-9+/=:,\- \t\n\r\\]/.test(ch);
  ASCII_KIND[c] = (ch === '@' ? Kind.At : 0) | (ch === '(' ? Kind.Paren : 0) | (pemBody ? 0 : Kind.PemBreak);
}
const NON_ASCII_KIND = new Map<number, number>();

/**
 * Characters the rules must look at one by one: line breaks, the kinds above, the letters of `BEGIN` and
 * everything outside ASCII. Runs of other characters (most of any text) are skipped by one native search.
 */
const INTERESTING = (() => {
  let set = '\\n';
  for (let c = 0x20; c < 0x80; c++) {
    const ch = String.fromCharCode(c);
    if (ASCII_KIND[c] !== 0 || BEGIN.includes(ch)) set += `\\x${c.toString(16).padStart(2, '0')}`;
  }
  for (let c = 0; c < 0x20; c++) if (ASCII_KIND[c] !== 0) set += `\\x${c.toString(16).padStart(2, '0')}`;
  return new RegExp(`[${set}\\u0080-\\uffff]`, 'g');
})();

function kindOf(cp: number): number {
  if (cp < 0x80) return ASCII_KIND[cp];
  let kind = NON_ASCII_KIND.get(cp);
  if (kind === undefined) {
    const ch = String.fromCodePoint(cp);
    if (IGNORABLE.test(ch)) kind = Kind.Ignorable;
    else {
      const folded = ch.normalize('NFKC');
      // Non-ASCII characters never end a PEM body here: the view may fold them into base64 letters.
      kind = Kind.Wildcard | (folded.includes('@') ? Kind.At : 0) | (folded.includes('(') ? Kind.Paren : 0);
    }
    NON_ASCII_KIND.set(cp, kind);
  }
  return kind;
}

/**
 * Reads a stream once, forward, and answers where it may be cut. Offsets are
 * from the start of the stream.
 */
export class CutFinder {
  /** Units not read yet: at most a high surrogate waiting for its pair. */
  private unread = '';
  /** Stream offset of `unread[0]`. */
  private cursor = 0;
  private lastAt = -Infinity;
  private lastParen = -Infinity;
  /** Letters of `BEGIN` matched so far, and whether a PEM body may be open. */
  private beginMatched = 0;
  private pemOpen = false;
  /** Whether the current line holds only spaces and CRs so far, and whether a line break came before it. */
  private lineBlank = false;
  private afterFirstBreak = false;
  /** Cuts that passed the look-back rules, waiting for their look-ahead. */
  private readonly candidates: number[] = [];
  /** The latest cut whose look-ahead is complete and clean. */
  private decided = -1;

  /** Reads the next piece of the stream. */
  public push(chunk: string): void {
    this.read(this.unread + chunk, false);
  }

  /** The stream ended: candidates lose nothing by a look-ahead that never comes. */
  public end(): void {
    this.read(this.unread, true);
    this.settle(Infinity);
  }

  /** The latest offset at which the stream may be cut, or -1. */
  public get cut(): number {
    return this.decided;
  }

  private read(t: string, ended: boolean): void {
    let i = 0;
    while (i < t.length) {
      INTERESTING.lastIndex = i;
      const next = INTERESTING.exec(t)?.index ?? t.length;
      if (next > i) {
        // A run of PEM body characters other than B, E, G, I, N: it can only end a blank line and a BEGIN match.
        if (this.lineBlank) {
          for (let k = i; k < next; k++) {
            const c = t.charCodeAt(k);
            if (c !== 0x20 && c !== 0x0d) {
              this.lineBlank = false;
              break;
            }
          }
        }
        this.beginMatched = 0;
        i = next;
        if (i === t.length) break;
      }
      const unit = t.charCodeAt(i);
      let cp = unit;
      let width = 1;
      if (unit >= 0xd800 && unit <= 0xdbff) {
        // A high surrogate at the end waits for its pair, unless nothing more comes.
        if (i + 1 === t.length && !ended) break;
        const low = t.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      this.take(cp, this.cursor + i);
      i += width;
    }
    this.cursor += i;
    this.unread = t.slice(i);
    this.settle(this.cursor);
  }

  private take(cp: number, at: number): void {
    if (cp === 0x0a) {
      if (this.afterFirstBreak && this.lineBlank) this.offer(at + 1);
      this.afterFirstBreak = true;
      this.lineBlank = true;
    } else if (cp !== 0x20 && cp !== 0x0d) {
      this.lineBlank = false;
    }
    const kind = kindOf(cp);
    if (kind & Kind.Ignorable) return;
    if (kind & Kind.At) {
      this.lastAt = at;
      // An `@` closes the look-ahead of every waiting cut less than AT_LOOK_AHEAD before it.
      while (this.candidates.length > 0 && this.candidates[this.candidates.length - 1] > at - AT_LOOK_AHEAD) this.candidates.pop();
    }
    if (kind & Kind.Paren) this.lastParen = at;
    if (kind & Kind.PemBreak) this.pemOpen = false;
    const letter = BEGIN.charCodeAt(this.beginMatched);
    if (cp === letter || kind & Kind.Wildcard) {
      this.beginMatched++;
      if (this.beginMatched === BEGIN.length) {
        this.pemOpen = true;
        this.beginMatched = 0;
      }
    } else {
      this.beginMatched = cp === BEGIN.charCodeAt(0) ? 1 : 0;
    }
  }

  /** A blank line ends at `c`: a cut if the look-back rules allow it. */
  private offer(c: number): void {
    if (this.pemOpen || this.lastAt >= c - AT_LOOK_BACK || this.lastParen >= c - PAREN_LOOK_BACK) return;
    this.candidates.push(c);
  }

  /** Candidates whose look-ahead is complete up to `readTo` become the decided cut. */
  private settle(readTo: number): void {
    let k = 0;
    while (k < this.candidates.length && this.candidates[k] + AT_LOOK_AHEAD <= readTo) k++;
    if (k > 0) {
      this.decided = this.candidates[k - 1];
      this.candidates.splice(0, k);
    }
  }
}
