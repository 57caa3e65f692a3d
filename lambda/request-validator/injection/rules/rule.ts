import type { Part } from '../pattern-builder';
import type { Reason } from '../reasons';

/**
 * A rule over the `words` view, tried only where one of its first words
 * occurs (see matcher.ts), so the cost follows the number of candidate
 * words, not the number of rules times the text length.
 */
export interface WordRule {
  readonly reason: Reason;
  readonly weight: number;
  readonly parts: readonly Part[];
  /** Words that may not come right before the match ("our old instructions" is the speaker's own). */
  readonly notAfter?: readonly string[];
  /** Words one of which must come right before the match; lets a rule start at a rarer word than "the". */
  readonly after?: readonly string[];
}

/** A rule that needs punctuation or a script without spaces: one bounded regex over a whole view. */
export interface TextRule {
  readonly reason: Reason;
  readonly weight: number;
  /** `lower`: folded with punctuation; `words`: separators as spaces; `visible`: case kept. */
  readonly view: 'lower' | 'words' | 'visible';
  /** Cheap gate: the rule runs only when the view contains one of these strings. */
  readonly needles?: readonly string[];
  /** Cheaper gate: the rule runs only when one of these is a word of the text (folded, as in the `words` view). */
  readonly words?: readonly string[];
  /** Cheap gate: the rule runs only when the view contains this script. */
  readonly script?: RegExp;
  /** Searched in the view; with `accept`, it must have the `g` flag and each match is offered in turn. */
  readonly pattern: RegExp;
  /** A second pattern that must also be found somewhere in the view. */
  readonly also?: RegExp;
  /** A check on the matched text and where it sits, for conditions a bounded regex cannot state. */
  readonly accept?: (match: string, text: string, at: number) => boolean;
}

export function rule(reason: Reason, weight: number, ...parts: Part[]): WordRule {
  return { reason, weight, parts };
}

/** The speaker's possessives, in the languages we cover. */
export const SPEAKER_POSSESSIVES: readonly string[] = [
  'my', 'our', 'mis', 'mi', 'nuestras', 'nuestros', 'mes', 'ma', 'mon', 'nos', 'notre', 'meine', 'meinen', 'mein', 'unsere',
  'minhas', 'meus', 'minha', 'meu', 'nossas', 'mie', 'miei', 'mia', 'mio', 'nostre', 'мои', 'моих', 'наши',
];
