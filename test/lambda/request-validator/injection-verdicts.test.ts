import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verdictCorpus, verdictOf, type Verdict } from './verdict-corpus';

// Recorded by bench/injection/record-verdicts.ts; speed work on the guard must leave every entry as it is.
const PINNED = new Map(
  JSON.parse(readFileSync(join(__dirname, 'fixtures/injection-verdicts.json'), 'utf8')) as Array<[string, Verdict]>,
);

describe('detectPromptInjection verdicts are pinned', () => {
  const corpus = verdictCorpus();

  it('covers every input of the corpus, and nothing else', () => {
    expect(corpus.map(([key]) => key).sort()).toEqual([...PINNED.keys()].sort());
  });

  it('gives every input of the corpus its recorded flag, score and reasons', () => {
    const changed: Array<{ key: string; was: Verdict | undefined; now: Verdict }> = [];
    for (const [key, text] of corpus) {
      const now = verdictOf(text);
      const was = PINNED.get(key);
      if (JSON.stringify(now) !== JSON.stringify(was)) changed.push({ key, was, now });
    }
    expect(changed.slice(0, 20)).toEqual([]);
    expect(changed).toHaveLength(0);
  });
});
