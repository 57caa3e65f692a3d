/**
 * Records the guard's verdict on every input of the verdict corpus into
 * test/lambda/request-validator/fixtures/injection-verdicts.json, which the
 * test suite then enforces. Re-record only when a verdict is meant to change:
 * `npx tsx bench/injection/record-verdicts.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verdictCorpus, verdictOf } from '../../test/lambda/request-validator/verdict-corpus';

const out = join(__dirname, '../../test/lambda/request-validator/fixtures/injection-verdicts.json');
const lines = verdictCorpus().map(([key, text]) => JSON.stringify([key, verdictOf(text)]));
writeFileSync(out, `[\n${lines.join(',\n')}\n]\n`);
console.log(`${lines.length} verdicts written to ${out}`);
