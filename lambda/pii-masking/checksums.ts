/** Check digits that separate real identifiers from numbers that merely look like them. */

/** Luhn (mod 10) over the digits of `s` between `start` and `end`, skipping non-digits. */
export function luhnValid(s: string, start: number, end: number): boolean {
  let sum = 0;
  let double = false;
  let count = 0;
  for (let i = end - 1; i >= start; i--) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) continue;
    let d = c - 0x30;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
    count++;
  }
  return count > 0 && sum % 10 === 0;
}

/**
 * ISO 13616 check: move the first four characters to the end, read letters as
 * 10..35 and take the number mod 97; a valid IBAN leaves 1. `chars` holds the
 * IBAN without separators.
 */
export function ibanMod97Valid(chars: string): boolean {
  const n = chars.length;
  let rem = 0;
  for (let k = 0; k < n; k++) {
    const c = chars.charCodeAt((k + 4) % n);
    if (c >= 0x30 && c <= 0x39) {
      rem = (rem * 10 + (c - 0x30)) % 97;
    } else {
      const u = c & ~0x20;
      if (u < 0x41 || u > 0x5a) return false;
      rem = (rem * 100 + (u - 0x41 + 10)) % 97;
    }
  }
  return rem === 1;
}
