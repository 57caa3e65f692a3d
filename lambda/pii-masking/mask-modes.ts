/**
 * What a finding is replaced with. Every replacement is built so that the
 * scanner finds nothing in it: brackets, stars and upper-case tags do not
 * start any detector.
 */
import { createHmac } from 'node:crypto';
import { isAsciiAlnum, isDigit, isSpace } from './char-class';
import type { MaskMode, PiiType, PlaceholderMap } from './types';

export interface RenderContext {
  readonly hashKey?: Uint8Array;
  readonly placeholders: PlaceholderMap;
}

/** `[EMAIL]`, or `[EMPLOYEE_ID]` for a custom pattern. */
export function redact(tag: string): string {
  return `[${tag}]`;
}

/**
 * Stars for letters and digits; separators stay. With `keepTail`, number-like
 * values (at least half digits) keep their last four letters or digits, at
 * most half of them: `****-****-****-4242`. Names, e-mail and IP addresses,
 * dates and secrets are starred completely, since their tail identifies them.
 */
export function maskValue(value: string, keepTail = true): string {
  let maskable = 0;
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isMaskable(c)) {
      maskable++;
      if (isDigit(c)) digits++;
    }
  }
  const keep = keepTail && digits * 2 >= maskable ? Math.min(4, Math.floor(maskable / 2)) : 0;
  let seen = 0;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isMaskable(c)) {
      seen++;
      out += seen > maskable - keep && c < 0x80 ? value[i] : '*';
    } else {
      out += value[i];
    }
  }
  return out;
}

/** Letters, digits and everything outside ASCII (accents, CJK, emoji halves); ASCII punctuation and spaces stay. */
function isMaskable(c: number): boolean {
  return c >= 0x80 ? !isSpace(c) : isAsciiAlnum(c);
}

/**
 * `[EMAIL#3f9a1c2b4d5e6f70]`: the first 64 bits of HMAC-SHA256(key, value), stable for a key.
 * No colon: the output must not look like `key: value` to the scanner.
 */
export function hashValue(tag: string, value: string, key: Uint8Array): string {
  const mac = createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 16);
  return `[${tag}#${mac}]`;
}

/** Types whose last digits are commonly shown (receipts, statements); other types are starred completely in mask mode. */
const KEEP_TAIL: ReadonlySet<PiiType> = new Set<PiiType>(['CREDIT_CARD', 'US_SSN', 'IBAN', 'PHONE', 'US_PASSPORT', 'AWS_ACCESS_KEY', 'CUSTOM']);

export function render(type: PiiType, tag: string, value: string, mode: MaskMode, ctx: RenderContext): string {
  switch (mode) {
    case 'mask':
      return maskValue(value, KEEP_TAIL.has(type));
    case 'hash':
      return ctx.hashKey ? hashValue(tag, value, ctx.hashKey) : redact(tag);
    case 'placeholder':
      return ctx.placeholders.placeholderFor(type, value, tag === type ? undefined : tag);
    case 'redact':
    default:
      return redact(tag);
  }
}
