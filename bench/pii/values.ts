/**
 * Value generators for the benchmark corpus: PII in the shapes people type,
 * and look-alikes that must survive. All randomness comes from the faker
 * instance passed in, so a fixed seed gives the same corpus every run.
 */
import type { Rng } from './faker';

export type { Rng };

export function pick<T>(f: Rng, items: readonly T[]): T {
  return items[f.number.int({ min: 0, max: items.length - 1 })];
}

export function digits(f: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(f.number.int({ min: 0, max: 9 }));
  return s;
}

function luhnCheckDigit(body: string): number {
  let sum = 0;
  let double = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let d = body.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

function luhnValid(num: string): boolean {
  return luhnCheckDigit(num.slice(0, -1)) === Number(num[num.length - 1]);
}

const CARD_BRANDS: ReadonlyArray<{ prefixes: readonly string[]; length: number; groups: readonly number[] }> = [
  { prefixes: ['4'], length: 16, groups: [4, 4, 4, 4] },
  { prefixes: ['51', '52', '53', '54', '55', '2221', '2720', '2500'], length: 16, groups: [4, 4, 4, 4] },
  { prefixes: ['34', '37'], length: 15, groups: [4, 6, 5] },
  { prefixes: ['6011', '65', '644'], length: 16, groups: [4, 4, 4, 4] },
  { prefixes: ['3528', '3589', '3540'], length: 16, groups: [4, 4, 4, 4] },
  { prefixes: ['36', '300', '305', '38'], length: 14, groups: [4, 6, 4] },
  { prefixes: ['62'], length: 16, groups: [4, 4, 4, 4] },
  { prefixes: ['62'], length: 19, groups: [4, 4, 4, 4, 3] },
  { prefixes: ['4'], length: 13, groups: [4, 4, 5] },
];

export function creditCard(f: Rng): string {
  const brand = pick(f, CARD_BRANDS);
  const prefix = pick(f, brand.prefixes);
  const body = prefix + digits(f, brand.length - prefix.length - 1);
  const num = body + luhnCheckDigit(body);
  const style = f.number.int({ min: 0, max: 2 });
  if (style === 0) return num;
  const sep = style === 1 ? ' ' : '-';
  const parts: string[] = [];
  let i = 0;
  for (const g of brand.groups) {
    parts.push(num.slice(i, i + g));
    i += g;
  }
  return parts.join(sep);
}

/** 16 digits that fail Luhn: an order or invoice number. */
export function orderNumber(f: Rng, grouped = false): string {
  let num: string;
  do {
    num = String(f.number.int({ min: 1, max: 9 })) + digits(f, 15);
  } while (luhnValid(num));
  if (!grouped) return num;
  const sep = pick(f, [' ', '-']);
  return [num.slice(0, 4), num.slice(4, 8), num.slice(8, 12), num.slice(12)].join(sep);
}

export function ssn(f: Rng, style: 'dash' | 'space' | 'plain' = 'dash'): string {
  let area: number;
  do area = f.number.int({ min: 1, max: 899 });
  while (area === 666);
  const a = String(area).padStart(3, '0');
  const g = String(f.number.int({ min: 1, max: 99 })).padStart(2, '0');
  const s = String(f.number.int({ min: 1, max: 9999 })).padStart(4, '0');
  return style === 'plain' ? a + g + s : [a, g, s].join(style === 'dash' ? '-' : ' ');
}

/** SSN-shaped numbers the SSA never issues (area 000, 666 or 9xx; group 00; serial 0000). */
export function invalidSsn(f: Rng): string {
  const kind = f.number.int({ min: 0, max: 4 });
  const area = kind === 0 ? '000'
    : kind === 1 ? '666'
    : kind === 2 ? String(f.number.int({ min: 900, max: 999 }))
    : String(f.number.int({ min: 100, max: 665 }));
  const group = kind === 3 ? '00' : String(f.number.int({ min: 1, max: 99 })).padStart(2, '0');
  const serial = kind === 4 ? '0000' : String(f.number.int({ min: 1, max: 9999 })).padStart(4, '0');
  return `${area}-${group}-${serial}`;
}

const IBAN_COUNTRIES: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22,
  GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15,
  PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27, TR: 26, UA: 29, SA: 24, AE: 23, IL: 23, BR: 29, QA: 29,
  KW: 30, JO: 30, EG: 29, MU: 30, SC: 31, LC: 32,
};

