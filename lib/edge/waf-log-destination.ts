import { ArnFormat, Names, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { EncryptedLogGroup, EncryptedLogGroupProps } from '../observability/encrypted-log-group';
import { invalidProp } from '../private/validation';
import { warnOptOut } from '../private/warnings';
import { GatewayWarning } from '../gateway-warning';

/** WAF delivers only to log groups whose name starts with this. */
export const WAF_LOG_GROUP_PREFIX = 'aws-waf-logs-';

/** Request headers that carry credentials or session state; WAF logs show them as REDACTED. */
export const REDACTED_HEADERS: readonly string[] = ['authorization', 'x-api-key', 'cookie'];

/** Log records kept when only blocked and counted requests are logged (EXCLUDED_AS_COUNT: rules we switched to Count). */
export const LOGGED_ACTIONS: readonly string[] = ['BLOCK', 'COUNT', 'EXCLUDED_AS_COUNT'];

const LOG_GROUP_NAME = /^[\w./#-]{1,512}$/;

export interface WafLogDestinationProps {
  readonly webAclArn: string;
  readonly logGroupProps?: EncryptedLogGroupProps;
  readonly existingLogGroup?: logs.ILogGroup;
  readonly onlyBlockedAndCounted: boolean;
}

/**
 * The log group of a web ACL and its logging configuration.
 *
 * WAF hands its logs to the log delivery service (`delivery.logs.amazonaws.com`),
 * which writes them with PutLogEvents; CloudWatch Logs then encrypts them
 * with the group's key as the regional `logs` service principal. So the key
 * policy needs nothing for WAF (EncryptedLogGroup already admits CloudWatch
 * Logs for this group name), but the log group needs a resource policy that
 * lets the delivery service write. WAF would add one itself when the
 * deploying role may change resource policies; declaring it here keeps it
 * scoped to this group and this account, and removes it with the stack.
 */
export class WafLogDestination extends Construct {
  public readonly logGroup: logs.ILogGroup;
  public readonly loggingConfiguration: wafv2.CfnLoggingConfiguration;

  public constructor(scope: Construct, id: string, props: WafLogDestinationProps) {
    super(scope, id);
    if (props.existingLogGroup && props.logGroupProps) {
      invalidProp(scope, 'existingLogGroup', props.existingLogGroup.node.path, 'no logGroupProps as well: use one or the other');
    }
    const logGroupName = (props.existingLogGroup && physicalName(props.existingLogGroup)) ?? props.logGroupProps?.logGroupName
      ?? `${WAF_LOG_GROUP_PREFIX}${Names.uniqueResourceName(this, { maxLength: 200, separator: '-' })}`;
    if (!Token.isUnresolved(logGroupName) && (!logGroupName.startsWith(WAF_LOG_GROUP_PREFIX) || !LOG_GROUP_NAME.test(logGroupName))) {
      invalidProp(scope, props.existingLogGroup ? 'existingLogGroup.logGroupName' : 'logGroupProps.logGroupName', logGroupName,
        `a log group name that starts with ${WAF_LOG_GROUP_PREFIX} (WAF delivers to no other)`);
    }
    if (props.existingLogGroup && !hasCustomerManagedKey(props.existingLogGroup)) {
      warnOptOut(scope, GatewayWarning.WAF_LOGS_NOT_ENCRYPTED,
        `existingLogGroup ${props.existingLogGroup.node.path} has no customer-managed KMS key: WAF logs hold client addresses, paths and headers.`);
    }
    this.logGroup = props.existingLogGroup
      ?? new EncryptedLogGroup(this, 'LogGroup', { ...props.logGroupProps, logGroupName }).logGroup;

    const stack = Stack.of(this);
    const logGroupArn = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const deliveryPolicy = new logs.ResourcePolicy(this, 'DeliveryPolicy', {
      policyStatements: [new iam.PolicyStatement({
        sid: 'WafLogDelivery',
        principals: [new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${logGroupArn}:log-stream:*`],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'logs', resource: '*', arnFormat: ArnFormat.NO_RESOURCE_NAME }) },
        },
      })],
    });

    // WAF wants the log group ARN without the `:*` that the ARN attribute of a log group carries.
    this.loggingConfiguration = new wafv2.CfnLoggingConfiguration(this, 'Resource', {
      resourceArn: props.webAclArn,
      logDestinationConfigs: [logGroupArn],
      redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { Name: name } })),
      loggingFilter: props.onlyBlockedAndCounted
        ? {
          DefaultBehavior: 'DROP',
          Filters: [{
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: LOGGED_ACTIONS.map((action) => ({ ActionCondition: { Action: action } })),
          }],
        }
        : undefined,
    });
    this.loggingConfiguration.node.addDependency(deliveryPolicy, this.logGroup);
  }
}

/** The name of a log group, as a string when it is known at synth time (also for a LogGroup defined in this app). */
function physicalName(group: logs.ILogGroup): string {
  const cfn = group.node.defaultChild;
  if (cfn instanceof logs.CfnLogGroup && cfn.logGroupName !== undefined && !Token.isUnresolved(cfn.logGroupName)) return cfn.logGroupName;
  return group.logGroupName;
}

/** Only a log group defined in this app can be checked; an imported one is taken as it is. */
function hasCustomerManagedKey(group: logs.ILogGroup): boolean {
  const cfn = group.node.defaultChild;
  return !(cfn instanceof logs.CfnLogGroup) || cfn.kmsKeyId !== undefined;
}
