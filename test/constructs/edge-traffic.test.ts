import { CountryCode } from '@aws-sdk/client-wafv2';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import {
  AiWebAcl,
  AiWebAclProps,
  AiWebAclRule,
  ApiKeySource,
  AuthorizationMode,
  CallerKeyHeader,
  CloudWatchRoleMode,
  EncryptedLogGroup,
  ManagedRuleAction,
  SecureAiGateway,
  SecureAiGatewayProps,
  SecureRestApi,
  UsageTierOptions,
  UsageTiers,
  UsageTiersProps,
  WafAutoBlock,
  WafAutoBlockProps,
} from '../../lib';
import { GATEWAY_ERRORS } from '../../lib/api/gateway-responses';
import { WAF_COUNTRY_CODES } from '../../lib/edge/country-codes';
import { promptRoutePathRegex } from '../../lib/edge/prompt-route';
import { RULE_ORDER } from '../../lib/edge/rule-order';
import { newTestStack } from '../setup/stacks';

type Json = Record<string, any>;

const PROMPT_BODY_RULES = {
  AWSManagedRulesCommonRuleSet: ['SizeRestrictions_BODY', 'CrossSiteScripting_BODY', 'GenericLFI_BODY', 'GenericRFI_BODY', 'EC2MetaDataSSRF_BODY'],
  AWSManagedRulesSQLiRuleSet: ['SQLi_BODY', 'SQLiExtendedPatterns_BODY'],
};
const LABEL_NAMESPACES: Record<string, string> = {
  AWSManagedRulesCommonRuleSet: 'awswaf:managed:aws:core-rule-set',
  AWSManagedRulesSQLiRuleSet: 'awswaf:managed:aws:sql-database',
};

function gatewayIn(stack: Stack, models = ['chat']): SecureAiGateway {
  return new SecureAiGateway(stack, 'Gateway', {
    models: models.map((name) => ({ name })),
    cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
    authorization: { mode: AuthorizationMode.COGNITO },
    // These tests put their own web ACLs in front of the stage.
    disableWebAcl: true,
  });
}

// ---------------------------------------------------------------------------
// One stack holds several web ACLs (each looked up by name), so aws-cdk-lib synthesizes once for most assertions.
const { stack: aclStack } = newTestStack('AclStack');
const aclGateway = gatewayIn(aclStack);
const defaultAcl = new AiWebAcl(aclStack, 'DefaultAcl', { webAclName: 'default-acl' });
defaultAcl.associate(aclGateway.stage);
const autoBlockSet = new wafv2.CfnIPSet(aclStack, 'AutoBlockSet', { scope: 'REGIONAL', ipAddressVersion: 'IPV4', addresses: [] });
const fullAcl = new AiWebAcl(aclStack, 'FullAcl', {
  webAclName: 'full-acl',
  maxBodySize: 20_000,
  ipRateLimit: { limit: 500, evaluationWindow: Duration.minutes(1) },
  callerRateLimit: { limit: 100, header: CallerKeyHeader.API_KEY, evaluationWindow: Duration.minutes(10) },
  allowedCountries: ['DE', 'FR'],
  allowedIpv4Cidrs: ['192.0.2.0/24'],
  allowedIpv6Cidrs: ['2001:db8::/32'],
  blockedIpv4Cidrs: ['192.0.2.128/25'],
  blockedIpv6Cidrs: ['2001:db8:ff::/48'],
  blockedIpSetArns: ['arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/manual/0123abcd-0123-4567-89ab-0123456789ab'],
  botControl: true,
  blockHostingProviderIps: true,
});
fullAcl.addBlockedIpSet(autoBlockSet);
fullAcl.addBlockedIpSet(autoBlockSet);
const relaxedAcl = new AiWebAcl(aclStack, 'RelaxedAcl', {
  webAclName: 'relaxed-acl',
  blockedCountries: ['KP'],
  anonymousIpAction: ManagedRuleAction.COUNT,
  logOnlyBlockedAndCounted: true,
  logGroupProps: { logGroupName: 'aws-waf-logs-relaxed', retention: logs.RetentionDays.TWO_YEARS },
});
const existingGroup = new logs.LogGroup(aclStack, 'ExistingWafLogs', { logGroupName: 'aws-waf-logs-existing', removalPolicy: RemovalPolicy.RETAIN });
const byoLogsAcl = new AiWebAcl(aclStack, 'ByoLogsAcl', { webAclName: 'byo-logs-acl', existingLogGroup: existingGroup });
const existingAssociation = AiWebAcl.associateExisting(aclStack, 'ExistingAcl',
  'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shared/0123abcd-0123-4567-89ab-0123456789ab', aclGateway.stage);
const aclTemplate = Template.fromStack(aclStack);
const aclAnnotations = Annotations.fromStack(aclStack);

function aclProps(name: string): Json {
  const found = Object.values(aclTemplate.findResources('AWS::WAFv2::WebACL', { Properties: { Name: name } }));
  expect(found).toHaveLength(1);
  return found[0].Properties;
}

function rulesOf(name: string): Json[] {
  return aclProps(name).Rules;
}

function ruleOf(aclName: string, rule: AiWebAclRule): Json {
  const found = rulesOf(aclName).find((r) => r.Name === rule);
  if (!found) throw new Error(`${aclName} has no rule ${rule}`);
  return found;
}

function managedOverrides(rule: Json): string[] {
  return (rule.Statement.ManagedRuleGroupStatement.RuleActionOverrides ?? []).map((o: Json) => {
    expect(o.ActionToUse).toEqual({ Count: {} });
    return o.Name;
  });
}

function loggingConfigOf(acl: AiWebAcl): Json {
  const aclId = aclStack.resolve(acl.webAcl.logicalId);
  const found = Object.values(aclTemplate.findResources('AWS::WAFv2::LoggingConfiguration'))
    .filter((r) => r.Properties.ResourceArn['Fn::GetAtt'][0] === aclId);
  expect(found).toHaveLength(1);
  return found[0];
}

/** The text of an Fn::Join, with the partition as `aws` and other references as `<Ref:Id>`. */
function joined(value: Json): string {
  return value['Fn::Join'][1].map((part: unknown) => {
    if (typeof part === 'string') return part;
    const ref = (part as Json).Ref;
    return ref === 'AWS::Partition' ? 'aws' : `<Ref:${ref}>`;
  }).join('');
}

function expectCustomBlock(rule: Json, status: number, bodyKey: string): void {
  expect(rule.Action.Block.CustomResponse).toMatchObject({ ResponseCode: status, CustomResponseBodyKey: bodyKey });
}

