/**
 * Column headers as context. In a CSV export, a Markdown table or an SQL
 * `INSERT ... (name, dob, ssn) VALUES (...)`, a bare value (`1956-06-17`,
 * `478790014`, `Kent Wilderman`) is named only by its column. For a value at
 * some position this finds the header cell of its column and returns the
 * cue bits of that header (see context-words).
 *
 * Cost: the header of each line is found once and remembered, and a line's
 * header is the header of the line above when both are rows of the same
 * table, so the work over a whole scan is linear in the text.
 */
import { wordCueBits } from './context-words';
import { NextChar } from './next-char';

interface Header {
  readonly delimiter: number;
  /** Cue bits per column. */
  readonly cues: readonly number[];
  /** Delimiters per row (for CSV and TSV), so rows of another table do not inherit. */
  readonly width: number;
}

const MAX_LINE = 4096;
const MAX_SQL_LOOKBACK = 512;

function lineStart(s: string, pos: number): number {
  const floor = Math.max(0, pos - MAX_LINE);
  let i = pos;
  while (i > floor && s.charCodeAt(i - 1) !== 0x0a) i--;
  return i;
}

/**
 * lineStart for a line above a line whose header is being found: a native search back to its line break. Unbounded
 * by MAX_LINE, but headerOf runs once per line, so each line is searched so at most once (for the line below it).
 */
function lineAboveStart(s: string, pos: number): number {
  if (pos === 0) return 0;
  const floor = Math.max(0, pos - MAX_LINE);
  const nl = s.lastIndexOf('\n', pos - 1);
  return nl + 1 > floor ? nl + 1 : floor;
}

/** Delimiter positions in [start, end) outside double quotes. */
function splitCells(s: string, start: number, end: number, delimiter: number): number[] {
  const cuts: number[] = [];
  let quoted = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === delimiter && !quoted) cuts.push(i);
  }
  return cuts;
}

/** splitCells(...).length without building the array: asked for every value in a table row. */
function countCells(s: string, start: number, end: number, delimiter: number): number {
  let cuts = 0;
  let quoted = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === delimiter && !quoted) cuts++;
  }
  return cuts;
}

/**
 * The shape of a line, read in one pass: the cell delimiter of a line that
 * looks like a table row (0 if none), once loosely and once strictly, and the
 * number of cuts the loose delimiter makes. Strictly (a header candidate), a
 * comma line counts only when its cells are short, not when it is a sentence
 * with commas; data rows only need the header's number of commas, so masking
 * their cells does not change the verdict. Left in module scratch (a scan is
 * synchronous): read it right after the call.
 */
const shape = { loose: 0, strict: 0, width: 0 };

function readLineShape(s: string, start: number, end: number): void {
  let pipes = 0;
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  let cellLen = 0;
  let longest = 0;
  let spaces = 0;
  let maxSpaces = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    if (!quoted && (c === 0x7c || c === 0x2c || c === 0x09)) {
      if (c === 0x7c) pipes++;
      else if (c === 0x2c) commas++;
      else tabs++;
      if (cellLen > longest) longest = cellLen;
      if (spaces > maxSpaces) maxSpaces = spaces;
      cellLen = 0;
      spaces = 0;
      continue;
    }
    cellLen++;
    if (c === 0x20) spaces++;
  }
  if (cellLen > longest) longest = cellLen;
  if (spaces > maxSpaces) maxSpaces = spaces;
  if (pipes >= 2) {
    shape.loose = shape.strict = 0x7c;
    shape.width = pipes;
  } else if (tabs >= 1) {
    shape.loose = shape.strict = 0x09;
    shape.width = tabs;
  } else {
    shape.loose = commas >= 1 ? 0x2c : 0;
    // A CSV header: at least three columns of short names (`id,full_name,dob`).
    shape.strict = commas >= 2 && longest <= 40 && maxSpaces <= 2 ? 0x2c : 0;
    shape.width = commas;
  }
}

/** The line [start, end) is a row of the same table: same delimiter and, for CSV and TSV, as many cells. */
function sameTable(s: string, start: number, end: number, delimiter: number, width: number): boolean {
  readLineShape(s, start, end);
  return shape.loose === delimiter && (delimiter === 0x7c || shape.width === width);
}

function isSeparatorRow(s: string, start: number, end: number): boolean {
  let dashes = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2d) dashes++;
    else if (c !== 0x7c && c !== 0x3a && c !== 0x20 && c !== 0x09) return false;
  }
  return dashes >= 3;
}

