/**
 * Every error the gateway or a handler answers with has one JSON shape:
 * `{"error":{"code","message","requestId"}}` (see lambda/shared/errors.ts),
 * and the same security headers.
 */

/** Response headers in API Gateway's mapping syntax (values quoted). */
export const SECURITY_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Strict-Transport-Security': "'max-age=31536000; includeSubDomains'",
  'X-Content-Type-Options': "'nosniff'",
  'Cache-Control': "'no-store'",
});

/** A mapping template that renders an error body; code and message are fixed strings. */
export function errorBodyTemplate(code: string, message: string): string {
  return JSON.stringify({ error: { code, message, requestId: '$context.requestId' } });
}
