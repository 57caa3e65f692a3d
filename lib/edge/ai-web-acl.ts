import { Duration, Lazy, Names, Stack, Token } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { AiWebAclProps, CallerKeyHeader, ManagedRuleAction, RateLimitOptions } from './ai-web-acl-props';
import { inspectionLimitFor, MAX_INSPECTABLE_BODY_BYTES } from './body-inspection';
import { customResponseBodies } from './block-responses';
import { cidrProblem, IpVersion } from './cidr';
import { WAF_COUNTRY_CODES } from './country-codes';
import {
  anonymousIpGroup,
  BOT_CONTROL_GROUP,
  CORE_RULE_SET_GROUP,
  IP_REPUTATION_GROUP,
  KNOWN_BAD_INPUTS_GROUP,
  SQLI_GROUP,
} from './managed-rule-groups';
import { WafLogDestination } from './waf-log-destination';
import { associateWebAcl, validateWebAclArn } from './web-acl-association';
import { AiWebAclRule } from './web-acl-rule';
import {
  bodyRulesOutsidePromptRoutesRule,
  bodySizeRule,
  GeoRestriction,
  geoRestrictionRule,
  ipAllowListRule,
  ipBlockRule,
  managedGroupRule,
  RateRule,
  rateLimitRule,
} from './web-acl-rules';
import { invalidProp, validateRange } from '../private/validation';
import { warnOptOut } from '../private/warnings';
import { GatewayWarning } from '../gateway-warning';

const DEFAULT_MAX_BODY_SIZE = MAX_INSPECTABLE_BODY_BYTES;
const DEFAULT_IP_RATE_LIMIT = 2_000;
const DEFAULT_CALLER_RATE_LIMIT = 1_000;
const DEFAULT_EVALUATION_WINDOW_SEC = 300;
const EVALUATION_WINDOWS_SEC = [60, 120, 300, 600];
const MAX_IP_SET_ADDRESSES = 10_000;
const WEB_ACL_NAME = /^[\w-]{1,128}$/;

/**
 * A REGIONAL WAF web ACL for an inference API: AWS managed rules tuned so
 * that prompts (free text that often contains code) are not mistaken for
 * attacks, a body size limit that cannot be bypassed with oversize bodies,
 * rate limits per source IP and per caller, optional address and country
 * restrictions, and encrypted logs with credentials redacted. Blocked
 * requests get a JSON answer in the gateway's error shape.
 *
 * Use {@link AiWebAcl.associate} to put it in front of a REST API stage, or
 * {@link AiWebAcl.associateExisting} to put a web ACL you already manage there instead.
 */
export class AiWebAcl extends Construct {
  /** The `maxBodySize` when none is given, in bytes: the most a regional web ACL can inspect. */
  public static readonly DEFAULT_MAX_BODY_SIZE = DEFAULT_MAX_BODY_SIZE;
  /** The per-address rate limit when none is given, in requests per evaluation window. */
  public static readonly DEFAULT_IP_RATE_LIMIT = DEFAULT_IP_RATE_LIMIT;
  /** The per-caller (Authorization header) rate limit when none is given, in requests per evaluation window. */
  public static readonly DEFAULT_CALLER_RATE_LIMIT = DEFAULT_CALLER_RATE_LIMIT;

  /**
   * Associates a web ACL that exists outside this app (by ARN) with a REST API
   * stage. Its rules are whatever its owner made them; nothing here checks them.
   */
  public static associateExisting(scope: Construct, id: string, webAclArn: string, stage: apigateway.IStage): wafv2.CfnWebACLAssociation {
    validateWebAclArn(scope, webAclArn);
    return associateWebAcl(scope, id, webAclArn, stage);
  }

  /** The web ACL. */
  public readonly webAcl: wafv2.CfnWebACL;
  /** ARN of the web ACL. */
  public readonly webAclArn: string;
  /** Name of the web ACL; also the `WebACL` dimension of its metrics. */
  public readonly webAclName: string;
  /** Largest request body accepted, in bytes. */
  public readonly maxBodySize: number;
  /** The API Gateway body inspection limit, e.g. `KB_64`. */
  public readonly bodyInspectionLimit: string;
  /** The log group that receives the WAF logs. */
  public readonly logGroup: logs.ILogGroup;
  /** The logging configuration of the web ACL. */
  public readonly loggingConfiguration: wafv2.CfnLoggingConfiguration;
  /** The IP sets created for the allow and block lists given in props. */
  public readonly ipSets: wafv2.CfnIPSet[] = [];

