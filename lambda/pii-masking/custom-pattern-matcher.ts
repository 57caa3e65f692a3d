/**
 * Runs a parsed custom pattern as a Thompson NFA: all alternatives advance
 * together, one character at a time, so there is no backtracking. Matches
 * are leftmost-longest and non-overlapping. A match is at most
 * `MAX_CUSTOM_MATCH` characters long (or the pattern's own longest match, if
 * shorter), which bounds how far the search reads past a match before it
 * resumes right after it: the total work is at most (input length) x
 * (automaton states) x (that bound), linear in the input. Ordinary patterns
 * (`\bEMP-\d{6}\b`) cost about one step per character.
 */
import { isAsciiWord } from './char-class';
import { PiiConfigError } from './errors';
import { maxLength, normalizeRanges, type ReNode } from './custom-pattern-parser';

export const MAX_CUSTOM_MATCH = 256;
export const MAX_STATES = 4000;

const OP_CHAR = 0;
const OP_SPLIT = 1;
const OP_ASSERT = 2;
const OP_MATCH = 3;

const A_BOL = 0;
const A_EOL = 1;
const A_WORD = 2;
const A_NOTWORD = 3;

class CharClass {
  private readonly ascii = new Uint8Array(128);
  private readonly wide: Int32Array;

  public constructor(
    ranges: readonly number[],
    private readonly negate: boolean,
  ) {
    const wide: number[] = [];
    for (let i = 0; i < ranges.length; i += 2) {
      const lo = ranges[i];
      const hi = ranges[i + 1];
      for (let c = lo; c <= Math.min(hi, 127); c++) this.ascii[c] = 1;
      if (hi >= 128) wide.push(Math.max(lo, 128), hi);
    }
    this.wide = Int32Array.from(wide);
  }

  public test(c: number): boolean {
    let hit: boolean;
    if (c < 128) {
      hit = this.ascii[c] === 1;
    } else {
      hit = false;
      const w = this.wide;
      for (let i = 0; i < w.length; i += 2) {
        if (c < w[i]) break;
        if (c <= w[i + 1]) {
          hit = true;
          break;
        }
      }
    }
    return hit !== this.negate;
  }
}

/** Adds the other-case forms of the letters in `ranges` (ASCII and Latin-1 exactly; wider ranges as they are). */
function foldRanges(ranges: readonly number[]): number[] {
  const out = [...ranges];
  for (let i = 0; i < ranges.length; i += 2) {
    const lo = ranges[i];
    const hi = Math.min(ranges[i + 1], 0x24f);
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCharCode(c);
      for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
        if (v.length === 1 && v !== ch) out.push(v.charCodeAt(0), v.charCodeAt(0));
      }
    }
  }
  return normalizeRanges(out);
}

export class CompiledPattern {
  private readonly op: number[] = [];
  private readonly arg: number[] = [];
  private readonly out1: number[] = [];
  private readonly out2: number[] = [];
  private readonly classes: CharClass[] = [];
  private readonly start: number;
  private readonly cap: number;
  /** Characters that can begin a match; others are skipped without starting threads. */
  private readonly first = new Uint8Array(65536);

  public constructor(
    root: ReNode,
    caseInsensitive: boolean,
    where: string,
  ) {
    const match = this.add(OP_MATCH, 0, -1, -1);
    this.start = this.compile(root, match, caseInsensitive, where);
    this.cap = Math.min(MAX_CUSTOM_MATCH, maxLength(root));
    this.computeFirst();
  }

  private add(op: number, arg: number, o1: number, o2: number): number {
    this.op.push(op);
    this.arg.push(arg);
    this.out1.push(o1);
    this.out2.push(o2);
    return this.op.length - 1;
  }

  /** Builds the states for `node` that continue to `next`; returns the entry state. */
  private compile(node: ReNode, next: number, ci: boolean, where: string): number {
    if (this.op.length > MAX_STATES) {
      throw new PiiConfigError('UnsafeCustomPattern', `${where}: pattern expands to more than ${MAX_STATES} automaton states; lower the repetition counts.`);
    }
    switch (node.k) {
      case 'class': {
        this.classes.push(new CharClass(ci ? foldRanges(node.ranges) : node.ranges, node.negate));
        return this.add(OP_CHAR, this.classes.length - 1, next, -1);
      }
      case 'assert': {
        const a = node.a === 'bol' ? A_BOL : node.a === 'eol' ? A_EOL : node.a === 'word' ? A_WORD : A_NOTWORD;
        return this.add(OP_ASSERT, a, next, -1);
      }
      case 'group':
        return this.compile(node.node, next, ci, where);
      case 'cat': {
        let s = next;
        for (let i = node.items.length - 1; i >= 0; i--) s = this.compile(node.items[i], s, ci, where);
        return s;
      }
      case 'alt': {
        const starts = node.items.map((n) => this.compile(n, next, ci, where));
        let s = starts[starts.length - 1];
        for (let i = starts.length - 2; i >= 0; i--) s = this.add(OP_SPLIT, 0, starts[i], s);
        return s;
      }
      case 'rep': {
        let s = next;
        if (node.max === -1) {
          const loop = this.add(OP_SPLIT, 0, -1, next);
          this.out1[loop] = this.compile(node.node, loop, ci, where);
          s = loop;
        } else {
          for (let k = node.max - node.min; k > 0; k--) s = this.add(OP_SPLIT, 0, this.compile(node.node, s, ci, where), s);
        }
        for (let k = 0; k < node.min; k++) s = this.compile(node.node, s, ci, where);
        return s;
      }
    }
  }

