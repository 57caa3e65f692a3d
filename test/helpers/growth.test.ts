import { growth, GROWTH_BOUND, repeatTo, timeRatio } from './growth';

/** Compares every pair of characters: four times the work for twice the input. */
function quadratic(text: string): number {
  let equal = 0;
  for (let i = 0; i < text.length; i++) {
    for (let j = 0; j < text.length; j++) if (text.charCodeAt(i) === text.charCodeAt(j)) equal++;
  }
  return equal;
}

function linear(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
  return sum;
}

describe('the growth harness', () => {
  test('flags a quadratic function', () => {
    expect(growth((n) => repeatTo('ab', n), quadratic, 3_000)).toBeGreaterThanOrEqual(GROWTH_BOUND);
  });

  test('passes a linear one', () => {
    expect(growth((n) => repeatTo('ab', n), linear, 50_000)).toBeLessThan(GROWTH_BOUND);
  });

  test('compares two functions on the same input', () => {
    const text = repeatTo('ab', 1_000);
    expect(timeRatio(() => quadratic(text), () => linear(text), { below: 10 })).toBeGreaterThan(10);
  });
});