  private readonly blockedIpSetArns: string[];
  private readonly renderRuleList: () => wafv2.CfnWebACL.RuleProperty[];

  public constructor(scope: Construct, id: string, props: AiWebAclProps = {}) {
    super(scope, id);
    this.maxBodySize = props.maxBodySize ?? DEFAULT_MAX_BODY_SIZE;
    validateRange(this, 'maxBodySize', this.maxBodySize, { min: 1, max: MAX_INSPECTABLE_BODY_BYTES });
    if (Token.isUnresolved(this.maxBodySize)) {
      invalidProp(this, 'maxBodySize', 'a token', 'a number known at synth time: the body inspection limit is derived from it');
    }
    this.bodyInspectionLimit = inspectionLimitFor(this.maxBodySize);
    this.webAclName = props.webAclName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' });
    if (!Token.isUnresolved(this.webAclName) && !WEB_ACL_NAME.test(this.webAclName)) {
      invalidProp(this, 'webAclName', this.webAclName, '1-128 characters of [A-Za-z0-9_-]');
    }
    const ipRate = this.rateRule('ipRateLimit', props.ipRateLimit ?? { limit: DEFAULT_IP_RATE_LIMIT });
    const callerRate = this.rateRule('callerRateLimit', props.callerRateLimit ?? { limit: DEFAULT_CALLER_RATE_LIMIT },
      props.callerRateLimit?.header ?? CallerKeyHeader.AUTHORIZATION);
    const geo = this.geoRestriction(props);
    const anonymousIpAction = props.anonymousIpAction ?? ManagedRuleAction.BLOCK;
    if (!Object.values(ManagedRuleAction).includes(anonymousIpAction)) {
      invalidProp(this, 'anonymousIpAction', anonymousIpAction, `one of ${Object.values(ManagedRuleAction).join(', ')}`);
    }
    if (anonymousIpAction === ManagedRuleAction.COUNT) {
      warnOptOut(this, GatewayWarning.ANONYMOUS_IP_COUNT_ONLY,
        'anonymousIpAction is COUNT: requests from VPNs, Tor exit nodes and open proxies are no longer blocked.');
    }
    (props.blockedIpSetArns ?? []).forEach((arn) => validateIpSetArn(this, 'blockedIpSetArns', arn));
    this.blockedIpSetArns = [...(props.blockedIpSetArns ?? [])];
    const allowSets = this.ipSetsFor('allowed', props.allowedIpv4Cidrs, props.allowedIpv6Cidrs);
    const blockSets = this.ipSetsFor('blocked', props.blockedIpv4Cidrs, props.blockedIpv6Cidrs);

    this.renderRuleList = () => {
      const rules: wafv2.CfnWebACL.RuleProperty[] = [];
      if (allowSets.length > 0) rules.push(ipAllowListRule(allowSets));
      if (blockSets.length > 0) rules.push(ipBlockRule(AiWebAclRule.IP_BLOCK_LIST, blockSets));
      if (this.blockedIpSetArns.length > 0) rules.push(ipBlockRule(AiWebAclRule.AUTO_BLOCKED_IPS, this.blockedIpSetArns));
      if (geo) rules.push(geoRestrictionRule(geo));
      rules.push(
        rateLimitRule(AiWebAclRule.RATE_LIMIT_PER_IP, ipRate),
        rateLimitRule(AiWebAclRule.RATE_LIMIT_PER_CALLER, callerRate),
        bodySizeRule(this.maxBodySize),
        managedGroupRule(IP_REPUTATION_GROUP),
        managedGroupRule(anonymousIpGroup(props.blockHostingProviderIps ?? false), anonymousIpAction === ManagedRuleAction.COUNT),
        managedGroupRule(CORE_RULE_SET_GROUP),
        managedGroupRule(KNOWN_BAD_INPUTS_GROUP),
        managedGroupRule(SQLI_GROUP),
      );
      if (props.botControl ?? false) rules.push(managedGroupRule(BOT_CONTROL_GROUP));
      rules.push(bodyRulesOutsidePromptRoutesRule());
      return rules.sort((a, b) => a.priority - b.priority);
    };

    this.webAcl = new wafv2.CfnWebACL(this, 'Resource', {
      name: this.webAclName,
      scope: 'REGIONAL',
      description: 'Inference API edge: managed rules tuned for prompts, body size limit, rate limits',
      defaultAction: { allow: {} },
      visibilityConfig: { sampledRequestsEnabled: true, cloudWatchMetricsEnabled: true, metricName: this.webAclName },
      customResponseBodies: customResponseBodies(),
      associationConfig: { requestBody: { API_GATEWAY: { defaultSizeInspectionLimit: this.bodyInspectionLimit } } },
      rules: Lazy.any({ produce: () => this.renderRuleList() }),
    });
    this.webAclArn = this.webAcl.attrArn;

    const logging = new WafLogDestination(this, 'Logs', {
      webAclArn: this.webAclArn,
      logGroupProps: props.logGroupProps,
      existingLogGroup: props.existingLogGroup,
      onlyBlockedAndCounted: props.logOnlyBlockedAndCounted ?? false,
    });
    this.logGroup = logging.logGroup;
    this.loggingConfiguration = logging.loggingConfiguration;
    if (props.logOnlyBlockedAndCounted) {
      warnOptOut(this, GatewayWarning.WAF_LOGS_FILTERED,
        'logOnlyBlockedAndCounted is set: requests that no rule blocked or counted leave no WAF log record.');
    }
  }

