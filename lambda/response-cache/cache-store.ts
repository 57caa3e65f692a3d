/**
 * The cache table: one item per key, the masked answer with its finish
 * reason and usage, and the TTL attribute. Reads check the expiry
 * themselves, since DynamoDB deletes expired items only eventually, and
 * treat an item of an unexpected shape as absent.
 */
import { GetItemCommand, PutItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { RESPONSE_CACHE_ITEM } from '../../lib/contracts/model-proxy';
import type { FinishReason } from '../chat/completion';

export interface CachedAnswer {
  /** The answer as masked for the caller who first asked: placeholders, never values. */
  readonly text: string;
  readonly finishReason: FinishReason;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly usageEstimated: boolean;
}

/** An answer as a store holds it: with the expiry of its table item, which every copy of it honours. */
export interface StoredAnswer {
  readonly answer: CachedAnswer;
  /** Epoch seconds; the entry is absent from then on. */
  readonly expiresAtSeconds: number;
}

export interface CacheStore {
  get(key: string, nowMs: number): Promise<StoredAnswer | undefined>;
  put(key: string, answer: CachedAnswer, expiresAtSeconds: number): Promise<void>;
}

/** DynamoDB's item limit is 400 KB; larger answers are not cached. */
export const MAX_CACHED_ANSWER_BYTES = 350 * 1024;
const FINISH_REASONS: ReadonlySet<string> = new Set<FinishReason>(['stop', 'length', 'content_filter']);
const { partitionKey: PK, ttl: TTL } = RESPONSE_CACHE_ITEM;

export function dynamoCacheStore(db: Pick<DynamoDBClient, 'send'>, tableName: string, timeoutMs: number): CacheStore {
  return {
    async get(key, nowMs) {
      const out = await db.send(new GetItemCommand({ TableName: tableName, Key: { [PK]: { S: key } } }),
        { abortSignal: AbortSignal.timeout(timeoutMs) });
      return out.Item === undefined ? undefined : answerOf(out.Item, nowMs);
    },
    async put(key, answer, expiresAtSeconds) {
      await db.send(new PutItemCommand({
        TableName: tableName,
        Item: {
          [PK]: { S: key },
          a: { S: answer.text },
          f: { S: answer.finishReason },
          p: { N: String(answer.promptTokens) },
          c: { N: String(answer.completionTokens) },
          e: { BOOL: answer.usageEstimated },
          [TTL]: { N: String(expiresAtSeconds) },
        },
      }), { abortSignal: AbortSignal.timeout(timeoutMs) });
    },
  };
}

function answerOf(item: Record<string, AttributeValue>, nowMs: number): StoredAnswer | undefined {
  const expiresAt = Number(item[TTL]?.N);
  if (!Number.isFinite(expiresAt) || expiresAt * 1000 <= nowMs) return undefined;
  const text = item.a?.S;
  const finishReason = item.f?.S;
  const promptTokens = Number(item.p?.N);
  const completionTokens = Number(item.c?.N);
  const usageEstimated = item.e?.BOOL;
  if (typeof text !== 'string' || finishReason === undefined || !FINISH_REASONS.has(finishReason)) return undefined;
  if (!Number.isSafeInteger(promptTokens) || !Number.isSafeInteger(completionTokens) || typeof usageEstimated !== 'boolean') return undefined;
  return { answer: { text, finishReason: finishReason as FinishReason, promptTokens, completionTokens, usageEstimated }, expiresAtSeconds: expiresAt };
}