describe('AiWebAcl rules', () => {
  test('every rule has a unique name and priority, its own metric and sampled requests, in the documented order', () => {
    for (const name of ['default-acl', 'full-acl', 'relaxed-acl', 'byo-logs-acl']) {
      const rules = rulesOf(name);
      const names = rules.map((r) => r.Name);
      const priorities = rules.map((r) => r.Priority);
      expect(new Set(names).size).toBe(rules.length);
      expect(new Set(priorities).size).toBe(rules.length);
      expect([...priorities].sort((a, b) => a - b)).toEqual(priorities);
      expect(names).toEqual(RULE_ORDER.filter((rule) => names.includes(rule)));
      for (const rule of rules) {
        expect(rule.VisibilityConfig).toEqual({ SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: rule.Name });
      }
      expect(aclProps(name).VisibilityConfig).toEqual({ SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: name });
    }
  });

  test('a default web ACL holds rate limits, the body size limit, five managed groups and the label rule', () => {
    expect(defaultAcl.ruleNames).toEqual([
      AiWebAclRule.RATE_LIMIT_PER_IP,
      AiWebAclRule.RATE_LIMIT_PER_CALLER,
      AiWebAclRule.BODY_SIZE_LIMIT,
      AiWebAclRule.IP_REPUTATION,
      AiWebAclRule.ANONYMOUS_IP,
      AiWebAclRule.CORE_RULE_SET,
      AiWebAclRule.KNOWN_BAD_INPUTS,
      AiWebAclRule.SQL_INJECTION,
      AiWebAclRule.BODY_RULES_OUTSIDE_PROMPT_ROUTES,
    ]);
    expect(rulesOf('default-acl').map((r) => r.Name)).toEqual(defaultAcl.ruleNames);
    expect(aclProps('default-acl')).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
  });

  test('a web ACL with every option holds every rule', () => {
    expect(fullAcl.ruleNames).toEqual([...RULE_ORDER]);
  });

  test('managed groups count only the body rules that misfire on prompts, and keep the rest blocking', () => {
    const crs = ruleOf('default-acl', AiWebAclRule.CORE_RULE_SET);
    const sqli = ruleOf('default-acl', AiWebAclRule.SQL_INJECTION);
    expect(managedOverrides(crs)).toEqual(PROMPT_BODY_RULES.AWSManagedRulesCommonRuleSet);
    expect(managedOverrides(sqli)).toEqual(PROMPT_BODY_RULES.AWSManagedRulesSQLiRuleSet);
    expect(managedOverrides(ruleOf('default-acl', AiWebAclRule.KNOWN_BAD_INPUTS))).toEqual([]);
    expect(managedOverrides(ruleOf('default-acl', AiWebAclRule.IP_REPUTATION))).toEqual([]);
    for (const rule of [crs, sqli, ruleOf('default-acl', AiWebAclRule.KNOWN_BAD_INPUTS)]) {
      expect(rule.OverrideAction).toEqual({ None: {} });
      expect(rule.Statement.ManagedRuleGroupStatement.VendorName).toBe('AWS');
      expect(managedOverrides(rule).every((name) => name.endsWith('_BODY'))).toBe(true);
    }
  });

  test('the label rule blocks every counted body rule outside the prompt routes, after the groups that label', () => {
    const labelRule = ruleOf('default-acl', AiWebAclRule.BODY_RULES_OUTSIDE_PROMPT_ROUTES);
    const [labels, exclusion] = labelRule.Statement.AndStatement.Statements;
    const keys = labels.OrStatement.Statements.map((s: Json) => {
      expect(s.LabelMatchStatement.Scope).toBe('LABEL');
      return s.LabelMatchStatement.Key;
    });
    const expected = Object.entries(PROMPT_BODY_RULES)
      .flatMap(([group, rules]) => rules.map((rule) => `${LABEL_NAMESPACES[group]}:${rule.replace(/_BODY$/, '_Body')}`));
    expect(keys).toEqual(expected);
    const [method, path] = exclusion.NotStatement.Statement.AndStatement.Statements;
    expect(method.ByteMatchStatement).toEqual({
      FieldToMatch: { Method: {} }, SearchString: 'POST', PositionalConstraint: 'EXACTLY', TextTransformations: [{ Priority: 0, Type: 'NONE' }],
    });
    expect(path.RegexMatchStatement).toEqual({
      FieldToMatch: { UriPath: {} }, RegexString: promptRoutePathRegex(), TextTransformations: [{ Priority: 0, Type: 'NONE' }],
    });
    expectCustomBlock(labelRule, 403, 'AccessDenied');
    for (const group of [AiWebAclRule.CORE_RULE_SET, AiWebAclRule.SQL_INJECTION]) {
      expect(labelRule.Priority).toBeGreaterThan(ruleOf('default-acl', group).Priority);
    }
  });

  test('the prompt route pattern matches inference calls behind a stage or base path, and nothing that could route elsewhere', () => {
    // WAF evaluates the pattern with PCRE; this pattern uses only syntax JavaScript reads the same way.
    const prompt = new RegExp(promptRoutePathRegex());
    for (const path of [
      '/v1/models/chat/invoke', '/prod/v1/models/chat/invoke', '/ai/eu/v1/models/general-chat/invoke', '/v1/models/m-2/invoke',
      '/v1/models/chat/chat/completions', '/prod/v1/models/m-2/chat/completions',
    ]) {
      expect(path).toMatch(prompt);
    }
    for (const path of [
      '/v1/models/chat/invoke/', '/v1/models/chat/invoke/../../admin', '/v1/models/../admin/invoke', '/../v1/models/chat/invoke',
      '/./v1/models/chat/invoke', '/v1/models/Chat/invoke', '/v1/models/chat%2Finvoke', '/v1/models/-chat/invoke', '/admin', '/v1/models/chat',
      '//v1/models/chat/invoke', '/v1/models/chat/chat/completions/', '/v1/models/chat/chat', '/v1/models/chat/completions',
      '/v1/models/chat/chat/completions/../../invoke', '/v1/models/chat/chat%2Fcompletions', '/v1/models/chat/invoke/chat/completions',
    ]) {
      expect(path).not.toMatch(prompt);
    }
  });

  test('anonymous IPs are blocked, hosting providers counted, unless configured otherwise (with a warning for COUNT)', () => {
    const byDefault = ruleOf('default-acl', AiWebAclRule.ANONYMOUS_IP);
    expect(byDefault.OverrideAction).toEqual({ None: {} });
    expect(managedOverrides(byDefault)).toEqual(['HostingProviderIPList']);
    expect(managedOverrides(ruleOf('full-acl', AiWebAclRule.ANONYMOUS_IP))).toEqual([]);
    expect(ruleOf('relaxed-acl', AiWebAclRule.ANONYMOUS_IP).OverrideAction).toEqual({ Count: {} });
    aclAnnotations.hasWarning('/AclStack/RelaxedAcl', Match.stringLikeRegexp('anonymousIpAction is COUNT.*\\[ack: secure-ai-gateway:anonymousIpCountOnly\\]'));
  });

  test('Bot Control is opt-in, at the common level, and counts the rules that flag programs calling an API', () => {
    expect(rulesOf('default-acl').some((r) => r.Name === AiWebAclRule.BOT_CONTROL)).toBe(false);
    const bot = ruleOf('full-acl', AiWebAclRule.BOT_CONTROL);
    expect(bot.Statement.ManagedRuleGroupStatement.ManagedRuleGroupConfigs).toEqual([{ AWSManagedRulesBotControlRuleSet: { InspectionLevel: 'COMMON' } }]);
    expect(managedOverrides(bot)).toEqual(['CategoryHttpLibrary', 'SignalNonBrowserUserAgent', 'SignalKnownBotDataCenter']);
  });

  test('the body size rule blocks bodies over the maximum, and bodies too large to inspect, with a 413', () => {
    for (const [name, max] of [['default-acl', 65_536], ['full-acl', 20_000]] as const) {
      const rule = ruleOf(name, AiWebAclRule.BODY_SIZE_LIMIT);
      expect(rule.Statement.SizeConstraintStatement).toEqual({
        FieldToMatch: { Body: { OversizeHandling: 'MATCH' } },
        ComparisonOperator: 'GT',
        Size: max,
        TextTransformations: [{ Priority: 0, Type: 'NONE' }],
      });
      expectCustomBlock(rule, 413, 'PayloadTooLarge');
    }
  });

  test.each([
    [1, 'KB_16'], [16_384, 'KB_16'], [16_385, 'KB_32'], [32_768, 'KB_32'], [40_000, 'KB_48'], [49_153, 'KB_64'], [65_536, 'KB_64'],
  ])('a maximum body size of %d bytes sets the API Gateway inspection limit to %s', (maxBodySize, limit) => {
    const { stack } = newTestStack();
    const acl = new AiWebAcl(stack, 'Acl', { maxBodySize });
    expect(acl.bodyInspectionLimit).toBe(limit);
    expect(stack.resolve(acl.webAcl.associationConfig)).toEqual({ requestBody: { API_GATEWAY: { defaultSizeInspectionLimit: limit } } });
    expect(Number(limit.slice(3)) * 1024).toBeGreaterThanOrEqual(maxBodySize);
  });

  test('rate limits apply per source IP and per caller header, with a 429', () => {
    expect(ruleOf('default-acl', AiWebAclRule.RATE_LIMIT_PER_IP).Statement.RateBasedStatement)
      .toEqual({ AggregateKeyType: 'IP', Limit: 2000, EvaluationWindowSec: 300 });
    expect(ruleOf('default-acl', AiWebAclRule.RATE_LIMIT_PER_CALLER).Statement.RateBasedStatement).toEqual({
      AggregateKeyType: 'CUSTOM_KEYS',
      CustomKeys: [{ Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }],
      Limit: 1000,
      EvaluationWindowSec: 300,
    });
    expect(ruleOf('full-acl', AiWebAclRule.RATE_LIMIT_PER_IP).Statement.RateBasedStatement).toMatchObject({ Limit: 500, EvaluationWindowSec: 60 });
    expect(ruleOf('full-acl', AiWebAclRule.RATE_LIMIT_PER_CALLER).Statement.RateBasedStatement).toMatchObject({
      Limit: 100, EvaluationWindowSec: 600, CustomKeys: [{ Header: { Name: 'x-api-key' } }],
    });
    for (const rule of [AiWebAclRule.RATE_LIMIT_PER_IP, AiWebAclRule.RATE_LIMIT_PER_CALLER]) {
      expectCustomBlock(ruleOf('default-acl', rule), 429, 'Throttled');
    }
  });

  test('the allow lists block every source outside them; the block lists and auto-block sets block their sources', () => {
    const ipSets = aclTemplate.findResources('AWS::WAFv2::IPSet');
    const setFor = (arn: Json) => ipSets[arn['Fn::GetAtt'][0]]?.Properties;
    const allow = ruleOf('full-acl', AiWebAclRule.IP_ALLOW_LIST);
    const allowed = allow.Statement.NotStatement.Statement.OrStatement.Statements.map((s: Json) => setFor(s.IPSetReferenceStatement.Arn));
    expect(allowed.map((set: Json) => [set.Scope, set.IPAddressVersion, set.Addresses])).toEqual([
      ['REGIONAL', 'IPV4', ['192.0.2.0/24']],
      ['REGIONAL', 'IPV6', ['2001:db8::/32']],
    ]);
    const blocked = ruleOf('full-acl', AiWebAclRule.IP_BLOCK_LIST).Statement.OrStatement.Statements
      .map((s: Json) => setFor(s.IPSetReferenceStatement.Arn));
    expect(blocked.map((s: Json) => [s.IPAddressVersion, s.Addresses])).toEqual([['IPV4', ['192.0.2.128/25']], ['IPV6', ['2001:db8:ff::/48']]]);
    const auto = ruleOf('full-acl', AiWebAclRule.AUTO_BLOCKED_IPS).Statement.OrStatement.Statements.map((s: Json) => s.IPSetReferenceStatement.Arn);
    expect(auto).toEqual([
      'arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/manual/0123abcd-0123-4567-89ab-0123456789ab',
      { 'Fn::GetAtt': [aclStack.resolve(autoBlockSet.logicalId), 'Arn'] },
    ]);
    for (const rule of [AiWebAclRule.IP_ALLOW_LIST, AiWebAclRule.IP_BLOCK_LIST, AiWebAclRule.AUTO_BLOCKED_IPS]) {
      expectCustomBlock(ruleOf('full-acl', rule), 403, 'AccessDenied');
    }
    expect(fullAcl.ipSets).toHaveLength(4);
  });

  test('a single auto-block set is referenced directly, and an ACL built before the set sees it', () => {
    const { stack } = newTestStack();
    const acl = new AiWebAcl(stack, 'Acl');
    const set = new wafv2.CfnIPSet(stack, 'Set', { scope: 'REGIONAL', ipAddressVersion: 'IPV6', addresses: [] });
    acl.addBlockedIpSet(set);
    const rules = stack.resolve(acl.webAcl.rules) as Json[];
    const auto = rules.find((r) => r.name === AiWebAclRule.AUTO_BLOCKED_IPS)!;
    expect(auto.statement).toEqual({ ipSetReferenceStatement: { arn: { 'Fn::GetAtt': ['Set', 'Arn'] } } });
    expect(auto.priority).toBeLessThan(rules.find((r) => r.name === AiWebAclRule.RATE_LIMIT_PER_IP)!.priority);
  });

  test('country restrictions allow only the listed countries, or block them', () => {
    expect(ruleOf('full-acl',
      AiWebAclRule.GEO_RESTRICTION).Statement).toEqual({ NotStatement: { Statement: { GeoMatchStatement: { CountryCodes: ['DE', 'FR'] } } } });
    expect(ruleOf('relaxed-acl', AiWebAclRule.GEO_RESTRICTION).Statement).toEqual({ GeoMatchStatement: { CountryCodes: ['KP'] } });
    expectCustomBlock(ruleOf('relaxed-acl', AiWebAclRule.GEO_RESTRICTION), 403, 'AccessDenied');
  });

  test('the accepted country codes are exactly those the WAF API accepts', () => {
    expect([...WAF_COUNTRY_CODES].sort()).toEqual(Object.values(CountryCode).sort());
  });
});

