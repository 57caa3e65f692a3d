/**
 * Where keys may be fetched from. Keys decide who is trusted, so they come
 * over https only; plain http is accepted solely for a loopback host when the
 * config says so (cognito-local in tests), never for anything routable.
 */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** Returns why `uri` may not be used to fetch keys, or undefined when it may. */
export function keyUriProblem(uri: string, allowLoopbackHttp: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username !== '' || url.password !== '') return 'must not carry credentials';
  if (url.hash !== '') return 'must not have a fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') {
    if (!allowLoopbackHttp) return 'must use https (http is only allowed for loopback hosts with allowLoopbackHttpJwks)';
    if (!isLoopbackHost(url.hostname)) return 'may use http only on a loopback host (127.0.0.1, localhost, [::1])';
    return undefined;
  }
  return 'must use https';
}
