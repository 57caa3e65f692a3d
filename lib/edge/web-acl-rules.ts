import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { BlockResponse, blockWith } from './block-responses';
import { ManagedGroupSpec, managedGroupStatement, PROMPT_BODY_RULE_LABELS } from './managed-rule-groups';
import { promptRouteStatement } from './prompt-route';
import { rulePriority } from './rule-order';
import { AiWebAclRule } from './web-acl-rule';

type Statement = wafv2.CfnWebACL.StatementProperty;
type Rule = wafv2.CfnWebACL.RuleProperty;

function visibility(rule: AiWebAclRule): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: rule };
}

function ruleOf(rule: AiWebAclRule, statement: Statement, action: wafv2.CfnWebACL.RuleActionProperty): Rule {
  return { name: rule, priority: rulePriority(rule), statement, action, visibilityConfig: visibility(rule) };
}

/** One statement, or an OR of several (WAF wants at least two statements in an OR). */
function anyOf(statements: Statement[]): Statement {
  return statements.length === 1 ? statements[0] : { orStatement: { statements } };
}

function ipSetReference(arn: string): Statement {
  return { ipSetReferenceStatement: { arn } };
}

/** Blocks every source outside the given IP sets. */
export function ipAllowListRule(ipSetArns: string[]): Rule {
  return ruleOf(AiWebAclRule.IP_ALLOW_LIST, { notStatement: { statement: anyOf(ipSetArns.map(ipSetReference)) } },
    blockWith(BlockResponse.ACCESS_DENIED));
}

/** Blocks every source inside the given IP sets. */
export function ipBlockRule(rule: AiWebAclRule.IP_BLOCK_LIST | AiWebAclRule.AUTO_BLOCKED_IPS, ipSetArns: string[]): Rule {
  return ruleOf(rule, anyOf(ipSetArns.map(ipSetReference)), blockWith(BlockResponse.ACCESS_DENIED));
}

export interface GeoRestriction {
  readonly countryCodes: string[];
  /** true: only these countries pass; false: these countries are blocked. */
  readonly allowOnly: boolean;
}

export function geoRestrictionRule(geo: GeoRestriction): Rule {
  const match: Statement = { geoMatchStatement: { countryCodes: geo.countryCodes } };
  return ruleOf(AiWebAclRule.GEO_RESTRICTION, geo.allowOnly ? { notStatement: { statement: match } } : match,
    blockWith(BlockResponse.ACCESS_DENIED));
}

export interface RateRule {
  readonly limit: number;
  readonly evaluationWindowSec: number;
  /** Aggregate on this request header's value instead of the source address. */
  readonly header?: string;
}

export function rateLimitRule(rule: AiWebAclRule.RATE_LIMIT_PER_IP | AiWebAclRule.RATE_LIMIT_PER_CALLER, rate: RateRule): Rule {
  const { limit, evaluationWindowSec, header } = rate;
  const statement: wafv2.CfnWebACL.RateBasedStatementProperty = header === undefined
    ? { limit, evaluationWindowSec, aggregateKeyType: 'IP' }
    : {
      limit,
      evaluationWindowSec,
      aggregateKeyType: 'CUSTOM_KEYS',
      customKeys: [{ header: { name: header, textTransformations: [{ priority: 0, type: 'NONE' }] } }],
    };
  return ruleOf(rule, { rateBasedStatement: statement }, blockWith(BlockResponse.THROTTLED));
}

/**
 * Blocks bodies larger than the maximum. Oversize handling MATCH: WAF sees
 * only the first inspection-limit bytes of a body, and a body longer than
 * that is treated as a match, so a large prompt cannot slip past by being
 * too large to measure. The inspection limit is never below the maximum, so
 * no body within the maximum is oversize.
 */
export function bodySizeRule(maxBodyBytes: number): Rule {
  return ruleOf(AiWebAclRule.BODY_SIZE_LIMIT, {
    sizeConstraintStatement: {
      fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
      comparisonOperator: 'GT',
      size: maxBodyBytes,
      textTransformations: [{ priority: 0, type: 'NONE' }],
    },
  }, blockWith(BlockResponse.PAYLOAD_TOO_LARGE));
}

/** A managed group; COUNT turns every block of the group into a count (labels are still added). */
export function managedGroupRule(spec: ManagedGroupSpec, countOnly = false): Rule {
  return {
    name: spec.rule,
    priority: rulePriority(spec.rule),
    statement: managedGroupStatement(spec),
    overrideAction: countOnly ? { count: {} } : { none: {} },
    visibilityConfig: visibility(spec.rule),
  };
}

/** Blocks on the labels of the counted body rules, except on the prompt routes. */
export function bodyRulesOutsidePromptRoutesRule(): Rule {
  return ruleOf(AiWebAclRule.BODY_RULES_OUTSIDE_PROMPT_ROUTES, {
    andStatement: {
      statements: [
        anyOf(PROMPT_BODY_RULE_LABELS.map((key) => ({ labelMatchStatement: { scope: 'LABEL', key } }))),
        { notStatement: { statement: promptRouteStatement() } },
      ],
    },
  }, blockWith(BlockResponse.ACCESS_DENIED));
}
