/**
 * The cache's real parts on loopback: dynalite (the DynamoDB API on an
 * in-memory LevelDB) and a KMS stand-in that answers `TrentService.GenerateMac`
 * in KMS's JSON protocol with a deterministic HMAC per key, so the real
 * @aws-sdk clients talk to both. Each server listens on a free port and is
 * closed by `close()`.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { RESPONSE_CACHE_ITEM } from '../../../lib/contracts/model-proxy';

// dynalite ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;

const CREDENTIALS = { accessKeyId: 'AKIDLOOPBACKTEST', secretAccessKey: 'loopback-secret' };
const REGION = 'eu-west-1';

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface CacheTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly endpoint: string;
  /** GetItem requests the server received, from any client. */
  getItemCalls(): number;
  items(): Promise<Record<string, AttributeValue>[]>;
  close(): Promise<void>;
}

export async function startCacheTable(tableName = 'response-cache'): Promise<CacheTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  let getItems = 0;
  server.on('request', (req: IncomingMessage) => {
    if (req.headers['x-amz-target'] === 'DynamoDB_20120810.GetItem') getItems++;
  });
  const port = await listen(server);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
  await client.send(new CreateTableCommand({
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: RESPONSE_CACHE_ITEM.partitionKey, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: RESPONSE_CACHE_ITEM.partitionKey, KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  return {
    client,
    tableName,
    endpoint,
    getItemCalls: () => getItems,
    items: async () => (await client.send(new ScanCommand({ TableName: tableName }))).Items ?? [],
    close: async () => {
      client.destroy();
      await close(server);
    },
  };
}

export interface KmsStub {
  readonly client: KMSClient;
  readonly endpoint: string;
  /** GenerateMac calls per key id. */
  readonly calls: Map<string, number>;
  /** While true, every call answers 500. */
  failing: boolean;
  close(): Promise<void>;
}

/** The stub's secret of a key: what the real key material would be, never sent. */
function secretOf(keyId: string): Buffer {
  return createHash('sha256').update(`kms-stub-key-material:${keyId}`).digest();
}

export async function startKmsStub(): Promise<KmsStub> {
  const calls = new Map<string, number>();
  const stub = { failing: false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      if (stub.failing) return answer(500, { __type: 'KMSInternalException', message: 'unavailable' });
      if (req.headers['x-amz-target'] !== 'TrentService.GenerateMac') return answer(400, { __type: 'UnknownOperationException' });
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { KeyId?: string; MacAlgorithm?: string; Message?: string };
      if (typeof input.KeyId !== 'string' || typeof input.Message !== 'string') return answer(400, { __type: 'ValidationException', message: 'bad input' });
      if (input.MacAlgorithm !== 'HMAC_SHA_256') return answer(400, { __type: 'InvalidKeyUsageException', message: 'algorithm' });
      calls.set(input.KeyId, (calls.get(input.KeyId) ?? 0) + 1);
      const mac = createHmac('sha256', secretOf(input.KeyId)).update(Buffer.from(input.Message, 'base64')).digest('base64');
      return answer(200, { KeyId: input.KeyId, Mac: mac, MacAlgorithm: 'HMAC_SHA_256' });
    });
  });
  const port = await listen(server);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new KMSClient({ endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
  return Object.assign(stub, {
    client,
    endpoint,
    calls,
    close: async () => {
      client.destroy();
      await close(server);
    },
  });
}