describe('AiWebAcl block responses', () => {
  const bodies = aclProps('default-acl').CustomResponseBodies as Record<string, Json>;

  test('are JSON in the gateway error shape with the gateway codes, and an empty requestId WAF cannot fill', () => {
    expect(Object.keys(bodies).sort()).toEqual(['AccessDenied', 'PayloadTooLarge', 'Throttled']);
    const byType = (type: string) => GATEWAY_ERRORS.find((e) => e.type.responseType === type)!;
    const mirrored: Record<string, string> = { AccessDenied: 'WAF_FILTERED', Throttled: 'THROTTLED', PayloadTooLarge: 'REQUEST_TOO_LARGE' };
    for (const [key, body] of Object.entries(bodies)) {
      expect(body.ContentType).toBe('APPLICATION_JSON');
      const parsed = JSON.parse(body.Content);
      expect(parsed).toEqual({ error: { code: byType(mirrored[key]).code, message: byType(mirrored[key]).message, requestId: '' } });
    }
  });

  test('every blocking rule of ours answers with a defined body and the security headers', () => {
    const blocking = rulesOf('full-acl').filter((r) => r.Action?.Block);
    expect(blocking.length).toBeGreaterThanOrEqual(8);
    for (const rule of blocking) {
      const response = rule.Action.Block.CustomResponse;
      expect(Object.keys(bodies)).toContain(response.CustomResponseBodyKey);
      expect([403, 413, 429]).toContain(response.ResponseCode);
      expect(response.ResponseHeaders).toEqual([
        { Name: 'Strict-Transport-Security', Value: 'max-age=31536000; includeSubDomains' },
        { Name: 'X-Content-Type-Options', Value: 'nosniff' },
        { Name: 'Cache-Control', Value: 'no-store' },
      ]);
    }
  });
});

