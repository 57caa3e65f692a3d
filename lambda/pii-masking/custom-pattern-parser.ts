/**
 * Parser for the regular-expression subset that custom patterns may use. It
 * accepts only regular constructs (no backreferences, no lookaround), so the
 * pattern can run on an automaton in linear time, and it refuses the shapes
 * that blow up backtracking engines (a quantifier over a group that holds an
 * unbounded quantifier), so a pattern accepted here is safe wherever it runs.
 */
import { PiiConfigError } from './errors';

export type ReNode =
  | { readonly k: 'class'; readonly ranges: readonly number[]; readonly negate: boolean }
  | { readonly k: 'assert'; readonly a: 'bol' | 'eol' | 'word' | 'notword' }
  | { readonly k: 'cat'; readonly items: readonly ReNode[] }
  | { readonly k: 'alt'; readonly items: readonly ReNode[] }
  | { readonly k: 'rep'; readonly node: ReNode; readonly min: number; readonly max: number }
  | { readonly k: 'group'; readonly node: ReNode };

export const MAX_PATTERN_LENGTH = 1000;
export const MAX_REPEAT = 100;
const MAX_DEPTH = 32;

const DIGIT = [0x30, 0x39];
const WORD = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE = [
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
];
const LINE_BREAKS = [0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029];

/** Complement of sorted, disjoint ranges within the UTF-16 code unit space. */
function complement(ranges: readonly number[]): number[] {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i] > next) out.push(next, ranges[i] - 1);
    next = ranges[i + 1] + 1;
  }
  if (next <= 0xffff) out.push(next, 0xffff);
  return out;
}

/** Sorts and merges range pairs. */
export function normalizeRanges(ranges: readonly number[]): number[] {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i], ranges[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const n = out.length;
    if (n > 0 && lo <= out[n - 1] + 1) out[n - 1] = Math.max(out[n - 1], hi);
    else out.push(lo, hi);
  }
  return out;
}

class Parser {
  private pos = 0;
  private depth = 0;

  public constructor(
    private readonly src: string,
    private readonly where: string,
  ) {}

  private fail(message: string, unsafe = false): never {
    throw new PiiConfigError(unsafe ? 'UnsafeCustomPattern' : 'InvalidCustomPattern', `${this.where}: ${message} (at offset ${this.pos}).`);
  }

  private peek(): number {
    return this.pos < this.src.length ? this.src.charCodeAt(this.pos) : -1;
  }

  public parse(): ReNode {
    const node = this.parseAlt();
    if (this.pos < this.src.length) this.fail(`unexpected '${this.src[this.pos]}'`);
    return node;
  }

  private parseAlt(): ReNode {
    if (++this.depth > MAX_DEPTH) this.fail('groups are nested too deeply');
    const items = [this.parseCat()];
    while (this.peek() === 0x7c) {
      this.pos++;
      items.push(this.parseCat());
    }
    this.depth--;
    return items.length === 1 ? items[0] : { k: 'alt', items };
  }

  private parseCat(): ReNode {
    const items: ReNode[] = [];
    while (this.pos < this.src.length && this.peek() !== 0x7c && this.peek() !== 0x29) items.push(this.parseQuantified());
    return items.length === 1 ? items[0] : { k: 'cat', items };
  }

