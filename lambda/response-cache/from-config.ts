/**
 * The cache of a route, built once per execution environment from its
 * configuration, with the SDK clients of the function's region. The clients
 * retry once and give up quickly: a slow cache must not slow the call more
 * than a miss would. The table sits behind a memory tier of this
 * environment (memory-tier.ts), so repeated hits skip the round trip.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import type { ResponseCacheConfig } from '../../lib/contracts/model-proxy';
import type { Logger } from '../shared/logger';
import { dynamoCacheStore } from './cache-store';
import { DEFAULT_MEMORY_TIER_LIMITS, memoryTier, type MemoryTierLimits } from './memory-tier';
import { createResponseCache, type ResponseCache } from './response-cache';
import { kmsTenantSecrets } from './tenant-secrets';

export const CACHE_READ_TIMEOUT_MS = 300;
export const KMS_TIMEOUT_MS = 1000;

export interface CacheClients {
  readonly dynamodb: DynamoDBClient;
  readonly kms: KMSClient;
}

export function defaultCacheClients(): CacheClients {
  return { dynamodb: new DynamoDBClient({ maxAttempts: 2 }), kms: new KMSClient({ maxAttempts: 2 }) };
}

export function responseCacheFromConfig(config: ResponseCacheConfig, clients: CacheClients, logger: Logger, now?: () => number,
  memoryLimits: MemoryTierLimits = DEFAULT_MEMORY_TIER_LIMITS): ResponseCache {
  return createResponseCache({
    ...(now === undefined ? {} : { now }),
    config,
    secrets: kmsTenantSecrets(clients.kms, config.hmacKeyId, KMS_TIMEOUT_MS),
    store: memoryTier(dynamoCacheStore(clients.dynamodb, config.tableName, CACHE_READ_TIMEOUT_MS), memoryLimits),
    logger,
  });
}
