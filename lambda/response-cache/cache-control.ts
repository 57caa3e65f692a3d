/**
 * The caller's `Cache-Control: no-store`: the call neither reads nor writes
 * the cache. Header names are matched case-insensitively, directives as a
 * comma-separated list (RFC 9111 §5.2).
 */
const CACHE_CONTROL = 'cache-control';

export function forbidsStore(headers: Readonly<Record<string, string | undefined>> | null | undefined,
  multi?: Readonly<Record<string, readonly string[] | undefined>> | null): boolean {
  const values: string[] = [];
  for (const [name, value] of Object.entries(multi ?? {})) if (name.toLowerCase() === CACHE_CONTROL && value) values.push(...value);
  for (const [name, value] of Object.entries(headers ?? {})) if (name.toLowerCase() === CACHE_CONTROL && value !== undefined) values.push(value);
  return values.some((v) => v.split(',').some((directive) => directive.trim().split('=')[0].trim().toLowerCase() === 'no-store'));
}
