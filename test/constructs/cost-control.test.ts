import { App, CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import {
  AuthorizationMode, BudgetWindowLimits, CloudWatchRoleMode, GatewayWarning, ModelBackend, ModelBudgetOptions, ModelNetwork, ModelProxyFunction,
  ModelProxyFunctionProps, SecureAiGateway,
} from '../../lib';
import { MODEL_PROXY_CONFIG_ENV, ModelProxyConfig } from '../../lib/contracts/model-proxy';
import { parseProxyConfig } from '../../lambda/model-proxy/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  budgetPerMillionPerScope, budgetReadPerMillion, cacheHitPerMillion, cacheMissPerMillion, generateMacPerMillion,
} from '../helpers/cost-control-cost';
import { idleCost } from '../helpers/idle-cost';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

const BUDGET: ModelBudgetOptions = {
  defaults: { tenant: { tokensPerMinute: 20_000, tokensPerDay: 1_000_000 } },
  tiers: [{ tier: 'gold', limits: { tenant: { tokensPerMinute: 100_000, costPerMonth: 500 }, principal: { tokensPerDay: 200_000 } } }],
  tenants: [{ tenant: 'acme', limits: { tenant: { costPerDay: 40 } } }],
  price: { promptPerMillion: 0.25, completionPerMillion: 1.25 },
};

interface Built { stack: Stack; proxy: ModelProxyFunction; template: Template }

