import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  AlarmSeverity,
  AuthorizationMode,
  CloudWatchRoleMode,
  GatewayAlarmKind,
  GatewayAlarms,
  GatewayAlarmsProps,
  GatewayDashboard,
  GatewayMetricDimension,
  IssuerKind,
  JwtAuthorizer,
  LogMetricName,
  ProxyMetricName,
  SecureAiGateway,
  SecureRestApi,
  WafAutoBlock,
} from '../../lib';
import { SecureAiStack } from '../../bin/example-stack';
import { SecureFunction } from '../../lib/private/secure-function';
import { GATEWAY_METRIC_NAMESPACE, MODEL_PROXY_SERVICE_NAME, PROXY_METRIC_DIMENSION_SETS } from '../../lib/contracts/metric-names';
import { newTestStack, TEST_ENV } from '../setup/stacks';

type Json = Record<string, any>;
const { WARNING, CRITICAL } = AlarmSeverity;
const K = GatewayAlarmKind;

// ---------------------------------------------------------------------------
// The example stack, plus a SageMaker endpoint and a function imported by name: synthesized once.
const app = new App();
const stack = new SecureAiStack(app, 'ObsStack', { env: TEST_ENV });
const gateway = stack.gateway;
const alarms = gateway.alarms!;
alarms.addSageMakerEndpoint('chat-endpoint');
const imported = lambda.Function.fromFunctionName(stack, 'Imported', 'imported-fn');
alarms.addFunction({ label: 'imported', function: imported, timeout: Duration.seconds(10) });
const template = Template.fromStack(stack);
const resources: Json = template.toJSON().Resources;

const FUNCTIONS = {
  'Authorization/JwtAuthorizer/Function': 5, 'AutoBlock/Function': 60, 'Authorization/Identity/AbacClaims': 5,
  'Proxy-general-chat/Function': 25, 'Proxy-claims-triage/Function': 25, imported: 10,
  // The chat completions functions: a streamed call runs until its last byte, so their duration alarms follow their own 5-minute timeout.
  'Proxy-general-chat/ChatFunction': 300, 'Proxy-claims-triage/ChatFunction': 300,
};
/** The example's two models call SageMaker endpoints; the test adds one more by name. */
const ENDPOINTS = 3;

function alarmProps(
  kind: GatewayAlarmKind, severity: AlarmSeverity, subject?: string, source: GatewayAlarms = alarms, res: Json = resources,
): Json | undefined {
  const alarm = source.alarm(kind, severity, subject);
  if (!alarm) return undefined;
  const s = Stack.of(alarm);
  return res[s.getLogicalId((alarm as cloudwatch.Alarm).node.defaultChild as cloudwatch.CfnAlarm)].Properties;
}

function resolved(value: unknown, s: Stack = stack): unknown {
  return s.resolve(value);
}

/** The metric statements (not expressions) of an alarm, by id. */
function metricStats(props: Json): Record<string, Json> {
  return Object.fromEntries(((props.Metrics ?? []) as Json[]).filter((m) => m.MetricStat).map((m) => [m.Id, m.MetricStat]));
}

function expressionOf(props: Json): string {
  return (props.Metrics as Json[]).find((m) => m.ReturnData && m.Expression)!.Expression;
}

/** The dashboard body with each CloudFormation token rendered as text, parsed. */
function dashboardBody(res: Json): Json {
  const [dashboard] = Object.values(res).filter((r: Json) => r.Type === 'AWS::CloudWatch::Dashboard') as Json[];
  const body = dashboard.Properties.DashboardBody;
  const text = typeof body === 'string' ? body : (body['Fn::Join'][1] as unknown[])
    .map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/"/g, "'")}>`)).join('');
  return JSON.parse(text);
}

const topicRef = (severity: AlarmSeverity) => resolved((severity === WARNING ? alarms.warningTopic : alarms.criticalTopic).topicArn);

