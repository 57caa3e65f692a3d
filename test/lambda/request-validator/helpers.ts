import type { RawRequest } from '../../../lambda/request-validator';

export const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** A request whose body is `body` as given (already a JSON string, or anything else). */
export function raw(body: string | null, headers: Record<string, string | undefined> = JSON_HEADERS): RawRequest {
  return { headers, body, isBase64Encoded: false };
}

/** A request whose body is `payload` serialized as JSON. */
export function jsonRequest(payload: unknown, headers: Record<string, string | undefined> = JSON_HEADERS): RawRequest {
  return raw(JSON.stringify(payload), headers);
}

export function base64Request(bytes: Uint8Array | string, headers: Record<string, string | undefined> = JSON_HEADERS): RawRequest {
  return { headers, body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true };
}

/** A string no error message may ever contain: it stands for client input. */
export const SECRET_MARKER = 'zq-SECRET-7f3a';
