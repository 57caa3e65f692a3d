import fc from 'fast-check';
import { despacedView } from '../../../lambda/request-validator/injection/views';

// The spaced-letters reading by its definition: two or more gap marks (or one `|` or `/`) break words, single marks join letters.
const NON_ASCII_LETTERS = String.raw`\u00c0-\u024f\u0400-\u04ff`;
const SPACED_RUN = new RegExp(
  String.raw`(?<![a-z0-9${NON_ASCII_LETTERS}])[a-z${NON_ASCII_LETTERS}]`
    + String.raw`(?:[ ._*\-|/\\,~+:]{1,3}[a-z${NON_ASCII_LETTERS}]){4,}(?![a-z0-9${NON_ASCII_LETTERS}])`,
  'g',
);
const joined = (run: string) => run.replace(/[ ._*\-\\,~+:]{2,}|[|/]/g, '\u0001').replace(/[ ._*\-\\,~+:]/g, '').split('\u0001').join(' ');

function bySpec(lower: string): { lower: string; runs: string[] } {
  const runs: string[] = [];
  const text = lower.replace(SPACED_RUN, (run) => {
    const words = joined(run);
    runs.push(words.replace(/ /g, ''));
    return words;
  });
  return { lower: text, runs };
}

describe('despacedView', () => {
  it('joins letters across single gap marks and breaks words at wider gaps', () => {
    const unit = fc.constantFrom('a', 'b', 'é', 'я', 'x', '1', ' ', ' ', '.', '_', '*', '-', '|', '/', '\\', ',', '~', '+', ':', '\n');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }).map((units) => units.join('')), (text) => {
        expect(despacedView(text)).toEqual(bySpec(text));
      }),
      { numRuns: 5000 },
    );
  });
});
