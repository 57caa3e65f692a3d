import fc from 'fast-check';
import { toWords } from '../../../lambda/request-validator/injection/fold';

// The words view of ASCII text, by its definition: every run of separators becomes one space.
const bySpec = (text: string) => text.replace(/[^a-z0-9A-Z@$.!?\n]+/g, ' ');

describe('toWords on ASCII text', () => {
  it('turns every run of separators into one space', () => {
    const unit = fc.constantFrom('a', 'Z', '7', ' ', ' ', ',', '-', '\t', '\n', '.', '!', '@', '$', '"', '(', '\r');
    fc.assert(fc.property(fc.array(unit, { maxLength: 40 }).map((units) => units.join('')), (text) => toWords(text) === bySpec(text)), { numRuns: 5000 });
  });
});