/** Cue bits of the words in one header cell (`full_name`, `Date of birth`, `"SSN"`). */
function cellCue(s: string, start: number, end: number): number {
  let bits = 0;
  let i = start;
  while (i < end) {
    while (i < end && !isCellWordChar(s.charCodeAt(i))) i++;
    const ws = i;
    while (i < end && isCellWordChar(s.charCodeAt(i))) i++;
    if (i > ws && i - ws <= 40) bits |= wordCueBits(s, ws, i);
  }
  return bits;
}

function isCellWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c >= 0xc0;
}

function headerFrom(s: string, start: number, end: number, delimiter: number): Header {
  const cuts = splitCells(s, start, end, delimiter);
  const cues: number[] = [];
  let from = start;
  for (const cut of [...cuts, end]) {
    cues.push(cellCue(s, from, cut));
    from = cut + 1;
  }
  return { delimiter, cues, width: cuts.length };
}

export class TableContext {
  // Created on first use: most texts ask about a line or two, or never reach the SQL path.
  private headers: Map<number, Header | null> | undefined;
  private headerLines: Set<number> | undefined;
  private sqlColumns: Map<number, readonly number[] | null> | undefined;
  /** The line of the last question, and how far no line can be a table row (a line longer than MAX_LINE). */
  private lineFrom = -1;
  private lineTo = -1;
  private noTableUntil = -1;
  private continuesAt = -1;
  private continues = false;
  private hasSql = -1;
  // Line breaks, pipes and tabs are found with native searches as the questions move forward through the text.
  private readonly newlines: NextChar;
  private returns: NextChar | undefined;
  private pipes: NextChar | undefined;
  private tabs: NextChar | undefined;
  /** The last line break before `knownTo` is at `lastNewline` (-1: none). */
  private knownTo = 0;
  private lastNewline = -1;

  public constructor(private readonly s: string) {
    this.newlines = new NextChar(s, '\n');
  }

  /** lineStart(s, pos), walking forward from the last question when `pos` is past it. */
  private lineStartOf(pos: number): number {
    if (pos < this.knownTo) return lineStart(this.s, pos);
    for (let k = this.newlines.firstIn(this.knownTo, pos); k >= 0; k = this.newlines.firstIn(k + 1, pos)) this.lastNewline = k;
    this.knownTo = pos;
    return Math.max(0, pos - MAX_LINE, this.lastNewline + 1);
  }

  /** lineEnd(s, pos): the first CR or LF within MAX_LINE. */
  private lineEndOf(pos: number): number {
    const lim = Math.min(this.s.length, pos + MAX_LINE);
    const lf = this.newlines.firstIn(pos, lim);
    const cr = (this.returns ??= new NextChar(this.s, '\r')).firstIn(pos, lf < 0 ? lim : lf);
    return cr >= 0 ? cr : lf >= 0 ? lf : lim;
  }

  private hasPipeOrTab(start: number, end: number): boolean {
    return (this.pipes ??= new NextChar(this.s, '|')).firstIn(start, end) >= 0 || (this.tabs ??= new NextChar(this.s, '\t')).firstIn(start, end) >= 0;
  }

  /** Cue bits of the column header above the value at `pos`, or 0 outside tables. */
  public columnCue(pos: number): number {
    if (this.hasSql < 0) this.hasSql = this.s.includes('VALUES') || this.s.includes('values') ? 1 : 0;
    return this.tableCue(pos) | (this.hasSql === 1 ? this.sqlCue(pos) : 0);
  }

  private tableCue(pos: number): number {
    const s = this.s;
    if (pos < this.noTableUntil) return 0;
    if (pos < this.lineFrom || pos > this.lineTo) {
      const ls = this.lineStartOf(pos);
      if (ls > 0 && s.charCodeAt(ls - 1) !== 0x0a) {
        // A line longer than any table row: skip to its end once.
        const nl = this.newlines.firstIn(pos, s.length);
        this.noTableUntil = nl < 0 ? s.length : nl;
        return 0;
      }
      this.lineFrom = ls;
      this.lineTo = this.lineEndOf(pos);
    }
    const ls = this.lineFrom;
    // The first line has no header above it: it is a header itself (its cells name nothing) or no table at all.
    // headerOf reads it when a later row asks.
    if (ls === 0) return 0;
    // Likewise a line under a line without cells (prose, code) that is not a Markdown `|---|` row: it starts its
    // block, so it is a header or no table. Told by the short line above, before this line's own cells are read.
    if (!this.continuesLineAbove(ls)) return 0;
    const header = this.headerOf(ls, this.lineTo, 0);
    if (!header || this.headerLines?.has(ls)) return 0;
    const column = countCells(s, ls, pos, header.delimiter);
    return header.cues[column] ?? 0;
  }

