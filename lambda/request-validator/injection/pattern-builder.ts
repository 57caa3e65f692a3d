import { foldCharacters, toWords } from './fold';

/**
 * A tiny pattern language over the `words` view of folded text (single
 * spaces between words, `. ! ?` and line breaks as boundaries). Lexicon
 * entries are written naturally (accents, capitals) and folded exactly as the
 * input is, so both sides always agree. A trailing `*` on a word matches any
 * ending: `instruction*`. An entry starting with `~` is a regex for one word,
 * used as written (`~[^ .!?\n]+@[^ .!?\n]+` for an e-mail address).
 */
export type Part =
  | { readonly kind: 'alt' | 'opt'; readonly phrases: readonly string[] }
  | { readonly kind: 'gap'; readonly max: number; readonly skip: readonly string[] }
  | { readonly kind: 'raw'; readonly source: string };

type Phrases = string | readonly string[];

const WORD_CHAR = '[^ .!?\\n]';

function flatten(items: readonly Phrases[]): string[] {
  return items.flatMap((p) => (typeof p === 'string' ? [p] : [...p]));
}

/** One of these phrases, required. */
export function alt(...phrases: Phrases[]): Part {
  return { kind: 'alt', phrases: flatten(phrases) };
}

/** One of these phrases, or nothing. */
export function opt(...phrases: Phrases[]): Part {
  return { kind: 'opt', phrases: flatten(phrases) };
}

/** Up to `max` words of anything in between, never one of `skip` (used to spare "my instructions"). */
export function gap(max: number, skip: readonly string[] = []): Part {
  return { kind: 'gap', max, skip };
}

/** A lookahead written by hand, allowed only as the last part. */
export function raw(source: string): Part {
  return { kind: 'raw', source };
}

/** The phrase ends a clause or hands over to a new command: "ignore the above and ...", not "ignore the above error". */
export const CLAUSE_ENDS = raw(
  '(?=$|[.!?\\n]| (?:and|then|instead|now|but|just|only|simply|rather|you|please|say|print|write|output|respond|reply|answer|tell|start|begin|do|follow|from|y|et|und|e|и)(?![^ .!?\\n]))',
);

function escape(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

const folded = new Map<string, string>();
// Lower-case ASCII words with single spaces fold to themselves; most entries are written so, and skip the Unicode work.
const ALREADY_FOLDED = /^[a-z0-9]+(?: [a-z0-9]+)*\*?$/;

/** A lexicon entry in folded form: `Instrucción*` → `instruccion*`. Memoized: lexicons repeat entries across rules. */
export function foldPhrase(phrase: string): string {
  if (ALREADY_FOLDED.test(phrase)) return phrase;
  let result = folded.get(phrase);
  if (result === undefined) {
    const star = phrase.endsWith('*');
    const body = toWords(foldCharacters(star ? phrase.slice(0, -1) : phrase)).trim();
    result = star ? `${body}*` : body;
    folded.set(phrase, result);
  }
  return result;
}

function phraseSource(phrase: string): string {
  if (phrase.startsWith('~')) return phrase.slice(1);
  return foldPhrase(phrase)
    .split(' ')
    .map((w) => (w.endsWith('*') ? `${escape(w.slice(0, -1))}${WORD_CHAR}*` : escape(w)))
    .join(' ');
}

function altSource(phrases: readonly string[]): string {
  const sources = [...new Set(phrases.map(phraseSource))].sort((a, b) => b.length - a.length);
  return `(?:${sources.join('|')})(?!${WORD_CHAR})`;
}

function gapSource(max: number, skip: readonly string[]): string {
  const guard = skip.length > 0 ? `(?!${altSource(skip)})` : '';
  return `(?:${guard}${WORD_CHAR}+ ){0,${max}}?`;
}

/**
 * A plain alternation of folded phrases, for rules over scripts written
 * without spaces (Chinese, Japanese) where word anchors do not apply.
 */
export function group(...phrases: Phrases[]): string {
  const sources = [...new Set(flatten(phrases).map((p) => escape(foldPhrase(p))))].sort((a, b) => b.length - a.length);
  return `(?:${sources.join('|')})`;
}

/** Regex source for a sequence of parts, to be matched starting at a word, optionally not right after `notAfter`. */
export function sequenceSource(parts: readonly Part[], notAfter: readonly string[] = [], after: readonly string[] = []): string {
  let src = notAfter.length > 0 ? `(?<!(?:^|[ .!?\\n])${altSource(notAfter)} )` : '';
  if (after.length > 0) src += `(?<=(?:^|[ .!?\\n])${altSource(after)} )`;
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (part.kind === 'raw') {
      if (!last) throw new Error('a raw part must come last');
      src = src.replace(/ $/, '') + part.source;
    } else if (part.kind === 'gap') {
      if (last) throw new Error('a pattern cannot end with a gap');
      src += gapSource(part.max, part.skip);
    } else if (part.kind === 'opt') {
      src = last ? `${src.replace(/ $/, '')}(?: ${altSource(part.phrases)})?` : `${src}(?:${altSource(part.phrases)} )?`;
    } else {
      src += altSource(part.phrases) + (last ? '' : ' ');
    }
  });
  return src;
}

/**
 * The words a match can start with: exact words, prefixes for `word*`
 * entries, and word pairs for phrases whose first word is too common to be
 * worth trying a regex at ("the user" is anchored on "the user", not "the").
 */
export function anchorsOf(first: Part, common: ReadonlySet<string>): { exact: string[]; prefixes: string[]; pairs: string[] } {
  if (first.kind !== 'alt') throw new Error('a pattern must start with a required phrase');
  const exact: string[] = [];
  const prefixes: string[] = [];
  const pairs: string[] = [];
  for (const phrase of first.phrases) {
    if (phrase.startsWith('~')) throw new Error('a pattern cannot start with a raw word');
    const words = foldPhrase(phrase).split(' ');
    const head = words[0];
    if (head.endsWith('*')) prefixes.push(head.slice(0, -1));
    else if (common.has(head) && words.length > 1 && !words[1].endsWith('*')) pairs.push(`${head} ${words[1]}`);
    else exact.push(head);
  }
  return { exact, prefixes, pairs };
}
