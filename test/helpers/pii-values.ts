/**
 * PII values of every type the masker documents, each with the few words of
 * context a person would write around it (`SSN 123-45-6789`), from a seeded
 * generator so that a run is the same bytes every time. Short enough for a
 * stop sequence (64 characters), context included.
 */
import { seededRandom } from './seeded-random';

export const PII_CLASSES = [
  'EMAIL', 'PHONE', 'CREDIT_CARD', 'US_SSN', 'IBAN', 'IP_ADDRESS', 'AWS_ACCESS_KEY', 'API_SECRET', 'DATE_OF_BIRTH', 'US_PASSPORT',
  'PERSON', 'STREET_ADDRESS',
] as const;
export type PiiClass = (typeof PII_CLASSES)[number];

export interface PiiSample {
  readonly type: PiiClass;
  /** The value itself: what must never get through. */
  readonly value: string;
  /** The value with its context words; `{}` marks where the value goes. */
  readonly context: string;
}

export type Random = ReturnType<typeof seededRandom>;

const int = (r: Random, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Random, list: readonly T[]): T => list[int(r, 0, list.length - 1)];
const digits = (r: Random, n: number) => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');
const from = (r: Random, alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[int(r, 0, alphabet.length - 1)]).join('');

const FIRST = ['james', 'mary', 'linda', 'robert', 'patricia', 'michael', 'jennifer', 'david', 'susan', 'thomas', 'karen', 'daniel'];
const LAST = ['Okafor', 'Lindqvist', 'Brennan', 'Castillo', 'Nakamura', 'Whitfield', 'Kowalski', 'Haddad', 'Moreau', 'Fischer'];
const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.net', 'insurer.example'];
const STREETS = ['Maple', 'Oak', 'Harbor', 'Juniper', 'Lakeview', 'Cedar'];
const CITIES: ReadonlyArray<readonly [string, string]> = [['Springfield', 'IL'], ['Portland', 'OR'], ['Austin', 'TX'], ['Denver', 'CO']];
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const IBAN_LENGTHS: Readonly<Record<string, number>> = { DE: 22, FR: 27, ES: 24, NL: 18, GB: 22, IT: 27 };

const capital = (word: string) => word[0].toUpperCase() + word.slice(1);

function luhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

function mod97(text: string): number {
  let rest = 0;
  for (const ch of text) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of value) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest;
}

function iban(r: Random): string {
  const country = pick(r, Object.keys(IBAN_LENGTHS));
  const letters = country === 'GB' || country === 'NL';
  const bban = (letters ? from(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 4) : digits(r, 4)) + digits(r, IBAN_LENGTHS[country] - 8);
  const check = String(98 - mod97(`${bban}${country}00`)).padStart(2, '0');
  const raw = `${country}${check}${bban}`;
  return r() < 0.5 ? raw : (raw.match(/.{1,4}/g) ?? []).join(' ');
}

/** Area 001-899 except 666, group and serial never zero: numbers the SSA issues. */
function ssn(r: Random): string {
  let area = int(r, 1, 899);
  if (area === 666) area = 667;
  return `${String(area).padStart(3, '0')}-${String(int(r, 1, 99)).padStart(2, '0')}-${String(int(r, 1, 9999)).padStart(4, '0')}`;
}

function phone(r: Random): string {
  const area = `${int(r, 2, 9)}${digits(r, 2)}`;
  const exchange = `${int(r, 2, 9)}${digits(r, 2)}`;
  const line = digits(r, 4);
  return pick(r, [`(${area}) ${exchange}-${line}`, `${area}-${exchange}-${line}`, `+1 ${area} ${exchange} ${line}`, `+1-${area}-${exchange}-${line}`]);
}

function card(r: Random): string {
  const number = luhn(r() < 0.5 ? `4${digits(r, 14)}` : `5${int(r, 1, 5)}${digits(r, 13)}`);
  const groups = number.match(/.{4}/g) ?? [];
  return pick(r, [number, groups.join(' '), groups.join('-')]);
}

function ip(r: Random): string {
  if (r() < 0.75) return [pick(r, [10, 172, 192, 203, 81, 104]), int(r, 0, 255), int(r, 0, 255), int(r, 1, 254)].join('.');
  const hex = () => int(r, 1, 0xffff).toString(16);
  return `2001:db8:${hex()}:${hex()}::${hex()}`;
}

function birthDate(r: Random): string {
  const y = int(r, 1940, 2004);
  const m = String(int(r, 1, 12)).padStart(2, '0');
  const d = String(int(r, 1, 28)).padStart(2, '0');
  return r() < 0.5 ? `${y}-${m}-${d}` : `${m}/${d}/${y}`;
}

const GENERATORS: Readonly<Record<PiiClass, (r: Random) => { value: string; context: string }>> = {
  EMAIL: (r) => ({ value: `${pick(r, FIRST)}.${pick(r, LAST).toLowerCase()}${digits(r, 2)}@${pick(r, DOMAINS)}`, context: 'email {}' }),
  PHONE: (r) => ({ value: phone(r), context: 'phone {}' }),
  CREDIT_CARD: (r) => ({ value: card(r), context: 'card {}' }),
  US_SSN: (r) => ({ value: ssn(r), context: 'SSN {}' }),
  IBAN: (r) => ({ value: iban(r), context: 'IBAN {}' }),
  IP_ADDRESS: (r) => ({ value: ip(r), context: 'from IP {}' }),
  AWS_ACCESS_KEY: (r) => ({ value: `${pick(r, ['AKIA', 'ASIA'])}${from(r, B32, 16)}`, context: 'key {}' }),
  API_SECRET: (r) => (r() < 0.5
    ? { value: `ghp_${from(r, B62, 36)}`, context: 'token {}' }
    : { value: `${capital(pick(r, STREETS))}${digits(r, 4)}!${from(r, B62, 4)}`, context: 'password={}' }),
  DATE_OF_BIRTH: (r) => ({ value: birthDate(r), context: 'DOB: {}' }),
  US_PASSPORT: (r) => ({ value: `${from(r, 'ABCDEFGHJKLMNPRSTUVWXYZ', 1)}${digits(r, 8)}`, context: 'passport no. {}' }),
  PERSON: (r) => ({ value: `${capital(pick(r, FIRST))} ${pick(r, LAST)}`, context: 'Dear {},' }),
  STREET_ADDRESS: (r) => {
    const [city, state] = pick(r, CITIES);
    return { value: `${int(r, 10, 9999)} ${pick(r, STREETS)} Street, ${city}, ${state} ${digits(r, 5)}`, context: 'lives at {}' };
  },
};

export function piiSample(type: PiiClass, r: Random): PiiSample {
  return { type, ...GENERATORS[type](r) };
}
