import { Rejection, Rejections } from './rejection';
import { hasLoneSurrogate } from './unicode';

export type DecodedBody =
  | { readonly ok: true; readonly text: string; readonly bytes: number }
  | { readonly ok: false; readonly error: Rejection };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BOM = '\uFEFF';
// One decoder for the life of the process; `fatal` turns bad bytes into an error instead of U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true });

function fail(error: Rejection): DecodedBody {
  return { ok: false, error };
}

function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

function decodeBase64(body: string, maxBodyBytes: number): DecodedBody {
  // Size first, from the encoded length alone, so an oversized body costs no decoding.
  if (body.length > Math.ceil(maxBodyBytes / 3) * 4) return fail(Rejections.payloadTooLarge);
  if (body.length % 4 !== 0 || !BASE64.test(body)) return fail(Rejections.invalidBase64);
  const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
  const bytes = (body.length / 4) * 3 - padding;
  if (bytes > maxBodyBytes) return fail(Rejections.payloadTooLarge);
  if (bytes === 0) return fail(Rejections.missingBody);
  let text: string;
  try {
    text = utf8.decode(Buffer.from(body, 'base64'));
  } catch {
    return fail(Rejections.invalidUtf8);
  }
  return { ok: true, text: withoutBom(text), bytes };
}

function measureText(body: string, maxBodyBytes: number): DecodedBody {
  // A UTF-16 code unit never takes fewer than one UTF-8 byte, so this bound is safe.
  if (body.length > maxBodyBytes) return fail(Rejections.payloadTooLarge);
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > maxBodyBytes) return fail(Rejections.payloadTooLarge);
  if (hasLoneSurrogate(body)) return fail(Rejections.loneSurrogate);
  return { ok: true, text: withoutBom(body), bytes };
}

/**
 * The body as text, its size in bytes checked against the limit before any
 * parsing. Base64 bodies are decoded strictly (no stray characters, exact
 * UTF-8); text bodies must be well-formed UTF-16.
 */
export function decodeBody(body: string | null | undefined, isBase64Encoded: boolean, maxBodyBytes: number): DecodedBody {
  if (body === null || body === undefined || body.length === 0) return fail(Rejections.missingBody);
  return isBase64Encoded ? decodeBase64(body, maxBodyBytes) : measureText(body, maxBodyBytes);
}
