/**
 * Postal addresses, as far as their structure carries them:
 * - number first, street type last (US, UK, IN): `5261 E 2nd Street Suite 765`,
 *   then optionally `, City, ST 12345-6789` / `\nCity, ST 12345` /
 *   `, City WC1A 1VK` / `, City 982 879`;
 * - number first, street type first (FR, BR): `2053 Quai des Francs-Bourgeois,
 *   11925 Strasbourg`, `21328 Rua Nogueira, Mércia do Norte - MS, 92335-173`;
 * - street first, number after (DE, NL, IT, ES, PL): `Wiesenstr. 33a, 23227
 *   Neu Leo`, `Piazza Damiana 32, 66872 San Rossana`, `al. Puchalski 99c, 57-888 Tarnowskie Góry`;
 * - Russian `654172, г. Заводоуковск, Рабочая наб., 398`.
 * A street needs its street word (USPS suffixes and the street types of the
 * languages above) and a house number; the locality is added when it follows
 * in one of the shapes above. Addresses without a house number or in other
 * layouts are not found.
 */
import {
  UNIT_WORDS,
  isDirection,
  lowerWord,
  readDigits,
  readHouseNumber,
  readLocality,
  readLowerParticle,
  readOrdinal,
  readPlaceWord,
  readUnit,
} from './address-parts';
import { foldCase, isAsciiUpper, isDigit, isLetter, isLowerLetter, isUpperLetter } from './char-class';
import { CUE_ADDRESS, cueBefore } from './context-words';
import { KW_MONTH, KW_NOT_NAME, KW_STREET_FIRST, KW_STREET_SUFFIX, keywordFlags } from './keywords';
import type { ScanState } from './scan-state';

/** Street words that are also everyday words: they need a locality or an address cue. */
const AMBIGUOUS_FIRST = new Set([
  'al', 'pl', 'os', 'place', 'square', 'passage', 'route', 'villa', 'via', 'largo', 'cours', 'lugar', 'lote', 'quadra', 'setor', 'feira', 'vale', 'parque',
  'jardim', 'conjunto', 'residencial', 'morro', 'trecho', 'distrito', 'barrio', 'grupo', 'monte', 'arroyo', 'ronda', 'senda', 'canale', 'stretto', 'borgo',
  'cité', 'weg', 'laan', 'plein', 'straat',
]);
const STREET_ABBREVIATIONS = new Set([
  'st', 'rd', 'ave', 'av', 'blvd', 'dr', 'ln', 'ct', 'pl', 'sq', 'ter', 'pkwy', 'hwy', 'cir', 'trl', 'cres', 'expy', 'fwy', 'hts', 'aly', 'str',
]);
const COMPOUND_SUFFIXES = [
  'straße', 'strasse', 'str', 'weg', 'gasse', 'allee', 'platz', 'damm', 'ufer', 'chaussee', 'steig', 'pfad', 'gracht', 'dijk', 'laan', 'straat', 'plein',
  'kade', 'singel', 'steeg', 'ring',
];

/**
 * At a house number `numStart..numEnd` followed by a space: a street with
 * a street word. Returns the end of the finding or -1.
 */
