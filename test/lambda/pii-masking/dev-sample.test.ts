/**
 * The shared labeled sample as a fixture: quality floors per type, set a
 * margin below what the masker reaches, so a regression fails the build.
 */
import { join } from 'node:path';
import { maskPii } from '../../../lambda/pii-masking';
import { evaluate, loadJsonl } from '../../../bench/pii/evaluate';

const report = evaluate(loadJsonl(join(__dirname, 'fixtures', 'pii-dev.jsonl')), (text) => maskPii(text).findings);

describe('labeled dev sample', () => {
  it.each([
    ['EMAIL', 0.98],
    ['PHONE', 0.97],
    ['CREDIT_CARD', 0.98],
    ['US_SSN', 0.97],
    ['IBAN', 0.98],
    ['IP_ADDRESS', 0.97],
    ['AWS_ACCESS_KEY', 0.95],
    ['API_SECRET', 0.95],
    ['DATE_OF_BIRTH', 0.95],
    ['US_PASSPORT', 0.95],
    ['PERSON', 0.95],
    ['STREET_ADDRESS', 0.93],
  ])('keeps exact-span F1 of %s at or above %d', (type, floor) => {
    expect(report.exact[type].f1).toBeGreaterThanOrEqual(floor);
  });

  it('masks at most 1 % of the look-alikes', () => {
    expect(report.negatives.masked / report.negatives.total).toBeLessThanOrEqual(0.01);
  });
});
