import { foldPhrase } from '../../../lambda/request-validator/injection/pattern-builder';
import * as businessTopics from '../../../lambda/request-validator/injection/vocabulary/business-topics';
import { CONCEPT_VOCABULARY } from '../../../lambda/request-validator/injection/vocabulary/concepts';
import * as everydayData from '../../../lambda/request-validator/injection/vocabulary/everyday-data';
import * as exfiltration from '../../../lambda/request-validator/injection/vocabulary/exfiltration';
import * as humanAgents from '../../../lambda/request-validator/injection/vocabulary/human-agents';
import { INTENT_VOCABULARY } from '../../../lambda/request-validator/injection/vocabulary/intent';
import * as override from '../../../lambda/request-validator/injection/vocabulary/override';

/** Entries that fold to the same phrase more than once in one list: a second copy is dead weight or a typo for another word. */
function duplicates(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const entry of list) {
    const key = entry.startsWith('~') ? entry : foldPhrase(entry);
    if (seen.has(key)) twice.push(entry);
    seen.add(key);
  }
  return twice;
}

const lists = (module: object): Array<[string, readonly string[]]> =>
  Object.entries(module).filter((e): e is [string, readonly string[]] => Array.isArray(e[1]) && e[1].every((x) => typeof x === 'string'));

describe('the injection guard vocabulary', () => {
  it('has no phrase twice under one concept', () => {
    const byConcept = new Map<number, string[]>();
    for (const [ids, phrases] of CONCEPT_VOCABULARY) {
      for (const id of typeof ids === 'number' ? [ids] : ids) byConcept.set(id, [...(byConcept.get(id) ?? []), ...phrases]);
    }
    const found = [...byConcept].map(([id, phrases]) => ({ concept: id, twice: duplicates(phrases) })).filter((d) => d.twice.length > 0);
    expect(found).toEqual([]);
  });

  it('has no word twice in one intent class', () => {
    const byClass = new Map<number, string[]>();
    for (const [bits, words] of INTENT_VOCABULARY) byClass.set(bits, [...(byClass.get(bits) ?? []), ...words]);
    const found = [...byClass].map(([bits, words]) => ({ intent: bits, twice: duplicates(words) })).filter((d) => d.twice.length > 0);
    expect(found).toEqual([]);
  });

  it('has no phrase twice in one field of one language of the override lexicons', () => {
    const languages = Object.entries(override).filter(([, v]) => typeof v === 'object' && !Array.isArray(v)) as Array<[string, override.OverrideLexicon]>;
    expect(languages.length).toBe(override.OVERRIDE_LEXICONS.length);
    const found = languages.flatMap(([lang, lexicon]) =>
      Object.entries(lexicon).map(([field, phrases]) => ({ lang, field, twice: duplicates(phrases as string[]) })))
      .filter((d) => d.twice.length > 0);
    expect(found).toEqual([]);
  });

  it('has no phrase twice in one list of the other data modules', () => {
    const modules = { override, exfiltration, businessTopics, everydayData, humanAgents };
    const found = Object.entries(modules).flatMap(([module, m]) =>
      lists(m).map(([list, phrases]) => ({ module, list, twice: duplicates(phrases) }))).filter((d) => d.twice.length > 0);
    expect(found).toEqual([]);
  });

  it('finds a duplicate when there is one', () => {
    expect(duplicates(['Instrucción*', 'ignore', 'instruccion*'])).toEqual(['instruccion*']);
  });
});