describe('GatewayAlarms in the example gateway', () => {
  const GATEWAY_DEFAULTS: Array<[GatewayAlarmKind, number | undefined, number | undefined]> = [
    [K.SERVER_ERROR_RATE, 1, 5],
    [K.CLIENT_ERROR_RATE, 10, undefined],
    [K.LATENCY, 10_000, 25_000],
    [K.INTEGRATION_LATENCY, 8_000, undefined],
    [K.THROTTLED_REQUESTS, 20, 500],
    [K.WAF_BLOCKED_REQUESTS, 500, undefined],
    [K.WAF_BLOCKED_RATE, 10, 50],
    [K.AUTHORIZER_DENIAL_RATE, 10, 50],
    [K.AUTO_BLOCK_DEAD_LETTERS, 1, undefined],
    [K.INJECTION_FLAG_RATE, 5, 20],
    [K.PII_FINDINGS_RATE, 100, undefined],
  ];

  test.each(GATEWAY_DEFAULTS)('%s has its default threshold per severity (warning %s, critical %s)', (kind, warning, critical) => {
    expect(alarmProps(kind, WARNING)?.Threshold).toBe(warning);
    expect(alarmProps(kind, CRITICAL)?.Threshold).toBe(critical);
  });

  test.each(Object.entries(FUNCTIONS))('function %s has error, throttle and duration alarms; duration at 60%% and 90%% of its %s s timeout',
    (label, timeoutSeconds) => {
    expect([alarmProps(K.FUNCTION_ERRORS, WARNING, label)?.Threshold, alarmProps(K.FUNCTION_ERRORS, CRITICAL, label)?.Threshold]).toEqual([1, 10]);
    expect([alarmProps(K.FUNCTION_THROTTLES, WARNING, label)?.Threshold, alarmProps(K.FUNCTION_THROTTLES, CRITICAL, label)?.Threshold]).toEqual([1, 20]);
    expect([alarmProps(K.FUNCTION_DURATION, WARNING, label)?.Threshold, alarmProps(K.FUNCTION_DURATION, CRITICAL, label)?.Threshold])
      .toEqual([timeoutSeconds * 1000 * 0.6, timeoutSeconds * 1000 * 0.9]);
    const duration = metricStats(alarmProps(K.FUNCTION_DURATION, WARNING, label)!);
    expect(Object.values(duration)[0]).toMatchObject({ Metric: { Namespace: 'AWS/Lambda', MetricName: 'Duration' }, Stat: 'p99', Period: 300 });
  });

  test('watches every function of the gateway, and the one added by name', () => {
    // CDK's own custom resource provider (the default security group cleanup) runs once, at deployment.
    const functionIds = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => !id.startsWith('CustomVpcRestrictDefaultSG'));
    const watched = new Set<unknown>();
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Json[]) {
      for (const stat of Object.values(metricStats(alarm.Properties))) {
        const fn = (stat.Metric.Dimensions as Json[] | undefined)?.find((d) => d.Name === 'FunctionName');
        if (fn) watched.add(JSON.stringify(fn.Value));
      }
    }
    const expected = [...functionIds.map((id) => ({ Ref: id })), resolved(imported.functionName)].map((v) => JSON.stringify(v));
    expect([...watched].sort()).toEqual(expected.sort());
  });

  test('a SageMaker endpoint gets 5XX and p99 model latency alarms per severity, latency in microseconds', () => {
    const errors = alarmProps(K.MODEL_SERVER_ERRORS, CRITICAL, 'chat-endpoint')!;
    expect(errors.Threshold).toBe(10);
    expect(Object.values(metricStats(errors))[0]).toMatchObject({
      Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocation5XXErrors',
        Dimensions: [{ Name: 'EndpointName', Value: 'chat-endpoint' }, { Name: 'VariantName', Value: 'AllTraffic' }] },
      Stat: 'Sum',
    });
    const latency = alarmProps(K.MODEL_LATENCY, WARNING, 'chat-endpoint')!;
    expect(latency.Threshold).toBe(10_000_000);
    expect(Object.values(metricStats(latency))[0]).toMatchObject({ Metric: { MetricName: 'ModelLatency' }, Stat: 'p99' });
    expect(alarmProps(K.MODEL_LATENCY, CRITICAL, 'chat-endpoint')!.Threshold).toBe(25_000_000);
  });

  test('every alarm notifies the topic of its severity on ALARM and on OK, with actions enabled', () => {
    const all = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Json[];
    expect(all).toHaveLength(alarms.alarms.length);
    // 11 gateway kinds: 18 alarms with the anomaly alarm; 6 per function; a concurrency warning per model proxy; 4 per endpoint.
    expect(all).toHaveLength(18 + 6 * Object.keys(FUNCTIONS).length + 2 + 4 * ENDPOINTS);
    for (const alarm of all) {
      const severity = /^\[(Warning|Critical)\]/.exec(alarm.Properties.AlarmDescription)![1] as AlarmSeverity;
      expect(alarm.Properties.AlarmActions).toEqual([topicRef(severity)]);
      expect(alarm.Properties.OKActions).toEqual([topicRef(severity)]);
      expect(alarm.Properties.ActionsEnabled).toBe(true);
    }
  });

  test('every alarm looks at 2 of 3 periods of 5 minutes and treats missing data as not breaching', () => {
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Json[]) {
      expect(alarm.Properties).toMatchObject({ EvaluationPeriods: 3, DatapointsToAlarm: 2, TreatMissingData: 'notBreaching' });
      for (const stat of Object.values(metricStats(alarm.Properties))) expect(stat.Period).toBe(300);
      if (alarm.Properties.Period !== undefined) expect(alarm.Properties.Period).toBe(300);
    }
  });

  test('the API 5XX rate is 5XXError over Count, 0 below 20 requests', () => {
    const props = alarmProps(K.SERVER_ERROR_RATE, CRITICAL)!;
    expect(expressionOf(props)).toBe('IF((FILL(server_requests, 0)) >= 20, 100 * (FILL(server_errors, 0)) / (FILL(server_requests, 0)), 0)');
    const stats = metricStats(props);
    const dims = [{ Name: 'ApiName', Value: gateway.restApi.restApiName }, { Name: 'Stage', Value: resolved(gateway.stage.stageName) }];
    expect(stats.server_errors).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Dimensions: dims }, Stat: 'Sum' });
    expect(stats.server_requests).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: dims }, Stat: 'Sum' });
  });

  test('the 4XX rate, WAF blocked rate and authorizer denial rate are math expressions over their counts', () => {
    expect(expressionOf(alarmProps(K.CLIENT_ERROR_RATE,
      WARNING)!)).toBe('IF((FILL(client_requests, 0)) >= 20, 100 * (FILL(client_errors, 0)) / (FILL(client_requests, 0)), 0)');
    const waf = alarmProps(K.WAF_BLOCKED_RATE, CRITICAL)!;
    expect(expressionOf(waf)).toBe('IF((FILL(waf_blocked, 0) + FILL(waf_allowed, 0)) >= 20, '
      + '100 * (FILL(waf_blocked, 0)) / (FILL(waf_blocked, 0) + FILL(waf_allowed, 0)), 0)');
    expect(metricStats(waf).waf_blocked.Metric).toMatchObject({ Namespace: 'AWS/WAFV2', MetricName: 'BlockedRequests',
      Dimensions: expect.arrayContaining([{ Name: 'Rule', Value: 'ALL' }]) });
    expect(metricStats(waf).waf_allowed.Metric).toMatchObject({ Namespace: 'AWS/WAFV2', MetricName: 'AllowedRequests' });
    const denial = alarmProps(K.AUTHORIZER_DENIAL_RATE, WARNING)!;
    expect(expressionOf(denial)).toBe('IF((FILL(authz_decisions, 0)) >= 20, '
      + '100 * (FILL(authz_deny, 0) + FILL(authz_unauthorized, 0)) / (FILL(authz_decisions, 0)), 0)');
    expect(Object.values(metricStats(denial)).map((s) => s.Metric.MetricName).sort()).toEqual(['AuthorizerDecisions', 'AuthorizerDenials',
      'AuthorizerUnauthorized']);
  });

  test('injection and PII rates read the proxy metrics of this API in namespace SecureAiGateway', () => {
    const service = { Name: 'service', Value: 'model-proxy' };
    const apiId = { Name: 'ApiId', Value: resolved(gateway.restApi.restApiId) };
    const injection = alarmProps(K.INJECTION_FLAG_RATE, CRITICAL)!;
    expect(expressionOf(injection)).toBe('IF((FILL(injection_requests, 0)) >= 20, 100 * (FILL(injection_flagged, 0)) / (FILL(injection_requests, 0)), 0)');
    expect(metricStats(injection).injection_flagged).toMatchObject({ Metric: { Namespace: 'SecureAiGateway', MetricName: 'InjectionFlagged',
      Dimensions: expect.arrayContaining([service, apiId]) }, Stat: 'Sum' });
    expect(metricStats(injection).injection_requests.Metric).toMatchObject({ MetricName: 'Requests', Dimensions: expect.arrayContaining([service, apiId]) });
    const pii = alarmProps(K.PII_FINDINGS_RATE, WARNING)!;
    expect(metricStats(pii).pii_findings.Metric).toMatchObject({ Namespace: 'SecureAiGateway', MetricName: 'PiiFindings',
      Dimensions: expect.arrayContaining([service, apiId]) });
  });

  test('an anomaly-detection alarm fires on request counts above a band of 3 standard deviations', () => {
    const props = alarmProps(K.REQUEST_ANOMALY, WARNING)!;
    expect(alarmProps(K.REQUEST_ANOMALY, CRITICAL)).toBeUndefined();
    expect(props.ComparisonOperator).toBe('GreaterThanUpperThreshold');
    const band = (props.Metrics as Json[]).find((m) => m.Expression)!;
    expect(props.ThresholdMetricId).toBe(band.Id);
    expect(band.Expression).toMatch(/^ANOMALY_DETECTION_BAND\((\w+), 3\)$/);
    const metricId = /^ANOMALY_DETECTION_BAND\((\w+), 3\)$/.exec(band.Expression)![1];
    expect(metricStats(props)[metricId]).toMatchObject({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count' }, Stat: 'Sum', Period: 300 });
  });

  test('latency alarms read p99 of Latency and IntegrationLatency; the 429 alarm reads the access-log metric', () => {
    expect(Object.values(metricStats(alarmProps(K.LATENCY, CRITICAL)!))[0]).toMatchObject({ Metric: { MetricName: 'Latency' }, Stat: 'p99' });
    expect(Object.values(metricStats(alarmProps(K.INTEGRATION_LATENCY, WARNING)!))[0]).toMatchObject({ Metric: { MetricName: 'IntegrationLatency' },
      Stat: 'p99' });
    expect(Object.values(metricStats(alarmProps(K.THROTTLED_REQUESTS, CRITICAL)!))[0]).toMatchObject({
      Metric: { MetricName: 'ThrottledRequests', Namespace: { 'Fn::Join': ['', ['SecureAiGateway/', { Ref: 'AWS::StackName' }, '/Gateway/Api']] } },
      Stat: 'Sum',
    });
  });

  test('metric filters derive the log metrics from the authorizer, access and auto-block lines, each once', () => {
    const filters = (Object.values(template.findResources('AWS::Logs::MetricFilter')) as Json[]).map((f) => [
      f.Properties.MetricTransformations[0].MetricName, f.Properties.FilterPattern, f.Properties.MetricTransformations[0].MetricValue,
    ]);
    expect(filters.sort()).toEqual([
      ['AuthorizerDecisions', '{ $.decision = "*" }', '1'],
      ['AuthorizerDenials', '{ $.decision = "Deny" }', '1'],
      ['AuthorizerUnauthorized', '{ $.decision = "Unauthorized" }', '1'],
      ['BlockedAddresses', '{ $.added > 0 }', '$.added'],
      ['ThrottledRequests', '{ $.status = "429" }', '1'],
      ['UnblockedAddresses', '{ $.removed > 0 }', '$.removed'],
    ]);
  });
});