export function tryAddressAtNumber(st: ScanState, numStart: number, numEnd: number): number {
  const s = st.s;
  if (numEnd - numStart > 6) return -1;
  let i = numEnd + 1;
  // French `12, rue de la Paix` / `12 rue de la Paix`: a lower-case street type after the number.
  if (s.charCodeAt(numEnd) === 0x2c && s.charCodeAt(numEnd + 1) === 0x20) i = numEnd + 2;
  else if (s.charCodeAt(numEnd) !== 0x20) return -1;
  if (isLowerLetter(s.charCodeAt(i))) {
    const we = wordEnd(s, i);
    if (!(keywordFlags(s, i, we) & KW_STREET_FIRST) || s.charCodeAt(we) !== 0x20) return -1;
    return tryStreetTypeAfterNumber(st, numStart, we + 1, AMBIGUOUS_FIRST.has(lowerWord(s, i, we)));
  }
  if (i !== numEnd + 1) return -1;
  let tokens = 0;
  let names = 0;
  let streetEnd = -1;
  let firstIsStreetType = false;
  let lastWasParticle = false;
  let direction = false;
  for (let t = 0; t < 7; t++) {
    let e: number;
    let isName = false;
    let flags = 0;
    if (t === 0 && isAsciiUpper(s.charCodeAt(i))) {
      const wEnd = wordEnd(s, i);
      if (isDirection(s, i, wEnd) && s.charCodeAt(wEnd) === 0x20) {
        direction = true;
        i = wEnd + 1;
        continue;
      }
    }
    e = readOrdinal(s, i);
    if (e > 0) {
      isName = true;
    } else {
      e = readPlaceWord(s, i);
      if (e > 0) {
        flags = keywordFlags(s, i, e);
        isName = true;
      } else if (tokens > 0) {
        e = readLowerParticle(s, i);
        if (e < 0) break;
        lastWasParticle = true;
        tokens++;
        if (s.charCodeAt(e) !== 0x20) break;
        i = e + 1;
        continue;
      } else {
        break;
      }
    }
    lastWasParticle = false;
    if (tokens === 0 && flags & KW_STREET_FIRST) {
      firstIsStreetType = true;
    } else if (firstIsStreetType) {
      if (UNIT_WORDS.has(lowerWord(s, i, e))) break;
      streetEnd = e;
      names++;
    } else if ((names > 0 || direction) && flags & KW_STREET_SUFFIX) {
      streetEnd = e;
      // `Court Street`, `River Road`: a second street word belongs to the name.
      if (s.charCodeAt(e) === 0x20) {
        const e2 = readPlaceWord(s, e + 1);
        if (e2 > 0 && keywordFlags(s, e + 1, e2) & KW_STREET_SUFFIX) {
          i = e + 1;
          e = e2;
          streetEnd = e2;
        }
      }
      if (s.charCodeAt(e) === 0x2e && STREET_ABBREVIATIONS.has(lowerWord(s, i, e))) streetEnd = e + 1;
      break;
    } else if (isName) {
      names++;
    }
    tokens++;
    const next = s.charCodeAt(streetEnd === e + 1 ? e + 1 : e);
    if (next !== 0x20) break;
    i = e + 1;
  }
  if (lastWasParticle) return -1;
  if (streetEnd < 0) return tryUnnamedTypeStreet(st, numStart, numEnd);
  let end = streetEnd;
  // `Main St NW`
  if (s.charCodeAt(end) === 0x20) {
    const we = wordEnd(s, end + 1);
    const w = s.slice(end + 1, we);
    if ((w === 'NE' || w === 'NW' || w === 'SE' || w === 'SW') && !isLetter(s.charCodeAt(we))) end = we;
  }
  const unit = readUnit(s, end);
  if (unit > 0) end = unit;
  const loc = readLocality(s, end);
  if (loc > 0) end = loc;
  return st.emit('STREET_ADDRESS', numStart, end) ? end : -1;
}

/**
 * `58706 Hillside Apt. 824, South Lueland, ID 80262`: a street without a
 * street word counts when a unit and a locality, or a US/UK locality, follow.
 */
function tryUnnamedTypeStreet(st: ScanState, numStart: number, numEnd: number): number {
  const s = st.s;
  let i = numEnd + 1;
  let end = -1;
  for (let w = 0; w < 3; w++) {
    const e = readPlaceWord(s, i);
    if (e < 0) break;
    end = e;
    if (s.charCodeAt(e) !== 0x20 || !isUpperLetter(s.charCodeAt(e + 1))) break;
    i = e + 1;
  }
  if (end < 0) return -1;
  const unit = readUnit(s, end);
  const afterUnit = unit > 0 ? unit : end;
  const loc = readLocality(s, afterUnit);
  if (loc < 0 || (unit < 0 && !/[A-Z]{2} \d{5}|[A-Z]\d[A-Z\d]? ?\d[A-Z\d]{2}$/.test(s.slice(afterUnit, loc)))) return -1;
  return st.emit('STREET_ADDRESS', numStart, loc) ? loc : -1;
}

