/**
 * Growth tests: doubling the input must not much more than double the time.
 * They assert ratios (never absolute times) of per-call times measured over
 * batches long enough to rise above timer noise, best of three, with a
 * generous bound so a busy machine does not make them flaky.
 */
import { maskPii, type MaskOptions } from '../../../lambda/pii-masking';

/** Milliseconds per call: the call is repeated until a batch lasts at least 10 ms; best of three batches. */
function perCallMs(fn: () => void): number {
  fn();
  fn();
  let reps = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms >= 10 || reps >= 1024) break;
    reps *= 2;
  }
  let best = Infinity;
  for (let b = 0; b < 3; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6 / reps);
  }
  return best;
}

function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** The smallest of up to five measured ratios: noise only ever raises a ratio, a superlinear cost raises them all. */
function growth(unit: string, size: number, options?: MaskOptions): number {
  const small = repeatTo(unit, size);
  const large = repeatTo(unit, 2 * size);
  let best = Infinity;
  for (let trial = 0; trial < 5 && best >= 2.5; trial++) {
    best = Math.min(best, perCallMs(() => maskPii(large, options)) / perCallMs(() => maskPii(small, options)));
  }
  return best;
}

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
    let best = Infinity;
    for (let trial = 0; trial < 3 && best >= 30; trial++) best = Math.min(best, perCallMs(() => maskPii(input)) / perCallMs(() => maskPii(clean)));
    expect(best).toBeLessThan(40);
  });

  it.each(SHAPES)('keeps 2x input under 3x time for %s', (_name, unit) => {
    expect(growth(unit, 20_000)).toBeLessThan(3);
  });

  it('keeps 2x input under 3x time for a custom pattern with long partial matches', () => {
    expect(growth('a', 4_000, { types: [], customPatterns: [{ name: 'LONG', pattern: 'a{1,20}b|a' }] })).toBeLessThan(3);
  });
});