describe('alarm topics', () => {
  test('there is one topic per severity, encrypted with the customer-managed key of the alarms', () => {
    expect(alarms.warningTopic).not.toBe(alarms.criticalTopic);
    const topics = Object.values(template.findResources('AWS::SNS::Topic')) as Json[];
    expect(topics).toHaveLength(2);
    for (const topic of topics) expect(topic.Properties.KmsMasterKeyId).toEqual(resolved(alarms.topicKey!.keyArn));
  });

  test('the key rotates and lets CloudWatch use it only for SNS topics of this account and region', () => {
    const key = resources[stack.getLogicalId(alarms.topicKey!.node.defaultChild as any)].Properties;
    expect(key.EnableKeyRotation).toBe(true);
    const statement = (key.KeyPolicy.Statement as Json[]).find((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com')!;
    expect(statement.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(statement.Condition.StringLike['kms:EncryptionContext:aws:sns:topicArn']).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']],
    });
    expect((key.KeyPolicy.Statement as Json[]).some((s) => s.Effect === 'Deny' && s.Action === 'kms:CreateGrant')).toBe(true);
  });

  test.each([WARNING, CRITICAL])('the %s topic refuses requests without TLS and admits only CloudWatch alarms of this account', (severity) => {
    const [policy] = Object.values(template.findResources('AWS::SNS::TopicPolicy', { Properties: { Topics: [topicRef(severity)] } })) as Json[];
    const statements = policy.Properties.PolicyDocument.Statement as Json[];
    expect(statements).toContainEqual(expect.objectContaining({
      Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
    expect(statements).toContainEqual(expect.objectContaining({
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topicRef(severity),
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['',
          ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:*']] } },
      },
    }));
    expect(statements).toHaveLength(2);
  });
});

describe('GatewayDashboard in the example gateway', () => {
  const body = dashboardBody(resources);
  const widgets = body.widgets as Json[];
  const titled = (title: string) => widgets.find((w) => w.properties.title === title);

  test('opens with the state of every alarm', () => {
    expect(widgets[0]).toMatchObject({ type: 'alarm', width: 24, x: 0, y: 0 });
    expect(widgets[0].properties.alarms).toHaveLength(alarms.alarms.length);
  });

  test('has a graph for each concern of the gateway', () => {
    expect(widgets.slice(1).map((w) => w.properties.title)).toEqual([
      'Requests and their expected band', 'Error rates (%)', 'Latency (ms)', 'Answered 429 (throttled)',
      'WAF requests', 'WAF blocked rate (%)', 'Automatic blocks', 'Auto-block dead letters',
      'Authorizer decisions (cache misses)', 'Authorizer denial rate (%)',
      'Proxied requests by model', 'Prompts flagged as injection (%)', 'PII findings per 100 requests', 'PII findings by model',
      'Function errors', 'Function throttles', 'Function duration p99 (ms)',
      'SageMaker Invocation5XXErrors', 'SageMaker ModelLatency p99 (µs)',
    ]);
  });

  test('graphs the request count with its anomaly band', () => {
    const metrics = titled('Requests and their expected band')!.properties.metrics as unknown[][];
    expect(metrics[0].slice(0, 2)).toEqual(['AWS/ApiGateway', 'Count']);
    expect(metrics[1]).toEqual([expect.objectContaining({ expression: 'ANOMALY_DETECTION_BAND(requests, 3)' })]);
  });

  test('breaks the proxy metrics down by model, and the functions by label', () => {
    const perModel = titled('Proxied requests by model')!.properties.metrics as unknown[][];
    expect(perModel.map((m) => m.slice(0, 2))).toEqual(gateway.api.modelNames.map(() => ['SecureAiGateway', 'Requests']));
    expect(perModel.map((m) => m[m.indexOf('Model') + 1])).toEqual(['general-chat', 'claims-triage']);
    const errors = titled('Function errors')!.properties.metrics as unknown[][];
    expect(errors.map((m) => (m[m.length - 1] as Json).label).sort()).toEqual(Object.keys(FUNCTIONS).sort());
  });
});

describe('metricXxx() of the constructs', () => {
  const m = (metric: cloudwatch.Metric) => ({
    namespace: resolved(metric.namespace), metricName: metric.metricName, dimensions: resolved(metric.dimensions), statistic: metric.statistic,
      period: metric.period.toSeconds(),
  });
  const apiDims = { ApiName: gateway.restApi.restApiName, Stage: resolved(gateway.stage.stageName) };

  test.each([
    ['metricCount', 'Count', 'Sum'],
    ['metricClientErrors', '4XXError', 'Sum'],
    ['metricServerErrors', '5XXError', 'Sum'],
    ['metricLatency', 'Latency', 'p99'],
    ['metricIntegrationLatency', 'IntegrationLatency', 'p99'],
  ] as const)('SecureRestApi.%s() is %s of the stage, %s over 5 minutes', (method, metricName, statistic) => {
    expect(m(gateway.api[method]())).toEqual({ namespace: 'AWS/ApiGateway', metricName, dimensions: apiDims, statistic, period: 300 });
  });

  test('SecureRestApi.metricThrottledRequests() is the access-log metric of 429 answers', () => {
    expect(m(gateway.api.metricThrottledRequests({ period: Duration.minutes(1) }))).toEqual({
      namespace: { 'Fn::Join': ['', ['SecureAiGateway/', { Ref: 'AWS::StackName' }, '/Gateway/Api']] },
      metricName: LogMetricName.THROTTLED_REQUESTS, dimensions: undefined, statistic: 'Sum', period: 60,
    });
  });

  test.each([
    ['metricDecisions', LogMetricName.AUTHORIZER_DECISIONS],
    ['metricDenials', LogMetricName.AUTHORIZER_DENIALS],
    ['metricUnauthorized', LogMetricName.AUTHORIZER_UNAUTHORIZED],
  ] as const)('JwtAuthorizer.%s() is %s of its audit lines, summed over 5 minutes', (method, metricName) => {
    expect(m(gateway.authorization.jwtAuthorizer![method]())).toEqual({
      namespace: { 'Fn::Join': ['', ['SecureAiGateway/', { Ref: 'AWS::StackName' }, '/Gateway/Authorization/JwtAuthorizer']] },
      metricName, dimensions: undefined, statistic: 'Sum', period: 300,
    });
  });

  test('WafAutoBlock offers blocked and unblocked addresses and its dead letters', () => {
    const autoBlock = gateway.autoBlock!;
    expect(m(autoBlock.metricBlockedAddresses()).metricName).toBe(LogMetricName.BLOCKED_ADDRESSES);
    expect(m(autoBlock.metricUnblockedAddresses()).metricName).toBe(LogMetricName.UNBLOCKED_ADDRESSES);
    expect(m(autoBlock.metricDeadLetters())).toEqual({
      namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: resolved(autoBlock.deadLetterQueue.queueName) }, statistic: 'Maximum', period: 300,
    });
  });

  test.each([
    ['metricErrors', 'Errors', 'Sum'],
    ['metricThrottles', 'Throttles', 'Sum'],
    ['metricDuration', 'Duration', 'p99'],
  ] as const)('SecureFunction.%s() is %s of the function, %s over 5 minutes', (method, metricName, statistic) => {
    // SecureFunction is internal; the authorizer's instance is the one at hand.
    const handler = (gateway.authorization.jwtAuthorizer as unknown as { handler: SecureFunction }).handler;
    expect(m(handler[method]())).toEqual({
      namespace: 'AWS/Lambda', metricName, dimensions: { FunctionName: resolved(handler.function.functionName) }, statistic, period: 300,
    });
  });

  test('a log metric creates its metric filter on first use only', () => {
    const { stack: s } = newTestStack('LazyFilters');
    const jwt = new JwtAuthorizer(s, 'Jwt', {
      issuers: [{ issuer: 'https://login.example.com', kind: IssuerKind.OIDC, audience: ['api://ai'] }],
      modelAccess: [{ model: 'chat', allowScopes: ['ai/chat.invoke'] }],
    });
    const autoBlock = new WafAutoBlock(s, 'AutoBlock');
    const filters = () => s.node.findAll().filter((c) => c.node.id.endsWith('Filter')).length;
    expect(filters()).toBe(0);
    jwt.metricDenials();
    jwt.metricDenials({ period: Duration.minutes(1) });
    autoBlock.metricBlockedAddresses();
    expect(filters()).toBe(2);
  });

  test('a gateway without model proxies gets no injection or PII alarms, which nothing would feed', () => {
    const { stack: s } = newTestStack('NoProxies');
    const noProxies = new SecureAiGateway(s, 'Gateway', {
      models: [{ name: 'chat' }],
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      authorization: { mode: AuthorizationMode.COGNITO },
    });
    for (const severity of [WARNING, CRITICAL]) {
      expect(noProxies.alarms!.alarm(K.INJECTION_FLAG_RATE, severity)).toBeUndefined();
      expect(noProxies.alarms!.alarm(K.PII_FINDINGS_RATE, severity)).toBeUndefined();
      expect(alarms.alarm(K.INJECTION_FLAG_RATE, severity)).toBeDefined();
    }
  });

  test('the proxy metric names and dimension sets are the ones the alarms read', () => {
    expect(GATEWAY_METRIC_NAMESPACE).toBe('SecureAiGateway');
    expect(GatewayAlarms.METRIC_NAMESPACE).toBe(GATEWAY_METRIC_NAMESPACE);
    expect(GatewayAlarms.MODEL_PROXY_SERVICE_NAME).toBe(MODEL_PROXY_SERVICE_NAME);
    expect(GatewayAlarms.PROXY_METRIC_DIMENSION_SETS).toEqual(PROXY_METRIC_DIMENSION_SETS);
    expect(PROXY_METRIC_DIMENSION_SETS).toEqual([
      [GatewayMetricDimension.SERVICE, GatewayMetricDimension.API_ID],
      [GatewayMetricDimension.SERVICE, GatewayMetricDimension.API_ID, GatewayMetricDimension.MODEL],
    ]);
    const names = (kind: GatewayAlarmKind) => Object.values(metricStats(alarmProps(kind, WARNING)!)).map((s) => s.Metric.MetricName).sort();
    expect(names(K.INJECTION_FLAG_RATE)).toEqual([ProxyMetricName.INJECTION_FLAGGED, ProxyMetricName.REQUESTS].sort());
    expect(names(K.PII_FINDINGS_RATE)).toEqual([ProxyMetricName.PII_FINDINGS, ProxyMetricName.REQUESTS].sort());
  });
});

// ---------------------------------------------------------------------------
// A bare REST API with its own alarms: options, and what is left out without the optional targets.
const { stack: bareStack } = newTestStack('BareStack');
const bareApi = new SecureRestApi(bareStack, 'Api', { cloudWatchRole: CloudWatchRoleMode.USE_EXISTING });
bareApi.addModelRoute('chat', { maxPromptLength: 100 });
const opsTopic = sns.Topic.fromTopicArn(bareStack, 'Ops', 'arn:aws:sns:eu-west-1:123456789012:ops');
const bareAlarms = new GatewayAlarms(bareStack, 'Alarms', {
  api: bareApi,
  existingTopic: opsTopic,
  dashboard: false,
  modelProxyMetrics: false,
  period: Duration.minutes(1),
  evaluationPeriods: 5,
  datapointsToAlarm: 3,
  minimumRequests: 50,
  thresholds: {
    warning: { serverErrorRatePercent: 2, disable: [K.LATENCY, K.REQUEST_ANOMALY] },
    critical: { clientErrorRatePercent: 40, throttledRequests: 1000 },
  },
  sageMakerEndpointNames: ['summarizer'],
});
const bareResources: Json = Template.fromStack(bareStack).toJSON().Resources;
const bare = (kind: GatewayAlarmKind, severity: AlarmSeverity, subject?: string) => alarmProps(kind, severity, subject, bareAlarms, bareResources);

describe('GatewayAlarms options', () => {
  test('a threshold given for a severity replaces its default; the other defaults stay', () => {
    expect(bare(K.SERVER_ERROR_RATE, WARNING)!.Threshold).toBe(2);
    expect(bare(K.SERVER_ERROR_RATE, CRITICAL)!.Threshold).toBe(5);
    expect(bare(K.THROTTLED_REQUESTS, CRITICAL)!.Threshold).toBe(1000);
  });

  test('a threshold turns on an alarm that is off by default at that severity', () => {
    expect(bare(K.CLIENT_ERROR_RATE, CRITICAL)!.Threshold).toBe(40);
  });

  test('disabled alarms are not created at that severity only', () => {
    expect(bare(K.LATENCY, WARNING)).toBeUndefined();
    expect(bare(K.LATENCY, CRITICAL)!.Threshold).toBe(25_000);
    expect(bare(K.REQUEST_ANOMALY, WARNING)).toBeUndefined();
  });

  test('every alarm notifies the existing topic, and no topic or key is created', () => {
    const all = Object.values(bareResources).filter((r: Json) => r.Type === 'AWS::CloudWatch::Alarm') as Json[];
    expect(all.length).toBeGreaterThan(0);
    for (const alarm of all) expect(alarm.Properties.AlarmActions).toEqual(['arn:aws:sns:eu-west-1:123456789012:ops']);
    expect(Object.values(bareResources).filter((r: Json) => r.Type === 'AWS::SNS::Topic')).toHaveLength(0);
    expect(bareAlarms.topicKey).toBeUndefined();
    expect(bareAlarms.topicFor(CRITICAL)).toBe(opsTopic);
  });

  test('the evaluation settings and the minimum request count apply to every alarm', () => {
    const props = bare(K.SERVER_ERROR_RATE, CRITICAL)!;
    expect(props).toMatchObject({ EvaluationPeriods: 5, DatapointsToAlarm: 3 });
    expect(expressionOf(props)).toMatch(/>= 50,/);
    for (const stat of Object.values(metricStats(props))) expect(stat.Period).toBe(60);
  });

  test('without a web ACL, authorizer, auto-block or proxy metrics, their alarms and the dashboard are left out', () => {
    for (const kind of [K.WAF_BLOCKED_RATE, K.WAF_BLOCKED_REQUESTS, K.AUTHORIZER_DENIAL_RATE, K.AUTO_BLOCK_DEAD_LETTERS, K.INJECTION_FLAG_RATE,
      K.PII_FINDINGS_RATE]) {
      expect([bare(kind, WARNING), bare(kind, CRITICAL)]).toEqual([undefined, undefined]);
    }
    expect(Object.values(bareResources).some((r: Json) => r.Type === 'AWS::CloudWatch::Dashboard')).toBe(false);
    expect(bareAlarms.dashboard).toBeUndefined();
  });

  test('an endpoint given by name is watched on its AllTraffic variant', () => {
    expect(Object.values(metricStats(bare(K.MODEL_SERVER_ERRORS, WARNING, 'summarizer')!))[0].Metric.Dimensions)
      .toEqual([{ Name: 'EndpointName', Value: 'summarizer' }, { Name: 'VariantName', Value: 'AllTraffic' }]);
  });
});

describe('SecureAiGateway opt-out', () => {
  const { stack: s } = newTestStack('OptOut');
  const base = { models: [{ name: 'chat' }], cloudWatchRole: CloudWatchRoleMode.USE_EXISTING, authorization: { mode: AuthorizationMode.COGNITO },
    disableWebAcl: true };
  const quiet = new SecureAiGateway(s, 'Quiet', { ...base, disableAlarms: true });

  test('disableAlarms leaves the gateway without alarms, topics or dashboard, with a warning', () => {
    expect(quiet.alarms).toBeUndefined();
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    t.resourceCountIs('AWS::SNS::Topic', 0);
    t.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
    Annotations.fromStack(s).hasWarning('/OptOut/Quiet', Match.stringLikeRegexp('disableAlarms is set.*\\[ack: secure-ai-gateway:alarmsDisabled\\]'));
  });

  test('fails when alarmsProps and disableAlarms are both set', () => {
    const { stack: s2 } = newTestStack('OptOutBoth');
    expect(() => new SecureAiGateway(s2, 'Gateway', { ...base, disableAlarms: true, alarmsProps: { dashboard: false } }))
      .toThrow(/Invalid alarmsProps: got "set"; expected no alarmsProps when disableAlarms is set/);
  });

  test('alarmsProps reach the alarms of the gateway', () => {
    const { stack: s3 } = newTestStack('Passed');
    const g = new SecureAiGateway(s3, 'Gateway', { ...base, alarmsProps: { dashboard: false, thresholds: { critical: { latencyP99Ms: 28_000 } } } });
    expect(g.alarms!.dashboard).toBeUndefined();
    expect(s3.resolve(((g.alarms!.alarm(K.LATENCY, CRITICAL) as cloudwatch.Alarm).node.defaultChild as cloudwatch.CfnAlarm).threshold)).toBe(28_000);
  });
});

describe('GatewayAlarms prop validation', () => {
  const { stack: s } = newTestStack('Invalid');
  const api = new SecureRestApi(s, 'Api', { cloudWatchRole: CloudWatchRoleMode.USE_EXISTING });
  let n = 0;
  const build = (props: Partial<GatewayAlarmsProps>) => () => new GatewayAlarms(s, `Alarms${n++}`, { api, dashboard: false, ...props });

  test.each([
    ['a threshold is 0', { thresholds: { warning: { functionErrors: 0 } } }, /thresholds\.warning\.functionErrors: got 0; expected a number above 0\./],
    ['a threshold is negative', { thresholds: { critical: { latencyP99Ms: -1 } } }, /thresholds\.critical\.latencyP99Ms: got -1/],
    ['a threshold is not a number', { thresholds: { critical: { throttledRequests: Number.NaN } } }, /thresholds\.critical\.throttledRequests: got NaN/],
    ['a percentage is above 100', { thresholds: { warning: { serverErrorRatePercent: 101 } } },
      /serverErrorRatePercent: got 101; expected a number above 0 and at most 100/],
    ['a critical threshold is below its warning', { thresholds: { warning: { latencyP99Ms: 30_000 } } },
      /thresholds\.critical\.latencyP99Ms: got 25000; expected at least the warning threshold \(30000\)/],
    ['a disabled alarm kind is unknown', { thresholds: { warning: { disable: ['Nope' as GatewayAlarmKind] } } }, /thresholds\.warning\.disable: got "Nope"/],
    ['datapointsToAlarm exceeds evaluationPeriods', { evaluationPeriods: 2, datapointsToAlarm: 3 },
      /datapointsToAlarm: got 3; expected at most evaluationPeriods \(2\)/],
    ['the period is not whole minutes', { period: Duration.seconds(90) }, /period: got "90 seconds"/],
    ['the evaluation window is longer than a day', { period: Duration.hours(1), evaluationPeriods: 25, datapointsToAlarm: 1 },
      /evaluationPeriods: got 25; expected at most 24 periods/],
    ['minimumRequests is 0', { minimumRequests: 0 }, /minimumRequests: got 0/],
    ['an endpoint name is not a SageMaker name', { sageMakerEndpointNames: ['bad_name'] }, /endpointName: got "bad_name"/],
    ['an endpoint is given twice', { sageMakerEndpointNames: ['a', 'a'] }, /endpointName: got "a"; expected an endpoint variant not watched already/],
  ] as Array<[string, Partial<GatewayAlarmsProps>, RegExp]>)('fails when %s', (_case, props, message) => {
    expect(build(props)).toThrow(message);
  });

  test('fails when a function is not a lambda.Function and has no timeout', () => {
    const fn = lambda.Function.fromFunctionName(s, 'NoTimeout', 'some-fn');
    expect(build({ functions: [{ label: 'some', function: fn }] })).toThrow(/timeout of function some: got undefined/);
  });

  test('fails when a function label is used twice or is not a label', () => {
    const a = lambda.Function.fromFunctionName(s, 'A', 'a');
    const b = lambda.Function.fromFunctionName(s, 'B', 'b');
    expect(build({ functions: [{ label: 'x', function: a, timeout: Duration.seconds(1) }, { label: 'x', function: b, timeout: Duration.seconds(1) }] }))
      .toThrow(/function label: got "x"; expected a label not used by another watched function/);
    expect(build({ functions: [{ label: 'has space', function: a, timeout: Duration.seconds(1) }] })).toThrow(/function label: got "has space"/);
  });

  test('fails when the dashboard period is not whole minutes', () => {
    expect(() => new GatewayDashboard(s, 'Dashboard', { api, period: Duration.seconds(30) })).toThrow(/period: got "30 seconds"/);
  });
});