  private parseQuantified(): ReNode {
    const atom = this.parseAtom();
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === 0x2a) {
      min = 0;
      max = -1;
      this.pos++;
    } else if (c === 0x2b) {
      min = 1;
      max = -1;
      this.pos++;
    } else if (c === 0x3f) {
      min = 0;
      max = 1;
      this.pos++;
    } else if (c === 0x7b) {
      [min, max] = this.parseBraces();
    } else {
      return atom;
    }
    const after = this.peek();
    if (after === 0x3f) this.fail('lazy quantifiers are not supported', true);
    if (after === 0x2b) this.fail('possessive quantifiers are not supported', true);
    if (after === 0x2a || after === 0x7b) this.fail('a quantifier cannot follow a quantifier', true);
    if (atom.k === 'assert') this.fail('an anchor cannot be repeated');
    if (atom.k === 'group' && hasUnboundedRepeat(atom.node)) {
      this.fail('a quantifier over a group that contains an unbounded quantifier, such as (a+)+, is refused as unsafe', true);
    }
    return { k: 'rep', node: atom, min, max };
  }

  private parseBraces(): [number, number] {
    const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.src.slice(this.pos, this.pos + 12));
    if (!m) this.fail("'{' must start a quantifier {m}, {m,} or {m,n}; escape it as \\{ for a literal brace");
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    if (min > MAX_REPEAT || max > MAX_REPEAT) this.fail(`repetition counts above ${MAX_REPEAT} are refused`, true);
    if (max !== -1 && max < min) this.fail('a quantifier {m,n} needs m <= n');
    this.pos += m[0].length;
    return [min, max];
  }

  private parseAtom(): ReNode {
    const c = this.peek();
    switch (c) {
      case 0x28: {
        this.pos++;
        if (this.peek() === 0x3f) {
          if (this.src.charCodeAt(this.pos + 1) !== 0x3a) {
            const kind = this.src.slice(this.pos, this.pos + 3);
            if (kind.startsWith('?=') || kind.startsWith('?!') || kind === '?<=' || kind === '?<!') this.fail('lookaround is not supported', true);
            if (kind.startsWith('?<')) this.fail('named groups are not supported; use (?:...)');
            this.fail('inline flags and other (? forms are not supported; use caseInsensitive');
          }
          this.pos += 2;
        }
        const node = this.parseAlt();
        if (this.peek() !== 0x29) this.fail("missing ')'");
        this.pos++;
        return { k: 'group', node };
      }
      case 0x29:
        return this.fail("unbalanced ')'");
      case 0x5b:
        return this.parseClass();
      case 0x2e:
        this.pos++;
        return { k: 'class', ranges: LINE_BREAKS, negate: true };
      case 0x5e:
        this.pos++;
        return { k: 'assert', a: 'bol' };
      case 0x24:
        this.pos++;
        return { k: 'assert', a: 'eol' };
      case 0x2a:
      case 0x2b:
      case 0x3f:
      case 0x7b:
        return this.fail('nothing to repeat');
      case 0x5c:
        return this.parseEscape(false);
      default:
        this.pos++;
        return { k: 'class', ranges: [c, c], negate: false };
    }
  }

  /** After `\`: returns a class or an assertion. Inside a class, assertions are refused. */
  private parseEscape(inClass: boolean): ReNode & { k: 'class' | 'assert' } {
    this.pos++;
    const c = this.peek();
    if (c < 0) this.fail('pattern ends with a lone backslash');
    this.pos++;
    const ch = String.fromCharCode(c);
    switch (ch) {
      case 'd':
        return { k: 'class', ranges: DIGIT, negate: false };
      case 'D':
        return { k: 'class', ranges: DIGIT, negate: true };
      case 'w':
        return { k: 'class', ranges: WORD, negate: false };
      case 'W':
        return { k: 'class', ranges: WORD, negate: true };
      case 's':
        return { k: 'class', ranges: SPACE, negate: false };
      case 'S':
        return { k: 'class', ranges: SPACE, negate: true };
      case 'b':
        if (inClass) return { k: 'class', ranges: [8, 8], negate: false };
        return { k: 'assert', a: 'word' };
      case 'B':
        if (inClass) this.fail('\\B is not allowed in a class');
        return { k: 'assert', a: 'notword' };
      case 'n':
        return lit(0x0a);
      case 'r':
        return lit(0x0d);
      case 't':
        return lit(0x09);
      case 'f':
        return lit(0x0c);
      case 'v':
        return lit(0x0b);
      case '0':
        if (/[0-9]/.test(this.src[this.pos] ?? '')) this.fail('octal escapes are not supported');
        return lit(0);
      case 'x': {
        const m = /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.pos, this.pos + 2));
        if (!m) this.fail('\\x needs two hex digits');
        this.pos += 2;
        return lit(parseInt(m[0], 16));
      }
      case 'u': {
        const m = /^[0-9A-Fa-f]{4}/.exec(this.src.slice(this.pos, this.pos + 4));
        if (!m) this.fail('\\u needs four hex digits');
        this.pos += 4;
        return lit(parseInt(m[0], 16));
      }
      case 'k':
        return this.fail('backreferences are not supported', true);
      case 'p':
      case 'P':
        return this.fail('Unicode property escapes are not supported');
      case 'c':
        return this.fail('control escapes \\c are not supported');
      default:
        if (c >= 0x31 && c <= 0x39) return this.fail('backreferences are not supported', true);
        if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return this.fail(`unknown escape \\${ch}`);
        return lit(c);
    }
  }

  private parseClass(): ReNode {
    this.pos++;
    let negate = false;
    if (this.peek() === 0x5e) {
      negate = true;
      this.pos++;
    }
    const ranges: number[] = [];
    while (this.pos < this.src.length && this.peek() !== 0x5d) {
      const lo = this.classAtom();
      if (lo.length === 2 && lo[0] === lo[1] && this.peek() === 0x2d && this.src.charCodeAt(this.pos + 1) !== 0x5d && this.pos + 1 < this.src.length) {
        this.pos++;
        const hi = this.classAtom();
        if (hi.length !== 2 || hi[0] !== hi[1]) this.fail('a range must end with a single character');
        if (hi[0] < lo[0]) this.fail('a range is out of order');
        ranges.push(lo[0], hi[0]);
      } else {
        ranges.push(...lo);
      }
    }
    if (this.peek() !== 0x5d) this.fail("missing ']'");
    if (ranges.length === 0) this.fail('empty class []');
    this.pos++;
    return { k: 'class', ranges: normalizeRanges(ranges), negate };
  }

  /** One class member as ranges. */
  private classAtom(): number[] {
    const c = this.peek();
    if (c === 0x5c) {
      const e = this.parseEscape(true);
      if (e.k !== 'class') return this.fail('anchors are not allowed in a class');
      return e.negate ? complement(normalizeRanges(e.ranges)) : [...e.ranges];
    }
    if (c === 0x5b && this.src.charCodeAt(this.pos + 1) === 0x3a) this.fail('POSIX classes such as [:alpha:] are not supported');
    this.pos++;
    return [c, c];
  }
}

