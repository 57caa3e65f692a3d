import { Aspects, Aws, Duration, IAspect, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, IConstruct } from 'constructs';
import { handlerAssetPath } from './asset-path';
import { GuardControl } from './guard-controls';
import { EncryptedLogGroup } from '../observability/encrypted-log-group';

/** The runtime of every function we ship (the bundles target Node.js 22 and newer). */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

export interface SecureFunctionProps {
  /** Name of the bundle folder under `assets/`. */
  readonly assetName: string;
  readonly description: string;
  readonly environment?: { [key: string]: string };
  readonly timeout: Duration;
  readonly memorySize: number;
  /** Reserved concurrency: a ceiling that protects what the function calls. */
  readonly reservedConcurrentExecutions: number;
  readonly logRetention?: logs.RetentionDays;
  /** The key of another function's log group, for a function that belongs with it; by default the log group gets a key of its own. */
  readonly logEncryptionKey?: kms.IKey;
  readonly vpc?: ec2.IVpc;
  readonly vpcSubnets?: ec2.SubnetSelection;
  readonly securityGroups?: ec2.ISecurityGroup[];
  /** For functions invoked asynchronously: where failed events go (dead-letter queue and on-failure destination). */
  readonly deadLetterQueue?: sqs.IQueue;
}

/**
 * A Lambda function as all of ours are built: a prebuilt bundle, the latest
 * Node.js runtime on arm64, JSON logs into an encrypted log group, X-Ray
 * tracing, reserved concurrency, and a role whose only policy is a
 * customer-managed one that callers extend with {@link addToPolicy}. The role
 * is handed to Lambda without policy updates, so no inline policy appears.
 */
export class SecureFunction extends Construct {
  public readonly function: lambda.Function;
  public readonly role: iam.Role;
  public readonly policy: iam.ManagedPolicy;
  public readonly logGroup: EncryptedLogGroup;

  public constructor(scope: Construct, id: string, props: SecureFunctionProps) {
    super(scope, id);
    this.logGroup = new EncryptedLogGroup(this, 'Logs', { retention: props.logRetention, encryptionKey: props.logEncryptionKey });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: props.description,
      statements: [
        new iam.PolicyStatement({
          sid: 'WriteOwnLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
        new iam.PolicyStatement({
          sid: 'Tracing',
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      ],
    });
    if (props.vpc) {
      this.policy.addStatements(new iam.PolicyStatement({
        sid: 'VpcNetworkInterfaces',
        actions: [
          'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
        ],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:RequestedRegion': Aws.REGION } },
      }));
    }
    Validations.of(this.policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments/PutTelemetryRecords and the Lambda VPC ENI actions support no resource-level restriction; '
        + 'everything else in this policy is scoped to named resources.',
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
      managedPolicies: [this.policy],
    });
    this.function = new lambda.Function(this, 'Resource', {
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(handlerAssetPath(props.assetName)),
      handler: 'index.handler',
      environment: props.environment,
      timeout: props.timeout,
      memorySize: props.memorySize,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup: this.logGroup.logGroup,
      role: this.role.withoutPolicyUpdates(),
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      securityGroups: props.securityGroups,
      deadLetterQueue: props.deadLetterQueue,
      onFailure: props.deadLetterQueue && new SqsFailureDestination(props.deadLetterQueue),
    });
    if (props.deadLetterQueue) {
      this.policy.addStatements(new iam.PolicyStatement({
        sid: 'DeadLetters',
        actions: ['sqs:SendMessage'],
        resources: [props.deadLetterQueue.queueArn],
      }));
      if (props.deadLetterQueue.encryptionMasterKey) {
        this.policy.addStatements(new iam.PolicyStatement({
          sid: 'DeadLetterEncryption',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.deadLetterQueue.encryptionMasterKey.keyArn],
        }));
      }
    }
    // Invoke permissions (API Gateway, CloudWatch Logs, EventBridge, Cognito) are added as the function is wired
    // up, often outside this construct (under the method, the subscription filter, the rule): the stack's aspect finds them.
    RestrictInvokeToOwnAccount.of(Stack.of(this)).register(this.function.node.defaultChild as lambda.CfnFunction);
    // Lambda creates the function only once the role can write logs and trace.
    this.function.node.addDependency(this.policy);
  }