  /** The names of the rules in evaluation order (a rule's name is also its metric name). */
  public get ruleNames(): string[] {
    return this.renderRuleList().map((rule) => rule.name);
  }

  /**
   * Associates the web ACL with a REST API stage. One association per stage.
   */
  public associate(stage: apigateway.IStage): wafv2.CfnWebACLAssociation {
    const id = `Association${Names.nodeUniqueId(stage.node)}`;
    if (this.node.tryFindChild(id)) {
      invalidProp(this, 'stage', stage.node.path, 'a stage this web ACL is not associated with yet');
    }
    return associateWebAcl(this, id, this.webAclArn, stage);
  }

  /**
   * Blocks the addresses of an IP set maintained elsewhere, such as the set an
   * auto-block function updates. All such sets share the AutoBlockedIps rule.
   */
  public addBlockedIpSet(ipSet: wafv2.CfnIPSet): void {
    if (!Token.isUnresolved(ipSet.scope) && ipSet.scope !== 'REGIONAL') {
      invalidProp(this, 'ipSet.scope', ipSet.scope, 'REGIONAL: a regional web ACL can only reference regional IP sets');
    }
    if (!this.blockedIpSetArns.includes(ipSet.attrArn)) this.blockedIpSetArns.push(ipSet.attrArn);
  }