  private computeFirst(): void {
    const seen = new Set<number>();
    const stack = [this.start];
    while (stack.length > 0) {
      const s = stack.pop() as number;
      if (seen.has(s)) continue;
      seen.add(s);
      const op = this.op[s];
      if (op === OP_CHAR) {
        const cls = this.classes[this.arg[s]];
        for (let c = 0; c < 65536; c++) if (cls.test(c)) this.first[c] = 1;
      } else if (op === OP_SPLIT) {
        stack.push(this.out1[s], this.out2[s]);
      } else if (op === OP_ASSERT) {
        stack.push(this.out1[s]);
      }
    }
  }

  /** Leftmost-longest, non-overlapping matches as [start, end) pairs. */
  public findAll(s: string): Array<[number, number]> {
    const n = s.length;
    const states = this.op.length;
    const found: Array<[number, number]> = [];
    let cur = { st: new Int32Array(states), start: new Int32Array(states), len: 0 };
    let nxt = { st: new Int32Array(states), start: new Int32Array(states), len: 0 };
    const mark = new Int32Array(states).fill(-1);
    let gen = 0;
    const stack: number[] = [];
    let bestS = -1;
    let bestE = -1;

    const addThread = (list: typeof cur, state: number, start: number, pos: number): void => {
      stack.push(state);
      while (stack.length > 0) {
        const q = stack.pop() as number;
        if (mark[q] === gen) continue;
        mark[q] = gen;
        const op = this.op[q];
        if (op === OP_SPLIT) {
          stack.push(this.out2[q], this.out1[q]);
        } else if (op === OP_ASSERT) {
          if (this.assertHolds(this.arg[q], s, pos)) stack.push(this.out1[q]);
        } else if (op === OP_MATCH) {
          if (pos > start && (bestS < 0 || start < bestS || (start === bestS && pos > bestE))) {
            bestS = start;
            bestE = pos;
          }
        } else {
          list.st[list.len] = q;
          list.start[list.len] = start;
          list.len++;
        }
      }
    };

    let i = 0;
    gen = 1;
    for (;;) {
      if (cur.len === 0 && bestS < 0) {
        while (i < n && this.first[s.charCodeAt(i)] === 0) i++;
        if (i >= n) break;
      }
      // Threads carried over started earlier and were marked with this generation, so they win ties.
      if (bestS < 0) addThread(cur, this.start, i, i);
      if (i >= n) {
        // End of input with a match pending: take it and look again after it.
        if (bestS < 0) break;
        found.push([bestS, bestE]);
        i = bestE;
        bestS = -1;
        bestE = -1;
        cur.len = 0;
        gen++;
        continue;
      }
      const c = s.charCodeAt(i);
      gen++;
      nxt.len = 0;
      for (let k = 0; k < cur.len; k++) {
        const start = cur.start[k];
        if (bestS >= 0 && start > bestS) continue;
        if (i + 1 - start > this.cap) continue;
        const q = cur.st[k];
        if (this.classes[this.arg[q]].test(c)) addThread(nxt, this.out1[q], start, i + 1);
      }
      const t = cur;
      cur = nxt;
      nxt = t;
      i++;
      if (bestS >= 0) {
        let alive = false;
        for (let k = 0; k < cur.len && !alive; k++) alive = cur.start[k] <= bestS;
        if (!alive) {
          found.push([bestS, bestE]);
          i = bestE;
          bestS = -1;
          bestE = -1;
          cur.len = 0;
          gen++;
        }
      }
    }
    return found;
  }

  private assertHolds(kind: number, s: string, pos: number): boolean {
    switch (kind) {
      case A_BOL:
        return pos === 0;
      case A_EOL:
        return pos === s.length;
      default: {
        const before = pos > 0 && isAsciiWord(s.charCodeAt(pos - 1));
        const after = pos < s.length && isAsciiWord(s.charCodeAt(pos));
        return (before !== after) === (kind === A_WORD);
      }
    }
  }
}