function build(extra: Partial<ModelProxyFunctionProps> = {}): Built {
  const app = new App();
  const stack = new Stack(app, 'CostStack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const network = new ModelNetwork(stack, 'Network');
  const proxy = new ModelProxyFunction(stack, 'Proxy', {
    network, modelName: 'chat', maxPromptLength: 16_000, backend: ModelBackend.bedrock(HAIKU), ...extra,
  });
  return { stack, proxy, template: Template.fromStack(stack) };
}

const logicalId = (stack: Stack, construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnElement);

/** The configuration as the function gets it, with each token resolved to a value of its kind. */
function configOf({ template, stack }: Built, fn: { node: { defaultChild?: unknown } }): ModelProxyConfig {
  const value = template.toJSON().Resources[logicalId(stack, fn)].Properties.Environment.Variables[MODEL_PROXY_CONFIG_ENV];
  if (typeof value === 'string') return JSON.parse(value);
  const parts = value['Fn::Join'][1] as unknown[];
  const text = parts.map((part) => {
    if (typeof part === 'string') return part;
    const token = part as Record<string, unknown>;
    if ('Ref' in token) return `Table-${String(token.Ref)}`;
    if ('Fn::GetAtt' in token) return KEY_ARN;
    throw new Error(`unexpected token ${JSON.stringify(part)}`);
  }).join('');
  return JSON.parse(text);
}

const statementsOf = ({ template, stack }: Built, policy: { node: { defaultChild?: unknown } }) =>
  template.toJSON().Resources[logicalId(stack, policy)].Properties.PolicyDocument.Statement as Array<Record<string, any>>;

const actionsOf = (statements: Array<Record<string, any>>) => statements.flatMap((s) => [s.Action].flat() as string[]);

const failsWith = (extra: Partial<ModelProxyFunctionProps>, message: RegExp) => expect(() => build(extra)).toThrow(message);

describe('a model with a budget and a response cache', () => {
  const built = build({ budget: BUDGET, responseCache: { ttl: Duration.minutes(30) } });
  const { proxy, stack, template } = built;
  const budgetTableId = logicalId(stack, proxy.budgetTable!.table);
  const cacheTableId = logicalId(stack, proxy.responseCacheStore!.table);
  const hmacKeyId = logicalId(stack, proxy.responseCacheStore!.hmacKey);

  test('the budget table: key pk, TTL expiresAt, on demand, its own rotated key, point-in-time recovery, retained and protected', () => {
    const table = template.toJSON().Resources[budgetTableId];
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(stack, proxy.budgetTable!.key), 'Arn'] } },
    });
    const key = template.toJSON().Resources[logicalId(stack, proxy.budgetTable!.key)];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
  });

  test('the cache table: key k, TTL expiresAt, its own key; and an HMAC_256 key for the cache keys', () => {
    const table = template.toJSON().Resources[cacheTableId];
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(stack, proxy.responseCacheStore!.tableKey), 'Arn'] } },
    });
    expect(template.toJSON().Resources[hmacKeyId].Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  });

  test('the invoke function may reserve and settle on the budget table only, and use its key only through DynamoDB', () => {
    const statements = statementsOf(built, proxy.policy);
    const dynamo = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toEqual([
      expect.objectContaining({ Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], Resource: { 'Fn::GetAtt': [budgetTableId, 'Arn'] } }),
    ]);
    expect(statements).toContainEqual(expect.objectContaining({
      Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: { 'Fn::GetAtt': [logicalId(stack, proxy.budgetTable!.key), 'Arn'] },
      Condition: { StringEquals: { 'kms:ViaService': 'dynamodb.eu-west-1.amazonaws.com' } },
    }));
    expect(actionsOf(statements)).not.toContain('kms:GenerateMac');
    expect(actionsOf(statements)).not.toContain('dynamodb:PutItem');
  });

  test('the chat function may also look up and store in the cache, and derive cache keys with the HMAC key', () => {
    const statements = statementsOf(built, proxy.chatPolicy);
    expect(statements).toContainEqual(expect.objectContaining({
      Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], Resource: { 'Fn::GetAtt': [budgetTableId, 'Arn'] },
    }));
    expect(statements).toContainEqual(expect.objectContaining({
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: { 'Fn::GetAtt': [cacheTableId, 'Arn'] },
    }));
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'kms:GenerateMac', Resource: { 'Fn::GetAtt': [hmacKeyId, 'Arn'] } }));
    expect(statements.filter((s) => actionsOf([s]).includes('kms:GenerateMac'))).toHaveLength(1);
  });

  test('one DynamoDB gateway endpoint whose policy admits each role for its actions on its table only', () => {
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' }, 1);
    const endpoint = Object.values(template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Gateway' } }))[0];
    expect(JSON.stringify(endpoint.Properties.ServiceName)).toContain('dynamodb');
    const roleArn = (role: { node: { defaultChild?: unknown } }) => ({ 'Fn::GetAtt': [logicalId(stack, role), 'Arn'] });
    expect(endpoint.Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], Resource: { 'Fn::GetAtt': [budgetTableId, 'Arn'] },
        Condition: { ArnEquals: { 'aws:PrincipalArn': roleArn(proxy.role as never) } } },
      { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], Resource: { 'Fn::GetAtt': [budgetTableId, 'Arn'] },
        Condition: { ArnEquals: { 'aws:PrincipalArn': roleArn(proxy.chatRole as never) } } },
      { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: { 'Fn::GetAtt': [cacheTableId, 'Arn'] },
        Condition: { ArnEquals: { 'aws:PrincipalArn': roleArn(proxy.chatRole as never) } } },
    ]);
  });

  test('a KMS interface endpoint whose policy admits only the chat role for GenerateMac on the HMAC key', () => {
    const endpoints = template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } });
    const kms = Object.values(endpoints).filter((e) => JSON.stringify(e.Properties.ServiceName).includes('.kms'));
    expect(kms).toHaveLength(1);
    expect(kms[0].Properties.PolicyDocument.Statement).toEqual([{
      Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:GenerateMac', Resource: { 'Fn::GetAtt': [hmacKeyId, 'Arn'] },
      Condition: { ArnEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [logicalId(stack, proxy.chatRole as never), 'Arn'] } } },
    }]);
  });

  test('the functions\' security group may open HTTPS towards the gateway endpoint (no other port)', () => {
    const group = template.toJSON().Resources[logicalId(stack, proxy.securityGroup)];
    const egress = group.Properties.SecurityGroupEgress as Array<Record<string, unknown>>;
    expect(egress).toContainEqual(expect.objectContaining({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }));
    expect(egress.every((rule) => rule.FromPort === 443 && rule.ToPort === 443)).toBe(true);
  });

  test('both functions get the same budget, the handler accepts it, and the cache settings are as given', () => {
    const config = configOf(built, proxy.function);
    expect(configOf(built, proxy.chatFunction)).toEqual(config);
    const parsed = parseProxyConfig(JSON.stringify(config));
    if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.data.budget).toEqual({
      tableName: `Table-${budgetTableId}`,
      defaults: { tenant: { tokensPerMinute: 20_000, tokensPerDay: 1_000_000 } },
      tiers: { gold: { tenant: { tokensPerMinute: 100_000, costPerMonth: 500 }, principal: { tokensPerDay: 200_000 } } },
      tenants: { acme: { tenant: { costPerDay: 40 } } },
      price: { promptPerMillion: 0.25, completionPerMillion: 1.25 },
      failOpen: false,
    });
    expect(parsed.data.cache).toEqual({ tableName: `Table-${cacheTableId}`, ttlSeconds: 1800, hmacKeyId: KEY_ARN, cacheNonZeroTemperature: false });
  });

  test('fails closed: no fail-open warning by default', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(GatewayWarning.BUDGET_FAIL_OPEN))).toHaveLength(0);
  });
});