  /** A metric of the whole web ACL (`Rule` dimension `ALL`), summed over 5 minutes. */
  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.ruleMetric(metricName, 'ALL', props);
  }

  /** Requests blocked by any rule. */
  public metricBlockedRequests(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('BlockedRequests', props);
  }

  /** Requests that no rule blocked. */
  public metricAllowedRequests(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('AllowedRequests', props);
  }

  /** Requests that a counting rule matched. */
  public metricCountedRequests(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('CountedRequests', props);
  }

  /** Requests blocked by one rule, e.g. the rate limits or the body size limit. */
  public metricRuleBlockedRequests(rule: AiWebAclRule, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.ruleMetric('BlockedRequests', rule, props);
  }

  private ruleMetric(metricName: string, rule: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
      ...props,
      namespace: 'AWS/WAFV2',
      metricName,
      dimensionsMap: { WebACL: this.webAclName, Region: Stack.of(this).region, Rule: rule, ...props?.dimensionsMap },
    });
  }

  private rateRule(prop: string, options: RateLimitOptions, header?: CallerKeyHeader): RateRule {
    validateRange(this, `${prop}.limit`, options.limit, { min: 10, max: 2_000_000_000 });
    const evaluationWindowSec = options.evaluationWindow?.toSeconds() ?? DEFAULT_EVALUATION_WINDOW_SEC;
    if (!Token.isUnresolved(evaluationWindowSec) && !EVALUATION_WINDOWS_SEC.includes(evaluationWindowSec)) {
      invalidProp(this, `${prop}.evaluationWindow`, `${evaluationWindowSec} seconds`, '1, 2, 5 or 10 minutes');
    }
    if (header !== undefined && !Object.values(CallerKeyHeader).includes(header)) {
      invalidProp(this, `${prop}.header`, header, `one of ${Object.values(CallerKeyHeader).join(', ')}`);
    }
    return { limit: options.limit, evaluationWindowSec, header };
  }

  private geoRestriction(props: AiWebAclProps): GeoRestriction | undefined {
    if (props.allowedCountries !== undefined && props.blockedCountries !== undefined) {
      invalidProp(this, 'blockedCountries', props.blockedCountries, 'no blockedCountries when allowedCountries is set');
    }
    const allowOnly = props.allowedCountries !== undefined;
    const prop = allowOnly ? 'allowedCountries' : 'blockedCountries';
    const countryCodes = allowOnly ? props.allowedCountries : props.blockedCountries;
    if (countryCodes === undefined) return undefined;
    if (countryCodes.length === 0) invalidProp(this, prop, countryCodes, 'at least one country code, or no prop at all');
    const seen = new Set<string>();
    for (const code of countryCodes) {
      if (!WAF_COUNTRY_CODES.has(code)) invalidProp(this, prop, code, 'ISO 3166-1 alpha-2 country codes in upper case, e.g. DE');
      if (seen.has(code)) invalidProp(this, prop, code, 'each country once');
      seen.add(code);
    }
    return { countryCodes: [...countryCodes], allowOnly };
  }

  /** Creates one IP set per IP version that has ranges, and returns their ARNs. */
  private ipSetsFor(kind: 'allowed' | 'blocked', ipv4?: string[], ipv6?: string[]): string[] {
    const arns: string[] = [];
    for (const [version, cidrs] of [['IPV4', ipv4], ['IPV6', ipv6]] as Array<[IpVersion, string[] | undefined]>) {
      if (cidrs === undefined) continue;
      const prop = `${kind}${version === 'IPV4' ? 'Ipv4' : 'Ipv6'}Cidrs`;
      if (cidrs.length === 0 || cidrs.length > MAX_IP_SET_ADDRESSES) {
        invalidProp(this, prop, `${cidrs.length} ranges`, `1 to ${MAX_IP_SET_ADDRESSES} ranges, or no prop at all`);
      }
      for (const cidr of cidrs) {
        const problem = Token.isUnresolved(cidr) ? undefined : cidrProblem(cidr, version);
        if (problem) invalidProp(this, prop, cidr, problem);
      }
      const ipSet = new wafv2.CfnIPSet(this, `${kind === 'allowed' ? 'Allowed' : 'Blocked'}${version === 'IPV4' ? 'Ipv4' : 'Ipv6'}`, {
        scope: 'REGIONAL',
        ipAddressVersion: version,
        addresses: [...cidrs],
        description: `${kind === 'allowed' ? 'Only sources' : 'Sources'} the web ACL ${kind === 'allowed' ? 'lets through' : 'blocks'}`,
      });
      this.ipSets.push(ipSet);
      arns.push(ipSet.attrArn);
    }
    return arns;
  }
}

const IP_SET_ARN = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/ipset\/[\w-]{1,128}\/[0-9a-f-]{36}$/;

function validateIpSetArn(scope: Construct, prop: string, arn: string): void {
  if (!Token.isUnresolved(arn) && !IP_SET_ARN.test(arn)) {
    invalidProp(scope, prop, arn, 'the ARN of a REGIONAL WAF IP set (arn:aws:wafv2:<region>:<account>:regional/ipset/<name>/<id>)');
  }
}
