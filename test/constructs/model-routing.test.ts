import { App, CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import {
  AlarmSeverity, AuthorizationMode, CloudWatchRoleMode, GatewayAlarmKind, ModelBackend, ModelNetwork, ModelProxyFunction, ModelRouting, ModelVersion,
  RequestFormat, SecureAiGateway,
} from '../../lib';
import { AUTHORIZER_CONFIG_ENV } from '../../lib/contracts/authorizer';
import { MODEL_PROXY_CONFIG_ENV } from '../../lib/contracts/model-proxy';
import { parseAuthorizerConfig } from '../../lambda/authorizer/config';
import { parseProxyConfig } from '../../lambda/model-proxy/config';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET = 'anthropic.claude-3-5-sonnet-20240620-v1:0';

interface Built { stack: Stack; proxy: ModelProxyFunction; template: Template; network: ModelNetwork }

function build(routing: ModelRouting, extra: (stack: Stack, network: ModelNetwork) => void = () => undefined): Built {
  const app = new App();
  const stack = new Stack(app, 'RoutingStack', { env: { account: '123456789012', region: 'us-east-1' } });
  const network = new ModelNetwork(stack, 'Network');
  extra(stack, network);
  const proxy = new ModelProxyFunction(stack, 'Triage', { network, modelName: 'claims-triage', maxPromptLength: 1000, routing });
  return { stack, proxy, template: Template.fromStack(stack), network };
}

function proxyIn(routing: ModelRouting): () => ModelProxyFunction {
  return () => {
    const stack = new Stack(new App(), 'Invalid');
    const network = new ModelNetwork(stack, 'Network');
    return new ModelProxyFunction(stack, 'Triage', { network, modelName: 'claims-triage', maxPromptLength: 1000, routing });
  };
}

const sageMaker = (name: string) => ModelBackend.sageMakerEndpoint({ existingEndpointName: name, requestFormat: RequestFormat.HUGGING_FACE });
const canaryRouting = (): ModelRouting => ({
  versions: [
    {
      name: 'v1', weight: 90,
      targets: [{ id: 'primary', backend: sageMaker('triage-v1'), priority: 10 }, { id: 'bedrock', backend: ModelBackend.bedrock(HAIKU) }],
    },
    { name: 'v2', weight: 10, targets: [{ id: 'primary', backend: sageMaker('triage-v2') }] },
    { name: 'v3-rc', restricted: true, targets: [{ id: 'sonnet', backend: ModelBackend.bedrock(SONNET) }] },
  ],
  stickiness: Duration.minutes(30),
  maxAttempts: 2,
  attemptTimeout: Duration.seconds(8),
  circuitBreaker: { consecutiveFailures: 3, coolDown: Duration.seconds(20) },
});

const configOf = ({ template, proxy, stack }: Built, fn = proxy.function) => {
  const resource = template.toJSON().Resources[stack.getLogicalId(fn.node.defaultChild as CfnElement)];
  return JSON.parse(resource.Properties.Environment.Variables[MODEL_PROXY_CONFIG_ENV]);
};

const statementsOf = ({ template, stack }: Built, policy: { node: { defaultChild?: unknown } }) =>
  template.toJSON().Resources[stack.getLogicalId(policy.node.defaultChild as CfnElement)].Properties.PolicyDocument.Statement as Array<Record<string, unknown>>;

describe('a model routed over versions and targets', () => {
  const built = build(canaryRouting());

  test('writes every version and target into the configuration of both functions, and the handler accepts it', () => {
    const config = configOf(built);
    expect(configOf(built, built.proxy.chatFunction)).toEqual(config);
    expect(config.routing).toEqual({
      versions: [
        {
          name: 'v1', weight: 90, restricted: false, targets: [
            { id: 'primary', backend: { type: 'sagemaker', endpointName: 'triage-v1' }, requestFormat: 'HUGGING_FACE',
              responseTextPath: 'generated_text', priority: 10, weight: 1 },
            { id: 'bedrock', backend: { type: 'bedrock', modelId: HAIKU }, requestFormat: 'ANTHROPIC_MESSAGES',
              responseTextPath: 'content[0].text', priority: 0, weight: 1 },
          ],
        },
        {
          name: 'v2', weight: 10, restricted: false,
          targets: [expect.objectContaining({ id: 'primary', backend: { type: 'sagemaker', endpointName: 'triage-v2' } })],
        },
        { name: 'v3-rc', weight: 100, restricted: true, targets: [expect.objectContaining({ id: 'sonnet', backend: { type: 'bedrock', modelId: SONNET } })] },
      ],
      stickinessSeconds: 1800,
      maxAttempts: 2,
      attemptTimeoutMs: 8000,
      breaker: { windowMs: 30_000, minimumCalls: 10, failureRate: 0.5, consecutiveFailures: 3, coolDownMs: 20_000, halfOpenProbes: 1 },
    });
    const parsed = parseProxyConfig(JSON.stringify(config));
    expect(parsed.success ? parsed.data.routing : parsed.errors).toEqual(config.routing);
  });

  test('keeps the single-target fields: the stable version\'s first highest-priority target', () => {
    const config = configOf(built);
    expect(config.backend).toEqual({ type: 'sagemaker', endpointName: 'triage-v1' });
    expect(config.requestFormat).toBe('HUGGING_FACE');
    expect(built.proxy.backendConfig.target).toBe('triage-v1');
    expect(built.proxy.routedVersions.map((v) => v.name)).toEqual(['v1', 'v2', 'v3-rc']);
  });

  test('grants each function its own actions on every target, with statement ids unique within each policy', () => {
    for (const [policy, sageMakerActions, bedrockActions] of [
      [built.proxy.policy, 'sagemaker:InvokeEndpoint', 'bedrock:InvokeModel'],
      [built.proxy.chatPolicy, ['sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointWithResponseStream'],
        ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']],
    ] as const) {
      const statements = statementsOf(built, policy);
      const invoke = statements.filter((s) => typeof s.Sid === 'string' && /^Invoke(SageMaker|Bedrock)/.test(s.Sid as string));
      expect(invoke.map((s) => s.Sid)).toEqual(['InvokeSageMakerEndpoint', 'InvokeBedrockModel', 'InvokeSageMakerEndpoint2', 'InvokeBedrockModel2']);
      expect(invoke.map((s) => s.Action)).toEqual([sageMakerActions, bedrockActions, sageMakerActions, bedrockActions]);
      const resources = JSON.stringify(invoke.map((s) => s.Resource));
      for (const name of ['endpoint/triage-v1', 'endpoint/triage-v2', `foundation-model/${HAIKU}`, `foundation-model/${SONNET}`]) {
        expect(resources).toContain(name);
      }
      const sids = statements.map((s) => s.Sid).filter((sid) => sid !== undefined);
      expect(new Set(sids).size).toBe(sids.length);
    }
  });

  test('admits every target through the interface endpoints, each role for its own actions', () => {
    for (const [service, names] of [['sagemaker.runtime', ['triage-v1', 'triage-v2']], ['bedrock-runtime', [HAIKU, SONNET]]] as const) {
      const endpoint = Object.values(built.template.findResources('AWS::EC2::VPCEndpoint', {
        Properties: { ServiceName: Match.stringLikeRegexp(`${service.replace('.', '\\.')}$`) },
      }));
      expect(endpoint).toHaveLength(1);
      const statements = endpoint[0].Properties.PolicyDocument.Statement as Array<Record<string, unknown>>;
      const text = JSON.stringify(statements);
      for (const name of names) expect(text).toContain(name);
      const roles = statements.map((s) => JSON.stringify(s.Condition));
      expect(roles.some((r) => r.includes(built.stack.getLogicalId(built.proxy.role.node.defaultChild as CfnElement)))).toBe(true);
      expect(roles.some((r) => r.includes(built.stack.getLogicalId(built.proxy.chatRole.node.defaultChild as CfnElement)))).toBe(true);
    }
  });
});

test('a backend in two versions is bound once; a self-hosted target opens the path to its load balancer', () => {
  let lbGroup: ec2.SecurityGroup | undefined;
  const shared = ModelBackend.bedrock(HAIKU);
  const built = build({
    versions: [
      { name: 'v1', targets: [{ id: 'vllm', backend: ModelBackend.selfHosted({ url: 'https://vllm.internal/v1/chat/completions', loadBalancer: {
        get connections() { return lbGroup!.connections; },
      }, requestFormat: RequestFormat.OPENAI_CHAT, requestModelName: 'llama' }), priority: 5 }, { id: 'fallback', backend: shared }] },
      { name: 'v2', weight: 0, targets: [{ id: 'fallback', backend: shared }] },
    ],
  }, (stack, network) => {
    lbGroup = new ec2.SecurityGroup(stack, 'Lb', { vpc: network.vpc });
  });
  const invoke = statementsOf(built, built.proxy.policy).filter((s) => String(s.Sid).startsWith('InvokeBedrock'));
  expect(invoke).toHaveLength(1);
  built.template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { FromPort: 443, ToPort: 443 });
  expect(configOf(built).routing.versions[0].targets[0]).toEqual(expect.objectContaining({ requestFormat: 'OPENAI_CHAT', requestModelName: 'llama' }));
});

describe('synth-time validation of routing', () => {
  const version = (name: string, extra: Partial<ModelVersion> = {}): ModelVersion => (
    { name, targets: [{ id: 'a', backend: sageMaker(`ep-${name}`) }], ...extra });

  test.each<[string, ModelRouting, RegExp]>([
    ['no versions', { versions: [] }, /Invalid routing.versions: got \[\]; expected 1 to 5 versions/],
    ['more than 5 versions', { versions: ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => version(n)) }, /expected 1 to 5 versions/],
    ['a version without targets', { versions: [{ name: 'v1', targets: [] }] }, /Invalid routing.versions\[v1\].targets: got \[\]; expected 1 to 8 targets/],
    ['a version name that is not an id', { versions: [version('V1')] }, /Invalid routing.versions\[\].name: got "V1"; expected 1-32 characters of \[a-z0-9-\]/],
    ['two versions of one name', { versions: [version('v1'), version('v1')] }, /Invalid routing.versions\[\].name: got "v1"; expected unique version names/],
    ['two targets of one id', {
      versions: [{ name: 'v1', targets: [{ id: 'a', backend: sageMaker('x') }, { id: 'a', backend: sageMaker('y') }] }],
    }, /Invalid routing.versions\[v1\].targets\[\].id: got "a"; expected unique target ids within the version/],
    ['the same backend twice in a version', (() => {
      const backend = sageMaker('x');
      return { versions: [{ name: 'v1', targets: [{ id: 'a', backend }, { id: 'b', backend }] }] };
    })(), /Invalid routing.versions\[v1\].targets\[b\].backend: .*expected each backend once per version/],
    ['two backends on the same endpoint in a version', {
      versions: [{ name: 'v1', targets: [{ id: 'a', backend: sageMaker('x') }, { id: 'b', backend: sageMaker('x') }] }],
    }, /Invalid routing.versions\[v1\].targets\[b\].backend: got "x"; expected a backend other than target a's/],
    ['a priority out of range', { versions: [{ name: 'v1', targets: [{ id: 'a', backend: sageMaker('x'), priority: 101 }] }] },
      /Invalid routing.versions\[v1\].targets\[a\].priority: got 101; expected an integer from 0 to 100/],
    ['a target weight of 0', { versions: [{ name: 'v1', targets: [{ id: 'a', backend: sageMaker('x'), weight: 0 }] }] },
      /Invalid routing.versions\[v1\].targets\[a\].weight: got 0; expected an integer from 1 to 1000/],
    ['a version weight above 100', { versions: [version('v1', { weight: 101 })] },
      /Invalid routing.versions\[v1\].weight: got 101; expected an integer from 0 to 100/],
    ['only restricted versions (a canary without a stable version)', { versions: [version('v2', { restricted: true })] },
      /Invalid routing.versions: got \["v2"\]; expected a stable version \(restricted false, weight above 0\)/],
    ['no unrestricted version with weight', { versions: [version('v1', { weight: 0 }), version('v2', { restricted: true })] },
      /expected at least one unrestricted version with a weight above 0/],
    ['maxAttempts above 5', { versions: [version('v1')], maxAttempts: 6 }, /Invalid routing.maxAttempts: got 6; expected an integer from 1 to 5/],
    ['stickiness above a day', { versions: [version('v1')], stickiness: Duration.days(2) },
      /Invalid routing.stickiness: got "172800000 ms"; expected 0 s to 86400 s/],
    ['stickiness in fractions of a second', { versions: [version('v1')], stickiness: Duration.millis(1500) },
      /Invalid routing.stickiness: .*expected whole seconds/],
    ['an attempt timeout below 1 s', { versions: [version('v1')], attemptTimeout: Duration.millis(500) }, /Invalid routing.attemptTimeout: got "500 ms"/],
    ['a breaker failure rate above 1', { versions: [version('v1')], circuitBreaker: { failureRate: 1.5 } },
      /Invalid routing.circuitBreaker.failureRate: got 1.5; expected a number from 0.01 to 1/],
    ['a breaker cool-down above 10 minutes', { versions: [version('v1')], circuitBreaker: { coolDown: Duration.minutes(11) } },
      /Invalid routing.circuitBreaker.coolDown/],
    ['a requestModelName in a format without a model field', {
      versions: [{ name: 'v1', targets: [{ id: 'a', backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: 'x', requestModelName: 'llama' }) }] }],
    }, /Invalid routing.versions\[v1\].targets\[a\].requestModelName: got "llama"; expected no requestModelName with PASSTHROUGH/],
    ['a configuration beyond the environment limit', {
      versions: ['a', 'b', 'c', 'd', 'e'].map((v) => ({
        name: `version-${v}`.padEnd(32, 'x'),
        targets: Array.from({ length: 8 }, (_, i) => ({ id: `target-${i}`.padEnd(32, 'x'), backend: sageMaker(`endpoint-${v}-${i}`.padEnd(63, 'x')) })),
      })),
    }, /Invalid model configuration: got "\d+ bytes"; expected at most 3584 bytes of configuration JSON/],
  ])('fails when %s', (_name, routing, message) => {
    expect(proxyIn(routing)).toThrow(message);
  });

  test('fails when neither or both of backend and routing are given', () => {
    const stack = new Stack(new App(), 'S');
    const network = new ModelNetwork(stack, 'Network');
    expect(() => new ModelProxyFunction(stack, 'A', { network, modelName: 'a', maxPromptLength: 10 }))
      .toThrow(/Invalid backend and routing: got "neither"; expected exactly one of backend and routing/);
    const routing = { versions: [version('v1')] };
    expect(() => new ModelProxyFunction(stack, 'B', { network, modelName: 'b', maxPromptLength: 10, backend: sageMaker('x'), routing }))
      .toThrow(/got "both"/);
  });
});

