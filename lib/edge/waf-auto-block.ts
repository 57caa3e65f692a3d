import { Duration, Names, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as destinations from 'aws-cdk-lib/aws-logs-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { LogMetricName } from '../contracts/metric-names';
import {
  AUTO_BLOCK_CONFIG_ENV,
  type AutoBlockConfigJson,
  BLOCK_SECONDS,
  IP_SET_SCOPE,
  TABLE,
  THRESHOLD,
  WINDOW_SECONDS,
} from '../contracts/waf-auto-block';
import { GuardControl } from '../private/guard-controls';
import { restrictGrantsToAwsServices } from '../private/kms';
import { logMetric } from '../private/log-metric';
import { SecureFunction } from '../private/secure-function';
import { invalidProp, validateRange } from '../private/validation';
import { cidrProblem } from './cidr';
import { integerProblem } from '../contracts/field-rules';

/** Properties of a {@link WafAutoBlock}. */
export interface WafAutoBlockProps {
  /** Denied or blocked requests from one address, within one window, that start a block. @default 50 */
  readonly threshold?: number;
  /** The counting window. @default Duration.minutes(5) */
  readonly window?: Duration;
  /** How long an address stays blocked. @default Duration.hours(1) */
  readonly blockDuration?: Duration;
  /** How often expired blocks are removed. @default Duration.minutes(5) */
  readonly sweepInterval?: Duration;
  /**
   * Addresses and CIDRs never blocked (your own egress, health checkers, a CDN in front).
   * @default - none
   */
  readonly allowlist?: string[];
  /**
   * Names of WAF rules whose blocks do not count, e.g. the rule that enforces these IP sets,
   * so that a block does not renew itself.
   * @default - every WAF block counts
   */
  readonly ignoredRuleNames?: string[];
  /** Retention of the function's logs. @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Blocks source addresses that keep getting denied: a function reads the WAF
 * logs and the authorizer's audit lines through log subscriptions, counts
 * offenses per address in DynamoDB, adds an address that crosses the
 * threshold to an IP set (one for IPv4, one for IPv6) and removes it after the
 * block expires. Give both IP sets to the web ACL's block rule.
 */
export class WafAutoBlock extends Construct {
  /** The IPv4 addresses currently blocked. */
  public readonly ipv4Set: wafv2.CfnIPSet;
  /** The IPv6 addresses currently blocked. */
  public readonly ipv6Set: wafv2.CfnIPSet;
  /** Offense counters and block records. */
  public readonly table: dynamodb.Table;
  /** The function that maintains the IP sets. */
  public readonly function: lambda.Function;
  /** Events the function failed to process. */
  public readonly deadLetterQueue: sqs.Queue;

  private readonly handler: SecureFunction;
  private readonly destination: destinations.LambdaDestination;

  public constructor(scope: Construct, id: string, props: WafAutoBlockProps = {}) {
    super(scope, id);
    const threshold = props.threshold ?? THRESHOLD.default;
    const window = props.window ?? Duration.seconds(WINDOW_SECONDS.default);
    const blockDuration = props.blockDuration ?? Duration.seconds(BLOCK_SECONDS.default);
    const allowlist = props.allowlist ?? [];
    this.validate(threshold, window, blockDuration, allowlist);

    const name = (suffix: string) => `${Names.uniqueResourceName(this, { maxLength: 100, separator: '-' })}-${suffix}`;
    this.ipv4Set = new wafv2.CfnIPSet(this, 'Ipv4Set', {
      name: name('v4'), scope: IP_SET_SCOPE, ipAddressVersion: 'IPV4', addresses: [],
      description: 'Addresses blocked automatically after repeated denials',
    });
    this.ipv6Set = new wafv2.CfnIPSet(this, 'Ipv6Set', {
      name: name('v6'), scope: IP_SET_SCOPE, ipAddressVersion: 'IPV6', addresses: [],
      description: 'Addresses blocked automatically after repeated denials',
    });

    const key = new kms.Key(this, 'Key', {
      description: 'Encrypts the WAF auto-block state and dead letters',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    restrictGrantsToAwsServices(key);
    this.table = new dynamodb.Table(this, 'State', {
      partitionKey: { name: TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: TABLE.ttl,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const transientState = 'The table holds only offense counters and block records that expire within days; losing it resets counts and lets '
      + 'blocks lapse early. Point-in-time recovery covers mistaken writes; a backup plan would keep data with no use.';
    Validations.of(this.table).acknowledge(
      { id: 'NIST.800.53.R5-DynamoDBInBackupPlan', reason: transientState },
      { id: 'HIPAA.Security-DynamoDBInBackupPlan', reason: transientState },
    );
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const isDeadLetterQueue = 'This queue is itself the dead-letter queue of the auto-block function and its schedule; nothing consumes or '
      + 'redrives it automatically, so no message can fail a second time.';
    Validations.of(this.deadLetterQueue).acknowledge(
      { id: 'Serverless-SQSRedrivePolicy', reason: isDeadLetterQueue },
      { id: GuardControl.SQS_DEAD_LETTER_QUEUE, reason: isDeadLetterQueue },
    );
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowEventBridgeDeadLetters',
      principals: [new iam.ServicePrincipal('events.amazonaws.com')],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
    }));

    this.handler = new SecureFunction(this, 'Function', {
      assetName: 'waf-auto-block',
      description: 'Adds repeatedly denied source addresses to the WAF block IP sets and removes them when their block expires',
      environment: {
        [AUTO_BLOCK_CONFIG_ENV]: Stack.of(this).toJsonString({
          ipSetName: this.ipv4Set.name!,
          ipSetId: this.ipv4Set.attrId,
          ipv6IpSetName: this.ipv6Set.name,
          ipv6IpSetId: this.ipv6Set.attrId,
          tableName: this.table.tableName,
          threshold,
          windowSeconds: window.toSeconds(),
          blockSeconds: blockDuration.toSeconds(),
          allowlist,
          ignoredRuleIds: props.ignoredRuleNames,
        } satisfies AutoBlockConfigJson),
      },
      timeout: Duration.minutes(1),
      memorySize: 512,
      // Few concurrent writers keep IP set lock conflicts rare; log delivery tolerates the wait.
      reservedConcurrentExecutions: 5,
      logRetention: props.logRetention,
      deadLetterQueue: this.deadLetterQueue,
    });
    this.function = this.handler.function;
    this.handler.acknowledgeOutsideVpc(
      'The function calls only the WAF and DynamoDB APIs; it handles addresses of offenders, no customer data, and needs no private network.',
    );
    this.handler.addToPolicy(new iam.PolicyStatement({
      sid: 'MaintainBlockIpSets',
      actions: ['wafv2:GetIPSet', 'wafv2:UpdateIPSet'],
      resources: [this.ipv4Set.attrArn, this.ipv6Set.attrArn],
    }));
    this.handler.addToPolicy(new iam.PolicyStatement({
      sid: 'State',
      actions: ['dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:BatchGetItem'],
      resources: [this.table.tableArn],
    }));
    this.handler.addToPolicy(new iam.PolicyStatement({
      sid: 'StateEncryption',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [key.keyArn],
    }));

    new events.Rule(this, 'Sweep', {
      description: 'Removes expired automatic blocks',
      schedule: events.Schedule.rate(props.sweepInterval ?? Duration.minutes(5)),
      targets: [new targets.LambdaFunction(this.function, {
        retryAttempts: 2,
        deadLetterQueue: this.deadLetterQueue,
        maxEventAge: Duration.hours(1),
      })],
    });
    this.destination = new destinations.LambdaDestination(this.function, { addPermissions: true });
  }

  /** Counts the BLOCK records of a WAF log group (its name starts with `aws-waf-logs-`). */
  public addWafLogSource(logGroup: logs.ILogGroup): void {
    this.subscribe('WafLogs', logGroup, logs.FilterPattern.stringValue('$.action', '=', 'BLOCK'));
  }

  /** Counts the Deny and Unauthorized decisions in the JWT authorizer's log group. */
  public addAuthorizerLogSource(logGroup: logs.ILogGroup): void {
    this.subscribe('AuthorizerLogs', logGroup, logs.FilterPattern.any(
      logs.FilterPattern.stringValue('$.decision', '=', 'Deny'),
      logs.FilterPattern.stringValue('$.decision', '=', 'Unauthorized'),
    ));
  }

  /**
   * Addresses added to the block IP sets, summed over 5 minutes. A metric
   * filter on the function's summary lines (created on first call) derives it.
   */
  public metricBlockedAddresses(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.summaryMetric(LogMetricName.BLOCKED_ADDRESSES, 'added', props);
  }

  /** Addresses removed from the block IP sets when their block expired, summed over 5 minutes. */
  public metricUnblockedAddresses(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.summaryMetric(LogMetricName.UNBLOCKED_ADDRESSES, 'removed', props);
  }

  /** Events the function failed to process and left in the dead-letter queue, the maximum over 5 minutes. */
  public metricDeadLetters(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.minutes(5),
      ...props,
    });
  }

  /** Only summary lines carry these counts; lines with a count of 0 publish nothing. */
  private summaryMetric(metricName: LogMetricName, field: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return logMetric(this, this.handler.logGroup.logGroup, {
      metricName,
      filterPattern: logs.FilterPattern.numberValue(`$.${field}`, '>', 0),
      metricValue: `$.${field}`,
    }, props);
  }

  private subscribe(id: string, logGroup: logs.ILogGroup, filterPattern: logs.IFilterPattern): void {
    new logs.SubscriptionFilter(this, id, { logGroup, destination: this.destination, filterPattern });
  }

  private validate(threshold: number, window: Duration, blockDuration: Duration, allowlist: string[]): void {
    validateRange(this, 'threshold', threshold, THRESHOLD);
    if (!window.isUnresolved() && integerProblem(window.toSeconds(), WINDOW_SECONDS) !== undefined) {
      invalidProp(this, 'window', `${window.toSeconds()} seconds`, '1 minute to 1 day');
    }
    if (!blockDuration.isUnresolved() && integerProblem(blockDuration.toSeconds(), BLOCK_SECONDS) !== undefined) {
      invalidProp(this, 'blockDuration', `${blockDuration.toSeconds()} seconds`, '1 minute to 1 year');
    }
    for (const cidr of allowlist) {
      if (Token.isUnresolved(cidr)) continue;
      const version = cidr.includes(':') ? 'IPV6' : 'IPV4';
      const problem = cidrProblem(cidr.includes('/') ? cidr : `${cidr}/${version === 'IPV6' ? 128 : 32}`, version);
      if (problem) invalidProp(this, 'allowlist', cidr, `IPv4 or IPv6 addresses or CIDRs (${problem})`);
    }
  }
}
