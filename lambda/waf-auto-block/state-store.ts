import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { waitBeforeRetry } from './backoff';
import { TABLE } from '../../lib/contracts/waf-auto-block';
import { BATCH_GET_MAX_KEYS, BLOCK_RECORD_RETENTION_SECONDS, COUNTER_TTL_SLACK_SECONDS } from './constants';
import type { InvocationEnv } from './invocation-env';

/**
 * The function's state in DynamoDB, two kinds of item under one string key:
 * - `count#<address>#<windowStart>`: offenses of one address in one fixed
 *   window, incremented atomically, gone by TTL after the window.
 * - `block#<address>`: the address's current (or last) block and when it ends.
 * Addresses are canonical host CIDRs (`1.2.3.4/32`, `2001:db8::1/128`).
 */

export function counterKey(host: string, windowStart: number): string {
  return `${TABLE.counterPrefix}${host}#${windowStart}`;
}

export function blockKey(host: string): string {
  return `${TABLE.blockPrefix}${host}`;
}

/**
 * Adds `hits` to the address's counter for the window starting at
 * `windowStart` (epoch seconds) and returns the new total. ADD is atomic, so
 * concurrent invocations never lose each other's counts.
 */
export async function addHits(
  client: DynamoDBClient,
  tableName: string,
  host: string,
  windowStart: number,
  windowSeconds: number,
  hits: number,
): Promise<number> {
  const result = await client.send(new UpdateItemCommand({
    TableName: tableName,
    Key: { [TABLE.partitionKey]: { S: counterKey(host, windowStart) } },
    UpdateExpression: 'ADD #hits :hits SET #ttl = if_not_exists(#ttl, :ttl)',
    ExpressionAttributeNames: { '#hits': TABLE.hits, '#ttl': TABLE.ttl },
    ExpressionAttributeValues: {
      ':hits': { N: String(hits) },
      ':ttl': { N: String(windowStart + windowSeconds + COUNTER_TTL_SLACK_SECONDS) },
    },
    ReturnValues: 'UPDATED_NEW',
  }));
  return numberAttribute(result.Attributes?.[TABLE.hits]) ?? hits;
}

export type BlockOutcome = 'blocked' | 'alreadyBlocked';

/**
 * Records a block unless one is already running. The condition makes exactly
 * one of several concurrent invocations start the block, and keeps a running
 * block from being extended by every further offense.
 */
export async function recordBlock(
  client: DynamoDBClient,
  tableName: string,
  host: string,
  nowSeconds: number,
  blockSeconds: number,
): Promise<BlockOutcome> {
  const blockedUntil = nowSeconds + blockSeconds;
  try {
    await client.send(new PutItemCommand({
      TableName: tableName,
      Item: {
        [TABLE.partitionKey]: { S: blockKey(host) },
        [TABLE.blockedAt]: { N: String(nowSeconds) },
        [TABLE.blockedUntil]: { N: String(blockedUntil) },
        [TABLE.ttl]: { N: String(blockedUntil + BLOCK_RECORD_RETENTION_SECONDS) },
      },
      ConditionExpression: 'attribute_not_exists(#pk) OR #until <= :now',
      ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#until': TABLE.blockedUntil },
      ExpressionAttributeValues: { ':now': { N: String(nowSeconds) } },
    }));
    return 'blocked';
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException || (err as Error | undefined)?.name === 'ConditionalCheckFailedException') {
      return 'alreadyBlocked';
    }
    throw err;
  }
}

export interface BlockRecords {
  /** `blockedUntil` (epoch seconds) per address that has a block record. */
  readonly blockedUntil: ReadonlyMap<string, number>;
  /** Addresses DynamoDB left unprocessed after the retry bound: their state is unknown. */
  readonly unread: readonly string[];
}

/**
 * Reads the block records of `hosts` with strongly consistent reads, so a
 * block written a moment ago is seen. Unprocessed keys are retried with
 * backoff within the attempt bound and the invocation's remaining time.
 */
export async function readBlocks(
  client: DynamoDBClient,
  tableName: string,
  hosts: readonly string[],
  env: InvocationEnv,
): Promise<BlockRecords> {
  const blockedUntil = new Map<string, number>();
  const unread: string[] = [];
  for (let i = 0; i < hosts.length; i += BATCH_GET_MAX_KEYS) {
    let keys: Record<string, AttributeValue>[] = hosts
      .slice(i, i + BATCH_GET_MAX_KEYS)
      .map((host) => ({ [TABLE.partitionKey]: { S: blockKey(host) } }));
    for (let attempt = 1; keys.length > 0; attempt++) {
      const result = await client.send(new BatchGetItemCommand({
        RequestItems: {
          [tableName]: {
            Keys: keys,
            ConsistentRead: true,
            ProjectionExpression: '#pk, #until',
            ExpressionAttributeNames: { '#pk': TABLE.partitionKey, '#until': TABLE.blockedUntil },
          },
        },
      }));
      for (const item of result.Responses?.[tableName] ?? []) {
        const key = item[TABLE.partitionKey]?.S;
        const until = numberAttribute(item[TABLE.blockedUntil]);
        if (key?.startsWith(TABLE.blockPrefix) && until !== undefined) {
          blockedUntil.set(key.slice(TABLE.blockPrefix.length), until);
        }
      }
      keys = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
      if (keys.length > 0 && !(await waitBeforeRetry(attempt, env))) {
        for (const key of keys) unread.push((key[TABLE.partitionKey]?.S ?? '').slice(TABLE.blockPrefix.length));
        break;
      }
    }
  }
  return { blockedUntil, unread };
}

function numberAttribute(value: AttributeValue | undefined): number | undefined {
  if (value?.N === undefined) return undefined;
  const n = Number(value.N);
  return Number.isFinite(n) ? n : undefined;
}