/** After `12 rue `: particles and capitalised words, then an optional postcode and city. */
function tryStreetTypeAfterNumber(st: ScanState, numStart: number, from: number, ambiguous: boolean): number {
  const s = st.s;
  let i = from;
  let end = -1;
  for (let t = 0; t < 6; t++) {
    const e = readPlaceWord(s, i);
    if (e > 0) {
      end = e;
    } else {
      const pe = readLowerParticle(s, i);
      if (pe < 0) break;
      const pe2 = s.charCodeAt(pe) === 0x27 ? pe + 1 : pe;
      if (s.charCodeAt(pe2) !== 0x20 && pe2 === pe) break;
      i = pe2 === pe ? pe + 1 : pe2;
      continue;
    }
    if (s.charCodeAt(end) !== 0x20) break;
    i = end + 1;
  }
  if (end < 0) return -1;
  const loc = readLocality(s, end);
  // `2 via Slack`: an everyday street word needs the postcode and city, or an address cue.
  if (ambiguous && loc < 0 && !cueBefore(s, numStart, 0, CUE_ADDRESS, 4).bits) return -1;
  const stop = loc > 0 ? loc : end;
  return st.emit('STREET_ADDRESS', numStart, stop) ? stop : -1;
}

function wordEnd(s: string, pos: number): number {
  let i = pos;
  while (i < s.length && i - pos < 30 && isLetter(s.charCodeAt(i))) i++;
  return i;
}

/** Does the word end (case-insensitively) with `suffix`? Compares in place, without building strings. */
function endsWithFolded(s: string, start: number, end: number, suffix: string): boolean {
  const n = suffix.length;
  if (end - start < n) return false;
  for (let k = 0; k < n; k++) if (foldCase(s.charCodeAt(end - n + k)) !== suffix.charCodeAt(k)) return false;
  return true;
}

function isCompoundStreet(s: string, start: number, end: number): boolean {
  if (end - start < 5 || !isUpperLetter(s.charCodeAt(start))) return false;
  for (const suf of COMPOUND_SUFFIXES) {
    if (end - start > suf.length + 1 && endsWithFolded(s, start, end, suf)) {
      return suf !== 'str' || s.charCodeAt(end) === 0x2e;
    }
  }
  return false;
}

/**
 * At a street type written first (`Via`, `Rue`, `Calle`, `ul.`): the name
 * words, then the house number, then optionally the postcode and city.
 */
export function tryAddressAtWord(st: ScanState, start: number, end: number, kw: number): number {
  const s = st.s;
  if (!(kw & KW_STREET_FIRST)) return -1;
  if (start > 0 && (isLetter(s.charCodeAt(start - 1)) || isDigit(s.charCodeAt(start - 1)))) return -1;
  let i = end;
  if (s.charCodeAt(i) === 0x2e) i++;
  if (s.charCodeAt(i) !== 0x20) return -1;
  i++;
  let names = 0;
  while (names < 5) {
    const e = readPlaceWord(s, i);
    if (e < 0) {
      const pe = names > 0 ? readLowerParticle(s, i) : -1;
      if (pe < 0 || s.charCodeAt(pe) !== 0x20) break;
      i = pe + 1;
      continue;
    }
    names++;
    i = e;
    if (s.charCodeAt(i) === 0x2e) i++;
    if (s.charCodeAt(i) === 0x2c && s.charCodeAt(i + 1) === 0x20 && isDigit(s.charCodeAt(i + 2))) {
      i += 2;
      break;
    }
    if (s.charCodeAt(i) !== 0x20) return -1;
    i++;
    if (isDigit(s.charCodeAt(i))) break;
  }
  if (names === 0) return -1;
  const num = readHouseNumber(s, i);
  if (num < 0) return -1;
  let endPos = num;
  const loc = readLocality(s, endPos);
  if (loc > 0) endPos = loc;
  // An everyday word (`al.`, `place`, `via`) as street type needs the postcode and city after it, or an address cue.
  if (AMBIGUOUS_FIRST.has(lowerWord(s, start, end)) && loc < 0 && !cueBefore(s, start, 0, CUE_ADDRESS, 4).bits) return -1;
  return st.emit('STREET_ADDRESS', start, endPos) ? endPos : -1;
}

const STREET_WORDS_AFTER = new Set([
  'str', 'straße', 'strasse', 'weg', 'allee', 'platz', 'gasse', 'ring', 'damm', 'ufer', 'chaussee', 'steig', 'laan', 'straat', 'plein', 'kade', 'gracht',
  'dijk', 'singel',
]);

