/**
 * Each function's contract, end to end: the configuration a construct
 * synthesizes is parsed by its handler's own reader, and a value the handler
 * would refuse is refused by the construct at synth, with the same rule from
 * lib/contracts/. One stack holds one construct per function, built once.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Template } from 'aws-cdk-lib/assertions';
import { parseAuthorizerConfig } from '../../lambda/authorizer/config';
import { parseProxyConfig } from '../../lambda/model-proxy/config';
import { parseAttributeNames } from '../../lambda/pre-token/claims';
import { parseAutoBlockConfig } from '../../lambda/waf-auto-block/config';
import { AiIdentity, IssuerKind, JwtAuthorizer, JwtAuthorizerProps, ModelBackend, ModelNetwork, ModelProxyFunction, WafAutoBlock } from '../../lib';
import { AUTHORIZER_CONFIG_ENV } from '../../lib/contracts/authorizer';
import { PROMPT_LENGTH } from '../../lib/contracts/limits';
import { MODEL_NAME_RULE } from '../../lib/contracts/model-names';
import { MODEL_PROXY_CONFIG_ENV } from '../../lib/contracts/model-proxy';
import { ABAC_ATTRIBUTE_NAME, ABAC_ATTRIBUTES_ENV } from '../../lib/contracts/pre-token';
import { AUTO_BLOCK_CONFIG_ENV, THRESHOLD } from '../../lib/contracts/waf-auto-block';
import { newTestStack } from '../setup/stacks';

const AUTHORIZER_PROPS: JwtAuthorizerProps = {
  issuers: [{ issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc', kind: IssuerKind.COGNITO, audience: ['client-a'] }],
  modelAccess: [{ model: 'chat', allowGroups: ['staff'] }],
};

const { stack } = newTestStack('ContractsStack');
const network = new ModelNetwork(stack, 'Network');
new ModelProxyFunction(stack, 'Proxy', {
  network,
  modelName: 'chat',
  maxPromptLength: PROMPT_LENGTH.max,
  backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: 'chat-endpoint' }),
});
const jwt = new JwtAuthorizer(stack, 'Jwt', AUTHORIZER_PROPS);
new apigateway.RestApi(stack, 'Api', { deploy: false }).root.resourceForPath('v1/models/chat/invoke')
  .addMethod('POST', new apigateway.MockIntegration(), { authorizer: jwt.authorizer });
new WafAutoBlock(stack, 'AutoBlock', { threshold: THRESHOLD.max, allowlist: ['10.0.0.0/8', '2001:db8::/32'], ignoredRuleNames: ['auto-block'] });
new AiIdentity(stack, 'Identity', { models: ['chat'], abacAttributes: ['tenant', 'data_class'] });
const template = Template.fromStack(stack);

/** The environment variable `name` of the functions that have it: one value (the model proxy's two functions share theirs). */
function environmentValue(name: string): unknown {
  const values = Object.values(template.findResources('AWS::Lambda::Function'))
    .map((fn) => fn.Properties.Environment?.Variables?.[name])
    .filter((value) => value !== undefined);
  expect(values.length).toBeGreaterThan(0);
  for (const value of values) expect(value).toEqual(values[0]);
  return values[0];
}

/**
 * The text CloudFormation would put in the variable: each reference to a
 * resource of this template becomes a value of the form that resource type
 * returns. A reference of any other kind fails the test.
 */
function deployedText(value: unknown): string {
  if (typeof value === 'string') return value;
  const intrinsic = value as Record<string, unknown>;
  if (Array.isArray(intrinsic['Fn::Join'])) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map(deployedText).join(separator);
  }
  const [logicalId, attribute] = intrinsic.Ref !== undefined ? [intrinsic.Ref as string, 'Ref'] : (intrinsic['Fn::GetAtt'] as [string, string]);
  const type = template.toJSON().Resources[logicalId]?.Type;
  if (type === 'AWS::WAFv2::IPSet' && attribute === 'Id') return '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
  if (type === 'AWS::DynamoDB::Table' && attribute === 'Ref') return `${logicalId}-table`;
  throw new Error(`no deployed value for ${JSON.stringify(value)}`);
}

/** The construct's synth error and the handler's problems both state `rule`. */
function expectSameRule(synth: () => unknown, handlerErrors: readonly string[] | undefined, rule: string): void {
  expect(synth).toThrow(rule);
  expect(handlerErrors).toEqual([expect.stringContaining(rule)]);
}

