/**
 * The cache as a call sees it: whether this call may use it, the lookup, and
 * the store after a complete answer. It never fails a call: a KMS or
 * DynamoDB error is logged (error name only), counted, and the call goes on
 * to the backend as a bypass.
 */
import type { ResponseCacheConfig } from '../../lib/contracts/model-proxy';
import { safeErrorName } from '../shared/error-name';
import type { Logger } from '../shared/logger';
import { accessScopeOf } from './access-scope';
import { forbidsStore } from './cache-control';
import { cacheKey, type CacheableRequest } from './cache-key';
import { MAX_CACHED_ANSWER_BYTES, type CachedAnswer, type CacheStore } from './cache-store';
import type { TenantSecrets } from './tenant-secrets';

export type CacheStatus = 'hit' | 'miss' | 'bypass';
/** The response header that tells the caller how the call used the cache. */
export const CACHE_STATUS_HEADER = 'x-cache';
/** Why a call did not use the cache. */
export type CacheBypassReason = 'noStore' | 'temperature' | 'noTenant' | 'noVersion' | 'unavailable';

export interface CacheLookupInput {
  readonly authorizer: Readonly<Record<string, unknown>> | null | undefined;
  readonly headers: Readonly<Record<string, string | undefined>> | null | undefined;
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[] | undefined>> | null;
  readonly model: string;
  /** The version routing chose; undefined when it could choose none. */
  readonly version: string | undefined;
  /** The masked request, as the backend would get it. */
  readonly request: CacheableRequest;
}

export type CacheLookup =
  | { readonly status: 'hit'; readonly answer: CachedAnswer }
  | { readonly status: 'miss'; readonly key: string }
  | { readonly status: 'bypass'; readonly reason: CacheBypassReason };

export interface ResponseCache {
  lookup(input: CacheLookupInput): Promise<CacheLookup>;
  /** Stores a complete, unflagged answer under the key of a miss; false when it was not stored. */
  store(key: string, answer: CachedAnswer): Promise<boolean>;
}

export interface ResponseCacheDeps {
  readonly config: ResponseCacheConfig;
  readonly secrets: TenantSecrets;
  readonly store: CacheStore;
  readonly logger: Logger;
  /** Wall clock in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

export function createResponseCache(deps: ResponseCacheDeps): ResponseCache {
  const { config, secrets, store, logger } = deps;
  const now = deps.now ?? Date.now;
  const unavailable = (step: string, err: unknown): CacheLookup => {
    logger.log('WARN', 'response cache unavailable', { step, errorName: safeErrorName(err) });
    return { status: 'bypass', reason: 'unavailable' };
  };
  return {
    async lookup(input) {
      if (forbidsStore(input.headers, input.multiValueHeaders)) return { status: 'bypass', reason: 'noStore' };
      const { temperature } = input.request;
      // No temperature means the backend's default, which is above 0 for the models we front.
      if (!config.cacheNonZeroTemperature && (temperature === undefined || temperature > 0)) return { status: 'bypass', reason: 'temperature' };
      const scope = accessScopeOf(input.authorizer);
      if (scope === undefined) return { status: 'bypass', reason: 'noTenant' };
      if (input.version === undefined) return { status: 'bypass', reason: 'noVersion' };
      let key: string;
      try {
        key = cacheKey(await secrets.secretFor(scope.tenant), { scope, model: input.model, version: input.version, request: input.request });
      } catch (err) {
        return unavailable('deriveKey', err);
      }
      try {
        const stored = await store.get(key, now());
        return stored === undefined ? { status: 'miss', key } : { status: 'hit', answer: stored.answer };
      } catch (err) {
        return unavailable('read', err);
      }
    },
    async store(key, answer) {
      if (Buffer.byteLength(answer.text, 'utf8') > MAX_CACHED_ANSWER_BYTES) return false;
      try {
        await store.put(key, answer, Math.floor(now() / 1000) + config.ttlSeconds);
        return true;
      } catch (err) {
        logger.log('WARN', 'response cache unavailable', { step: 'write', errorName: safeErrorName(err) });
        return false;
      }
    },
  };
}
