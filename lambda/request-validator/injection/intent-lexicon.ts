import { foldPhrase } from './pattern-builder';
import { INTENT_VOCABULARY } from './vocabulary/intent';

export { Intent } from './intent-classes';

export interface IntentLexicon {
  readonly words: ReadonlyMap<string, number>;
  /** Prefix entries grouped by their first two characters. */
  readonly prefixes: ReadonlyMap<string, ReadonlyArray<readonly [string, number]>>;
}

const PREFIX_KEY = 2;

export function buildIntentLexicon(): IntentLexicon {
  const words = new Map<string, number>();
  const prefixes = new Map<string, Array<[string, number]>>();
  for (const [bits, list] of INTENT_VOCABULARY) {
    for (const entry of list) {
      const folded = foldPhrase(entry);
      if (folded.endsWith('*')) {
        const p = folded.slice(0, -1);
        const group = prefixes.get(p.slice(0, PREFIX_KEY)) ?? [];
        group.push([p, bits]);
        prefixes.set(p.slice(0, PREFIX_KEY), group);
      } else {
        words.set(folded, (words.get(folded) ?? 0) | bits);
      }
    }
  }
  return { words, prefixes };
}

/** The classes of one folded word. */
export function classesOf(word: string, lexicon: IntentLexicon): number {
  let bits = lexicon.words.get(word) ?? 0;
  const group = lexicon.prefixes.get(word.slice(0, PREFIX_KEY));
  if (group) for (const [p, b] of group) if (word.length >= p.length && word.startsWith(p)) bits |= b;
  return bits;
}