function lit(c: number): ReNode & { k: 'class' } {
  return { k: 'class', ranges: [c, c], negate: false };
}

export function hasUnboundedRepeat(node: ReNode): boolean {
  switch (node.k) {
    case 'rep':
      return node.max === -1 || hasUnboundedRepeat(node.node);
    case 'cat':
    case 'alt':
      return node.items.some(hasUnboundedRepeat);
    case 'group':
      return hasUnboundedRepeat(node.node);
    default:
      return false;
  }
}

export function nullable(node: ReNode): boolean {
  switch (node.k) {
    case 'class':
      return false;
    case 'assert':
      return true;
    case 'cat':
      return node.items.every(nullable);
    case 'alt':
      return node.items.some(nullable);
    case 'rep':
      return node.min === 0 || nullable(node.node);
    case 'group':
      return nullable(node.node);
  }
}

/** Longest possible match, or Infinity. */
export function maxLength(node: ReNode): number {
  switch (node.k) {
    case 'class':
      return 1;
    case 'assert':
      return 0;
    case 'cat':
      return node.items.reduce((a, n) => a + maxLength(n), 0);
    case 'alt':
      return Math.max(...node.items.map(maxLength));
    case 'rep':
      return node.max === -1 ? Infinity : node.max * maxLength(node.node);
    case 'group':
      return maxLength(node.node);
  }
}

export function parsePattern(src: string, where: string): ReNode {
  if (typeof src !== 'string' || src.length === 0) throw new PiiConfigError('InvalidCustomPattern', `${where}: pattern must be a non-empty string.`);
  if (src.length > MAX_PATTERN_LENGTH) throw new PiiConfigError('InvalidCustomPattern', `${where}: pattern is longer than ${MAX_PATTERN_LENGTH} characters.`);
  const node = new Parser(src, where).parse();
  if (nullable(node)) throw new PiiConfigError('InvalidCustomPattern', `${where}: pattern matches the empty string.`);
  return node;
}