describe('a model with neither', () => {
  const { template, proxy } = build();
  test('creates no table, no DynamoDB endpoint and no KMS endpoint, and writes no budget or cache', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 0);
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' }, 0);
    expect(JSON.stringify(template.findResources('AWS::EC2::VPCEndpoint'))).not.toContain('.kms');
    expect(proxy.budgetTable).toBeUndefined();
    expect(proxy.responseCacheStore).toBeUndefined();
  });
});

describe('a budget alone', () => {
  const built = build({ budget: { defaults: { tenant: { tokensPerMinute: 1000 } } } });
  test('creates no cache table, HMAC key or KMS endpoint, and the handler reads a budget without price, tiers or tenants', () => {
    built.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    built.template.resourcePropertiesCountIs('AWS::KMS::Key', { KeySpec: 'HMAC_256' }, 0);
    expect(JSON.stringify(built.template.findResources('AWS::EC2::VPCEndpoint'))).not.toContain('.kms');
    const parsed = parseProxyConfig(JSON.stringify(configOf(built, built.proxy.function)));
    expect(parsed.success && parsed.data.budget?.defaults).toEqual({ tenant: { tokensPerMinute: 1000 } });
    expect(parsed.success && parsed.data.cache).toBeUndefined();
  });
});

describe('failOpen', () => {
  test('is written into the configuration and warns at synth', () => {
    const built = build({ budget: { failOpen: true } });
    expect(configOf(built, built.proxy.function).budget?.failOpen).toBe(true);
    Annotations.fromStack(built.stack).hasWarning('/CostStack/Proxy', Match.stringLikeRegexp(`failOpen is set.*\\[ack: ${GatewayWarning.BUDGET_FAIL_OPEN}\\]`));
  });
});

describe('validation', () => {
  test('fails when a token limit is out of range', () => {
    failsWith({ budget: { defaults: { tenant: { tokensPerMinute: 0 } } } },
      /Invalid budget\.defaults\.tenant\.tokensPerMinute: got 0; expected an integer from 1 to 1000000000000/);
    failsWith({ budget: { defaults: { principal: { tokensPerDay: 1.5 } } } }, /Invalid budget\.defaults\.principal\.tokensPerDay: got 1\.5/);
  });

  test('fails when a cost limit is out of range', () => {
    failsWith({ budget: { price: BUDGET.price, defaults: { apiKey: { costPerDay: -1 } } } },
      /Invalid budget\.defaults\.apiKey\.costPerDay: got -1; expected a number/);
  });

  test('fails when a limit the handler does not know is given (from JavaScript)', () => {
    const limits = { tokensPerHour: 5 } as unknown as BudgetWindowLimits;
    failsWith({ budget: { defaults: { tenant: limits } } }, /Invalid budget\.defaults\.tenant\.tokensPerHour: got "set"; expected only tokensPerMinute/);
  });

  test('fails when a cost limit has no price', () => {
    failsWith({ budget: { tenants: [{ tenant: 'acme', limits: { tenant: { costPerMonth: 10 } } }] } },
      /Invalid budget\.tenants\[acme\]: got "a cost limit"; expected a budget\.price as well/);
  });

  test('fails when a price is out of range', () => {
    failsWith({ budget: { price: { promptPerMillion: 20_000, completionPerMillion: 1 } } }, /Invalid budget\.price\.promptPerMillion: got 20000/);
  });

  test('fails when a tier or a tenant appears twice', () => {
    failsWith({ budget: { tiers: [{ tier: 'gold', limits: {} }, { tier: 'gold', limits: {} }] } }, /Invalid budget\.tiers: got "gold"; expected unique names/);
    failsWith({ budget: { tenants: [{ tenant: 'a', limits: {} }, { tenant: 'a', limits: {} }] } }, /Invalid budget\.tenants: got "a"; expected unique names/);
  });

  test('fails when a tier or tenant name has spaces, or there are too many', () => {
    failsWith({ budget: { tenants: [{ tenant: 'big corp', limits: {} }] } }, /Invalid budget\.tenants: got "big corp"; expected 1-64 printable/);
    const tiers = Array.from({ length: 21 }, (_, i) => ({ tier: `t${i}`, limits: {} }));
    failsWith({ budget: { tiers } }, /Invalid budget\.tiers: got "21 entries"; expected at most 20 entries/);
  });

  test('fails when the cache TTL is under a minute or over 30 days', () => {
    failsWith({ responseCache: { ttl: Duration.seconds(30) } }, /Invalid responseCache\.ttl: got "30 s"; expected 60 to 2592000 seconds/);
    failsWith({ responseCache: { ttl: Duration.days(31) } }, /Invalid responseCache\.ttl: got "2678400 s"/);
  });

  test('fails when the budget makes the configuration too large for Lambda\'s environment', () => {
    const limits = { tenant: { tokensPerMinute: 1_000_000, tokensPerDay: 10_000_000, tokensPerMonth: 100_000_000 } };
    const tenants = Array.from({ length: 30 }, (_, i) => ({ tenant: `tenant-number-${i}`, limits }));
    failsWith({ budget: { tenants } }, /Invalid budget: got "\d+ bytes"; expected at most 1536 bytes of budget JSON/);
  });

  test('fails when a table or store is given without its feature', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const network = new ModelNetwork(stack, 'Network');
    const other = new ModelProxyFunction(stack, 'Other', {
      network, modelName: 'other', maxPromptLength: 1000, backend: ModelBackend.bedrock(HAIKU), budget: {}, responseCache: {},
    });
    const base = { network, maxPromptLength: 1000, backend: ModelBackend.bedrock(HAIKU) };
    expect(() => new ModelProxyFunction(stack, 'A', { ...base, modelName: 'a', budgetTable: other.budgetTable })).toThrow(/Invalid budgetTable/);
    expect(() => new ModelProxyFunction(stack, 'B', { ...base, modelName: 'b', responseCacheStore: other.responseCacheStore }))
      .toThrow(/Invalid responseCacheStore/);
  });
});