/**
 * At a capitalised word followed by a house number (`Wiesenstr. 33a`,
 * `Lycker Str. 83b`, `Alte Garten 74b, 69977 Mannheim`,
 * `Brüder-Bonhoeffer-Str. 11a`): the street name is this word and up to three
 * words before it. It counts when it carries a street type (a compound such
 * as `-straße`, `-gracht`, or a separate `Str.`, `Weg`), or when a postcode
 * and a city follow the number.
 */
export function tryStreetBeforeNumber(st: ScanState, wordStart: number, wordEnd: number, kw: number): number {
  const s = st.s;
  if (wordEnd - wordStart === 1 && s.charCodeAt(wordStart) === 0x433 && s.charCodeAt(wordEnd) === 0x2e) return tryRussianAddress(st, wordStart);
  // `October 2026`, `Step 6`, `Windows 11`: months and everyday words are not street names.
  if (kw & (KW_MONTH | KW_NOT_NAME)) return -1;
  let start = wordStart;
  for (let words = 1; words < 4; words++) {
    const sep = start - 1;
    if (sep <= st.lastEnd) break;
    const sc = s.charCodeAt(sep);
    if (sc !== 0x20 && sc !== 0x2d) break;
    let q = sep - 1;
    if (sc === 0x20 && s.charCodeAt(q) === 0x2e) q--;
    const we = q + 1;
    while (q >= st.lastEnd && we - q <= 24 && isLetter(s.charCodeAt(q))) q--;
    const ws = q + 1;
    if (ws >= we || (q >= 0 && (isDigit(s.charCodeAt(q)) || s.charCodeAt(q) === 0x5f))) break;
    if (!isUpperLetter(s.charCodeAt(ws)) && !(sc === 0x2d && isLetter(s.charCodeAt(ws)))) {
      // A lower-case street type before the name: `al. Puchalski 99c`, `rynek Kruszewski 91a`.
      if (keywordFlags(s, ws, we) & KW_STREET_FIRST) start = ws;
      break;
    }
    start = ws;
  }
  let i = wordEnd;
  if (s.charCodeAt(i) === 0x2e) i++;
  i++;
  const num = readHouseNumber(s, i);
  if (num < 0 || num - i > 7) return -1;
  const last = wordEnd - wordStart <= 8 ? lowerWord(s, wordStart, wordEnd) : '';
  let firstEnd = start;
  while (firstEnd < wordEnd && isLetter(s.charCodeAt(firstEnd))) firstEnd++;
  const typed = STREET_WORDS_AFTER.has(last) || isCompoundStreet(s, wordStart, wordEnd) || (keywordFlags(s, start, firstEnd) & KW_STREET_FIRST) !== 0;
  const loc = readLocality(s, num);
  if (!typed && loc < 0) return -1;
  const end = loc > 0 ? loc : num;
  return st.emit('STREET_ADDRESS', start, end) ? end : -1;
}

/** `[654172, ]г. Заводоуковск, Рабочая наб., 398[, кв. 5]` from the zip or from `г.`. */
export function tryRussianAddress(st: ScanState, start: number): number {
  const s = st.s;
  let i = start;
  if (isDigit(s.charCodeAt(i))) {
    const z = readDigits(s, i, 7);
    if (z - i !== 6 || !s.startsWith(', г. ', z)) return -1;
    i = z + 2;
  }
  if (!s.startsWith('г. ', i)) return -1;
  i += 3;
  // City, then street segments, then the house number.
  let segments = 0;
  for (;;) {
    const segStart = i;
    while (i < s.length && i - segStart < 48 && s.charCodeAt(i) !== 0x2c && s.charCodeAt(i) !== 0x0a && !isDigit(s.charCodeAt(i))) i++;
    if (i === segStart || s.charCodeAt(i) !== 0x2c || s.charCodeAt(i + 1) !== 0x20) return -1;
    segments++;
    i += 2;
    if (isDigit(s.charCodeAt(i))) break;
    if (segments >= 3) return -1;
  }
  if (segments < 2) return -1;
  let end = readDigits(s, i, 5);
  if (isLowerLetter(s.charCodeAt(end)) && !isLetter(s.charCodeAt(end + 1))) end++;
  if (isLetter(s.charCodeAt(end)) || isDigit(s.charCodeAt(end))) return -1;
  if (s.startsWith(', кв. ', end)) {
    const k = readDigits(s, end + 6, 5);
    if (k > end + 6) end = k;
  }
  return st.emit('STREET_ADDRESS', start, end) ? end : -1;
}
