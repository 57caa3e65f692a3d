import { App, CfnElement, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BedrockInferenceProfileOptions, ModelBackend, ModelNetwork, ModelProxyFunction, RequestFormat } from '../../lib';
import { MODEL_PROXY_CONFIG_ENV } from '../../lib/contracts/model-proxy';

const ACCOUNT = '123456789012';
const SONNET_V2 = 'anthropic.claude-3-5-sonnet-20241022-v2:0';
const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const APP_PROFILE_ARN = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/abc123`;

interface Built { stack: Stack; proxy: ModelProxyFunction; template: Template }

/** `region` null: an environment-agnostic stack. */
function build(backend: ModelBackend, region: string | null = 'us-east-1'): Built {
  const app = new App();
  const stack = new Stack(app, 'BedrockStack', region ? { env: { account: ACCOUNT, region } } : {});
  const network = new ModelNetwork(stack, 'Network');
  const proxy = new ModelProxyFunction(stack, 'Chat', { network, modelName: 'chat', maxPromptLength: 1000, backend });
  return { stack, proxy, template: Template.fromStack(stack) };
}

/** `arn:<partition>...` as CloudFormation renders an ARN built on the partition pseudo parameter. */
const partitioned = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });
const systemProfileArn = (region: string, id: string) => partitioned(`:bedrock:${region}:${ACCOUNT}:inference-profile/${id}`);
const modelArns = (model: string, regions: string[]) => regions.map((region) => partitioned(`:bedrock:${region}::foundation-model/${model}`));
const literalModelArns = (model: string, regions: string[]) => regions.map((region) => `arn:aws:bedrock:${region}::foundation-model/${model}`);

const US = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'];

const CHAT_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];

/** The Bedrock statements of one function's policy: the invoke function's, or the chat function's. */
function invokeStatements({ stack, proxy, template }: Built, which: 'invoke' | 'chat' = 'invoke'): Array<Record<string, unknown>> {
  const policy = which === 'invoke' ? proxy.policy : proxy.chatPolicy;
  const resource = template.toJSON().Resources[stack.getLogicalId(policy.node.defaultChild as CfnElement)];
  return (resource.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>).filter((s) => JSON.stringify(s.Action).includes('bedrock:'));
}

/** The invoke function gets InvokeModel alone; the chat function the same statements with InvokeModelWithResponseStream added. */
function expectRolePolicy(built: Built, statements: Array<Record<string, unknown>>): void {
  expect(invokeStatements(built)).toEqual(statements.map((s) => ({ Effect: 'Allow', Action: 'bedrock:InvokeModel', ...s })));
  expect(invokeStatements(built, 'chat')).toEqual(statements.map((s) => ({ Effect: 'Allow', Action: CHAT_ACTIONS, ...s })));
}

/** `resources`: one ARN renders as a string, several as a list. Each role is admitted for its own actions only. */
function expectEndpointPolicy(built: Built, resources: unknown): void {
  const admit = (action: unknown, role: iam.IRole) => ({
    Effect: 'Allow',
    Principal: { AWS: '*' },
    Action: action,
    Resource: resources,
    Condition: { ArnEquals: { 'aws:PrincipalArn': built.stack.resolve(role.roleArn) } },
  });
  built.template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
    ServiceName: Match.stringLikeRegexp('bedrock-runtime$'),
    PolicyDocument: { Version: '2012-10-17', Statement: [admit('bedrock:InvokeModel', built.proxy.role), admit(CHAT_ACTIONS, built.proxy.chatRole)] },
  });
}

const configOf = ({ template }: Built) => {
  const fn = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Environment: Match.anyValue() } }))[0];
  return JSON.parse(fn.Properties.Environment.Variables[MODEL_PROXY_CONFIG_ENV]);
};

describe('a geographic cross-region inference profile by id', () => {
  const built = build(ModelBackend.bedrock(`us.${SONNET_V2}`));
  const profile = systemProfileArn('us-east-1', `us.${SONNET_V2}`);

  test('grants the profile, and the model in each region of the geography only through that profile', () => {
    expectRolePolicy(built, [
      { Sid: 'InvokeBedrockInferenceProfile', Resource: profile },
      { Sid: 'InvokeBedrockModelThroughProfile', Resource: modelArns(SONNET_V2, US), Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profile } } },
    ]);
  });

  test('admits exactly the same ARNs for the proxy role through the bedrock-runtime endpoint', () => {
    expectEndpointPolicy(built, [profile, ...modelArns(SONNET_V2, US)]);
  });

  test('hands the handler the profile id as the model id, with the Anthropic format of its model', () => {
    expect(configOf(built)).toMatchObject({ backend: { type: 'bedrock', modelId: `us.${SONNET_V2}` }, requestFormat: 'ANTHROPIC_MESSAGES' });
  });

  test('names no wildcard region, account or model anywhere', () => {
    expect(JSON.stringify([...invokeStatements(built), ...invokeStatements(built, 'chat')])).not.toContain('*');
  });
});

describe('regions narrow a geographic profile to the list the user guide gives for its model', () => {
  const built = build(ModelBackend.bedrockInferenceProfile({ inferenceProfile: `us.${SONNET_V2}`, regions: ['us-east-2', 'us-west-2'] }));
  const profile = systemProfileArn('us-east-1', `us.${SONNET_V2}`);

  test('grants the source region and the given regions, nothing else', () => {
    const regions = ['us-east-1', 'us-east-2', 'us-west-2'];
    expectRolePolicy(built, [
      { Sid: 'InvokeBedrockInferenceProfile', Resource: profile },
      {
        Sid: 'InvokeBedrockModelThroughProfile',
        Resource: modelArns(SONNET_V2, regions),
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': profile } },
      },
    ]);
    expectEndpointPolicy(built, [profile, ...modelArns(SONNET_V2, regions)]);
  });
});

describe('a profile of the stack\'s region in another geography', () => {
  test('an eu. profile from eu-west-1 gets the European regions', () => {
    const built = build(ModelBackend.bedrock(`eu.${SONNET_V2}`), 'eu-west-1');
    const eu = ['eu-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-2', 'eu-west-3'];
    expectEndpointPolicy(built, [systemProfileArn('eu-west-1', `eu.${SONNET_V2}`), ...modelArns(SONNET_V2, eu)]);
  });

  test('an environment-agnostic stack grants the profile and the source model in the deploy region', () => {
    const built = build(ModelBackend.bedrock(`apac.${SONNET_V2}`), null);
    const pseudo = (...parts: unknown[]) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:', { Ref: 'AWS::Region' }, ...parts]] });
    const profile = pseudo(':', { Ref: 'AWS::AccountId' }, `:inference-profile/apac.${SONNET_V2}`);
    const statements = invokeStatements(built);
    expect(statements[0]).toMatchObject({ Sid: 'InvokeBedrockInferenceProfile', Resource: profile });
    const models = statements[1].Resource as unknown[];
    expect(models[0]).toEqual(pseudo(`::foundation-model/${SONNET_V2}`));
    expect(models.slice(1)).toEqual(modelArns(SONNET_V2, ['ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
      'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'me-central-1']));
  });
});

describe('a global cross-region inference profile', () => {
  const built = build(ModelBackend.bedrock(`global.${SONNET_45}`));
  const profile = systemProfileArn('us-east-1', `global.${SONNET_45}`);
  const regionless = partitioned(`:bedrock:::foundation-model/${SONNET_45}`);

  test('grants the three resources the user guide requires: profile, source-region model, region-less model', () => {
    expectRolePolicy(built, [
      { Sid: 'InvokeBedrockInferenceProfile', Resource: profile, Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } },
      {
        Sid: 'InvokeBedrockModelThroughProfile',
        Resource: modelArns(SONNET_45, ['us-east-1'])[0],
        Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'bedrock:InferenceProfileArn': profile } },
      },
      {
        Sid: 'InvokeBedrockGlobalModelThroughProfile',
        Resource: regionless,
        Condition: { StringEquals: { 'aws:RequestedRegion': 'unspecified', 'bedrock:InferenceProfileArn': profile } },
      },
    ]);
    expectEndpointPolicy(built, [profile, ...modelArns(SONNET_45, ['us-east-1']), regionless]);
  });
});

describe('a system-defined profile by ARN', () => {
  const arn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET_V2}`;
  const built = build(ModelBackend.bedrock(arn));

  test('grants that ARN and the models in the ARN\'s partition', () => {
    expectRolePolicy(built, [
      { Sid: 'InvokeBedrockInferenceProfile', Resource: arn },
      {
        Sid: 'InvokeBedrockModelThroughProfile',
        Resource: literalModelArns(SONNET_V2, US),
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': arn } },
      },
    ]);
    expectEndpointPolicy(built, [arn, ...literalModelArns(SONNET_V2, US)]);
  });

  test('passes the ARN to the handler as the model id', () => {
    expect(configOf(built).backend).toEqual({ type: 'bedrock', modelId: arn });
  });
});

