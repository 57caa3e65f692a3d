import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { exampleStackPropsFromContext } from '../../bin/context';
import { ShadowApiGuard, ShadowApiRule } from '../../lib';
import { buildSingleConstructsApp, PLATFORM_WEB_ACL_ARN } from '../../examples/single-constructs/app';
import { TEST_ENV } from '../setup/stacks';

// The consumer app, built in process as `cdk synth` would run it.
const { app, webAclOnly, jwtOnly, logsOnly } = buildSingleConstructsApp(undefined, { env: TEST_ENV });
const assembly = app.synth();
const templates = {
  webAclOnly: Template.fromStack(webAclOnly),
  jwtOnly: Template.fromStack(jwtOnly),
  logsOnly: Template.fromStack(logsOnly),
};

describe('the single-constructs example app', () => {
  test('synthesizes its three stacks with the whole app guarded', () => {
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(['JwtOnlyStack', 'LogsOnlyStack', 'WebAclOnlyStack']);
    expect(ShadowApiGuard.isGuarded(webAclOnly.api)).toBe(true);
    expect(ShadowApiGuard.of(app).findings()).toEqual([]);
  });

  test('puts an AiWebAcl in front of the user\'s RestApi stage', () => {
    const t = templates.webAclOnly;
    t.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    t.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      AssociationConfig: { RequestBody: { API_GATEWAY: { DefaultSizeInspectionLimit: 'KB_16' } } },
    });
    const stageId = webAclOnly.getLogicalId(webAclOnly.api.deploymentStage.node.defaultChild as any);
    const association = Object.values(t.findResources('AWS::WAFv2::WebACLAssociation'))[0];
    expect(JSON.stringify(association.Properties.ResourceArn)).toContain(stageId);
  });

  test('exempts the health check with its reason and a warning, and guards the other methods', () => {
    expect(ShadowApiGuard.exemptionsIn(app).map((e) => [e.description, e.rules])).toEqual([
      ['GET /health', [ShadowApiRule.METHOD_AUTHORIZATION, ShadowApiRule.METHOD_REQUEST_VALIDATOR]],
    ]);
    Annotations.fromStack(webAclOnly).hasWarning('/WebAclOnlyStack/OrdersApi/Default/health/GET', Match.stringLikeRegexp('Load balancer health check'));
    templates.webAclOnly.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET', AuthorizationType: 'AWS_IAM', RequestValidatorId: Match.anyValue(),
    });
  });

  test('authorizes the user\'s route with the JwtAuthorizer behind the platform web ACL', () => {
    const t = templates.jwtOnly;
    t.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'REQUEST', IdentitySource: 'method.request.header.Authorization' });
    t.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'POST', AuthorizationType: 'CUSTOM', RequestValidatorId: Match.anyValue() });
    t.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Environment: { Variables: { AUTHORIZER_CONFIG: Match.anyValue() } } });
    t.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: PLATFORM_WEB_ACL_ARN });
  });

  test('creates an encrypted, retained log group with its own rotating key', () => {
    const t = templates.logsOnly;
    t.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: { LogGroupName: 'orders-audit', KmsKeyId: Match.anyValue(), RetentionInDays: 365 },
    });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    t.resourceCountIs('AWS::ApiGateway::RestApi', 0);
  });
});

describe('the example app\'s context', () => {
  const limits = (context: Record<string, string>) =>
    exampleStackPropsFromContext(new App({ context }).node).models
      ?.map(({ name, maxPromptLength, capacity }) => ({ name, maxPromptLength, capacity }));

  test('keeps the example models\' limits when only endpoints come from context', () => {
    const expected = [
      { name: 'general-chat', maxPromptLength: 16_000, capacity: { requestsPerSecond: 20, generationSeconds: 3 } },
      { name: 'claims-triage', maxPromptLength: 8_000, capacity: { requestsPerSecond: 2, generationSeconds: 2.5 } },
    ];
    expect(limits({})).toEqual(expected);
    expect(limits({ sagemakerEndpoints: 'claims-triage=my-claims-endpoint' })).toEqual(expected);
  });

  test('gives a model named in context and unknown to the example the default limits', () => {
    expect(limits({ models: 'summarize,claims-triage' })).toEqual([
      { name: 'summarize', maxPromptLength: 16_000, capacity: undefined },
      { name: 'claims-triage', maxPromptLength: 8_000, capacity: { requestsPerSecond: 2, generationSeconds: 2.5 } },
    ]);
  });

  test('fails when a sagemakerEndpoints pair is malformed, naming the pair', () => {
    expect(() => limits({ sagemakerEndpoints: 'claims-triage' })).toThrow(/sagemakerEndpoints: got "claims-triage"; expected model=endpoint pairs/);
  });
});
