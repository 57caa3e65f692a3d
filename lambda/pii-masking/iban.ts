/**
 * IBANs of every country in the SWIFT IBAN registry: the country code fixes the
 * length, the ISO 7064 mod-97 check confirms it. Written compact
 * (`DE89370400440532013000`) or in groups of four (`DE89 3704 0044 0532 0130 00`).
 */
import { isAsciiAlnum, isAsciiUpper, isDigit } from './char-class';
import { ibanMod97Valid } from './checksums';
import type { ScanState } from './scan-state';

/** IBAN length per country (SWIFT IBAN registry). */
const IBAN_LENGTH: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22,
  GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30,
  KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20,
  MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22,
  RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/**
 * The same lengths indexed by the two capitals' codes, so the hot path asks a typed array instead of an object
 * keyed by a sliced string (whose property lookup speed depends on the process's string-hash seed).
 */
const LENGTH_BY_CODE = new Uint8Array(26 * 26);
for (const [code, length] of Object.entries(IBAN_LENGTH)) LENGTH_BY_CODE[(code.charCodeAt(0) - 0x41) * 26 + code.charCodeAt(1) - 0x41] = length;

function isIbanChar(c: number): boolean {
  return isAsciiUpper(c) || isDigit(c);
}

/** At `start`: two capitals and two digits. Returns the end of a valid IBAN or -1. */
export function readIban(s: string, start: number): number {
  const c0 = s.charCodeAt(start) - 0x41;
  const c1 = s.charCodeAt(start + 1) - 0x41;
  if (!(c0 >= 0 && c0 < 26 && c1 >= 0 && c1 < 26)) return -1;
  const expected = LENGTH_BY_CODE[c0 * 26 + c1];
  if (expected === 0) return -1;
  if (!isDigit(s.charCodeAt(start + 2)) || !isDigit(s.charCodeAt(start + 3))) return -1;
  const n = s.length;
  let chars = s.slice(start, start + 4);
  let i = start + 4;
  const grouped = s.charCodeAt(i) === 0x20;
  let inGroup = 4;
  while (chars.length < expected && i < n) {
    const c = s.charCodeAt(i);
    if (grouped && c === 0x20) {
      if (inGroup !== 4 || !isIbanChar(s.charCodeAt(i + 1))) return -1;
      inGroup = 0;
      i++;
      continue;
    }
    if (!isIbanChar(c)) return -1;
    if (grouped && inGroup === 4) return -1;
    chars += s[i];
    inGroup++;
    i++;
  }
  if (chars.length !== expected) return -1;
  if (i < n && (isAsciiAlnum(s.charCodeAt(i)) || s.charCodeAt(i) === 0x5f)) return -1;
  return ibanMod97Valid(chars) ? i : -1;
}

export function tryIban(st: ScanState, start: number): number {
  const end = readIban(st.s, start);
  if (end < 0) return -1;
  return st.emit('IBAN', start, end) ? end : -1;
}
