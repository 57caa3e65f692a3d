import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { compact, JsonObject } from './catalog-json';
import { Throttle, TierLimits } from './catalog-operations';
import { AiWebAcl } from '../edge/ai-web-acl';
import { intrinsicText } from '../private/intrinsic-text';
import { UsageTierOptions } from '../traffic/usage-tier-options';

interface MethodSetting {
  readonly httpMethod?: string;
  readonly resourcePath?: string;
  readonly throttlingRateLimit?: unknown;
  readonly throttlingBurstLimit?: unknown;
}

function methodSettings(stage: apigateway.CfnStage): MethodSetting[] {
  return (Stack.of(stage).resolve(stage.methodSettings) ?? []) as MethodSetting[];
}

/** API Gateway writes a resource path in method settings with `/` escaped as `~1`. */
function settingPath(path: string): string {
  return `/${path.replace(/\//g, '~1')}`;
}

/** The stage's throttle of one method: its own method setting, else the stage-wide one. */
export function stageThrottleOf(stage: apigateway.CfnStage, method?: apigateway.Method): Throttle | undefined {
  const settings = methodSettings(stage);
  const own = method && settings.find((s) => s.httpMethod === method.httpMethod && s.resourcePath === settingPath(method.resource.path));
  const chosen = [own, settings.find((s) => s.httpMethod === '*' && s.resourcePath === '/*')]
    .find((s) => s !== undefined && (s.throttlingRateLimit !== undefined || s.throttlingBurstLimit !== undefined));
  return chosen && { rateLimit: chosen.throttlingRateLimit, burstLimit: chosen.throttlingBurstLimit };
}

/** The stage's settings that clients and auditors care about. */
export function stageSummary(stage: apigateway.CfnStage): JsonObject {
  const stack = Stack.of(stage);
  const accessLog = stack.resolve(stage.accessLogSetting) as { destinationArn?: unknown } | undefined;
  return compact({
    name: intrinsicText(stack, stage.stageName),
    accessLogging: accessLog?.destinationArn !== undefined,
    tracing: stack.resolve(stage.tracingEnabled) === true,
    throttling: stageThrottleOf(stage),
  });
}

/** Each tier's limits on one model (its model throttle when it has one). */
export function tierLimits(tiers: readonly UsageTierOptions[], model: string | undefined): TierLimits[] {
  return tiers.map((tier) => {
    const own = model === undefined ? undefined : tier.modelThrottles?.find((t) => t.model === model);
    return {
      tier: tier.name,
      rateLimit: own?.rateLimit ?? tier.rateLimit,
      burstLimit: own?.burstLimit ?? tier.burstLimit,
      quota: tier.quota && { limit: tier.quota.limit, period: tier.quota.period, offset: tier.quota.offset ?? 0 },
    };
  });
}

interface ResolvedRule {
  readonly name: string;
  readonly priority: number;
  readonly action?: Record<string, unknown>;
  readonly overrideAction?: Record<string, unknown>;
  readonly statement: {
    readonly rateBasedStatement?: { limit: number; evaluationWindowSec?: number; aggregateKeyType: string; customKeys?: Array<{ header?: { name: string } }> };
    readonly sizeConstraintStatement?: { size: number };
    readonly managedRuleGroupStatement?: {
      vendorName: string;
      name: string;
      ruleActionOverrides?: Array<{ name: string; actionToUse: Record<string, unknown> }>;
    };
  };
}

/** A rule of the web ACL in a few fields: what it does and its limit, if any. */
function ruleSummary(rule: ResolvedRule): JsonObject {
  const { rateBasedStatement: rate, sizeConstraintStatement: size, managedRuleGroupStatement: group } = rule.statement;
  const action = rule.action ? Object.keys(rule.action)[0] : rule.overrideAction?.count ? 'count' : 'rule group actions';
  return compact({
    name: rule.name,
    priority: rule.priority,
    action,
    rateLimit: rate && compact({
      limit: rate.limit,
      windowSeconds: rate.evaluationWindowSec,
      key: rate.aggregateKeyType === 'IP' ? 'source IP' : rate.customKeys?.map((k) => k.header && `header ${k.header.name}`).join(', '),
    }),
    maxBodySize: size?.size,
    managedRuleGroup: group && `${group.vendorName}/${group.name}`,
    countedRules: group?.ruleActionOverrides?.filter((o) => o.actionToUse.count !== undefined).map((o) => o.name),
  });
}

/** The gateway's own web ACL: body limits and each rule in evaluation order. */
export function webAclSummary(acl: AiWebAcl): JsonObject {
  const stack = Stack.of(acl);
  const rules = (stack.resolve(acl.webAcl.rules) ?? []) as ResolvedRule[];
  return {
    source: 'AiWebAcl',
    name: intrinsicText(stack, acl.webAclName),
    maxBodySize: acl.maxBodySize,
    bodyInspectionLimit: acl.bodyInspectionLimit,
    rules: rules.map(ruleSummary),
  };
}

/** The web ACLs associated with the stage, by ARN. */
export function associatedWebAclArns(stage: apigateway.CfnStage, associations: readonly wafv2.CfnWebACLAssociation[]): string[] {
  return associations.map((a) => intrinsicText(Stack.of(stage), a.webAclArn));
}