describe('AiWebAcl association', () => {
  test('associates with a REST API stage by the stage ARN WAF expects', () => {
    const associations = Object.values(aclTemplate.findResources('AWS::WAFv2::WebACLAssociation'));
    expect(associations).toHaveLength(2);
    const ours = associations.find((a) => a.Properties.WebACLArn['Fn::GetAtt']);
    expect(ours!.Properties).toEqual({
      WebACLArn: { 'Fn::GetAtt': [aclStack.resolve(defaultAcl.webAcl.logicalId), 'Arn'] },
      ResourceArn: {
        'Fn::Join': ['', [
          'arn:', { Ref: 'AWS::Partition' }, ':apigateway:eu-west-1::/restapis/',
          { Ref: aclStack.resolve((aclGateway.restApi.node.defaultChild as apigateway.CfnRestApi).logicalId) },
          '/stages/', { Ref: aclStack.resolve((aclGateway.stage.node.defaultChild as apigateway.CfnStage).logicalId) },
        ]],
      },
    });
  });

  test('associates an existing regional web ACL by ARN', () => {
    expect(aclStack.resolve(existingAssociation.webAclArn))
      .toBe('arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shared/0123abcd-0123-4567-89ab-0123456789ab');
  });

  test('fails when the same stage is associated twice', () => {
    expect(() => defaultAcl.associate(aclGateway.stage)).toThrow(/Invalid stage: .*expected a stage this web ACL is not associated with yet/);
  });

  test('fails when an existing web ACL ARN is not a regional web ACL', () => {
    const { stack } = newTestStack();
    const gateway = gatewayIn(stack);
    expect(() => AiWebAcl.associateExisting(stack, 'Global', 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/cf/0123abcd-0123-4567-89ab-0123456789ab',
      gateway.stage))
      .toThrow(/Invalid webAclArn: .*expected the ARN of a REGIONAL web ACL/);
  });
});

describe('AiWebAcl logging', () => {
  test('logs to an encrypted aws-waf-logs- group, by an ARN without the :* suffix, with credential headers redacted', () => {
    const config = loggingConfigOf(defaultAcl);
    expect(config.Properties.RedactedFields).toEqual([
      { SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'x-api-key' } }, { SingleHeader: { Name: 'cookie' } },
    ]);
    expect(config.Properties.LoggingFilter).toBeUndefined();
    const [destination] = config.Properties.LogDestinationConfigs;
    const arnText = joined(destination);
    expect(arnText).toMatch(/^arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-[A-Za-z0-9-]+$/);
    const logGroupName = arnText.split('log-group:')[1];
    const [group] = Object.values(aclTemplate.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: logGroupName } }));
    expect(group.Properties.KmsKeyId).toBeDefined();
    expect(group.DeletionPolicy).toBe('Retain');
    expect(defaultAcl.logGroup.node.path).toBe('AclStack/DefaultAcl/Logs/LogGroup/Resource');
  });

  test('the key admits CloudWatch Logs for exactly the WAF log group', () => {
    const config = loggingConfigOf(defaultAcl);
    const logGroupName = joined(config.Properties.LogDestinationConfigs[0]).split('log-group:')[1];
    aclTemplate.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['',
            Match.arrayWith([Match.stringLikeRegexp(`:log-group:${logGroupName}$`)])] } } },
        })]),
      },
    });
  });

  test('lets the log delivery service write to the group, for this account only, before logging starts', () => {
    const config = loggingConfigOf(defaultAcl);
    const policyId = config.DependsOn.find((id: string) => id.includes('DeliveryPolicy'));
    const policy = aclTemplate.toJSON().Resources[policyId];
    expect(policy.Type).toBe('AWS::Logs::ResourcePolicy');
    const document = JSON.parse(joined(policy.Properties.PolicyDocument));
    expect(document.Statement).toEqual([{
      Sid: 'WafLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: expect.stringMatching(/^arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-[A-Za-z0-9-]+:log-stream:\*$/),
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' }, ArnLike: { 'aws:SourceArn': 'arn:aws:logs:eu-west-1:123456789012:*' } },
    }]);
  });

  test('can keep only blocked and counted requests, with a warning', () => {
    expect(loggingConfigOf(relaxedAcl).Properties.LoggingFilter).toEqual({
      DefaultBehavior: 'DROP',
      Filters: [{
        Behavior: 'KEEP',
        Requirement: 'MEETS_ANY',
        Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }, { ActionCondition: { Action: 'EXCLUDED_AS_COUNT' } }],
      }],
    });
    aclAnnotations.hasWarning('/AclStack/RelaxedAcl', Match.stringLikeRegexp('logOnlyBlockedAndCounted.*\\[ack: secure-ai-gateway:wafLogsFiltered\\]'));
  });

  test('uses the log group properties or an existing log group given', () => {
    aclTemplate.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: 'aws-waf-logs-relaxed', RetentionInDays: 731 });
    expect(byoLogsAcl.logGroup).toBe(existingGroup);
    expect(joined(loggingConfigOf(byoLogsAcl).Properties.LogDestinationConfigs[0])).toBe('arn:aws:logs:eu-west-1:123456789012:log-group:aws-waf-logs-existing');
    expect(byoLogsAcl.node.tryFindChild('Logs')!.node.tryFindChild('LogGroup')).toBeUndefined();
  });

  test('warns when an existing log group of this app has no customer-managed key', () => {
    aclAnnotations.hasWarning('/AclStack/ByoLogsAcl',
      Match.stringLikeRegexp('has no customer-managed KMS key.*\\[ack: secure-ai-gateway:wafLogsNotEncrypted\\]'));
    const { stack } = newTestStack();
    const encrypted = new EncryptedLogGroup(stack, 'Encrypted', { logGroupName: 'aws-waf-logs-encrypted' });
    new AiWebAcl(stack, 'Acl', { existingLogGroup: encrypted.logGroup });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('adds no warning with the defaults', () => {
    expect(aclAnnotations.findWarning('/AclStack/DefaultAcl*', Match.anyValue())).toEqual([]);
    expect(aclAnnotations.findWarning('/AclStack/FullAcl*', Match.anyValue())).toEqual([]);
  });
});

describe('AiWebAcl metrics', () => {
  test('read AWS/WAFV2 by web ACL name, region and rule', () => {
    const blocked = defaultAcl.metricBlockedRequests();
    expect(blocked.namespace).toBe('AWS/WAFV2');
    expect(blocked.metricName).toBe('BlockedRequests');
    expect(blocked.dimensions).toEqual({ WebACL: 'default-acl', Region: 'eu-west-1', Rule: 'ALL' });
    expect(blocked.statistic).toBe('Sum');
    expect(defaultAcl.metricAllowedRequests().metricName).toBe('AllowedRequests');
    expect(defaultAcl.metricCountedRequests({ period: Duration.minutes(1) }).period.toMinutes()).toBe(1);
    expect(defaultAcl.metricRuleBlockedRequests(AiWebAclRule.RATE_LIMIT_PER_CALLER).dimensions)
      .toEqual({ WebACL: 'default-acl', Region: 'eu-west-1', Rule: 'RateLimitPerCaller' });
  });
});

