/**
 * Words of the `words` view with their offsets and sentence numbers. Both
 * matchers walk this list, so the text is split once per view.
 */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly sentence: number;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;

function isPunctuation(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f;
}

/**
 * Splits at spaces and at `. ! ?`; a sentence ends at a line break or at
 * punctuation followed by a space or the end, so "example.com" or "p?q=1"
 * split into words without splitting the sentence.
 */
export function tokenize(words: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let i = 0;
  while (i < words.length) {
    const c = words.charCodeAt(i);
    if (c === SPACE) {
      i++;
      continue;
    }
    if (c === NEWLINE) {
      sentence++;
      i++;
      continue;
    }
    if (isPunctuation(c)) {
      const next = words.charCodeAt(i + 1);
      if (Number.isNaN(next) || next === SPACE || next === NEWLINE) sentence++;
      i++;
      continue;
    }
    const start = i;
    while (i < words.length) {
      const d = words.charCodeAt(i);
      if (d === SPACE || d === NEWLINE || isPunctuation(d)) break;
      i++;
    }
    tokens.push({ text: words.slice(start, i), start, sentence });
  }
  return tokens;
}
