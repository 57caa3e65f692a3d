import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A labeled prompt from test/fixtures/injection (see the README there for how each set was made). */
export interface LabeledPrompt {
  readonly id: string;
  readonly label: 'attack' | 'benign';
  readonly category: string;
  readonly lang: string;
  readonly text: string;
}

const DIR = join(__dirname, '../../test/fixtures/injection');

export const SETS = ['labeled.jsonl', 'later-rounds.jsonl', 'holdout.jsonl', 'round7.jsonl', 'round8.jsonl'] as const;

/** Business text carrying personal data: benign prompts, and injections hidden in the same kind of text. */
export const PII_SETS = ['pii-business.jsonl', 'pii-embedded-attacks.jsonl'] as const;

export function loadSet(file: string): LabeledPrompt[] {
  return readFileSync(join(DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabeledPrompt);
}