function errorsOf(result: { readonly success: boolean; readonly errors?: readonly string[] }): readonly string[] | undefined {
  return result.success ? undefined : result.errors;
}

describe('authorizer', () => {
  const raw = deployedText(environmentValue(AUTHORIZER_CONFIG_ENV));

  test('the handler parses the config JwtAuthorizer synthesized', () => {
    const parsed = parseAuthorizerConfig(raw);
    expect(errorsOf(parsed)).toBeUndefined();
    expect(parsed.success && parsed.data.models.map((m) => m.model)).toEqual(['chat']);
  });

  test('fails at synth on a model name the handler refuses, with the model-name rule', () => {
    const config = { ...JSON.parse(raw), models: [{ model: 'Chat', allowGroups: ['staff'] }] };
    expectSameRule(
      () => new JwtAuthorizer(new Stack(), 'Jwt', { ...AUTHORIZER_PROPS, modelAccess: [{ model: 'Chat', allowGroups: ['staff'] }] }),
      errorsOf(parseAuthorizerConfig(config)),
      MODEL_NAME_RULE,
    );
  });
});

describe('model proxy', () => {
  const raw = deployedText(environmentValue(MODEL_PROXY_CONFIG_ENV));

  test('the invoke and chat completions functions read the same config', () => {
    const holders = Object.values(template.findResources('AWS::Lambda::Function'))
      .filter((fn) => fn.Properties.Environment?.Variables?.[MODEL_PROXY_CONFIG_ENV] !== undefined);
    expect(holders).toHaveLength(2);
  });

  test('the handler parses the config ModelProxyFunction synthesized', () => {
    const parsed = parseProxyConfig(raw);
    expect(errorsOf(parsed)).toBeUndefined();
    expect(parsed.success && parsed.data).toMatchObject({ model: 'chat', maxPromptLength: PROMPT_LENGTH.max, backend: { type: 'sagemaker' } });
  });

  test('fails at synth on a prompt length the handler refuses, with the same limit', () => {
    const tooLong = PROMPT_LENGTH.max + 1;
    const { stack: other } = newTestStack();
    const otherNetwork = new ModelNetwork(other, 'Network');
    expectSameRule(
      () => new ModelProxyFunction(other, 'Proxy', {
        network: otherNetwork,
        modelName: 'chat',
        maxPromptLength: tooLong,
        backend: ModelBackend.sageMakerEndpoint({ existingEndpointName: 'chat-endpoint' }),
      }),
      errorsOf(parseProxyConfig(JSON.stringify({ ...JSON.parse(raw), maxPromptLength: tooLong }))),
      `an integer from ${PROMPT_LENGTH.min} to ${PROMPT_LENGTH.max}`,
    );
  });
});

describe('waf auto-block', () => {
  const raw = deployedText(environmentValue(AUTO_BLOCK_CONFIG_ENV));

  test('the handler parses the config WafAutoBlock synthesized', () => {
    const parsed = parseAutoBlockConfig(raw);
    expect(errorsOf(parsed)).toBeUndefined();
    expect(parsed.success && parsed.data).toMatchObject({ threshold: THRESHOLD.max, tableName: expect.stringMatching(/-table$/) });
    expect(parsed.success && parsed.data.allowlist).toHaveLength(2);
    expect(parsed.success && [...parsed.data.ignoredRuleIds]).toEqual(['auto-block']);
  });

  test('fails at synth on a threshold the handler refuses, with the same limit', () => {
    const tooMany = THRESHOLD.max + 1;
    expectSameRule(
      () => new WafAutoBlock(new Stack(), 'AutoBlock', { threshold: tooMany }),
      errorsOf(parseAutoBlockConfig(JSON.stringify({ ...JSON.parse(raw), threshold: tooMany }))),
      `an integer from ${THRESHOLD.min} to ${THRESHOLD.max}`,
    );
  });
});

describe('pre-token', () => {
  const raw = deployedText(environmentValue(ABAC_ATTRIBUTES_ENV));

  test('the handler parses the attribute list AiIdentity synthesized', () => {
    expect(parseAttributeNames(raw)).toEqual({ success: true, data: ['tenant', 'data_class'] });
  });

  test('fails at synth on an attribute name the handler refuses, with the same rule', () => {
    expectSameRule(
      () => new AiIdentity(new Stack(), 'Identity', { models: ['chat'], abacAttributes: ['tenant', 'Data-Class'] }),
      errorsOf(parseAttributeNames(`${raw},Data-Class`)),
      ABAC_ATTRIBUTE_NAME.patternRule,
    );
  });
});
