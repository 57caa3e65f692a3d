/**
 * A linear scan of JSON text for nesting depth, key count and repeated keys,
 * done before JSON.parse: a 100,000-deep `[[[[...` is refused here in a few
 * microseconds and never reaches a recursive parser or validator.
 */
export type StructureProblem = 'depth' | 'keys' | 'duplicateKey';

export interface StructureLimits {
  readonly maxDepth: number;
  readonly maxKeys: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

function keyText(raw: string): string | undefined {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}

/**
 * The first limit the text breaks, or null. Malformed JSON is not this
 * function's concern: it returns null and leaves the verdict to JSON.parse.
 * Repeated keys are refused because parsers disagree on which value wins,
 * and another layer in front of us may have checked the other one.
 */
export function inspectJsonStructure(text: string, limits: StructureLimits): StructureProblem | null {
  // One entry per open container: the keys seen so far for objects, null for arrays.
  const open: Array<Set<string> | null> = [];
  let keys = 0;
  let lastStringStart = -1;
  let lastStringEnd = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i + 1;
      i++;
      while (i < text.length) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i += 2;
        else if (s === QUOTE) break;
        else i++;
      }
      lastStringStart = start;
      lastStringEnd = i;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (open.length >= limits.maxDepth) return 'depth';
      open.push(c === OPEN_OBJECT ? new Set<string>() : null);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      open.pop();
    } else if (c === COLON) {
      if (++keys > limits.maxKeys) return 'keys';
      const seen = open[open.length - 1];
      if (!seen || lastStringStart < 0) continue;
      const key = keyText(text.slice(lastStringStart, lastStringEnd));
      if (key === undefined) continue;
      if (seen.has(key)) return 'duplicateKey';
      seen.add(key);
    }
  }
  return null;
}