describe('AiWebAcl prop validation', () => {
  const cases: Array<[string, (stack: Stack) => AiWebAclProps, RegExp]> = [
    ['fails when the maximum body size is zero', () => ({ maxBodySize: 0 }), /Invalid maxBodySize: got 0; expected an integer from 1 to 65536/],
    ['fails when the maximum body size is larger than WAF can inspect', () => ({ maxBodySize: 65_537 }), /Invalid maxBodySize: got 65537/],
    ['fails when the web ACL name has a space', () => ({ webAclName: 'my acl' }),
      /Invalid webAclName: got "my acl"; expected 1-128 characters of \[A-Za-z0-9_-\]/],
    ['fails when a rate limit is below 10', () => ({ ipRateLimit: { limit: 5 } }),
      /Invalid ipRateLimit\.limit: got 5; expected an integer from 10 to 2000000000/],
    ['fails when an evaluation window is not 1, 2, 5 or 10 minutes', () => ({ callerRateLimit: { limit: 100, evaluationWindow: Duration.minutes(3) } }),
      /Invalid callerRateLimit\.evaluationWindow: got "180 seconds"; expected 1, 2, 5 or 10 minutes/],
    ['fails when the caller header is unknown', () => ({ callerRateLimit: { limit: 100, header: 'x-user' as CallerKeyHeader } }),
      /Invalid callerRateLimit\.header: got "x-user"/],
    ['fails when the anonymous IP action is unknown', () => ({ anonymousIpAction: 'ALLOW' as ManagedRuleAction }), /Invalid anonymousIpAction: got "ALLOW"/],
    ['fails when both allowed and blocked countries are given', () => ({ allowedCountries: ['DE'], blockedCountries: ['KP'] }),
      /Invalid blockedCountries: .*expected no blockedCountries when allowedCountries is set/],
    ['fails when a country code is unknown', () => ({ blockedCountries: ['XX'] }), /Invalid blockedCountries: got "XX"; expected ISO 3166-1 alpha-2/],
    ['fails when a country code is lower case', () => ({ allowedCountries: ['de'] }), /Invalid allowedCountries: got "de"/],
    ['fails when a country is listed twice', () => ({ allowedCountries: ['DE', 'DE'] }), /Invalid allowedCountries: got "DE"; expected each country once/],
    ['fails when a country list is empty', () => ({ allowedCountries: [] }), /Invalid allowedCountries: got \[\]; expected at least one country code/],
    ['fails when a CIDR has host bits set', () => ({ blockedIpv4Cidrs: ['192.0.2.1/24'] }),
      /Invalid blockedIpv4Cidrs: got "192.0.2.1\/24"; expected no host bits set/],
    ['fails when an IPv6 range is given as IPv4', () => ({ allowedIpv4Cidrs: ['2001:db8::/32'] }),
      /Invalid allowedIpv4Cidrs: got "2001:db8::\/32"; expected an IPv4 address/],
    ['fails when an IPv4 range is given as IPv6', () => ({ blockedIpv6Cidrs: ['192.0.2.0/24'] }),
      /Invalid blockedIpv6Cidrs: got "192.0.2.0\/24"; expected an IPv6 address/],
    ['fails when a prefix length is /0', () => ({ blockedIpv4Cidrs: ['0.0.0.0/0'] }),
      /Invalid blockedIpv4Cidrs: got "0.0.0.0\/0"; expected a prefix length from 1 to 32/],
    ['fails when a CIDR has no prefix length', () => ({ blockedIpv6Cidrs: ['2001:db8::1'] }),
      /Invalid blockedIpv6Cidrs: got "2001:db8::1"; expected an address and a prefix length/],
    ['fails when an address list is empty', () => ({ allowedIpv6Cidrs: [] }), /Invalid allowedIpv6Cidrs: got "0 ranges"; expected 1 to 10000 ranges/],
    ['fails when an IP set ARN is not a regional IP set',
      () => ({ blockedIpSetArns: ['arn:aws:wafv2:us-east-1:123456789012:global/ipset/x/0123abcd-0123-4567-89ab-0123456789ab'] }),
      /Invalid blockedIpSetArns: .*expected the ARN of a REGIONAL WAF IP set/],
    ['fails when both an existing log group and log group properties are given',
      (s) => ({ existingLogGroup: logs.LogGroup.fromLogGroupName(s, 'L', 'aws-waf-logs-x'), logGroupProps: {} }),
      /Invalid existingLogGroup: .*expected no logGroupProps as well/],
    ['fails when the log group name lacks the aws-waf-logs- prefix', () => ({ logGroupProps: { logGroupName: 'waf-logs' } }),
      /Invalid logGroupProps\.logGroupName: got "waf-logs"; expected a log group name that starts with aws-waf-logs-/],
    ['fails when an imported log group lacks the aws-waf-logs- prefix', (s) => ({ existingLogGroup: logs.LogGroup.fromLogGroupName(s, 'L', 'app-logs') }),
      /Invalid existingLogGroup\.logGroupName: got "app-logs"/],
    ['fails when a log group of this app lacks the aws-waf-logs- prefix',
      (s) => ({ existingLogGroup: new logs.LogGroup(s, 'L', { logGroupName: 'app-logs' }) }),
      /Invalid existingLogGroup\.logGroupName: got "app-logs"/],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    const { stack } = newTestStack();
    expect(() => new AiWebAcl(stack, 'Acl', props(stack))).toThrow(message);
  });

  test('fails when a CLOUDFRONT IP set is added to the regional web ACL', () => {
    const { stack } = newTestStack();
    const acl = new AiWebAcl(stack, 'Acl');
    const set = new wafv2.CfnIPSet(stack, 'Set', { scope: 'CLOUDFRONT', ipAddressVersion: 'IPV4', addresses: [] });
    expect(() => acl.addBlockedIpSet(set)).toThrow(/\[TestStack\/Acl\] Invalid ipSet\.scope: got "CLOUDFRONT"; expected REGIONAL/);
  });
});

