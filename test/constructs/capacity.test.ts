/**
 * A model's capacity, in the user's terms, decides its functions' reserved
 * concurrency, its route's throttle, the usage-plan limits it allows and its
 * concurrency alarm; contradictions fail or warn at synth. And a model that is
 * busy answers 429 with Retry-After, never a 5XX.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AiModelOptions, CloudWatchRoleMode, GatewayAlarmKind, GatewayWarning, ModelBackend, SecureAiGateway, SecureAiGatewayProps } from '../../lib';
import { AlarmSeverity } from '../../lib/observability/alarm-thresholds';
import { deriveCapacity, ModelCapacity } from '../../lib/capacity/model-capacity';
import { GATEWAY_ERRORS } from '../../lib/api/gateway-responses';
import { ErrorCode } from '../../lib/contracts/error-codes';
import { newTestStack } from '../setup/stacks';

const bedrock = () => ModelBackend.bedrock('anthropic.claude-3-haiku-20240307-v1:0');

function gateway(models: AiModelOptions[], extra: Partial<SecureAiGatewayProps> = {}): { stack: Stack; gw: SecureAiGateway } {
  const { stack } = newTestStack();
  const gw = new SecureAiGateway(stack, 'Gw', { cloudWatchRole: CloudWatchRoleMode.CREATE_LEAST_PRIVILEGE, models, ...extra });
  return { stack, gw };
}

function reservedOf(stack: Stack, gw: SecureAiGateway, model: string): number {
  const id = stack.getLogicalId(gw.proxyFor(model).function.node.defaultChild as never);
  return Template.fromStack(stack).toJSON().Resources[id].Properties.ReservedConcurrentExecutions;
}

function methodSetting(stack: Stack, model: string): Record<string, unknown> | undefined {
  type StageJson = { Properties: { MethodSettings: Array<Record<string, unknown>> } };
  const stage = Object.values(Template.fromStack(stack).findResources('AWS::ApiGateway::Stage'))[0] as StageJson;
  return stage.Properties.MethodSettings.find((s) => s.ResourcePath === `/~1v1~1models~1${model}~1invoke` && s.HttpMethod === 'POST');
}

const warningsWith = (stack: Stack, id: GatewayWarning) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(id));

describe('deriving the settings from a capacity', () => {
  const scope = new Stack();
  test.each<[string, ModelCapacity, Record<string, number>]>([
    ['the default: 2 requests/s of 5 s', {}, { invokeReservedConcurrency: 10, chatReservedConcurrency: 10, methodRateLimit: 2, methodBurstLimit: 10,
      concurrencyWarning: 8 }],
    ['5 requests/s of 20 s streamed generations', { requestsPerSecond: 5, generationSeconds: 20 },
      { invokeReservedConcurrency: 100, chatReservedConcurrency: 100, methodRateLimit: 5, methodBurstLimit: 100, usagePlanRateCeiling: 5 }],
    ['12 concurrent generations of 30 s', { concurrentGenerations: 12, generationSeconds: 30 }, { invokeReservedConcurrency: 12, methodRateLimit: 0.4,
      methodBurstLimit: 12 }],
    ['a rate whose concurrency is fractional rounds up', { requestsPerSecond: 3, generationSeconds: 2.5 }, { invokeReservedConcurrency: 8,
      methodRateLimit: 3 }],
    ['a rate from concurrency rounds down, never past the concurrency', { concurrentGenerations: 10, generationSeconds: 3 }, { methodRateLimit: 3.333 }],
  ])('%s', (_name, capacity, expected) => {
    expect(deriveCapacity(scope, 'capacity', capacity)).toMatchObject(expected);
  });

  test('the rate times the generation seconds never exceeds the reserved concurrency', () => {
    for (const generationSeconds of [0.7, 1, 2.5, 3, 7, 29, 300]) {
      for (const concurrentGenerations of [1, 3, 10, 99, 1000]) {
        const d = deriveCapacity(scope, 'capacity', { concurrentGenerations, generationSeconds });
        expect(d.methodRateLimit * d.generationSeconds).toBeLessThanOrEqual(d.invokeReservedConcurrency + 1e-9);
        expect(d.methodBurstLimit).toBeLessThanOrEqual(d.invokeReservedConcurrency);
      }
    }
  });

  test.each<[string, ModelCapacity, RegExp]>([
    ['fails when both requestsPerSecond and concurrentGenerations are given', { requestsPerSecond: 2, concurrentGenerations: 10 },
      /one of requestsPerSecond or concurrentGenerations/],
    ['fails when one function would need more than the account default', { requestsPerSecond: 100, generationSeconds: 30 },
      /3000 concurrent executions.*at most 1000/],
    ['fails when requestsPerSecond exceeds API Gateway\'s account rate', { requestsPerSecond: 20_000 }, /requestsPerSecond: got 20000/],
    ['fails when generationSeconds is 0', { generationSeconds: 0 }, /generationSeconds: got 0/],
    ['fails when concurrentGenerations is not whole', { concurrentGenerations: 2.5 }, /concurrentGenerations: got 2.5/],
  ])('%s', (_name, capacity, error) => {
    expect(() => deriveCapacity(scope, 'models[chat].capacity', capacity)).toThrow(error);
  });
});

describe('a gateway model with a capacity', () => {
  const { stack, gw } = gateway([
    { name: 'chat', backend: bedrock(), capacity: { requestsPerSecond: 5, generationSeconds: 4 } },
    { name: 'small', backend: bedrock() },
    { name: 'legacy', backend: bedrock(), reservedConcurrency: 3 },
  ]);

  test('reserves one execution per generation in flight', () => {
    expect([reservedOf(stack, gw, 'chat'), reservedOf(stack, gw, 'small'), reservedOf(stack, gw, 'legacy')]).toEqual([20, 10, 3]);
  });

  test('throttles its route at its rate and burst, keeping the stage\'s logging and metrics', () => {
    expect(methodSetting(stack, 'chat')).toEqual({
      ResourcePath: '/~1v1~1models~1chat~1invoke', HttpMethod: 'POST', ThrottlingRateLimit: 5, ThrottlingBurstLimit: 20,
      LoggingLevel: 'ERROR', DataTraceEnabled: false, MetricsEnabled: true, CachingEnabled: false,
    });
    expect(methodSetting(stack, 'small')).toMatchObject({ ThrottlingRateLimit: 2, ThrottlingBurstLimit: 10 });
    expect(methodSetting(stack, 'legacy')).toMatchObject({ ThrottlingRateLimit: 0.6, ThrottlingBurstLimit: 3 });
  });

  test('the stage-wide default throttle stays for every other method', () => {
    const stage = Object.values(Template.fromStack(stack).findResources('AWS::ApiGateway::Stage'))[0] as { Properties: { MethodSettings: unknown[] } };
    expect(stage.Properties.MethodSettings).toContainEqual(expect.objectContaining({ ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 50 }));
  });

  test('warns when its model proxy nears its reservation: at 80 % of it', () => {
    const alarm = gw.alarms!.alarm(GatewayAlarmKind.FUNCTION_CONCURRENCY, AlarmSeverity.WARNING, 'Proxy-chat/Function');
    expect(alarm).toBeDefined();
    const props = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(alarm!.node.defaultChild as never)].Properties;
    expect(props.Threshold).toBe(16);
    expect(JSON.stringify(props.Metrics)).toContain('ConcurrentExecutions');
    expect(gw.alarms!.alarm(GatewayAlarmKind.FUNCTION_CONCURRENCY, AlarmSeverity.CRITICAL, 'Proxy-chat/Function')).toBeUndefined();
  });

  test('adds no capacity warning when the numbers agree', () => {
    for (const id of [GatewayWarning.CAPACITY_ABOVE_ACCOUNT_DEFAULTS, GatewayWarning.GENERATION_EXCEEDS_INVOKE_TIMEOUT,
      GatewayWarning.TIER_ABOVE_MODEL_CAPACITY]) {
      expect(warningsWith(stack, id)).toHaveLength(0);
    }
  });
});

describe('contradictions', () => {
  test('fails when a model sets both reservedConcurrency and capacity', () => {
    expect(() => gateway([{ name: 'chat', backend: bedrock(), reservedConcurrency: 5, capacity: { concurrentGenerations: 5 } }]))
      .toThrow(/Invalid models\[chat\]\.reservedConcurrency: got 5; expected no reservedConcurrency with capacity/);
  });

  test('fails when a model without a backend has a capacity', () => {
    expect(() => gateway([{ name: 'chat', capacity: { concurrentGenerations: 5 } }])).toThrow(/proxy options without a backend/);
  });

  test('warns when the models reserve more than an account with default quotas can', () => {
    const { stack } = gateway([
      { name: 'a', backend: bedrock(), capacity: { concurrentGenerations: 500 } },
      { name: 'b', backend: bedrock(), capacity: { concurrentGenerations: 400 } },
    ]);
    const warnings = warningsWith(stack, GatewayWarning.CAPACITY_ABOVE_ACCOUNT_DEFAULTS);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].entry.data).toMatch(/reserve \d+ concurrent executions.*can reserve 900/);
  });

  test('warns when the models\' routes admit more than API Gateway\'s account rate', () => {
    const { stack } = gateway([
      { name: 'a', backend: bedrock(), capacity: { requestsPerSecond: 6_000, generationSeconds: 0.1 } },
      { name: 'b', backend: bedrock(), capacity: { requestsPerSecond: 6_000, generationSeconds: 0.1 } },
    ]);
    // At generations of 0.1 s or more, 10,000 requests/s also take 1,000 executions: both warnings fire.
    expect(warningsWith(stack, GatewayWarning.CAPACITY_ABOVE_ACCOUNT_DEFAULTS).map((w) => w.entry.data))
      .toContainEqual(expect.stringMatching(/admit 24000 requests\/s .*10000 requests\/s/));
  });

  test('the account warning can be acknowledged like any other', () => {
    const { stack, gw } = gateway([
      { name: 'a', backend: bedrock(), capacity: { concurrentGenerations: 950 } },
    ]);
    Validations.of(gw).acknowledge({ id: GatewayWarning.CAPACITY_ABOVE_ACCOUNT_DEFAULTS, reason: 'The account has a raised concurrency quota' });
    expect(warningsWith(stack, GatewayWarning.CAPACITY_ABOVE_ACCOUNT_DEFAULTS)).toHaveLength(0);
  });

  test('warns when typical generations outlast the invoke proxy\'s timeout', () => {
    const { stack } = gateway([{ name: 'long', backend: bedrock(), capacity: { requestsPerSecond: 1, generationSeconds: 40 } }]);
    expect(warningsWith(stack, GatewayWarning.GENERATION_EXCEEDS_INVOKE_TIMEOUT).map((w) => w.entry.data))
      .toEqual([expect.stringMatching(/40 s generations, longer than its invoke proxy's 25 s timeout/)]);
  });

  test('fails when a tier\'s model throttle exceeds what the model\'s capacity admits', () => {
    expect(() => gateway([{ name: 'chat', backend: bedrock() }], {
      usageTiers: [{ name: 'pro', rateLimit: 20, burstLimit: 40, modelThrottles: [{ model: 'chat', rateLimit: 5, burstLimit: 10 }] }],
    })).toThrow(/Invalid usageTiers\[pro\]\.modelThrottles\[chat\]\.rateLimit: got 5; expected at most 2/);
  });

  test('warns when a tier-wide limit exceeds what a model\'s capacity admits', () => {
    const { stack } = gateway([{ name: 'chat', backend: bedrock() }, { name: 'big', backend: bedrock(), capacity: { requestsPerSecond: 50,
      generationSeconds: 2 } }], {
      usageTiers: [{ name: 'pro', rateLimit: 20, burstLimit: 40 }],
    });
    expect(warningsWith(stack, GatewayWarning.TIER_ABOVE_MODEL_CAPACITY).map((w) => w.entry.data))
      .toEqual([expect.stringMatching(/Tier pro allows a key 20 requests\/s with bursts of 40, more than the capacity of chat \(2 requests\/s, burst 10\):/)]);
  });
});

describe('a busy model answers 429 with Retry-After', () => {
  const { stack } = gateway([{ name: 'chat', backend: bedrock() }]);
  const template = Template.fromStack(stack);

  test.each(['INTEGRATION_FAILURE', 'THROTTLED'])('%s: 429 Throttled in the error shape, with Retry-After and the security headers', (type) => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: type,
      StatusCode: '429',
      ResponseParameters: Match.objectLike({
        'gatewayresponse.header.Retry-After': "'1'",
        'gatewayresponse.header.Strict-Transport-Security': Match.anyValue(),
        'gatewayresponse.header.Content-Type': "'application/json'",
      }),
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp(`"code":"${ErrorCode.THROTTLED}"`) },
    });
  });

  test('no gateway response turns a throttled call into a 5XX, and every 429 but an exhausted quota says when to retry', () => {
    const throttling = GATEWAY_ERRORS.filter((e) => [apigateway.ResponseType.INTEGRATION_FAILURE, apigateway.ResponseType.THROTTLED].includes(e.type));
    expect(throttling.map((e) => e.statusCode)).toEqual(['429', '429']);
    expect(GATEWAY_ERRORS.filter((e) => e.statusCode === '429' && !e.headers?.['Retry-After']).map((e) => e.type.responseType)).toEqual(['QUOTA_EXCEEDED']);
  });
});
