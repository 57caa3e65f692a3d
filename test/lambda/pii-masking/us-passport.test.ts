import { foundOf } from './helpers';

describe('US_PASSPORT', () => {
  it.each([
    ['passport number: C44036384;', 'C44036384'],
    ['PASSPORT NO.: 206740525\n', '206740525'],
    ['passport_no: M69604599', 'M69604599'],
    ['"passport":"R92926260"', 'R92926260'],
    ['Reisepass 549387436.', '549387436'],
  ])('finds the passport in %s', (text, expected) => {
    expect(foundOf('US_PASSPORT', text)).toEqual([expected]);
  });

  it('rejects passport-shaped values without a passport cue', () => {
    expect(foundOf('US_PASSPORT', 'batch C44036384 and row 206740525')).toEqual([]);
  });
});
