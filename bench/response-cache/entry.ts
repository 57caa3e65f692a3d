/**
 * Entry of the response cache benchmark's bundle: the chat route, its guards
 * and the cache with its SDK clients as the chat-proxy handler bundle
 * contains them (esbuild, minified).
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { dynamoCacheStore } from '../../lambda/response-cache/cache-store';
import { CACHE_READ_TIMEOUT_MS, KMS_TIMEOUT_MS, type CacheClients } from '../../lambda/response-cache/from-config';
import { createResponseCache, type ResponseCache } from '../../lambda/response-cache/response-cache';
import { kmsTenantSecrets } from '../../lambda/response-cache/tenant-secrets';
import type { ResponseCacheConfig } from '../../lib/contracts/model-proxy';
import type { Logger } from '../../lambda/shared/logger';

export { createChatProxy } from '../../lambda/chat-proxy/chat-proxy';
export { createChatGuards } from '../../lambda/chat-proxy/chat-guards';
export { responseCacheFromConfig } from '../../lambda/response-cache/from-config';
export { createJsonLogger } from '../../lambda/shared/logger';
export { proxyConfig } from '../../test/lambda/model-proxy/fakes';
export { chatEvent } from '../../test/lambda/chat-proxy/fakes';

const credentials = { accessKeyId: 'AKIDLOOPBACKBENCH', secretAccessKey: 'loopback-secret' };

export function loopbackClients(dynamoEndpoint: string, kmsEndpoint: string): CacheClients {
  return {
    dynamodb: new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'eu-west-1', credentials, maxAttempts: 1 }),
    kms: new KMSClient({ endpoint: kmsEndpoint, region: 'eu-west-1', credentials, maxAttempts: 1 }),
  };
}

/** One plain GetItem round trip with the same client: the floor under any hit. */
export function plainGet(clients: CacheClients, tableName: string): Promise<unknown> {
  return clients.dynamodb.send(new GetItemCommand({ TableName: tableName, Key: { k: { S: 'absent' } } }));
}

/** The cache as shipped but without its memory tier: every lookup reads the table, as in a fresh execution environment. */
export function tableOnlyCache(config: ResponseCacheConfig, clients: CacheClients, logger: Logger): ResponseCache {
  return createResponseCache({
    config,
    secrets: kmsTenantSecrets(clients.kms, config.hmacKeyId, KMS_TIMEOUT_MS),
    store: dynamoCacheStore(clients.dynamodb, config.tableName, CACHE_READ_TIMEOUT_MS),
    logger,
  });
}
