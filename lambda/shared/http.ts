import type { APIGatewayProxyResult } from 'aws-lambda';

/**
 * Headers every response carries, the same set the gateway responses add:
 * responses may contain model output about a person, so nothing is cached.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/json',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
});

/** A JSON response with the security headers. */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}