function mod97(s: string): number {
  let r = 0;
  for (const ch of s) {
    const v = /[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) r = (r * 10 + Number(d)) % 97;
  }
  return r;
}

export function iban(f: Rng, country?: string, grouped?: boolean): string {
  const cc = country ?? pick(f, Object.keys(IBAN_COUNTRIES));
  const len = IBAN_COUNTRIES[cc];
  let bban = '';
  const letters = cc === 'GB' || cc === 'NL' || cc === 'IE' || cc === 'MT' || cc === 'BG';
  for (let i = 0; i < len - 4; i++) {
    bban += letters && i < 4 ? String.fromCharCode(65 + f.number.int({ min: 0, max: 25 })) : String(f.number.int({ min: 0, max: 9 }));
  }
  const check = String(98 - mod97(`${bban}${cc}00`)).padStart(2, '0');
  const raw = `${cc}${check}${bban}`;
  const group = grouped ?? f.datatype.boolean();
  return group ? (raw.match(/.{1,4}/g) ?? []).join(' ') : raw;
}

export function ipv4(f: Rng): string {
  const first = pick(f, [10, 172, 192, 203, 198, 51, 81, 91, 104, 185, 213, 8, 34, 52, 77]);
  return [first, f.number.int({ min: 0, max: 255 }), f.number.int({ min: 0, max: 255 }), f.number.int({ min: 1, max: 254 })].join('.');
}

export function ipv6(f: Rng): string {
  const hex = (): string => f.number.int({ min: 0, max: 0xffff }).toString(16);
  const kind = f.number.int({ min: 0, max: 5 });
  switch (kind) {
    case 0:
      return Array.from({ length: 8 }, hex).join(':');
    case 1:
      return `2001:db8:${hex()}:${hex()}::${hex()}`;
    case 2:
      return `fe80::${hex()}:${hex()}:${hex()}:${hex()}`;
    case 3:
      return `::ffff:${ipv4(f)}`;
    case 4:
      return `${pick(f, ['2a02', '2600', '2c0f', '2001'])}:${hex()}:${hex()}::${hex()}:${hex()}`.toUpperCase();
    default:
      return Array.from({ length: 8 }, () => hex().padStart(4, '0')).join(':');
  }
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${B62}+/`;
const HEX = '0123456789abcdef';

export function fromAlphabet(f: Rng, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[f.number.int({ min: 0, max: alphabet.length - 1 })];
  return s;
}

export function awsAccessKey(f: Rng): string {
  return pick(f, ['AKIA', 'ASIA']) + fromAlphabet(f, B32, 16);
}

export function awsSecretKey(f: Rng): string {
  let s: string;
  do s = fromAlphabet(f, B64, 40);
  while (!/[A-Z]/.test(s) || !/[a-z]/.test(s) || !/[0-9]/.test(s));
  return s;
}

export function hexString(f: Rng, n: number): string {
  return fromAlphabet(f, HEX, n);
}

function b64url(s: string): string {
  return Buffer.from(s).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

export function jwt(f: Rng): string {
  const header = b64url(JSON.stringify({ alg: pick(f, ['HS256', 'RS256', 'ES384']), typ: 'JWT', kid: hexString(f, 8) }));
  const payload = b64url(JSON.stringify({ sub: f.string.uuid(), iat: f.number.int({ min: 1.6e9, max: 1.8e9 }), scope: 'read write' }));
  return `${header}.${payload}.${fromAlphabet(f, `${B62}-_`, f.number.int({ min: 43, max: 86 }))}`;
}

export function vendorToken(f: Rng): string {
  switch (f.number.int({ min: 0, max: 9 })) {
    case 0:
      return `ghp_${fromAlphabet(f, B62, 36)}`;
    case 1:
      return `github_pat_${fromAlphabet(f, B62, 22)}_${fromAlphabet(f, B62, 59)}`;
    case 2:
      return `xoxb-${digits(f, 12)}-${digits(f, 13)}-${fromAlphabet(f, B62, 24)}`;
    case 3:
      return `sk_live_${fromAlphabet(f, B62, 24)}`;
    case 4:
      return `sk-proj-${fromAlphabet(f, `${B62}-_`, 48)}`;
    case 5:
      return `glpat-${fromAlphabet(f, `${B62}-_`, 20)}`;
    case 6:
      return `AIza${fromAlphabet(f, `${B62}-_`, 35)}`;
    case 7:
      return `SG.${fromAlphabet(f, `${B62}-_`, 22)}.${fromAlphabet(f, `${B62}-_`, 43)}`;
    case 8:
      return `npm_${fromAlphabet(f, B62, 36)}`;
    default:
      return `hf_${fromAlphabet(f, B62, 34)}`;
  }
}

export function password(f: Rng): string {
  const word = pick(f, ['Summer', 'Winter', 'Dragon', 'Monkey', 'Sunshine', 'Purple', 'Falcon', 'Coffee', 'Tiger', 'Rocket']);
  return pick(f, [`${word}${digits(f, 4)}!`, `${word}_${digits(f, 2)}#`, fromAlphabet(f, `${B62}!@#$%^&*`, 14), `${word.toLowerCase()}${digits(f, 3)}`]);
}

