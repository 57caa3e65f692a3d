import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type BatchGetItemCommandInput,
  type PutItemCommandInput,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { AwsClientStub } from 'aws-sdk-client-mock';

type Item = Record<string, AttributeValue>;

const COUNTER_UPDATE = 'ADD #hits :hits SET #ttl = if_not_exists(#ttl, :ttl)';
const BLOCK_CONDITION = 'attribute_not_exists(#pk) OR #until <= :now';

/**
 * An in-memory table that answers exactly the expressions the state store
 * sends, with DynamoDB's semantics for them; anything else throws, so a change
 * of expression cannot pass unnoticed.
 */
export class FakeTable {
  public readonly items = new Map<string, Item>();
  /** BatchGetItem calls that return every key unprocessed before answering normally. */
  public unprocessedBatchGets = 0;

  public install(mock: AwsClientStub<DynamoDBClient>): void {
    mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => this.update(input));
    mock.on(PutItemCommand).callsFake((input: PutItemCommandInput) => this.put(input));
    mock.on(BatchGetItemCommand).callsFake((input: BatchGetItemCommandInput) => this.batchGet(input));
  }

  public number(pk: string, attribute: string): number | undefined {
    const value = this.items.get(pk)?.[attribute]?.N;
    return value === undefined ? undefined : Number(value);
  }

  public setBlock(host: string, blockedUntil: number): void {
    this.items.set(`block#${host}`, { pk: { S: `block#${host}` }, blockedUntil: { N: String(blockedUntil) } });
  }

  private update(input: UpdateItemCommandInput) {
    if (input.UpdateExpression !== COUNTER_UPDATE) throw new Error(`unsupported update ${input.UpdateExpression}`);
    const names = input.ExpressionAttributeNames ?? {};
    const values = input.ExpressionAttributeValues ?? {};
    const pk = input.Key!.pk.S!;
    const item: Item = { ...(this.items.get(pk) ?? { pk: { S: pk } }) };
    item[names['#hits']] = { N: String(Number(item[names['#hits']]?.N ?? 0) + Number(values[':hits'].N)) };
    item[names['#ttl']] ??= values[':ttl'];
    this.items.set(pk, item);
    return { Attributes: { [names['#hits']]: item[names['#hits']], [names['#ttl']]: item[names['#ttl']] } };
  }

  private put(input: PutItemCommandInput) {
    if (input.ConditionExpression !== BLOCK_CONDITION) throw new Error(`unsupported condition ${input.ConditionExpression}`);
    const names = input.ExpressionAttributeNames ?? {};
    const pk = input.Item!.pk.S!;
    const existing = this.items.get(pk);
    const until = existing?.[names['#until']]?.N;
    if (existing !== undefined && Number(until) > Number(input.ExpressionAttributeValues![':now'].N)) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    this.items.set(pk, { ...input.Item! });
    return {};
  }

  private batchGet(input: BatchGetItemCommandInput) {
    const [[table, request]] = Object.entries(input.RequestItems!);
    if (request.Keys!.length > 100) throw new Error('BatchGetItem takes at most 100 keys');
    if (this.unprocessedBatchGets > 0) {
      this.unprocessedBatchGets--;
      return { Responses: { [table]: [] }, UnprocessedKeys: { [table]: { Keys: request.Keys } } };
    }
    const found = request.Keys!.flatMap((key) => {
      const item = this.items.get(key.pk.S!);
      return item === undefined ? [] : [{ pk: item.pk, blockedUntil: item.blockedUntil }];
    });
    return { Responses: { [table]: found }, UnprocessedKeys: {} };
  }
}