describe('AiWebAcl snapshot', () => {
  test('of a web ACL with its defaults matches', () => {
    const { stack } = newTestStack('SnapshotAcl');
    new AiWebAcl(stack, 'WebAcl', { webAclName: 'snapshot-acl' });
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});

// ---------------------------------------------------------------------------
const TIERS: UsageTierOptions[] = [
  { name: 'free', rateLimit: 1, burstLimit: 2, quota: { limit: 1_000, period: apigateway.Period.DAY },
    modelThrottles: [{ model: 'large', rateLimit: 0.2, burstLimit: 1 }] },
  { name: 'pro', rateLimit: 10, burstLimit: 20, quota: { limit: 100_000, period: apigateway.Period.MONTH, offset: 3 },
    modelThrottles: [{ model: 'large', rateLimit: 2, burstLimit: 4 }] },
  { name: 'enterprise', rateLimit: 100, burstLimit: 200, description: 'Contracted capacity' },
];

const { stack: tierStack } = newTestStack('TierStack');
const tierGateway = gatewayIn(tierStack, ['small', 'large']);
const keySecret = new secretsmanager.Secret(tierStack, 'GlobexKey', { generateSecretString: { passwordLength: 40, excludePunctuation: true } });
const tiers = new UsageTiers(tierStack, 'Tiers', {
  stage: tierGateway.stage,
  models: ['small', 'large'].map((model) => ({ model, method: tierGateway.methodFor(model) })),
  tiers: TIERS,
  apiKeys: [{ name: 'acme', tier: 'free' }, { name: 'initech', tier: 'enterprise', enabled: false }],
});
tiers.addApiKey({ name: 'globex', tier: 'pro', valueSecret: keySecret });
const tierTemplate = Template.fromStack(tierStack);
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) => tierStack.resolve((construct.node.defaultChild as { logicalId: string }).logicalId);

describe('UsageTiers', () => {
  test('creates one usage plan per tier with its rate, burst and quota on the stage', () => {
    tierTemplate.resourceCountIs('AWS::ApiGateway::UsagePlan', 3);
    const stageRef = { Ref: tierStack.resolve((tierGateway.stage.node.defaultChild as apigateway.CfnStage).logicalId) };
    const expectations: Array<[string, Json, Json | undefined]> = [
      ['free', { RateLimit: 1, BurstLimit: 2 }, { Limit: 1_000, Period: 'DAY', Offset: 0 }],
      ['pro', { RateLimit: 10, BurstLimit: 20 }, { Limit: 100_000, Period: 'MONTH', Offset: 3 }],
      ['enterprise', { RateLimit: 100, BurstLimit: 200 }, undefined],
    ];
    for (const [tier, throttle, quota] of expectations) {
      const plan = tierTemplate.toJSON().Resources[logicalIdOf(tiers.usagePlanFor(tier))].Properties;
      expect(plan.Throttle).toEqual(throttle);
      expect(plan.Quota).toEqual(quota);
      expect(plan.ApiStages).toEqual([expect.objectContaining({ Stage: stageRef })]);
      expect(plan.UsagePlanName).toMatch(new RegExp(`-${tier}$`));
    }
  });

  test('gives a large model a lower throttle within a tier, keyed by its route', () => {
    const free = tierTemplate.toJSON().Resources[logicalIdOf(tiers.usagePlanFor('free'))].Properties;
    expect(free.ApiStages[0].Throttle).toEqual({ '/v1/models/large/invoke/POST': { RateLimit: 0.2, BurstLimit: 1 } });
    const enterprise = tierTemplate.toJSON().Resources[logicalIdOf(tiers.usagePlanFor('enterprise'))].Properties;
    expect(enterprise.ApiStages[0].Throttle).toEqual({});
  });

  test('binds each key to the usage plan of its tier', () => {
    const bindings = Object.values(tierTemplate.findResources('AWS::ApiGateway::UsagePlanKey'))
      .map((r) => [r.Properties.KeyId.Ref, r.Properties.UsagePlanId.Ref]);
    expect(bindings).toEqual(expect.arrayContaining([
      [logicalIdOf(tiers.apiKeyFor('acme')), logicalIdOf(tiers.usagePlanFor('free'))],
      [logicalIdOf(tiers.apiKeyFor('initech')), logicalIdOf(tiers.usagePlanFor('enterprise'))],
      [logicalIdOf(tiers.apiKeyFor('globex')), logicalIdOf(tiers.usagePlanFor('pro'))],
    ]));
    expect(bindings).toHaveLength(3);
    expect(tiers.apiKeys).toHaveLength(3);
    tierTemplate.hasResourceProperties('AWS::ApiGateway::ApiKey', { Description: 'API key of initech (tier enterprise)', Enabled: false });
  });

  test('never puts a key value in the template: generated values, or a reference to Secrets Manager', () => {
    const keys = tierTemplate.findResources('AWS::ApiGateway::ApiKey');
    expect(keys[logicalIdOf(tiers.apiKeyFor('acme'))].Properties.Value).toBeUndefined();
    expect(keys[logicalIdOf(tiers.apiKeyFor('initech'))].Properties.Value).toBeUndefined();
    expect(keys[logicalIdOf(tiers.apiKeyFor('globex'))].Properties.Value).toEqual({
      'Fn::Join': ['',
        ['{{resolve:secretsmanager:', { Ref: tierStack.resolve((keySecret.node.defaultChild as secretsmanager.CfnSecret).logicalId) }, ':SecretString:::}}']],
    });
    const secret = tierTemplate.toJSON().Resources[tierStack.resolve((keySecret.node.defaultChild as secretsmanager.CfnSecret).logicalId)];
    expect(secret.Properties.SecretString).toBeUndefined();
    expect(JSON.stringify(tierTemplate.toJSON().Outputs ?? {})).not.toMatch(/ApiKey|Key[a-z]+[0-9A-F]{8}/);
  });

  test('makes the metered routes require an API key read from the x-api-key header', () => {
    for (const model of ['small', 'large']) {
      expect(tierTemplate.toJSON().Resources[logicalIdOf(tierGateway.methodFor(model))].Properties.ApiKeyRequired).toBe(true);
    }
    tierTemplate.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'HEADER' });
    expect(tiers.keySource).toBe(ApiKeySource.HEADER);
  });

  test('with AUTHORIZER sets the key source and accepts routes with a Lambda authorizer', () => {
    const { stack } = newTestStack();
    const api = new SecureRestApi(stack, 'Api', { cloudWatchRole: CloudWatchRoleMode.USE_EXISTING });
    const handler = lambda.Function.fromFunctionAttributes(stack, 'AuthFn', {
      functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:authorizer', sameEnvironment: true,
    });
    const authorizer = new apigateway.RequestAuthorizer(stack, 'Authorizer', { handler, identitySources: [apigateway.IdentitySource.header('Authorization')] });
    const method = api.addModelRoute('chat', { maxPromptLength: 1000, authorizer });
    new UsageTiers(stack, 'Tiers', { stage: api.stage, models: [{ model: 'chat', method }], tiers: [TIERS[0]].map((t) => ({ ...t, modelThrottles: [] })),
      keySource: ApiKeySource.AUTHORIZER });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'AUTHORIZER' });
  });

  test('fails at synth when the key source is AUTHORIZER and a route has no Lambda authorizer', () => {
    const { stack } = newTestStack();
    const gateway = gatewayIn(stack);
    new UsageTiers(stack, 'Tiers', { ...tierProps(gateway), keySource: ApiKeySource.AUTHORIZER });
    expect(() => Template.fromStack(stack)).toThrow(/keySource is AUTHORIZER, but the route of model chat has no Lambda authorizer/);
  });

  test('snapshot of a small tier set matches', () => {
    const { stack } = newTestStack('SnapshotTiers');
    const gateway = gatewayIn(stack);
    new UsageTiers(stack, 'Tiers', { ...tierProps(gateway), apiKeys: [{ name: 'acme', tier: 'basic' }] });
    const resources = Template.fromStack(stack).toJSON().Resources as Record<string, Json>;
    const tierResources = Object.fromEntries(Object.entries(resources).filter(([id]) => id.startsWith('Tiers')));
    expect(tierResources).toMatchSnapshot();
  });
});

function tierProps(gateway: SecureAiGateway, overrides: Partial<UsageTiersProps> = {}): UsageTiersProps {
  return {
    stage: gateway.stage,
    models: gateway.api.modelNames.map((model) => ({ model, method: gateway.methodFor(model) })),
    tiers: [{ name: 'basic', rateLimit: 5, burstLimit: 10, quota: { limit: 500, period: apigateway.Period.WEEK } }],
    ...overrides,
  };
}

