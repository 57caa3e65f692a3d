/**
 * Plausibility rules for telephone numbers: ITU country calling codes and the
 * North American Numbering Plan. Kept apart from the digit-group matcher so
 * the rules can be read and tested on their own.
 */

const TWO_DIGIT_CODES = new Set([
  20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61,
  62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
]);

function threeDigitCode(c: number): boolean {
  if (c >= 211 && c <= 218) return true;
  if (c >= 220 && c <= 269) return c !== 259;
  if (c >= 290 && c <= 299) return true;
  const h = Math.floor(c / 10);
  return (
    h === 35 || h === 37 || h === 38 || h === 42 || h === 50 || h === 59 || h === 67 || h === 68 || h === 69 ||
    c === 800 || c === 808 || h === 85 || h === 87 || h === 88 || h === 96 || h === 97 || h === 99
  );
}

/**
 * Length of the country calling code at the start of `digits` (1-3), or 0 when
 * no assigned code matches.
 */
export function callingCodeLength(digits: string): number {
  const d1 = digits.charCodeAt(0) - 0x30;
  if (d1 === 1 || d1 === 7) return 1;
  if (digits.length >= 2 && TWO_DIGIT_CODES.has(d1 * 10 + (digits.charCodeAt(1) - 0x30))) return 2;
  if (digits.length >= 3 && threeDigitCode(Number(digits.slice(0, 3)))) return 3;
  return 0;
}
