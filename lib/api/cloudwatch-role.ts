import { Aws, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * How the account-level role that API Gateway uses to write CloudWatch logs
 * is handled. It is one setting per account and region, shared by every REST
 * API there, so the choice is the user's to make explicitly.
 */
export enum CloudWatchRoleMode {
  /**
   * Create a role with a least-privilege customer-managed policy (not the AWS
   * managed `AmazonAPIGatewayPushToCloudWatchLogs`) and register it as the
   * account's API Gateway CloudWatch role in this region. Role and setting are
   * retained when the stack is deleted, as other APIs may depend on them.
   */
  CREATE_LEAST_PRIVILEGE = 'CREATE_LEAST_PRIVILEGE',
  /**
   * The account already has an API Gateway CloudWatch role in this region
   * (set by another stack or by the platform team): create nothing.
   */
  USE_EXISTING = 'USE_EXISTING',
}

/** Properties of an {@link ApiGatewayCloudWatchRole}. */
export interface ApiGatewayCloudWatchRoleProps {
  /** ARNs of the access log groups that API Gateway writes to, as `arn:...:log-group:NAME:*`. */
  readonly accessLogGroupArns: string[];
}

/**
 * The account's API Gateway CloudWatch role, with a policy that allows only
 * what logging needs: API Gateway's own execution-log groups in this region
 * and the given access log groups.
 */
export class ApiGatewayCloudWatchRole extends Construct {
  /** The role. */
  public readonly role: iam.IRole;
  /** The account setting that points API Gateway at the role. */
  public readonly account: apigateway.CfnAccount;

  public constructor(scope: Construct, id: string, props: ApiGatewayCloudWatchRoleProps) {
    super(scope, id);
    const logGroupArn = (name: string) => `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${name}`;
    const executionLogs = logGroupArn('API-Gateway-Execution-Logs_*');

    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Lets API Gateway write execution and access logs (least privilege)',
      statements: [
        new iam.PolicyStatement({
          sid: 'ExecutionLogs',
          actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [executionLogs, `${executionLogs}:log-stream:*`],
        }),
        new iam.PolicyStatement({
          sid: 'AccessLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: props.accessLogGroupArns,
        }),
        new iam.PolicyStatement({
          sid: 'FindLogGroups',
          actions: ['logs:DescribeLogGroups'],
          resources: [logGroupArn('*')],
        }),
      ],
    });
    const nagArn = (name: string) => `arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${name}`;
    Validations.of(policy).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::${nagArn('API-Gateway-Execution-Logs_*')}]`,
        reason: 'API Gateway creates and names execution log groups API-Gateway-Execution-Logs_<apiId>/<stage> itself; this account-level role '
          + 'serves every REST API in the region, so the name prefix is the narrowest ARN.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${nagArn('API-Gateway-Execution-Logs_*:log-stream:*')}]`,
        reason: 'Log streams inside the execution log groups are created by API Gateway with generated names; scoped to the execution-log name prefix.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${nagArn('*')}]`,
        reason: 'logs:DescribeLogGroups cannot be scoped to a log group: it is a list call, limited here to this account and region, and returns names only.',
      },
    );
    this.role = new iam.Role(this, 'Resource', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      description: 'API Gateway account-level CloudWatch logging role',
      managedPolicies: [policy],
    });
    this.account = new apigateway.CfnAccount(this, 'Account', { cloudWatchRoleArn: this.role.roleArn });
    for (const retained of [this.role, policy]) {
      retained.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
    this.account.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}
