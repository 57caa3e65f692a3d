/**
 * The pieces of a postal address, each read forward from a position and
 * returning its end or -1: place words, cities, US ZIP and ZIP+4, European
 * and British postcodes, Indian PINs, Brazilian CEPs, units (`Suite 831`) and
 * house numbers (`33a`, `5/1`). street-address puts them together.
 */
import { foldCase, isAsciiUpper, isDigit, isLetter, isLowerLetter, isUpperLetter } from './char-class';
import { KW_PARTICLE, keywordFlags } from './keywords';
import { readNameWord } from './person';

const US_STATES = new Set(
  ('AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV '
    + 'WI WY DC PR GU VI AS MP AA AE AP').split(' '),
);
const BR_STATES = new Set('AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO'.split(' '));
const CA_PROVINCES = new Set('AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' '));
const AU_STATES = new Set('NSW VIC QLD SA WA TAS ACT NT'.split(' '));

/** `K1A 0B1`. */
function readCanadianPostcode(s: string, pos: number): number {
  const shape = 'ADA DAD';
  for (let k = 0; k < shape.length; k++) {
    const c = s.charCodeAt(pos + k);
    const want = shape.charCodeAt(k);
    if (want === 0x41 && !isAsciiUpper(c)) return -1;
    if (want === 0x44 && !isDigit(c)) return -1;
    if (want === 0x20 && c !== 0x20) return -1;
  }
  const end = pos + shape.length;
  return isLetter(s.charCodeAt(end)) || isDigit(s.charCodeAt(end)) ? -1 : end;
}

const DIRECTION_WORDS = ['North', 'South', 'East', 'West'];

/** `N`, `SW`, `North` ... at [start, end), compared in place: most numbers followed by a capital are not addresses. */
export function isDirection(s: string, start: number, end: number): boolean {
  const len = end - start;
  const c = s.charCodeAt(start);
  if (len === 1) return c === 0x4e || c === 0x53 || c === 0x45 || c === 0x57;
  if (len === 2) {
    const d = s.charCodeAt(start + 1);
    return (c === 0x4e || c === 0x53) && (d === 0x45 || d === 0x57);
  }
  for (const w of DIRECTION_WORDS) if (len === w.length && s.startsWith(w, start)) return true;
  return false;
}
export const UNIT_WORDS = new Set([
  'suite', 'ste', 'apt', 'apartment', 'unit', 'flat', 'floor', 'fl', 'room', 'rm', 'bldg', 'building', 'no', 'nr', 'lot', 'box',
]);

export function lowerWord(s: string, start: number, end: number): string {
  let w = '';
  for (let i = start; i < end; i++) w += String.fromCharCode(foldCase(s.charCodeAt(i)));
  return w;
}

export function readDigits(s: string, pos: number, max: number): number {
  let i = pos;
  while (i < s.length && i - pos < max && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** `2nd`, `7th`, `101st`. */
export function readOrdinal(s: string, pos: number): number {
  const d = readDigits(s, pos, 3);
  if (d === pos) return -1;
  const suf = s.slice(d, d + 2).toLowerCase();
  if ((suf === 'st' || suf === 'nd' || suf === 'rd' || suf === 'th') && !isLetter(s.charCodeAt(d + 2))) return d + 2;
  return -1;
}

/** Capitalised place word; `.` of an abbreviation (`St.`) is not included. */
export function readPlaceWord(s: string, pos: number): number {
  return readNameWord(s, pos);
}

export function readLowerParticle(s: string, pos: number): number {
  let i = pos;
  while (i < s.length && i - pos < 5 && isLowerLetter(s.charCodeAt(i))) i++;
  if (i === pos || !(keywordFlags(s, pos, i) & KW_PARTICLE)) return -1;
  return i;
}

/** City: one to four capitalised words with particles between them. Returns its end or -1. */
export function readCity(s: string, pos: number): number {
  let i = pos;
  let words = 0;
  let end = -1;
  while (words < 4) {
    let e = readPlaceWord(s, i);
    // St. Albans, Mt. Vernon, Ft. Worth
    if (e > 0 && s.charCodeAt(e) === 0x2e && e - i <= 3 && s.charCodeAt(e + 1) === 0x20 && isUpperLetter(s.charCodeAt(e + 2))) e++;
    if (e < 0) {
      if (words === 0) return -1;
      const pe = readLowerParticle(s, i);
      if (pe < 0 || s.charCodeAt(pe) !== 0x20 || readPlaceWord(s, pe + 1) < 0) break;
      i = pe + 1;
      continue;
    }
    words++;
    end = e;
    if (s.charCodeAt(e) !== 0x20 || !isUpperLetter(s.charCodeAt(e + 1)) && readLowerParticle(s, e + 1) < 0) break;
    // Stop before a state code or a postcode.
    if (isAsciiUpper(s.charCodeAt(e + 1)) && isAsciiUpper(s.charCodeAt(e + 2)) && !isLetter(s.charCodeAt(e + 3))) break;
    if (isAsciiUpper(s.charCodeAt(e + 1)) && isPostcodeAt(s, e + 1) > 0) break;
    i = e + 1;
  }
  return end;
}

/** British postcode (loose): `WC1A 1VK`, `CA8 0OF`, `SW1A 2AA`. */
export function isPostcodeAt(s: string, pos: number): number {
  let i = pos;
  let letters = 0;
  while (letters < 2 && isAsciiUpper(s.charCodeAt(i))) {
    i++;
    letters++;
  }
  if (letters === 0 || !isDigit(s.charCodeAt(i))) return -1;
  i++;
  if (isDigit(s.charCodeAt(i)) || isAsciiUpper(s.charCodeAt(i))) i++;
  if (s.charCodeAt(i) !== 0x20 || !isDigit(s.charCodeAt(i + 1))) return -1;
  i += 2;
  for (let k = 0; k < 2; k++) {
    const c = s.charCodeAt(i);
    if (!(isAsciiUpper(c) || isDigit(c))) return -1;
    i++;
  }
  return isLetter(s.charCodeAt(i)) || isDigit(s.charCodeAt(i)) ? -1 : i;
}

/** US ZIP or ZIP+4 at `pos`. */
export function readZip(s: string, pos: number): number {
  const d = readDigits(s, pos, 6);
  if (d - pos !== 5) return -1;
  if (s.charCodeAt(d) === 0x2d) {
    const e = readDigits(s, d + 1, 5);
    if (e - d - 1 === 4) return isLetter(s.charCodeAt(e)) || isDigit(s.charCodeAt(e)) ? -1 : e;
  }
  return isDigit(s.charCodeAt(d)) || isLetter(s.charCodeAt(d)) ? -1 : d;
}

/** European postal code before the city: `23227`, `1588 VH`, `57-888`, `1010`. */
export function readEuZip(s: string, pos: number): number {
  const d = readDigits(s, pos, 6);
  const len = d - pos;
  if (len === 2 && s.charCodeAt(d) === 0x2d) {
    const e = readDigits(s, d + 1, 4);
    return e - d - 1 === 3 ? e : -1;
  }
  if (len === 4 && s.charCodeAt(d) === 0x20 && isAsciiUpper(s.charCodeAt(d + 1)) && isAsciiUpper(s.charCodeAt(d + 2)) && s.charCodeAt(d + 3) === 0x20) {
    return d + 3;
  }
  return len === 4 || len === 5 ? d : -1;
}

/** After the street: `, City, ST 12345`, `\nCity, ST 12345`, `, City PC1 2AB`, `, City 982 879`, `, City - UF, 12345-678`, `, 12345 City`. */
export function readLocality(s: string, pos: number): number {
  let i = pos;
  const c = s.charCodeAt(i);
  if (c === 0x2c && s.charCodeAt(i + 1) === 0x20) i += 2;
  else if (c === 0x0a) i += 1;
  else return -1;
  // Postal code before the city (continental Europe).
  if (isDigit(s.charCodeAt(i))) {
    const z = readEuZip(s, i);
    if (z < 0 || s.charCodeAt(z) !== 0x20) return -1;
    return readCity(s, z + 1);
  }
  const city = readCity(s, i);
  if (city < 0) return -1;
  let j = city;
  // US: ", ST 12345" or " ST 12345"
  let k = j;
  if (s.charCodeAt(k) === 0x2c) k++;
  if (s.charCodeAt(k) === 0x20) {
    k++;
    const st = s.slice(k, k + 2);
    if (US_STATES.has(st) && s.charCodeAt(k + 2) === 0x20) {
      const z = readZip(s, k + 3);
      if (z > 0) return z;
    }
    // Canada: `ON K1A 0B1`; Australia: `NSW 2000`.
    if (CA_PROVINCES.has(st) && s.charCodeAt(k + 2) === 0x20) {
      const z = readCanadianPostcode(s, k + 3);
      if (z > 0) return z;
    }
    const au = s.slice(k, k + 3).trim();
    if (AU_STATES.has(au) && s.charCodeAt(k + au.length) === 0x20) {
      const z = readDigits(s, k + au.length + 1, 5);
      if (z - (k + au.length + 1) === 4 && !isLetter(s.charCodeAt(z)) && !isDigit(s.charCodeAt(z))) return z;
    }
  }
  // Brazil: " - UF, 12345-678"
  if (s.startsWith(' - ', j) && BR_STATES.has(s.slice(j + 3, j + 5)) && s.startsWith(', ', j + 5)) {
    const a = readDigits(s, j + 7, 6);
    if (a - (j + 7) === 5 && s.charCodeAt(a) === 0x2d) {
      const b = readDigits(s, a + 1, 4);
      if (b - a - 1 === 3) return b;
    }
  }
  if (s.charCodeAt(j) !== 0x20) return -1;
  j++;
  // UK postcode, Indian PIN (`982 879` or `982879`).
  const pc = isPostcodeAt(s, j);
  if (pc > 0) return pc;
  const a = readDigits(s, j, 7);
  if (a - j === 6 && !isDigit(s.charCodeAt(a))) return a;
  if (a - j === 3 && s.charCodeAt(a) === 0x20) {
    const b = readDigits(s, a + 1, 4);
    if (b - a - 1 === 3 && !isDigit(s.charCodeAt(b))) return b;
  }
  return -1;
}

/** ` Suite 831`, `, Apt. 225`, ` #12`. */
export function readUnit(s: string, pos: number): number {
  let i = pos;
  if (s.charCodeAt(i) === 0x2c) i++;
  if (s.charCodeAt(i) !== 0x20) return -1;
  i++;
  if (s.charCodeAt(i) === 0x23) {
    const e = readDigits(s, i + 1, 6);
    return e > i + 1 ? e : -1;
  }
  let w = i;
  while (w < s.length && w - i < 12 && isLetter(s.charCodeAt(w))) w++;
  if (w === i || !UNIT_WORDS.has(lowerWord(s, i, w))) return -1;
  if (s.charCodeAt(w) === 0x2e) w++;
  if (s.charCodeAt(w) === 0x20) w++;
  const e = readDigits(s, w, 6);
  if (e === w) return -1;
  let end = e;
  if (isAsciiUpper(s.charCodeAt(end)) && !isLetter(s.charCodeAt(end + 1))) end++;
  return end;
}

/** House number after a street name: `33a`, `5/1`, `110 I`, `19`. */
export function readHouseNumber(s: string, pos: number): number {
  let i = readDigits(s, pos, 5);
  if (i === pos) return -1;
  if (isLowerLetter(s.charCodeAt(i)) && !isLetter(s.charCodeAt(i + 1))) i++;
  if (s.charCodeAt(i) === 0x2f && isDigit(s.charCodeAt(i + 1))) i = readDigits(s, i + 1, 4);
  if (isLetter(s.charCodeAt(i)) || isDigit(s.charCodeAt(i))) return -1;
  // Dutch additions: `110 I,`
  if (s.charCodeAt(i) === 0x20 && isAsciiUpper(s.charCodeAt(i + 1)) && s.charCodeAt(i + 2) === 0x2c) i += 2;
  return i;
}
