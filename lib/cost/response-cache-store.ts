import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { RESPONSE_CACHE_ITEM } from '../contracts/model-proxy';
import { restrictGrantsToAwsServices } from '../private/kms';
import { TABLE_KEY_ACTIONS } from './budget-table';
import { encryptedTable, viaDynamoDb } from './encrypted-table';

/** What the chat function does on the cache table: look an answer up, store one. */
export const CACHE_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem'];
/** What the chat function does with the HMAC key: derive a tenant's cache-key secret. */
export const CACHE_HMAC_ACTIONS = ['kms:GenerateMac'];

/**
 * The response cache of a gateway's chat completions routes: a table of masked
 * answers (partition key `k`, TTL attribute `expiresAt`) with its own
 * customer-managed key, and an HMAC_256 key from which each tenant's cache-key
 * secret is derived in KMS (`GenerateMac`), so the table's keys can be neither
 * recomputed nor linked to a request without that key. Shared by every model
 * with a cache; entries never cross tenants or access scopes.
 */
export class ResponseCacheStore extends Construct {
  /** The cache table. */
  public readonly table: dynamodb.Table;
  /** The customer-managed key of the table. */
  public readonly tableKey: kms.IKey;
  /** The HMAC_256 key (usage GENERATE_VERIFY_MAC) of the cache keys. */
  public readonly hmacKey: kms.IKey;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    const { table, key } = encryptedTable(this, {
      partitionKey: RESPONSE_CACHE_ITEM.partitionKey,
      ttlAttribute: RESPONSE_CACHE_ITEM.ttl,
      purpose: 'the masked answers of the gateway\'s response cache',
      noBackupPlanReason: 'The table is a cache: every entry expires within its TTL (30 days at most) and a lost entry costs one model call. '
        + 'A backup would only keep answers longer than their TTL allows.',
    });
    this.table = table;
    this.tableKey = key;
    const hmacKey = new kms.Key(this, 'HmacKey', {
      description: 'Derives the per-tenant secrets of the response cache keys (GenerateMac)',
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      // Losing it only empties the cache (no entry's key can be derived again); kept anyway, as every key of the gateway.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    restrictGrantsToAwsServices(hmacKey);
    this.hmacKey = hmacKey;
  }

  /** The table statements of one function: lookup and store, and the table key through DynamoDB only. */
  public tableStatements(): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({ actions: CACHE_TABLE_ACTIONS, resources: [this.table.tableArn] }),
      new iam.PolicyStatement({ actions: TABLE_KEY_ACTIONS, resources: [this.tableKey.keyArn], conditions: viaDynamoDb(Stack.of(this).region) }),
    ];
  }

  /** The HMAC statement of one function: `kms:GenerateMac` on the HMAC key. */
  public hmacStatement(): iam.PolicyStatement {
    return new iam.PolicyStatement({ actions: CACHE_HMAC_ACTIONS, resources: [this.hmacKey.keyArn] });
  }
}