  /** Could the line starting at `ls` (> 0) belong to a table that starts above it? Remembered for the last line asked. */
  private continuesLineAbove(ls: number): boolean {
    if (ls !== this.continuesAt) {
      const s = this.s;
      const pe = ls - 1;
      // The bounded walk, not lineAboveStart: this is asked again whenever the questions move to another line.
      const ps = lineStart(s, pe);
      readLineShape(s, ps, pe);
      this.continuesAt = ls;
      this.continues = shape.loose !== 0 || isSeparatorRow(s, ps, pe);
    }
    return this.continues;
  }

  /** The header of the table the line [ls, le) belongs to; memoised per line. */
  private headerOf(ls: number, le: number, depth: number): Header | null {
    const headers = (this.headers ??= new Map());
    const known = headers.get(ls);
    if (known !== undefined) return known;
    const s = this.s;
    // A long line without pipes or tabs is prose: skip the cell statistics.
    if (le - ls > 1000 && !this.hasPipeOrTab(ls, le)) {
      headers.set(ls, null);
      return null;
    }
    readLineShape(s, ls, le);
    const delimiter = shape.loose;
    const width = shape.width;
    const strict = shape.strict;
    let result: Header | null = null;
    if (delimiter !== 0 && depth < 400 && !isSeparatorRow(s, ls, le)) {
      if (ls > 0) {
        const pe = ls - 1;
        const ps = lineAboveStart(s, pe);
        if (delimiter === 0x7c && isSeparatorRow(s, ps, pe) && ps > 0) {
          // Markdown: the line above the |---| row is the header.
          const hs = lineStart(s, ps - 1);
          result = headerFrom(s, hs, ps - 1, delimiter);
          (this.headerLines ??= new Set()).add(hs);
        } else if (sameTable(s, ps, pe, delimiter, width)) {
          result = this.headerOf(ps, pe, depth + 1);
        }
      }
      if (!result && strict === delimiter) {
        // First line of the block: it is the header if it names at least one cue.
        const h = headerFrom(s, ls, le, delimiter);
        if (h.cues.some((c) => c !== 0)) {
          result = h;
          (this.headerLines ??= new Set()).add(ls);
        }
      }
    }
    headers.set(ls, result);
    return result;
  }

  /** `INSERT INTO t (name, dob) VALUES ('x', '1990-01-01'), (...)`: the column of a value inside a VALUES tuple. */
  private sqlCue(pos: number): number {
    const s = this.s;
    // Find the tuple's opening parenthesis (depth 1), counting commas at depth 1.
    const floor = Math.max(0, pos - MAX_SQL_LOOKBACK);
    let depth = 0;
    let commas = 0;
    let quoted = 0;
    let open = -1;
    // Start before the value's own opening quote.
    let from = pos - 1;
    if (from >= 0 && (s.charCodeAt(from) === 0x27 || s.charCodeAt(from) === 0x22)) from--;
    for (let i = from; i >= floor; i--) {
      const c = s.charCodeAt(i);
      if (quoted) {
        if (c === quoted) quoted = 0;
        continue;
      }
      if (c === 0x27 || c === 0x22) quoted = c;
      else if (c === 0x29) depth++;
      else if (c === 0x28) {
        if (depth === 0) {
          open = i;
          break;
        }
        depth--;
      } else if (c === 0x2c && depth === 0) commas++;
      else if (c === 0x3b) return 0;
    }
    if (open < 0) return 0;
    const columns = this.columnsBefore(open);
    return columns ? (columns[commas] ?? 0) : 0;
  }

  /** Column cues of the `(a, b, c) VALUES` before the tuple opening at `open`; memoised per VALUES keyword. */
  private columnsBefore(open: number): readonly number[] | null {
    const s = this.s;
    const floor = Math.max(0, open - MAX_SQL_LOOKBACK);
    const window = s.slice(floor, open);
    const k = Math.max(window.lastIndexOf('VALUES'), window.lastIndexOf('values'));
    if (k < 0) return null;
    const at = floor + k;
    // Only whitespace, commas and complete tuples between VALUES and this tuple.
    const sqlColumns = (this.sqlColumns ??= new Map());
    const known = sqlColumns.get(at);
    if (known !== undefined) return known;
    let result: number[] | null = null;
    let i = at - 1;
    while (i >= floor && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x0a || s.charCodeAt(i) === 0x09)) i--;
    if (s.charCodeAt(i) === 0x29) {
      const close = i;
      const openCols = s.lastIndexOf('(', close);
      if (openCols >= floor && close - openCols < 2048) {
        const cuts = splitCells(s, openCols + 1, close, 0x2c);
        result = [];
        let from = openCols + 1;
        for (const cut of [...cuts, close]) {
          result.push(cellCue(s, from, cut));
          from = cut + 1;
        }
      }
    }
    sqlColumns.set(at, result);
    return result;
  }
}
