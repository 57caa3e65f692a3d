import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSingleConstructsApp } from '../../examples/single-constructs/app';
import { ModelNetwork } from '../../lib';
import { GatewaySnapshot } from '../../lib/testing';
import serializer = require('../../lib/testing/snapshot-serializer');

// Documented example (docs/catalog-and-guards.md): users import from 'secure-ai-gateway/testing' and
// 'secure-ai-gateway/testing/snapshot-serializer' instead of the relative paths.
expect.addSnapshotSerializer(serializer);

describe('snapshot helpers, as documented', () => {
  const { jwtOnly, webAclOnly } = buildSingleConstructsApp();

  test('a normalized template matches its snapshot', () => {
    expect(GatewaySnapshot.normalizedTemplate(jwtOnly)).toMatchSnapshot();
  });

  test('the serializer normalizes a template given as it is', () => {
    expect(Template.fromStack(webAclOnly).toJSON()).toMatchSnapshot();
  });
});

const ASSET_HASH = /[0-9a-f]{64}/;
const ASSETS = join(__dirname, '..', '..', 'assets');

/** A function (asset, version, alias) and a REST API (deployment): every kind of hash a template carries. */
function stackWith(bundle: string, memorySize = 256, app = new App()): Stack {
  const stack = new Stack(app, 'Hashes', { env: { account: '123456789012', region: 'eu-west-1' } });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset(join(ASSETS, bundle)), memorySize,
  });
  new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
  new apigateway.LambdaRestApi(stack, 'Api', { handler: fn, cloudWatchRole: false });
  return stack;
}

describe('GatewaySnapshot.normalizedTemplate', () => {
  const first = stackWith('authorizer');
  const firstRaw = Template.fromStack(first).toJSON();
  const firstNormal = GatewaySnapshot.normalizedTemplate(first);

  test('makes stacks that differ only in their bundle\'s bytes look the same', () => {
    const other = stackWith('pre-token');
    expect(Template.fromStack(other).toJSON()).not.toEqual(firstRaw);
    expect(GatewaySnapshot.normalizedTemplate(other)).toEqual(firstNormal);
  });

  test('keeps every change that means something', () => {
    expect(GatewaySnapshot.normalizedTemplate(stackWith('authorizer', 512))).not.toEqual(firstNormal);
  });

  test('replaces asset hashes and content-hashed logical ids together with every reference to them', () => {
    expect(JSON.stringify(firstRaw)).toMatch(ASSET_HASH);
    expect(JSON.stringify(firstNormal)).not.toMatch(ASSET_HASH);
    const resources = firstNormal.Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
    const [versionId] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::Lambda::Version')!;
    const [deploymentId] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::ApiGateway::Deployment')!;
    expect(versionId).toMatch(/^FnCurrentVersion[0-9A-F]{8}\[HASH\]$/);
    expect(deploymentId).toMatch(/^ApiDeployment[0-9A-F]{8}\[HASH\]$/);
    const alias = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Alias')!;
    expect(alias.Properties.FunctionVersion).toEqual({ 'Fn::GetAtt': [versionId, 'Version'] });
    const stage = Object.values(resources).find((r) => r.Type === 'AWS::ApiGateway::Stage')!;
    expect(stage.Properties.DeploymentId).toEqual({ Ref: deploymentId });
    const fn = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Function')!;
    expect(fn.Properties.Code.S3Key).toBe(`${GatewaySnapshot.HASH_PLACEHOLDER}.zip`);
  });

  test('drops the CDK version report and the asset metadata the CLI adds', () => {
    const app = new App({ analyticsReporting: true, context: { 'aws:cdk:enable-asset-metadata': true } });
    const raw = Template.fromStack(stackWith('authorizer', 256, app)).toJSON();
    expect(raw.Resources.CDKMetadata).toBeDefined();
    expect(JSON.stringify(raw)).toContain('aws:asset:path');
    const normal = GatewaySnapshot.normalize(raw);
    expect((normal.Resources as Record<string, unknown>).CDKMetadata).toBeUndefined();
    expect(JSON.stringify(normal)).not.toContain('aws:asset:');
    expect(normal).toEqual(firstNormal);
  });

  test('fails when the stack needs context that would be looked up in an account', () => {
    const stack = new Stack(new App(), 'NeedsZones', { env: { account: '210987654321', region: 'us-west-1' } });
    new ModelNetwork(stack, 'Net');
    expect(() => GatewaySnapshot.normalizedTemplate(stack)).toThrow(
      /needs context values that are looked up in an AWS account: availability-zones:account=210987654321:region=us-west-1/);
    Annotations.fromStack(stack).hasWarning('/NeedsZones/Net', Match.stringLikeRegexp('cdk\\.json.*availability-zones:account=210987654321:region=us-west-1'));
  });

  test('scrubs hashes in single strings', () => {
    expect(GatewaySnapshot.scrub(`asset.${'ab12'.repeat(16)}/index.js`)).toBe('asset.[HASH]/index.js');
  });
});