describe('in a gateway', () => {
  type GatewayProps = ConstructorParameters<typeof SecureAiGateway>[2];
  function gateway(models: GatewayProps['models'], usageTiers?: Array<{ name: string }>, authorization: GatewayProps['authorization'] = {
    mode: AuthorizationMode.COGNITO,
  }) {
    const app = new App();
    const stack = new Stack(app, 'GatewayStack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const gw = new SecureAiGateway(stack, 'Gateway', {
      models,
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      authorization,
      disableWebAcl: true,
      usageTiers: usageTiers?.map((t) => ({ name: t.name, rateLimit: 10, burstLimit: 20 })),
    });
    return { stack, gw, template: Template.fromStack(stack) };
  }

  test('one budget table and one cache store serve every model that has them', () => {
    const { gw, template } = gateway([
      { name: 'a', backend: ModelBackend.bedrock(HAIKU), budget: { defaults: { tenant: { tokensPerDay: 1000 } } }, responseCache: {} },
      { name: 'b', backend: ModelBackend.bedrock(HAIKU), budget: {}, responseCache: { cacheNonZeroTemperature: true } },
      { name: 'c', backend: ModelBackend.bedrock(HAIKU) },
    ]);
    template.resourceCountIs('AWS::DynamoDB::Table', 2);
    template.resourcePropertiesCountIs('AWS::KMS::Key', { KeySpec: 'HMAC_256' }, 1);
    expect(gw.proxyFor('a').budgetTable).toBe(gw.budgetTable);
    expect(gw.proxyFor('b').budgetTable).toBe(gw.budgetTable);
    expect(gw.proxyFor('b').responseCacheStore).toBe(gw.responseCacheStore);
    expect(gw.proxyFor('c').budgetTable).toBeUndefined();
  });

  test('a spend-rate alarm per model with a price table, over the sum of its tenants\' cost, and dashboard rows', () => {
    const { template } = gateway([
      { name: 'priced', backend: ModelBackend.bedrock(HAIKU), budget: { price: { promptPerMillion: 3, completionPerMillion: 15 } }, responseCache: {} },
      { name: 'unpriced', backend: ModelBackend.bedrock(HAIKU), budget: {} },
    ]);
    const spend = Object.values(template.findResources('AWS::CloudWatch::Alarm'))
      .filter((alarm) => String(alarm.Properties.AlarmDescription).includes('Spend of model'));
    expect(spend).toHaveLength(1);
    expect(spend[0].Properties.AlarmDescription).toMatch(/^\[Warning\] Spend of model priced at or above 10 USD per hour/);
    // 10 USD per hour over a 5-minute period, in micro-USD.
    expect(spend[0].Properties.Threshold).toBe(833_333);
    const query = JSON.stringify(spend[0].Properties.Metrics);
    expect(query).toContain('SELECT SUM(MeteredCostMicroUsd) FROM SCHEMA(\\"SecureAiGateway\\", ApiId, Model, Tenant, service)');
    expect(query).toContain('Model = \'priced\'');
    const dashboard = JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0].Properties.DashboardBody);
    for (const title of ['priced: metered tokens', 'priced: cost (micro-USD)', 'priced: budget refusals and failures', 'priced: response cache',
      'unpriced: metered tokens', 'unpriced: budget refusals and failures']) {
      expect(dashboard).toContain(title);
    }
    expect(dashboard).not.toContain('unpriced: cost');
    expect(dashboard).not.toContain('unpriced: response cache');
  });

  test('warns about a budget tier that is not one of the usage tiers', () => {
    const { stack } = gateway([
      { name: 'a', backend: ModelBackend.bedrock(HAIKU), budget: { tiers: [{ tier: 'gold', limits: {} }, { tier: 'silvr', limits: {} }] } },
    ], [{ name: 'gold' }, { name: 'silver' }]);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(GatewayWarning.BUDGET_TIER_UNKNOWN));
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings[0].entry.data)).toContain('\\"silvr\\"');
  });

  test('warns when a model has a budget or a cache but callers carry no tenant', () => {
    const { stack } = gateway([{ name: 'a', backend: ModelBackend.bedrock(HAIKU), responseCache: {} }]);
    Annotations.fromStack(stack).hasWarning('/GatewayStack/Gateway',
      Match.stringLikeRegexp(`a have a budget or a response cache, but authorization.tenantClaim is not set.*${GatewayWarning.COST_CONTROL_WITHOUT_TENANT}`));
  });

  test('does not warn about the tenant when the tenant claim is set', () => {
    const { stack } = gateway([{ name: 'a', backend: ModelBackend.bedrock(HAIKU), budget: {} }], undefined, { tenantClaim: 'custom:tenant' });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(GatewayWarning.COST_CONTROL_WITHOUT_TENANT))).toHaveLength(0);
  });

  test('fails when a model without a backend has a budget or a cache', () => {
    expect(() => gateway([{ name: 'a', budget: {} }])).toThrow(/proxy options without a backend/);
    expect(() => gateway([{ name: 'a', responseCache: {} }])).toThrow(/proxy options without a backend/);
  });
});