  /** Records why the function runs outside a VPC, for each pack and control that asks. */
  public acknowledgeOutsideVpc(reason: string): void {
    Validations.of(this.function).acknowledge(
      { id: 'NIST.800.53.R5-LambdaInsideVPC', reason },
      { id: 'HIPAA.Security-LambdaInsideVPC', reason },
      { id: 'PCI.DSS.321-LambdaInsideVPC', reason },
      { id: GuardControl.LAMBDA_INSIDE_VPC, reason },
    );
  }

  /** Records that the function is only invoked synchronously, so a dead-letter queue would never receive anything. */
  public acknowledgeSynchronousOnly(caller: string): void {
    const reason = `${caller} invokes this function synchronously and receives its errors; a dead-letter queue applies only to asynchronous invocations.`;
    Validations.of(this.function).acknowledge(
      { id: 'NIST.800.53.R5-LambdaDLQ', reason },
      { id: 'HIPAA.Security-LambdaDLQ', reason },
      { id: 'Serverless-LambdaDLQ', reason },
    );
  }

  /** Invocations that ended in an error, summed over 5 minutes. */
  public metricErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.function.metricErrors(props);
  }

  /** Invocations refused because the reserved concurrency was in use, summed over 5 minutes. */
  public metricThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.function.metricThrottles(props);
  }

  /** Run time of an invocation in milliseconds, p99 over 5 minutes. */
  public metricDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.function.metricDuration({ statistic: cloudwatch.Stats.p(99), ...props });
  }

  /** Adds a statement to the function's customer-managed policy. */
  public addToPolicy(statement: iam.PolicyStatement): void {
    this.policy.addStatements(statement);
  }
}

const RESTRICT_INVOKE = Symbol.for('secure-ai-gateway.RestrictInvokeToOwnAccount');

/**
 * Adds `SourceAccount` to the invoke permissions of the stack's SecureFunctions, wherever the CDK created them: with the
 * `SourceArn` they already carry, it makes the confused-deputy protection
 * explicit (Control Tower CT.LAMBDA.PR.2).
 */
export class RestrictInvokeToOwnAccount implements IAspect {
  /** The stack's one instance, which every SecureFunction of the stack registers with. */
  public static of(stack: Stack): RestrictInvokeToOwnAccount {
    const existing = (stack as unknown as Record<symbol, RestrictInvokeToOwnAccount | undefined>)[RESTRICT_INVOKE];
    if (existing) return existing;
    const aspect = new RestrictInvokeToOwnAccount();
    Object.defineProperty(stack, RESTRICT_INVOKE, { value: aspect });
    Aspects.of(stack).add(aspect);
    return aspect;
  }

  private readonly functions: lambda.CfnFunction[] = [];

  private constructor() {}

  public register(fn: lambda.CfnFunction): void {
    this.functions.push(fn);
  }

  public visit(node: IConstruct): void {
    if (node instanceof lambda.CfnPermission && node.sourceAccount === undefined && !/^\d{12}$|^arn:/.test(String(node.principal)) && this.targetsOurs(node)) {
      node.sourceAccount = Stack.of(node).account;
    }
  }

  /** Whether the permission is on one of the registered functions: its function reference names one of their logical ids. */
  private targetsOurs(permission: lambda.CfnPermission): boolean {
    const stack = Stack.of(permission);
    const reference = JSON.stringify(stack.resolve(permission.functionName));
    return this.functions.some((fn) => reference.includes(JSON.stringify(stack.getLogicalId(fn))));
  }
}

/** An on-failure destination to an SQS queue, without the role grant that an immutable role would drop. */
class SqsFailureDestination implements lambda.IDestination {
  public constructor(private readonly queue: sqs.IQueue) {}
  public bind(): lambda.DestinationConfig {
    return { destination: this.queue.queueArn };
  }
}