describe('an application inference profile', () => {
  test('copied from a foundation model: the profile and the model in the profile\'s region', () => {
    const built = build(ModelBackend.bedrockInferenceProfile({ inferenceProfile: APP_PROFILE_ARN, copyFrom: HAIKU }));
    expectRolePolicy(built, [
      { Sid: 'InvokeBedrockInferenceProfile', Resource: APP_PROFILE_ARN },
      {
        Sid: 'InvokeBedrockModelThroughProfile',
        Resource: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`,
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': APP_PROFILE_ARN } },
      },
    ]);
    expectEndpointPolicy(built, [APP_PROFILE_ARN, `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`]);
    expect(configOf(built)).toMatchObject({ backend: { type: 'bedrock', modelId: APP_PROFILE_ARN }, requestFormat: 'ANTHROPIC_MESSAGES' });
  });

  test('copied from a cross-region profile: both profiles and the model in that profile\'s regions', () => {
    const built = build(ModelBackend.bedrockInferenceProfile({ inferenceProfile: APP_PROFILE_ARN, copyFrom: `us.${SONNET_V2}` }));
    const system = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${SONNET_V2}`;
    expectRolePolicy(built, [
      { Sid: 'InvokeBedrockInferenceProfile', Resource: [APP_PROFILE_ARN, system] },
      {
        Sid: 'InvokeBedrockModelThroughProfile',
        Resource: literalModelArns(SONNET_V2, US),
        Condition: { StringEquals: { 'bedrock:InferenceProfileArn': [APP_PROFILE_ARN, system] } },
      },
    ]);
    expectEndpointPolicy(built, [APP_PROFILE_ARN, system, ...literalModelArns(SONNET_V2, US)]);
  });

  test('copied from a global profile: both profiles, the source-region and the region-less model', () => {
    const built = build(ModelBackend.bedrockInferenceProfile({ inferenceProfile: APP_PROFILE_ARN, copyFrom: `global.${SONNET_45}` }));
    const system = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/global.${SONNET_45}`;
    const models = [`arn:aws:bedrock:us-east-1::foundation-model/${SONNET_45}`, `arn:aws:bedrock:::foundation-model/${SONNET_45}`];
    expectEndpointPolicy(built, [APP_PROFILE_ARN, system, ...models]);
    expect(invokeStatements(built).map((s) => s.Sid))
      .toEqual(['InvokeBedrockInferenceProfile', 'InvokeBedrockModelThroughProfile', 'InvokeBedrockGlobalModelThroughProfile']);
  });
});

describe('a foundation model', () => {
  test('keeps its single statement on the source-region model, without conditions', () => {
    const built = build(ModelBackend.bedrock(HAIKU));
    const arn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':bedrock:', { Ref: 'AWS::Region' }, `::foundation-model/${HAIKU}`]] };
    expectRolePolicy(built, [{ Sid: 'InvokeBedrockModel', Resource: arn }]);
    expectEndpointPolicy(built, arn);
  });
});

describe('props are validated', () => {
  const profile = (options: BedrockInferenceProfileOptions) => () => ModelBackend.bedrockInferenceProfile(options);
  const model = (modelId: string) => () => ModelBackend.bedrock(modelId);
  const usSonnet = `us.${SONNET_V2}`;
  const globalSonnet = `global.${SONNET_45}`;
  const systemArn = (region: string, account = ACCOUNT) => `arn:aws:bedrock:${region}:${account}:inference-profile/${usSonnet}`;

  // Every row names its stack region: jest would pass `done` in place of a missing last argument.
  test.each<[string, () => ModelBackend, RegExp, string]>([
    ['the model id is a token', model(Lazy.string({ produce: () => HAIKU })), /Invalid modelId: .*a literal string, not a token/, 'us-east-1'],
    ['the model id is none of the forms', model('us.claude'), /Invalid modelId: got "us.claude"; expected a foundation-model id/, 'us-east-1'],
    ['the model id is an ARN of another Bedrock resource', model(`arn:aws:bedrock:us-east-1:${ACCOUNT}:provisioned-model/abc`), /Invalid modelId/, 'us-east-1'],
    ['bedrock() gets an application profile', model(APP_PROFILE_ARN), /ModelBackend.bedrockInferenceProfile\(\{ inferenceProfile, copyFrom \}\)/, 'us-east-1'],
    ['bedrockInferenceProfile() gets a foundation model', profile({ inferenceProfile: HAIKU }), /Invalid inferenceProfile: .*bedrock takes/, 'us-east-1'],
    ['an application profile has no copyFrom', profile({ inferenceProfile: APP_PROFILE_ARN }), /copyFrom with it/, 'us-east-1'],
    ['copyFrom is an application profile', profile({ inferenceProfile: APP_PROFILE_ARN, copyFrom: APP_PROFILE_ARN }), /Invalid copyFrom/, 'us-east-1'],
    ['copyFrom is given for a cross-region profile', profile({ inferenceProfile: usSonnet, copyFrom: SONNET_V2 }), /Invalid copyFrom: .*no value/, 'us-east-1'],
    [
      'copyFrom is a profile of another region',
      profile({ inferenceProfile: APP_PROFILE_ARN, copyFrom: systemArn('us-west-2') }),
      /Invalid copyFrom: .*own region and account/,
      'us-east-1',
    ],
    ['regions are given for a global profile', profile({ inferenceProfile: globalSonnet, regions: ['us-east-1'] }), /Invalid regions: .*global/, 'us-east-1'],
    ['regions hold a wildcard', profile({ inferenceProfile: usSonnet, regions: ['us-*'] }), /Invalid regions: got "us-\*"; expected region names/, 'us-east-1'],
    ['regions are empty', profile({ inferenceProfile: usSonnet, regions: [] }), /at least one region/, 'us-east-1'],
    ['regions repeat', profile({ inferenceProfile: usSonnet, regions: ['us-east-2', 'us-east-2'] }), /unique regions/, 'us-east-1'],
    [
      'regions are given for an application profile of a foundation model',
      profile({ inferenceProfile: APP_PROFILE_ARN, copyFrom: HAIKU, regions: ['us-west-2'] }),
      /Invalid regions: .*copied from a foundation model/,
      'us-east-1',
    ],
    ['a ca. profile has no regions', model(`ca.${SONNET_V2}`), /Invalid regions: .*ca. inference profile/, 'ca-central-1'],
    ['the geography does not hold the stack region', model(usSonnet), /this stack's region eu-west-1: the us geography routes to/, 'eu-west-1'],
    ['a profile ARN is of another region', model(systemArn('us-west-2')), /this stack's region us-east-1/, 'us-east-1'],
    ['a profile ARN is of another account', model(systemArn('us-east-1', '210987654321')), /this stack's account/, 'us-east-1'],
    ['a non-Anthropic profile has no request format', model('us.meta.llama3-1-70b-instruct-v1:0'), /requestFormat and responseTextPath/, 'us-east-1'],
  ])('fails when %s', (_what, backend, message, region) => {
    expect(() => build(backend(), region)).toThrow(message);
  });

  test('a ca. profile with its regions and a non-Anthropic profile with its format bind', () => {
    expect(() => build(ModelBackend.bedrockInferenceProfile({ inferenceProfile: `ca.${SONNET_V2}`, regions: ['ca-central-1', 'ca-west-1'] }), 'ca-central-1'))
      .not.toThrow();
    const llama = ModelBackend.bedrock('us.meta.llama3-1-70b-instruct-v1:0', { requestFormat: RequestFormat.PASSTHROUGH, responseTextPath: 'generation' });
    expect(() => build(llama)).not.toThrow();
  });
});