test('an imported network without a DynamoDB gateway endpoint fails synthesis', () => {
  const app = new App();
  const stack = new Stack(app, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  const network = ModelNetwork.fromModelNetworkAttributes(stack, 'Net', {
    vpc,
    interfaceEndpoints: [{
      service: ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME,
      endpoint: ec2.InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(stack, 'Vpce', { vpcEndpointId: 'vpce-0123456789abcdef0', port: 443 }),
    }],
  });
  expect(() => new ModelProxyFunction(stack, 'P', { network, modelName: 'a', maxPromptLength: 1000, backend: ModelBackend.bedrock(HAIKU), budget: {} }))
    .toThrow(/Invalid dynamoDbGatewayEndpoint/);
});

describe('the README\'s cost-control rows', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const table = readme.split('Cost control (off in the example stack')[1].split('\n\n')[1];
  const row = (item: string) => {
    const line = table.split('\n').find((l) => l.startsWith(`| ${item}`));
    if (!line) throw new Error(`no row ${item}`);
    return line.split('|').slice(2, 4).map((cell) => cell.trim());
  };

  function idleOf(withCostControl: boolean): number {
    const app = new App();
    const stack = new Stack(app, 'Idle', { env: { account: '123456789012', region: 'eu-west-1' } });
    new SecureAiGateway(stack, 'Gateway', {
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      models: [{
        name: 'chat', backend: ModelBackend.bedrock(HAIKU),
        ...withCostControl && { budget: { price: { promptPerMillion: 1, completionPerMillion: 2 } }, responseCache: {} },
      }],
    });
    return idleCost(Template.fromStack(stack).toJSON() as never).total;
  }

  test('the idle total is what a budget and a cache add to a synthesized gateway', () => {
    const added = Math.round((idleOf(true) - idleOf(false)) * 100) / 100;
    expect(row('**Budget and cache together, idle**')[0]).toBe(`**${added.toFixed(2)}**`);
    expect(added).toBeCloseTo(Number(row('Budget: table key')[0]) + Number(row('Cache: table key and HMAC key')[0])
      + Number(row('Cache: KMS interface endpoint')[0]), 2);
  });

  test('the per-million rows are the arithmetic of the calls each feature makes', () => {
    expect(row('Budget: reserve + settle')[1]).toBe(`${budgetPerMillionPerScope()} per scope`);
    expect(row('Budget: consistent `GetItem`')[1]).toBe(`${budgetReadPerMillion()} per million such reads`);
    expect(row('Cache: hit')[1]).toBe(String(cacheHitPerMillion(4096)));
    expect(row('Cache: miss')[1]).toBe(String(cacheMissPerMillion(4096)));
    expect(generateMacPerMillion()).toBe(3);
  });
});
