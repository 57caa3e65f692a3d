import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlarmSeverity } from './alarm-thresholds';
import { restrictGrantsToAwsServices } from '../private/kms';

const CLOUDWATCH = new iam.ServicePrincipal('cloudwatch.amazonaws.com');

/** The topics alarms notify, one per severity, and the key that encrypts them. */
export interface AlarmTopics {
  readonly topics: Record<AlarmSeverity, sns.ITopic>;
  readonly key: kms.Key;
}

/**
 * One topic per severity (pages and tickets usually go to different people),
 * both encrypted with one customer-managed key. Each topic refuses requests
 * without TLS and admits CloudWatch alarms of this account and region only.
 */
export function createAlarmTopics(scope: Construct): AlarmTopics {
  const key = new kms.Key(scope, 'TopicKey', {
    description: `Encrypts the alarm topics of ${scope.node.path}`,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  // SNS asks KMS for data keys in the name of the publisher, with the topic ARN as encryption context.
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublishToEncryptedTopics',
    principals: [CLOUDWATCH],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
    conditions: {
      StringLike: { 'kms:EncryptionContext:aws:sns:topicArn': `arn:${Aws.PARTITION}:sns:${Aws.REGION}:${Aws.ACCOUNT_ID}:*` },
    },
  }));
  restrictGrantsToAwsServices(key);

  const topic = (severity: AlarmSeverity): sns.Topic => {
    const created = new sns.Topic(scope, `${severity}Topic`, {
      displayName: `${severity} alarms of ${scope.node.path}`.slice(0, 100),
      masterKey: key,
      enforceSSL: true,
    });
    created.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowAlarmsOfThisAccount',
      principals: [CLOUDWATCH],
      actions: ['sns:Publish'],
      resources: [created.topicArn],
      conditions: {
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
      },
    }));
    return created;
  };
  return { key, topics: { [AlarmSeverity.WARNING]: topic(AlarmSeverity.WARNING), [AlarmSeverity.CRITICAL]: topic(AlarmSeverity.CRITICAL) } };
}