describe('UsageTiers prop validation', () => {
  const basic: UsageTierOptions = { name: 'basic', rateLimit: 5, burstLimit: 10 };
  const cases: Array<[string, (gateway: SecureAiGateway, stack: Stack) => Partial<UsageTiersProps>, RegExp]> = [
    ['fails when no tier is given', () => ({ tiers: [] }), /Invalid tiers: got \[\]; expected at least one tier/],
    ['fails when a tier name is used twice', () => ({ tiers: [basic, basic] }), /Invalid tiers\[\]\.name: got "basic"; expected unique names/],
    ['fails when a tier name is not path-safe', () => ({ tiers: [{ ...basic, name: 'Gold Tier' }] }), /Invalid tiers\[\]\.name: got "Gold Tier"/],
    ['fails when a rate is zero', () => ({ tiers: [{ ...basic, rateLimit: 0 }] }), /Invalid tiers\[basic\]\.rateLimit: got 0/],
    ['fails when a rate is negative', () => ({ tiers: [{ ...basic, rateLimit: -1 }] }), /Invalid tiers\[basic\]\.rateLimit: got -1/],
    ['fails when a burst is zero', () => ({ tiers: [{ ...basic, burstLimit: 0 }] }),
      /Invalid tiers\[basic\]\.burstLimit: got 0; expected an integer from 1 to 5000/],
    ['fails when a burst is fractional', () => ({ tiers: [{ ...basic, burstLimit: 1.5 }] }), /Invalid tiers\[basic\]\.burstLimit: got 1.5/],
    ['fails when a quota limit is zero', () => ({ tiers: [{ ...basic, quota: { limit: 0, period: apigateway.Period.DAY } }] }),
      /Invalid tiers\[basic\]\.quota\.limit: got 0/],
    ['fails when a quota period is unknown', () => ({ tiers: [{ ...basic, quota: { limit: 10, period: 'YEAR' as apigateway.Period } }] }),
      /Invalid tiers\[basic\]\.quota\.period: got "YEAR"; expected one of DAY, WEEK, MONTH/],
    ['fails when a weekly quota offset is a week or more', () => ({ tiers: [{ ...basic, quota: { limit: 10, period: apigateway.Period.WEEK, offset: 7 } }] }),
      /Invalid tiers\[basic\]\.quota\.offset: got 7; expected an integer from 0 to 6/],
    ['fails when a daily quota has an offset', () => ({ tiers: [{ ...basic, quota: { limit: 10, period: apigateway.Period.DAY, offset: 1 } }] }),
      /Invalid tiers\[basic\]\.quota\.offset: got 1; expected an integer from 0 to 0/],
    ['fails when a per-model throttle names an unknown model',
      () => ({ tiers: [{ ...basic, modelThrottles: [{ model: 'huge', rateLimit: 1, burstLimit: 1 }] }] }),
      /Invalid tiers\[basic\]\.modelThrottles\[\]\.model: got "huge"; expected one of the models chat/],
    ['fails when a model is throttled twice in a tier',
      () => ({ tiers: [{ ...basic, modelThrottles: [{ model: 'chat', rateLimit: 1, burstLimit: 1 }, { model: 'chat', rateLimit: 2, burstLimit: 2 }] }] }),
      /Invalid tiers\[basic\]\.modelThrottles\[\]\.model: got "chat"; expected one throttle per model/],
    ['fails when a per-model rate exceeds the tier rate', () => ({ tiers: [{ ...basic, modelThrottles: [{ model: 'chat', rateLimit: 6, burstLimit: 1 }] }] }),
      /Invalid tiers\[basic\]\.modelThrottles\[chat\]\.rateLimit: got 6; expected at most the tier's rateLimit 5/],
    ['fails when a per-model burst exceeds the tier burst',
      () => ({ tiers: [{ ...basic, modelThrottles: [{ model: 'chat', rateLimit: 1, burstLimit: 11 }] }] }),
      /Invalid tiers\[basic\]\.modelThrottles\[chat\]\.burstLimit: got 11; expected at most the tier's burstLimit 10/],
    ['fails when a per-model rate is zero', () => ({ tiers: [{ ...basic, modelThrottles: [{ model: 'chat', rateLimit: 0, burstLimit: 1 }] }] }),
      /Invalid tiers\[basic\]\.modelThrottles\[chat\]\.rateLimit: got 0/],
    ['fails when a key references an unknown tier', () => ({ tiers: [basic], apiKeys: [{ name: 'acme', tier: 'gold' }] }),
      /Invalid apiKeys\[acme\]\.tier: got "gold"; expected one of the tiers basic/],
    ['fails when a key name is used twice', () => ({ tiers: [basic], apiKeys: [{ name: 'acme', tier: 'basic' }, { name: 'acme', tier: 'basic' }] }),
      /Invalid apiKeys\[\]\.name: got "acme"; expected unique names/],
    ['fails when a key is named with an e-mail address', () => ({ tiers: [basic], apiKeys: [{ name: 'jane@example.com', tier: 'basic' }] }),
      /Invalid apiKeys\[\]\.name: got "jane@example.com"/],
    ['fails when a secret field is given without a secret', () => ({ tiers: [basic], apiKeys: [{ name: 'acme', tier: 'basic', valueSecretField: 'key' }] }),
      /Invalid apiKeys\[acme\]\.valueSecretField: got "key"; expected a valueSecret as well/],
    ['fails when no model route is given', () => ({ models: [] }), /Invalid models: got \[\]; expected at least one model route/],
    ['fails when a model route belongs to another REST API',
      (_g, stack) => ({ models: [{ model: 'chat', method: gatewayIn(new Stack(stack, 'Other')).methodFor('chat') }] }),
      /Invalid models\[chat\]\.method: .*expected a method of the stage's REST API/],
    ['fails when the key source is unknown', () => ({ keySource: 'QUERY' as ApiKeySource }),
      /Invalid keySource: got "QUERY"; expected one of HEADER, AUTHORIZER/],
  ];
  test.each(cases)('%s', (_name, overrides, message) => {
    const { stack } = newTestStack();
    const gateway = gatewayIn(stack);
    expect(() => new UsageTiers(stack, 'Tiers', tierProps(gateway, overrides(gateway, stack)))).toThrow(message);
  });

  test('fails when two tier sets ask for different key sources on one REST API', () => {
    const { stack } = newTestStack();
    const gateway = gatewayIn(stack);
    new UsageTiers(stack, 'Header', tierProps(gateway));
    expect(() => new UsageTiers(stack, 'Authorizer', tierProps(gateway, { keySource: ApiKeySource.AUTHORIZER })))
      .toThrow(/Invalid keySource: got "AUTHORIZER"; expected HEADER, the key source already set on the REST API/);
  });

  test('fails when the key source AUTHORIZER is asked of an imported REST API', () => {
    const { stack } = newTestStack();
    const api = apigateway.RestApi.fromRestApiAttributes(stack, 'Imported', { restApiId: 'abc123', rootResourceId: 'root' });
    const method = api.root.addResource('v1').addMethod('POST');
    const stage = new apigateway.Stage(stack, 'Stage', { deployment: new apigateway.Deployment(stack, 'Deployment', { api }) });
    expect(() => new UsageTiers(stack, 'Tiers', { stage, models: [{ model: 'chat', method }], tiers: [basic], keySource: ApiKeySource.AUTHORIZER }))
      .toThrow(/Invalid keySource: got "AUTHORIZER"; expected HEADER for an imported REST API/);
  });

  test('fails when an unknown tier or key is looked up', () => {
    expect(() => tiers.usagePlanFor('gold')).toThrow(/Invalid tier: got "gold"; expected one of the tiers free, pro, enterprise/);
    expect(() => tiers.apiKeyFor('hooli')).toThrow(/Invalid apiKey: got "hooli"/);
  });
});

// ---------------------------------------------------------------------------
describe('edge protection in the gateway', () => {
  const { stack } = newTestStack('EdgeGateway');
  const gateway = new SecureAiGateway(stack, 'Gateway', {
    models: [{ name: 'chat' }, { name: 'summarize', maxPromptLength: 4000 }],
    cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
    authorization: { identity: { domainPrefix: 'edge-login', machineClients: [{ name: 'svc', models: ['chat'] }] } },
    autoBlockProps: { threshold: 10, allowlist: ['198.51.100.0/24', '2001:db8::1'] },
    usageTiers: [TIERS[2]],
    apiKeys: [{ name: 'acme', tier: 'enterprise' }],
  });
  const t = Template.fromStack(stack);
  const resources = t.toJSON().Resources as Record<string, Json>;

  test('creates its own web ACL and associates it with the stage', () => {
    t.resourceCountIs('AWS::WAFv2::WebACL', 1);
    t.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    expect(gateway.webAcl).toBeDefined();
  });

  test('blocks the automatically maintained IPv4 and IPv6 sets in the auto-block rule', () => {
    const acl = Object.values(t.findResources('AWS::WAFv2::WebACL'))[0];
    const rules = stack.resolve(acl.Properties.Rules) as Json[];
    const rule = rules.find((r) => r.Name === AiWebAclRule.AUTO_BLOCKED_IPS)!;
    const refs = JSON.stringify(rule.Statement);
    for (const id of Object.keys(t.findResources('AWS::WAFv2::IPSet'))) {
      if (/AutoBlockIpv[46]Set/.test(id)) expect(refs).toContain(id);
    }
  });

  test('feeds the WAF log and the authorizer audit log to the auto-block function, filtered to denials', () => {
    const filters = Object.values(t.findResources('AWS::Logs::SubscriptionFilter')).map((f) => f.Properties.FilterPattern).sort();
    expect(filters).toEqual(['{ $.action = "BLOCK" }', '{ ($.decision = "Deny") || ($.decision = "Unauthorized") }']);
  });

  test('configures the auto-block function so it ignores its own block rule and respects the allowlist', () => {
    const fn = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.includes('AutoBlock'))![1];
    const config = JSON.parse(JSON.stringify(stack.resolve(fn.Properties.Environment.Variables.AUTO_BLOCK_CONFIG)));
    const text = JSON.stringify(config);
    expect(text).toContain('"threshold\\":10');
    expect(text).toContain('AutoBlockedIps');
    expect(text).toContain('198.51.100.0/24');
  });

  test('gives the auto-block function only what it needs', () => {
    const policy = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::IAM::ManagedPolicy' && id.includes('AutoBlockFunction'))![1];
    const actions = (policy.Properties.PolicyDocument.Statement as Json[]).flatMap((st) => st.Action);
    expect(actions.sort()).toEqual([
      'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'kms:Decrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKey',
      'logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:SendMessage', 'wafv2:GetIPSet', 'wafv2:UpdateIPSet', 'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
    ]);
  });

  test('sends failed asynchronous events to an encrypted dead-letter queue and sweeps on a schedule', () => {
    t.hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: Match.anyValue() } });
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { DestinationConfig: { OnFailure: { Destination: Match.anyValue() } } });
    t.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    t.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  test('binds the usage tiers to every model route', () => {
    for (const method of Object.values(t.findResources('AWS::ApiGateway::Method'))) {
      expect(method.Properties.ApiKeyRequired).toBe(true);
    }
    t.resourceCountIs('AWS::ApiGateway::UsagePlan', 1);
  });

  test('warns when a prompt may take more bytes than the web ACL lets through', () => {
    const { stack: s } = newTestStack();
    new SecureAiGateway(s, 'Gateway', {
      models: [{ name: 'chat', maxPromptLength: 30_000 }],
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      authorization: { mode: AuthorizationMode.COGNITO },
      autoBlock: false,
    });
    Annotations.fromStack(s).hasWarning('/TestStack/Gateway', Match.stringLikeRegexp('can take up to 92048 bytes'));
  });

  test('associates an existing web ACL instead, and warns when the web ACL is disabled', () => {
    const { stack: s } = newTestStack();
    new SecureAiGateway(s, 'Existing', {
      models: [{ name: 'chat' }],
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      authorization: { mode: AuthorizationMode.COGNITO },
      existingWebAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/central/0123abcd-0123-4567-89ab-0123456789ab',
    });
    new SecureAiGateway(s, 'Naked',
      { models: [{ name: 'chat' }], cloudWatchRole: CloudWatchRoleMode.USE_EXISTING, authorization: { mode: AuthorizationMode.COGNITO }, disableWebAcl: true });
    const t2 = Template.fromStack(s);
    t2.resourceCountIs('AWS::WAFv2::WebACL', 0);
    t2.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: Match.stringLikeRegexp('webacl/central') });
    Annotations.fromStack(s).hasWarning('/TestStack/Naked', Match.stringLikeRegexp('disableWebAcl is set'));
  });

  const bad: Array<[string, Partial<SecureAiGatewayProps>, RegExp]> = [
    ['fails when both an existing web ACL and web ACL options are given',
      { existingWebAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/y', webAclProps: {} },
      /Invalid web ACL props: got \["webAclProps", "existingWebAclArn"\]/],
    ['fails when auto-block options come without the gateway\'s own web ACL', { disableWebAcl: true, autoBlockProps: { threshold: 5 } },
      /Invalid autoBlockProps/],
    ['fails when API keys come without tiers', { apiKeys: [{ name: 'acme', tier: 'pro' }] }, /Invalid apiKeys: got \["acme"\]; expected usageTiers as well/],
    ['fails when the key source is the authorizer but no claim carries the key', { apiKeySource: ApiKeySource.AUTHORIZER, usageTiers: [TIERS[2]] },
      /Invalid apiKeySource: got "AUTHORIZER"/],
  ];
  test.each(bad)('%s', (_name, props, message) => {
    const { stack: s } = newTestStack();
    expect(() => new SecureAiGateway(s, 'Gateway', {
      models: [{ name: 'chat' }], cloudWatchRole: CloudWatchRoleMode.USE_EXISTING, authorization: { mode: AuthorizationMode.COGNITO }, ...props,
    })).toThrow(message);
  });
});

