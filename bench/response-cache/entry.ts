/**
 * Entry of the response cache benchmark's bundle: the chat route, its guards
 * and the cache with its SDK clients as the chat-proxy handler bundle
 * contains them (esbuild, minified).
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import type { CacheClients } from '../../lambda/response-cache/from-config';

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
