/**
 * Fetches a JWKS for aws-jwt-verify's key cache, with the limits the library
 * leaves to us: https only (loopback http when allowed), a short overall
 * deadline, a size cap, no redirects, no retry, and a brief back-off after a
 * failure so a dead or slow endpoint costs one wait, not one per request.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Fetcher } from 'aws-jwt-verify/https';
import { assertIsJwks } from 'aws-jwt-verify/jwk';
import { safeJsonParse } from 'aws-jwt-verify/safe-json-parse';
import { keyUriProblem } from '../../lib/contracts/authorizer';

/** Downloads `uri`; must stop when `signal` aborts. Tests inject their own. */
export type JwksFetcher = (uri: string, signal: AbortSignal) => Promise<Uint8Array | ArrayBuffer | string>;

export const DEFAULT_JWKS_TIMEOUT_MS = 1500;
export const JWKS_FAILURE_BACKOFF_MS = 2000;
/** Real key sets are a few KB; anything near this is not a key set. */
export const MAX_JWKS_BYTES = 256 * 1024;

/** Any failure to obtain a usable key set. Carries no response content. */
export class JwksFetchError extends Error {
  public constructor(problem: string) {
    super(`JWKS unavailable: ${problem}`);
    this.name = 'JwksFetchError';
  }
}

export interface GuardedFetcherOptions {
  readonly fetchJwks: JwksFetcher;
  readonly timeoutMs: number;
  readonly allowLoopbackHttp: boolean;
  readonly now: () => number;
}

export function createGuardedFetcher(options: GuardedFetcherOptions): Fetcher {
  const retryAfter = new Map<string, number>();
  return {
    async fetch(uri: string): Promise<ArrayBuffer> {
      const problem = keyUriProblem(uri, options.allowLoopbackHttp);
      if (problem !== undefined) throw new JwksFetchError(`refused URI (expected ${problem})`);
      if ((retryAfter.get(uri) ?? 0) > options.now()) throw new JwksFetchError('backing off after a failed fetch');
      try {
        const body = await withDeadline(options.fetchJwks, uri, options.timeoutMs);
        checkJwks(body);
        retryAfter.delete(uri);
        return body;
      } catch (err) {
        retryAfter.set(uri, options.now() + JWKS_FAILURE_BACKOFF_MS);
        throw err instanceof JwksFetchError ? err : new JwksFetchError('fetch failed');
      }
    },
  };
}

async function withDeadline(fetchJwks: JwksFetcher, uri: string, timeoutMs: number): Promise<ArrayBuffer> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new JwksFetchError(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return toArrayBuffer(await Promise.race([fetchJwks(uri, controller.signal), deadline]));
  } finally {
    clearTimeout(timer);
  }
}

function toArrayBuffer(body: Uint8Array | ArrayBuffer | string): ArrayBuffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body instanceof ArrayBuffer ? new Uint8Array(body) : body;
  if (!(bytes instanceof Uint8Array)) throw new JwksFetchError('unexpected body type');
  if (bytes.byteLength > MAX_JWKS_BYTES) throw new JwksFetchError('response too large');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Rejects garbage here, so it counts as a failed fetch and triggers the back-off. */
function checkJwks(body: ArrayBuffer): void {
  try {
    assertIsJwks(safeJsonParse(new TextDecoder('utf-8', { fatal: true }).decode(body)));
  } catch {
    throw new JwksFetchError('response is not a JWKS');
  }
}

/** The production fetcher: one GET, no redirects followed, body capped. */
export const fetchJwksOverHttp: JwksFetcher = (uri, signal) =>
  new Promise((resolve, reject) => {
    const url = new URL(uri);
    const send = url.protocol === 'https:' ? https.request : http.request;
    const req = send(url, { method: 'GET', headers: { accept: 'application/json' }, signal }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new JwksFetchError(`status ${res.statusCode ?? 'unknown'}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_JWKS_BYTES) {
          req.destroy();
          reject(new JwksFetchError('response too large'));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', () => reject(new JwksFetchError('response failed')));
    });
    req.on('error', () => reject(new JwksFetchError('request failed')));
    req.end();
  });
