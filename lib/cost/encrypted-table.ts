import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { restrictGrantsToAwsServices } from '../private/kms';

export interface EncryptedTableOptions {
  readonly partitionKey: string;
  readonly ttlAttribute: string;
  /** What the table holds, for the key's description. */
  readonly purpose: string;
  /** Why the table needs no backup plan beyond point-in-time recovery. */
  readonly noBackupPlanReason: string;
}

/**
 * A DynamoDB table of the gateway's shared state: on demand, its own
 * customer-managed key with rotation, point-in-time recovery, TTL, retained
 * with the stack and protected from deletion (both hold what the gateway
 * enforces or serves; losing them by a stack update would reset budgets).
 */
export function encryptedTable(scope: Construct, options: EncryptedTableOptions): { table: dynamodb.Table; key: kms.Key } {
  const key = new kms.Key(scope, 'Key', {
    description: `Encrypts ${options.purpose}`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  restrictGrantsToAwsServices(key);
  const table = new dynamodb.Table(scope, 'Table', {
    partitionKey: { name: options.partitionKey, type: dynamodb.AttributeType.STRING },
    timeToLiveAttribute: options.ttlAttribute,
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(table).acknowledge(
    { id: 'NIST.800.53.R5-DynamoDBInBackupPlan', reason: options.noBackupPlanReason },
    { id: 'HIPAA.Security-DynamoDBInBackupPlan', reason: options.noBackupPlanReason },
  );
  return { table, key };
}

/** `kms:ViaService` of DynamoDB in the table's region: the table key serves DynamoDB on the caller's behalf, never direct calls. */
export function viaDynamoDb(region: string): Record<string, Record<string, string>> {
  return { StringEquals: { 'kms:ViaService': `dynamodb.${region}.amazonaws.com` } };
}
