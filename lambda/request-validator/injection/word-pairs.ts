/**
 * Maps keyed by a two-word string ("ignore previous"), regrouped by first word
 * and then second word, so that a pair of tokens is looked up without
 * building a key string per token. Each source map is regrouped once, on the
 * first lookup.
 */
export class WordPairIndex<T> {
  private readonly grouped = new WeakMap<ReadonlyMap<string, T>, ReadonlyMap<string, ReadonlyMap<string, T>>>();

  /** The entries of `pairs` whose first word is `word`, by their second word. */
  public after(pairs: ReadonlyMap<string, T>, word: string): ReadonlyMap<string, T> | undefined {
    let byFirst = this.grouped.get(pairs);
    if (!byFirst) {
      const built = new Map<string, Map<string, T>>();
      for (const [key, value] of pairs) {
        const [first, second] = key.split(' ');
        let after = built.get(first);
        if (!after) built.set(first, (after = new Map()));
        after.set(second, value);
      }
      this.grouped.set(pairs, (byFirst = built));
    }
    return byFirst.get(word);
  }
}
