/**
 * A DynamoDB API server (dynalite, in memory) on a free loopback port, the
 * budget table created, and real SDK clients pointed at it. Tests close it.
 */
import { type AddressInfo, createServer } from 'node:net';
import type { Server } from 'node:http';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { BUDGET_TABLE_KEY } from '../../../lib/contracts/model-proxy';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- dynalite ships no types
const dynalite = require('dynalite') as (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

export interface LocalTable {
  readonly endpoint: string;
  readonly tableName: string;
  client(): DynamoDBClient;
  item(key: string): Promise<Record<string, number | string> | undefined>;
  close(): Promise<void>;
}

export const TEST_CLIENT = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } } as const;

export async function startLocalTable(tableName = 'budget'): Promise<LocalTable> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: DynamoDBClient[] = [];
  const client = () => {
    const c = new DynamoDBClient({ ...TEST_CLIENT, endpoint });
    clients.push(c);
    return c;
  };
  await client().send(new CreateTableCommand({
    TableName: tableName,
    AttributeDefinitions: [{ AttributeName: BUDGET_TABLE_KEY, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: BUDGET_TABLE_KEY, KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
  return {
    endpoint,
    tableName,
    client,
    async item(key) {
      const out = await clients[0].send(new GetItemCommand({ TableName: tableName, Key: { [BUDGET_TABLE_KEY]: { S: key } }, ConsistentRead: true }));
      return out.Item === undefined ? undefined : plain(out.Item);
    },
    async close() {
      clients.forEach((c) => c.destroy());
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

function plain(item: Record<string, AttributeValue>): Record<string, number | string> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v.N !== undefined ? Number(v.N) : v.S ?? '']));
}

/** A loopback port with nothing listening: the table is unreachable. */
export async function closedEndpoint(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