describe('a gateway model with routing', () => {
  const app = new App();
  const stack = new Stack(app, 'GatewayRouting', { env: { account: '123456789012', region: 'us-east-1' } });
  const gateway = new SecureAiGateway(stack, 'Gateway', {
    cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
    models: [{ name: 'claims-triage', routing: canaryRouting() }, { name: 'plain', backend: sageMaker('plain') }],
  });
  const template = Template.fromStack(stack);
  const alarms = gateway.alarms!;

  test('serves both routes through a proxy with the routing', () => {
    expect(gateway.proxyFor('claims-triage').routedVersions).toHaveLength(3);
    expect(gateway.proxyFor('plain').routedVersions).toEqual([]);
  });

  test('alarms when the model runs on a fallback, and per version on its error rate and p99 backend time', () => {
    const fallback = alarms.alarm(GatewayAlarmKind.FALLBACK_SERVED, AlarmSeverity.WARNING, 'claims-triage');
    expect(fallback).toBeDefined();
    expect(alarms.alarm(GatewayAlarmKind.FALLBACK_SERVED, AlarmSeverity.WARNING, 'plain')).toBeUndefined();
    for (const version of ['v1', 'v2', 'v3-rc']) {
      expect(alarms.alarm(GatewayAlarmKind.VERSION_ERROR_RATE, AlarmSeverity.WARNING, `claims-triage/${version}`)).toBeDefined();
      expect(alarms.alarm(GatewayAlarmKind.VERSION_ERROR_RATE, AlarmSeverity.CRITICAL, `claims-triage/${version}`)).toBeDefined();
      expect(alarms.alarm(GatewayAlarmKind.VERSION_LATENCY, AlarmSeverity.WARNING, `claims-triage/${version}`)).toBeDefined();
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^\\[Warning\\] 5xx rate of version claims-triage/v2 at or above 5%'),
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: Match.stringLikeRegexp('100 \\* \\(FILL\\(version_v2_errors, 0\\)\\)') }),
        Match.objectLike({ MetricStat: Match.objectLike({ Metric: Match.objectLike({
          MetricName: 'VersionErrors', Namespace: 'SecureAiGateway',
          Dimensions: Match.arrayWith([{ Name: 'Model', Value: 'claims-triage' }, { Name: 'Version', Value: 'v2' }]),
        }) }) }),
      ]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^\\[Warning\\] Calls of model claims-triage served by a fallback target at or above 1 per period'),
      EvaluationPeriods: 3, DatapointsToAlarm: 2,
    });
  });

  test('watches every SageMaker endpoint the targets call', () => {
    for (const name of ['triage-v1', 'triage-v2', 'plain']) {
      expect(alarms.alarm(GatewayAlarmKind.MODEL_SERVER_ERRORS, AlarmSeverity.WARNING, name)).toBeDefined();
    }
  });

  test('graphs calls, errors, latency and breaker openings per target, failovers per version', () => {
    const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0];
    const body = JSON.stringify(stack.resolve(dashboard.Properties.DashboardBody));
    for (const title of ['claims-triage: calls per target', 'claims-triage: errors per target', 'claims-triage: latency p99 per target (ms)',
      'claims-triage: circuit breakers opened', 'claims-triage: failovers and fallback calls']) expect(body).toContain(title);
    for (const metric of ['TargetCalls', 'TargetErrors', 'TargetLatency', 'BreakerOpened', 'Failovers', 'FallbackServed']) expect(body).toContain(metric);
  });

  test('fails when a model has both backend and routing', () => {
    const other = new Stack(new App(), 'Both');
    const models = [{ name: 'x', backend: sageMaker('x'), routing: canaryRouting() }];
    expect(() => new SecureAiGateway(other, 'Gateway', { cloudWatchRole: CloudWatchRoleMode.USE_EXISTING, models }))
      .toThrow(/Invalid models\[x\]: got "backend and routing"; expected one of backend \(one target\) or routing \(several\)/);
  });
});

