import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { BUDGET_TABLE_KEY, BUDGET_TTL_ATTRIBUTE } from '../contracts/model-proxy';
import { encryptedTable, viaDynamoDb } from './encrypted-table';

/** What a model function does on the budget table: reserve and settle (UpdateItem), and read a window that rolled over or refused (GetItem). */
export const BUDGET_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:UpdateItem'];
/** What DynamoDB asks of the table key on the caller's behalf when it reads and writes items. */
export const TABLE_KEY_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'];

/**
 * The table in which the model functions of a gateway reserve and settle
 * tokens and cost: one item per model, scope, caller and month (partition key
 * `pk`, TTL attribute `expiresAt`), shared by every model with a budget.
 * On demand, its own customer-managed key with rotation, point-in-time
 * recovery, retained and protected from deletion.
 */
export class BudgetTable extends Construct {
  /** The table. */
  public readonly table: dynamodb.Table;
  /** The customer-managed key of the table. */
  public readonly key: kms.IKey;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    const { table, key } = encryptedTable(this, {
      partitionKey: BUDGET_TABLE_KEY,
      ttlAttribute: BUDGET_TTL_ATTRIBUTE,
      purpose: 'the token and cost budgets of the gateway\'s models',
      noBackupPlanReason: 'The table holds counters of the current windows, which expire a day after their month; a restore would bring back '
        + 'counts of windows already over. Point-in-time recovery covers mistaken writes; a backup plan would keep data with no use.',
    });
    this.table = table;
    this.key = key;
  }

  /**
   * What one function needs to reserve and settle: `dynamodb:GetItem` and `dynamodb:UpdateItem` on the table,
   * and the table key's data actions through DynamoDB only. For a customer-managed policy.
   */
  public accessStatements(): iam.PolicyStatement[] {
    return [
      new iam.PolicyStatement({ actions: BUDGET_TABLE_ACTIONS, resources: [this.table.tableArn] }),
      new iam.PolicyStatement({ actions: TABLE_KEY_ACTIONS, resources: [this.key.keyArn], conditions: viaDynamoDb(Stack.of(this).region) }),
    ];
  }
}
