import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { RuleStatus } from './shadow-api-rule';
import { intrinsicText, UNKNOWN_TOKEN_TEXT } from '../private/intrinsic-text';

/** Rules over one API Gateway stage, in the manner of cdk-nag: a stage in, a verdict out, nothing changed. */

/** The stage writes access logs somewhere. */
export function stageAccessLogging(stage: apigateway.CfnStage): RuleStatus {
  const setting = Stack.of(stage).resolve(stage.accessLogSetting) as { destinationArn?: unknown } | undefined;
  return setting?.destinationArn !== undefined && setting.destinationArn !== '' ? RuleStatus.COMPLIANT : RuleStatus.NON_COMPLIANT;
}

interface MethodSetting {
  readonly httpMethod?: unknown;
  readonly resourcePath?: unknown;
  readonly throttlingRateLimit?: unknown;
  readonly throttlingBurstLimit?: unknown;
}

/** A limit is set when it is a deploy-time value or a number of at least zero (-1 would switch throttling off). */
function isLimit(value: unknown): boolean {
  return (typeof value === 'number' && value >= 0) || (value !== undefined && typeof value === 'object');
}

/**
 * The stage throttles every method by default: a method setting for `*` on
 * `/*` with both a rate and a burst limit. Settings for single methods do
 * not count, since methods added later would not have them.
 */
export function stageThrottling(stage: apigateway.CfnStage): RuleStatus {
  const settings = Stack.of(stage).resolve(stage.methodSettings) as MethodSetting[] | undefined;
  const stageWide = (settings ?? []).find((s) => s.httpMethod === '*' && s.resourcePath === '/*');
  return stageWide && isLimit(stageWide.throttlingRateLimit) && isLimit(stageWide.throttlingBurstLimit)
    ? RuleStatus.COMPLIANT : RuleStatus.NON_COMPLIANT;
}

/**
 * The web ACL associations whose resourceArn is this stage's ARN, however the
 * ARN was built (`stage.stageArn`, a joined string, a literal for an imported
 * API). The API is known by its id and the stage by its name or its Ref.
 */
export function webAclAssociationsOf(stage: apigateway.CfnStage, associations: readonly wafv2.CfnWebACLAssociation[]): wafv2.CfnWebACLAssociation[] {
  const stack = Stack.of(stage);
  const apiId = intrinsicText(stack, stage.restApiId);
  // A value with no textual form could match anything; it proves nothing.
  if (apiId === UNKNOWN_TOKEN_TEXT) return [];
  const names = [stage.stageName, stage.ref].filter((name) => name !== undefined).map((name) => intrinsicText(stack, name))
    .filter((name) => name !== UNKNOWN_TOKEN_TEXT);
  const suffixes = names.map((name) => `/restapis/${apiId}/stages/${name}`);
  return associations.filter((association) => {
    const arn = intrinsicText(stack, association.resourceArn);
    return arn.includes(':apigateway:') && suffixes.some((suffix) => arn.endsWith(suffix));
  });
}

/** Some web ACL association points at the stage. */
export function stageWebAcl(stage: apigateway.CfnStage, associations: readonly wafv2.CfnWebACLAssociation[]): RuleStatus {
  return webAclAssociationsOf(stage, associations).length > 0 ? RuleStatus.COMPLIANT : RuleStatus.NON_COMPLIANT;
}
