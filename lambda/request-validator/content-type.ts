/** Request headers as API Gateway passes them: any case, possibly absent. */
export type RequestHeaders = Readonly<Record<string, string | undefined>> | null | undefined;

export const CONTENT_TYPE_HEADER = 'content-type';
const JSON_MEDIA_TYPE = 'application/json';
const UTF8 = 'utf-8';

/**
 * The values of one header, looked up without regard to case. Two spellings of
 * the same header with different values are returned as two values, so that
 * callers can refuse the ambiguity instead of picking one.
 */
export function headerValues(headers: RequestHeaders, lowerCaseName: string): string[] {
  if (!headers) return [];
  const values: string[] = [];
  for (const key of Object.keys(headers)) {
    const value = headers[key];
    if (value !== undefined && key.toLowerCase() === lowerCaseName && !values.includes(value)) values.push(value);
  }
  return values;
}

/**
 * `application/json`, optionally with `charset=utf-8`, in any case. Every other
 * parameter or charset is refused: a body we cannot decode exactly is one that
 * another layer may read differently.
 */
export function isJsonContentType(value: string): boolean {
  const [mediaType, ...params] = value.split(';');
  if (mediaType.trim().toLowerCase() !== JSON_MEDIA_TYPE) return false;
  let charsetSeen = false;
  for (const raw of params) {
    const param = raw.trim();
    if (param === '') continue;
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset' || charsetSeen) return false;
    let charset = param.slice(eq + 1).trim();
    if (charset.length >= 2 && charset.startsWith('"') && charset.endsWith('"')) charset = charset.slice(1, -1);
    if (charset.toLowerCase() !== UTF8) return false;
    charsetSeen = true;
  }
  return true;
}

/** True when exactly one Content-Type is present and it is JSON in UTF-8. */
export function hasJsonContentType(headers: RequestHeaders): boolean {
  const values = headerValues(headers, CONTENT_TYPE_HEADER);
  return values.length === 1 && isJsonContentType(values[0]);
}