describe('WafAutoBlock', () => {
  const cases: Array<[string, WafAutoBlockProps, RegExp]> = [
    ['fails when the threshold is zero', { threshold: 0 }, /Invalid threshold: got 0/],
    ['fails when the window is shorter than a minute', { window: Duration.seconds(10) }, /Invalid window: got "10 seconds"; expected 1 minute to 1 day/],
    ['fails when an allowlist entry is not an address', { allowlist: ['example.com'] }, /Invalid allowlist: got "example.com"/],
    ['fails when an allowlist address has an octet over 255', { allowlist: ['999.1.1.1/24'] }, /Invalid allowlist: got "999.1.1.1\/24"/],
    ['fails when an allowlist prefix is longer than the address', { allowlist: ['198.51.100.0/99'] },
      /Invalid allowlist: got "198.51.100.0\/99"; expected IPv4 or IPv6 addresses or CIDRs \(a prefix length from 1 to 32\)/],
    ['fails when an allowlist IPv6 entry is not an address', { allowlist: ['::::1'] }, /Invalid allowlist: got "::::1"/],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    const { stack: s } = newTestStack();
    expect(() => new WafAutoBlock(s, 'AutoBlock', props)).toThrow(message);
  });

  test('used alone, restricts every invoke permission of its function to the own account', () => {
    const { stack: s } = newTestStack('AutoBlockAlone');
    const autoBlock = new WafAutoBlock(s, 'AutoBlock');
    autoBlock.addWafLogSource(new EncryptedLogGroup(s, 'WafLogs', { logGroupName: 'aws-waf-logs-alone' }).logGroup);
    const permissions = Object.values(Template.fromStack(s).findResources('AWS::Lambda::Permission'));
    // The subscription filter's and the sweep rule's permissions sit outside the construct's own subtree.
    expect(permissions.map((p) => p.Properties.Principal).sort()).toEqual(['events.amazonaws.com', 'logs.amazonaws.com']);
    for (const permission of permissions) expect(permission.Properties.SourceAccount).toBe('123456789012');
  });
});
