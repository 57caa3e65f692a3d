/**
 * Finds the bearer token in a REQUEST authorizer event. The length limit is
 * applied to the raw header before any regex or decoding runs, so an
 * oversized header costs nothing but a length read.
 */
import { Reason } from './reason-codes';

export const AUTHORIZATION_HEADER = 'authorization';

/** Room for the scheme and surrounding whitespace on top of the token itself. */
const SCHEME_ALLOWANCE = 16;
/** The scheme in any case, then a compact JWS: three base64url segments, no padding. */
const BEARER_JWS = /^bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i;

export type TokenExtraction =
  | { readonly ok: true; readonly token: string }
  | { readonly ok: false; readonly reason: Reason };

export interface HeaderSource {
  readonly headers?: Readonly<Record<string, string | undefined>> | null;
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[] | undefined>> | null;
}

export function extractBearerToken(event: HeaderSource, maxTokenLength: number): TokenExtraction {
  const values = authorizationValues(event);
  if (values === 'conflict') return { ok: false, reason: Reason.MALFORMED };
  if (values.length === 0) return { ok: false, reason: Reason.MISSING_TOKEN };
  const raw = values[0];
  if (typeof raw !== 'string') return { ok: false, reason: Reason.MALFORMED };
  if (raw.length > maxTokenLength + SCHEME_ALLOWANCE) return { ok: false, reason: Reason.TOKEN_TOO_LONG };
  const value = raw.trim();
  if (value.length === 0) return { ok: false, reason: Reason.MISSING_TOKEN };
  const match = BEARER_JWS.exec(value);
  if (match === null) return { ok: false, reason: Reason.MALFORMED };
  const token = match[1];
  if (token.length > maxTokenLength) return { ok: false, reason: Reason.TOKEN_TOO_LONG };
  return { ok: true, token };
}

/**
 * All distinct Authorization values, whatever the header name's case. More
 * than one distinct value is ambiguous and refused rather than guessed.
 */
function authorizationValues(event: HeaderSource): unknown[] | 'conflict' {
  const found: unknown[] = [];
  const headers: unknown = event.headers;
  if (typeof headers === 'object' && headers !== null) {
    for (const name in headers) {
      const value = (headers as Record<string, unknown>)[name];
      if (value !== undefined && value !== null && name.toLowerCase() === AUTHORIZATION_HEADER && !found.includes(value)) found.push(value);
    }
  }
  const multi: unknown = event.multiValueHeaders;
  if (typeof multi === 'object' && multi !== null) {
    for (const name in multi) {
      const list = (multi as Record<string, unknown>)[name];
      if (list === undefined || list === null || name.toLowerCase() !== AUTHORIZATION_HEADER) continue;
      if (!Array.isArray(list)) return 'conflict';
      for (const value of list) if (!found.includes(value)) found.push(value);
    }
  }
  return found.length > 1 ? 'conflict' : found;
}