describe('access rules that grant versions', () => {
  const testers = (versions: string[], extra = {}) => ({
    modelAccess: [{ model: 'claims-triage', allowGroups: ['claims'], versionAccess: [{ versions, allowGroups: ['testers'], ...extra }] }],
  });
  const gatewayWith = (authorization: object) => {
    const stack = new Stack(new App(), 'Grants', { env: { account: '123456789012', region: 'us-east-1' } });
    const gateway = new SecureAiGateway(stack, 'Gateway', {
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING, models: [{ name: 'claims-triage', routing: canaryRouting() }], authorization,
    });
    return { stack, gateway };
  };

  const unreachable = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('restrictedVersionUnreachable'));

  test('a restricted version nobody is granted is a warning; granting it clears it', () => {
    expect(unreachable(gatewayWith({}).stack)).toHaveLength(1);
    expect(unreachable(gatewayWith(testers(['v3-rc'])).stack)).toHaveLength(0);
  });

  test('COGNITO authorization grants no versions: a restricted version is unreachable', () => {
    expect(unreachable(gatewayWith({ mode: AuthorizationMode.COGNITO }).stack)).toHaveLength(1);
  });

  test('reach the authorizer function\'s configuration, which it accepts', () => {
    const { stack, gateway } = gatewayWith(testers(['v3-rc']));
    const fn = gateway.authorization.jwtAuthorizer!.function;
    const env = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(fn.node.defaultChild as CfnElement)].Properties.Environment.Variables;
    // Pool and client ids are tokens until deployment: any literal stands in for them.
    const joined = stack.resolve(env[AUTHORIZER_CONFIG_ENV])['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : 'x')).join('');
    const config = JSON.parse(joined);
    expect(config.models).toEqual([{ model: 'claims-triage', allowGroups: ['claims'], versionAccess: [{ versions: ['v3-rc'], allowGroups: ['testers'] }] }]);
    const parsed = parseAuthorizerConfig(config);
    expect(parsed.success && parsed.data.models[0].versionAccess).toEqual([{ versions: ['v3-rc'], allowGroups: ['testers'], allowScopes: [], conditions: [] }]);
  });

  test.each<[string, object, RegExp]>([
    ['a grant names a version the model does not restrict', testers(['v2']),
      /Invalid authorization.modelAccess\[claims-triage\].versionAccess\[\].versions: got "v2"; expected a restricted version of claims-triage \(v3-rc\)/],
    ['a grant names a version that is not an id', testers(['V3']), /Invalid modelAccess\[claims-triage\].versionAccess\[0\].versions: got "V3"/],
    ['a grant matches every caller of the model', {
      modelAccess: [{ model: 'claims-triage', allowGroups: ['claims'], versionAccess: [{ versions: ['v3-rc'] }] }],
    }, /Invalid modelAccess\[claims-triage\].versionAccess\[0\]: got "no groups, scopes or conditions"/],
  ])('fails when %s', (_name, authorization, message) => {
    expect(() => gatewayWith(authorization)).toThrow(message);
  });
});

describe('attempt timeout against the invoke function\'s time budget', () => {
  const warningsOf = (attemptTimeout: Duration) => {
    const { stack } = build({ versions: [{ name: 'v1', targets: [{ id: 'a', backend: ModelBackend.bedrock(HAIKU) }] }], attemptTimeout });
    return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('attemptTimeoutExceedsInvokeTimeout'));
  };

  test('warns when a hanging target would use up the whole invoke call (25 s timeout less the 1 s margin)', () => {
    expect(warningsOf(Duration.seconds(24))).toHaveLength(1);
    expect(warningsOf(Duration.seconds(60))).toHaveLength(1);
  });

  test('says nothing when another target can still be tried', () => {
    expect(warningsOf(Duration.seconds(8))).toHaveLength(0);
  });
});
