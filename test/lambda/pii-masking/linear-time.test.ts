// Growth tests: doubling the input must not much more than double the time (see test/helpers/growth.ts).
import { maskPii, type MaskOptions } from '../../../lambda/pii-masking';
import { growth, GROWTH_BOUND, repeatTo, timeRatio } from '../../helpers/growth';

const maskGrowth = (unit: string, size: number, options?: MaskOptions) => growth((n) => repeatTo(unit, n), (text) => maskPii(text, options), size);

const SHAPES: Array<[string, string]> = [
  ['@ runs', '@'],
  ['digits', '1234567890'],
  ['a. runs', 'a.'],
  ['separators', '1-2 3.4/5:6(7)+8 '],
  ['base64', 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODkrLw=='],
  ['capitalised words', 'Ab Cd Ef. '],
  ['hex and colons', 'a1:'],
  ['e-mail fragments', 'a.b@c.d@'],
  ['prose with PII', 'Dear Jo Smith, mail jo@x.org or call +1 415 555 0123; card 4111 1111 1111 1111. '],
  ['CSV rows', 'id,full_name,dob\n7,Ann Lee,1990-01-02\n8,Bo Park,1985-03-04\n'],
  ['long lines with commas', `${'Ann Lee, Bo Park, 1990-01-02, '.repeat(40)}\n`],
];

const CLEAN_UNIT =
  'The quarterly report covers sales in three regions and the plan for next year. We expect growth in the second half, ' +
  'after the new warehouse opens in March. Please review the numbers before the meeting on Tuesday. ';

describe('linear time', () => {
  it.each(SHAPES)('keeps %s within 40x the time of clean prose of the same size', (_name, unit) => {
    const clean = repeatTo(CLEAN_UNIT, 20_000);
    const input = repeatTo(unit, 20_000);
    expect(timeRatio(() => maskPii(input), () => maskPii(clean), { below: 30 })).toBeLessThan(40);
  });

  it.each(SHAPES)('keeps 2x input under 3x time for %s', (_name, unit) => {
    expect(maskGrowth(unit, 20_000)).toBeLessThan(GROWTH_BOUND);
  });

  it('keeps 2x input under 3x time for a custom pattern with long partial matches', () => {
    expect(maskGrowth('a', 4_000, { types: [], customPatterns: [{ name: 'LONG', pattern: 'a{1,20}b|a' }] })).toBeLessThan(GROWTH_BOUND);
  });
});