export function pemPrivateKey(f: Rng): string {
  const label = pick(f, ['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']);
  const lines = Array.from({ length: f.number.int({ min: 3, max: 8 }) }, () => fromAlphabet(f, B64, 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n${fromAlphabet(f, B64, 20)}==\n-----END ${label}-----`;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_DE = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MONTHS_ES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

export type DateStyle = 'iso' | 'us' | 'eu' | 'dot' | 'long' | 'dayfirst' | 'de' | 'fr' | 'es';

export function formatDate(d: Date, style: DateStyle): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const p2 = (n: number): string => String(n).padStart(2, '0');
  switch (style) {
    case 'iso':
      return `${y}-${p2(m)}-${p2(day)}`;
    case 'us':
      return `${p2(m)}/${p2(day)}/${y}`;
    case 'eu':
      return `${p2(day)}/${p2(m)}/${y}`;
    case 'dot':
      return `${p2(day)}.${p2(m)}.${y}`;
    case 'long':
      return `${MONTHS_EN[m - 1]} ${day}, ${y}`;
    case 'dayfirst':
      return `${day} ${MONTHS_EN[m - 1]} ${y}`;
    case 'de':
      return `${day}. ${MONTHS_DE[m - 1]} ${y}`;
    case 'fr':
      return `${day} ${MONTHS_FR[m - 1]} ${y}`;
    case 'es':
      return `${day} de ${MONTHS_ES[m - 1]} de ${y}`;
  }
}

export function birthDate(f: Rng): Date {
  return f.date.birthdate({ mode: 'age', min: 18, max: 90 });
}

export function someDate(f: Rng): Date {
  return f.date.between({ from: '2018-01-01', to: '2027-12-31' });
}

export function passport(f: Rng): string {
  return f.datatype.boolean()
    ? String.fromCharCode(65 + f.number.int({ min: 0, max: 25 })) + digits(f, 8)
    : String(f.number.int({ min: 1, max: 9 })) + digits(f, 8);
}

export function version(f: Rng): string {
  return pick(f, [
    `${f.number.int({ min: 1, max: 20 })}.${f.number.int({ min: 0, max: 30 })}.${f.number.int({ min: 0, max: 99 })}`,
    `10.0.${f.number.int({ min: 10000, max: 26000 })}.${f.number.int({ min: 1, max: 5000 })}`,
    `1.3.6.1.4.1.${f.number.int({ min: 1000, max: 60000 })}`,
    `${f.number.int({ min: 1, max: 9 })}.${f.number.int({ min: 0, max: 9 })}.${f.number.int({ min: 0, max: 99 })}-rc.${f.number.int({ min: 1, max: 9 })}`,
    `${f.number.int({ min: 256, max: 999 })}.${f.number.int({ min: 0, max: 99 })}.${f.number.int({ min: 0, max: 255 })}.${f.number.int({ min: 0, max: 255 })}`,
  ]);
}

export function timestamp(f: Rng): string {
  const d = f.date.between({ from: '2019-01-01', to: '2026-12-31' });
  return pick(f, [
    d.toISOString(),
    d.toISOString().replace('T', ' ').slice(0, 19),
    String(Math.floor(d.getTime() / 1000)),
    String(d.getTime()),
    d.toISOString().slice(0, 19) + '+02:00',
  ]);
}

export function productCode(f: Rng): string {
  return pick(f, [
    `978-${f.number.int({ min: 0, max: 1 })}-${digits(f, 2)}-${digits(f, 6)}-${digits(f, 1)}`,
    `SKU-${digits(f, 6)}`,
    `${digits(f, 3)}-${digits(f, 4)}-${digits(f, 2)}`,
    `1Z${fromAlphabet(f, B32.slice(0, 26), 6)}${digits(f, 10)}`,
    `${fromAlphabet(f, B32.slice(0, 26), 2)}-${digits(f, 3)}-${digits(f, 4)}`,
    digits(f, 13),
  ]);
}

export function macAddress(f: Rng): string {
  return Array.from({ length: 6 }, () => hexString(f, 2)).join(f.datatype.boolean() ? ':' : '-');
}

export function phoneFor(f: Rng, country: string): string {
  const d = (n: number): string => digits(f, n);
  const nxx = (): string => String(f.number.int({ min: 2, max: 9 })) + d(2);
  switch (country) {
    case 'US':
      return pick(f, [
        `(${nxx()}) ${nxx()}-${d(4)}`,
        `${nxx()}-${nxx()}-${d(4)}`,
        `${nxx()}.${nxx()}.${d(4)}`,
        `+1 ${nxx()} ${nxx()} ${d(4)}`,
        `+1-${nxx()}-${nxx()}-${d(4)}`,
        `+1 (${nxx()}) ${nxx()}-${d(4)}`,
        `+1${nxx()}${nxx()}${d(4)}`,
        `1-${nxx()}-${nxx()}-${d(4)}`,
      ]);
    case 'GB':
      return pick(f, [`+44 20 ${d(4)} ${d(4)}`, `020 ${d(4)} ${d(4)}`, `07${d(3)} ${d(6)}`, `+44 7${d(3)} ${d(6)}`, `+447${d(9)}`]);
    case 'DE':
      return pick(f, [`+49 30 ${d(8)}`, `030 ${d(8)}`, `+49 (0)89 ${d(4)} ${d(4)}`, `0171 ${d(7)}`, `+49 151 ${d(8)}`]);
    case 'FR':
      return pick(f, [
        `+33 6 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`, `06 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
        `01.${d(2)}.${d(2)}.${d(2)}.${d(2)}`, `+33 1 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
      ]);
    case 'ES':
      return pick(f, [`+34 6${d(2)} ${d(2)} ${d(2)} ${d(2)}`, `+34 91 ${d(3)} ${d(2)} ${d(2)}`]);
    case 'IT':
      return pick(f, [`+39 06 ${d(4)} ${d(4)}`, `+39 3${d(2)} ${d(3)} ${d(4)}`, `06 ${d(4)} ${d(4)}`]);
    case 'NL':
      return pick(f, [`+31 6 ${d(8)}`, `06-${d(8)}`, `+31 20 ${d(3)} ${d(4)}`, `020 ${d(3)} ${d(4)}`]);
    case 'PL':
      return pick(f, [`+48 ${d(3)} ${d(3)} ${d(3)}`, `+48 22 ${d(3)} ${d(2)} ${d(2)}`]);
    case 'RU':
      return pick(f, [`+7 (9${d(2)}) ${d(3)}-${d(2)}-${d(2)}`, `8 (9${d(2)}) ${d(3)}-${d(2)}-${d(2)}`, `+7 9${d(2)} ${d(3)}-${d(2)}-${d(2)}`]);
    case 'BR':
      return pick(f, [`+55 11 9${d(4)}-${d(4)}`, `(11) 9${d(4)}-${d(4)}`, `+55 (21) 9${d(4)}-${d(4)}`]);
    case 'JP':
      return pick(f, [`+81 3-${d(4)}-${d(4)}`, `090-${d(4)}-${d(4)}`, `03-${d(4)}-${d(4)}`]);
    case 'CN':
      return pick(f, [`+86 13${d(1)} ${d(4)} ${d(4)}`, `+86-10-${d(8)}`]);
    case 'IN':
      return pick(f, [`+91 9${d(4)} ${d(5)}`, `+91-9${d(9)}`]);
    case 'AU':
      return pick(f, [`+61 2 ${d(4)} ${d(4)}`, `04${d(2)} ${d(3)} ${d(3)}`, `+61 4${d(2)} ${d(3)} ${d(3)}`]);
    case 'SE':
      return pick(f, [`+46 70 ${d(3)} ${d(2)} ${d(2)}`, `070-${d(3)} ${d(2)} ${d(2)}`]);
    default:
      return `+1 ${nxx()} ${nxx()} ${d(4)}`;
  }
}
