import { Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { parseAuthorizerConfig } from '../../lambda/authorizer/config';
import {
  AiIdentity,
  AiIdentityProps,
  AuthorizationMode,
  ClaimOperator,
  CloudWatchRoleMode,
  GatewayAuthorizationOptions,
  IssuerKind,
  JwtAuthorizer,
  JwtAuthorizerProps,
  SecureAiGateway,
  ThreatProtection,
  UserSignInFlow,
} from '../../lib';
import { newTestStack } from '../setup/stacks';

const FULL_PROPS: AiIdentityProps = {
  models: ['general-chat', 'claims-triage'],
  groups: [{ name: 'analysts', precedence: 10 }, { name: 'adjusters' }],
  abacAttributes: ['tenant', 'tier'],
  domainPrefix: 'example-ai-login',
  machineClients: [{ name: 'batch-service', models: ['claims-triage'] }, { name: 'ops', models: [], admin: true }],
  userClients: [
    { name: 'cli', flow: UserSignInFlow.SRP },
    { name: 'web', flow: UserSignInFlow.AUTHORIZATION_CODE, models: ['general-chat'], callbackUrls: ['https://app.example.com/callback'] },
  ],
  oidcProviders: [{ name: 'okta', issuerUrl: 'https://example.okta.com', clientId: 'abc', clientSecret: SecretValue.secretsManager('okta-client-secret') }],
  samlProviders: [{ name: 'entra', metadataUrl: 'https://login.microsoftonline.com/tenant/federationmetadata.xml' }],
};

const { stack } = newTestStack();
const identity = new AiIdentity(stack, 'Identity', FULL_PROPS);
const template = Template.fromStack(stack);

function identityIn(props: Partial<AiIdentityProps>): { stack: Stack; identity: AiIdentity } {
  const { stack: s } = newTestStack();
  return { stack: s, identity: new AiIdentity(s, 'Identity', { models: ['chat'], ...props }) };
}

function clientNamed(name: string): Record<string, any> {
  const clients = template.findResources('AWS::Cognito::UserPoolClient', { Properties: { ClientName: name } });
  const [client] = Object.values(clients);
  expect(client).toBeDefined();
  return client.Properties;
}

describe('user pool', () => {
  test('has a strong password policy, required TOTP MFA, admin-only sign-up and email-only recovery', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true,
        RequireSymbols: true }) },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameConfiguration: { CaseSensitive: false },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      DeletionProtection: 'ACTIVE',
    });
  });

  test('uses the Plus plan with threat protection enforced by default', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  test('is retained when the stack is deleted', () => {
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('declares ABAC attributes as custom string attributes', () => {
    const pool = Object.values(template.findResources('AWS::Cognito::UserPool'))[0];
    const names = pool.Properties.Schema.map((a: { Name: string }) => a.Name);
    expect(names).toEqual(expect.arrayContaining(['tenant', 'tier']));
  });

  test('warns when threat protection is reduced or the pool is destroyed with the stack', () => {
    const { stack: s } = identityIn({ threatProtection: ThreatProtection.OFF, removalPolicy: RemovalPolicy.DESTROY });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'ESSENTIALS', DeletionProtection: 'INACTIVE' });
    Annotations.fromStack(s).hasWarning('/TestStack/Identity', Match.stringLikeRegexp('threatProtection is OFF'));
    Annotations.fromStack(s).hasWarning('/TestStack/Identity', Match.stringLikeRegexp('removalPolicy is DESTROY'));
  });
});

describe('resource server and groups', () => {
  test('defines one invoke scope per model and an admin scope', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'ai-gateway',
      Scopes: [
        { ScopeName: 'general-chat.invoke', ScopeDescription: 'Invoke model general-chat' },
        { ScopeName: 'claims-triage.invoke', ScopeDescription: 'Invoke model claims-triage' },
        { ScopeName: 'admin', ScopeDescription: 'Invoke every model' },
      ],
    });
    expect(identity.scopeFor('claims-triage')).toBe('ai-gateway/claims-triage.invoke');
    expect(identity.adminScopeName).toBe('ai-gateway/admin');
  });

  test('creates the RBAC groups', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 2);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'analysts', Precedence: 10 });
    expect(identity.groups).toEqual(['analysts', 'adjusters']);
  });
});

describe('app clients', () => {
  test('machine clients use client credentials with a generated secret and only their scopes', () => {
    const batch = clientNamed('batch-service');
    expect(batch.GenerateSecret).toBe(true);
    expect(batch.AllowedOAuthFlows).toEqual(['client_credentials']);
    expect(JSON.stringify(batch.AllowedOAuthScopes)).toContain('/claims-triage.invoke');
    expect(JSON.stringify(batch.AllowedOAuthScopes)).not.toContain('general-chat');
    expect(JSON.stringify(clientNamed('ops').AllowedOAuthScopes)).toContain('/admin');
  });

  test('user clients use SRP or the authorization code grant, never implicit, with no secret', () => {
    const cli = clientNamed('cli');
    expect(cli.ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(cli.GenerateSecret).toBe(false);
    const web = clientNamed('web');
    expect(web.AllowedOAuthFlows).toEqual(['code']);
    expect(web.CallbackURLs).toEqual(['https://app.example.com/callback']);
    for (const client of Object.values(template.findResources('AWS::Cognito::UserPoolClient'))) {
      expect(client.Properties.AllowedOAuthFlows ?? []).not.toContain('implicit');
      expect(client.Properties.ExplicitAuthFlows ?? []).not.toContain('ALLOW_USER_PASSWORD_AUTH');
    }
  });

  test('issue short-lived tokens, revoke them, hide user existence, and cannot write ABAC attributes', () => {
    for (const client of Object.values(template.findResources('AWS::Cognito::UserPoolClient'))) {
      expect(client.Properties).toMatchObject({
        AccessTokenValidity: 15,
        IdTokenValidity: 15,
        RefreshTokenValidity: 480,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
        EnableTokenRevocation: true,
        PreventUserExistenceErrors: 'ENABLED',
      });
      expect(client.Properties.WriteAttributes.some((a: string) => a.startsWith('custom:'))).toBe(false);
    }
  });

  test('offer the federated providers to user clients', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', { ProviderName: 'okta', ProviderType: 'OIDC' });
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', { ProviderName: 'entra', ProviderType: 'SAML' });
    const idpIds = Object.keys(template.findResources('AWS::Cognito::UserPoolIdentityProvider'));
    expect(clientNamed('web').SupportedIdentityProviders).toEqual(['COGNITO', ...idpIds.map((id) => ({ Ref: id }))]);
    expect(clientNamed('batch-service').SupportedIdentityProviders).toEqual(['COGNITO']);
  });

  test('keep the OIDC client secret out of the template as plain text', () => {
    const idp = Object.values(template.findResources('AWS::Cognito::UserPoolIdentityProvider', { Properties: { ProviderName: 'okta' } }))[0];
    expect(JSON.stringify(idp.Properties.ProviderDetails.client_secret)).toContain('{{resolve:secretsmanager:okta-client-secret');
  });

  test('expose every client id as an audience for the authorizer', () => {
    expect(identity.clientIds).toHaveLength(4);
    expect(identity.clientFor('web').userPoolClientId).toBeDefined();
  });
});

describe('prop validation', () => {
  const cases: Array<[string, Partial<AiIdentityProps>, RegExp]> = [
    ['fails when no models are given', { models: [] }, /Invalid models: got \[\]; expected at least one model/],
    ['fails when a machine client asks for an unknown model', { domainPrefix: 'x-login', machineClients: [{ name: 'm', models: ['nope'] }] },
      /Invalid client models: got "nope"/],
    ['fails when the domain prefix contains a reserved word', { domainPrefix: 'my-cognito' }, /Invalid domainPrefix: got "my-cognito"/],
    ['fails when an authorization-code client has no callback URL',
      { domainPrefix: 'x-login', userClients: [{ name: 'w', flow: UserSignInFlow.AUTHORIZATION_CODE }] }, /callbackUrls: got undefined/],
    ['fails when a callback URL is plain http',
      { domainPrefix: 'x-login', userClients: [{ name: 'w', flow: UserSignInFlow.AUTHORIZATION_CODE, callbackUrls: ['http://app.example.com/cb'] }] },
      /got "http:\/\/app.example.com\/cb"; expected https URLs/],
    ['fails when an ABAC attribute name is invalid', { abacAttributes: ['Tenant-Id'] }, /Invalid abacAttributes: got "Tenant-Id"/],
    ['fails when the OIDC secret is plain text',
      { oidcProviders: [{ name: 'okta', issuerUrl: 'https://x.okta.com', clientId: 'a', clientSecret: SecretValue.unsafePlainText('s3cr3t') }] },
      /clientSecret: got "\(plain text\)"/],
    ['fails when the OIDC issuer is not https',
      { oidcProviders: [{ name: 'okta', issuerUrl: 'http://x.okta.com', clientId: 'a', clientSecret: SecretValue.secretsManager('s') }] },
      /issuerUrl: got "http:\/\/x.okta.com"; expected an https URL/],
    ['fails when group names repeat', { groups: [{ name: 'a' }, { name: 'a' }] }, /Invalid groups\[\]\.name: got "a"; expected unique names/],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(() => identityIn(props)).toThrow(message);
  });

  test('machine clients without a domain prefix get one derived from the stack id', () => {
    const { stack: s2 } = newTestStack();
    new AiIdentity(s2, 'Id', { models: ['chat'], machineClients: [{ name: 'm', models: ['chat'] }] });
    Template.fromStack(s2).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['-', ['ai-gateway', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }]] },
    });
  });

  test('the secret in an error message is never echoed', () => {
    expect(() => identityIn({ oidcProviders: [{ name: 'okta', issuerUrl: 'https://x.okta.com', clientId: 'a',
      clientSecret: SecretValue.unsafePlainText('s3cr3t-value') }] }))
      .toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cr3t-value') }));
  });
});

describe('JwtAuthorizer', () => {
  const { stack: s } = newTestStack();
  const jwt = new JwtAuthorizer(s, 'Jwt', {
    issuers: [
      { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc', kind: IssuerKind.COGNITO, audience: ['client-a'] },
      { issuer: 'https://login.example.com', kind: IssuerKind.OIDC, audience: ['api://ai'], algorithms: ['RS256', 'ES256'] },
    ],
    modelAccess: [
      { model: 'chat', allowScopes: ['ai-gateway/chat.invoke'] },
      {
        model: 'claims-triage',
        allowGroups: ['adjusters'],
        conditions: [
          { claim: 'custom:tenant', comparison: ClaimOperator.IN, values: ['acme', 'globex'] },
          { claim: 'custom:tier', comparison: ClaimOperator.AT_LEAST, values: ['pro'], order: ['free', 'pro', 'enterprise'] },
        ],
      },
    ],
    tenantClaim: 'custom:tenant',
    resultsCacheTtl: Duration.minutes(10),
  });
  new apigateway.RestApi(s, 'Api', { deploy: false }).root.resourceForPath('v1/models/chat/invoke')
    .addMethod('POST', new apigateway.MockIntegration(), { authorizer: jwt.authorizer });
  const t = Template.fromStack(s);

  test('is a REQUEST authorizer on the Authorization header with the given cache TTL', () => {
    t.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 600,
    });
  });

  test('writes a config that the handler accepts, with every route rule', () => {
    const fn = Object.values(t.findResources('AWS::Lambda::Function'))[0];
    const parsed = parseAuthorizerConfig(fn.Properties.Environment.Variables.AUTHORIZER_CONFIG);
    if (!parsed.success) throw new Error(parsed.errors.join('; '));
    const config = parsed.data;
    expect(config.routes).toEqual([{ route: 'POST/v1/models/{model}/invoke' }, { route: 'POST/v1/models/{model}/chat/completions' }]);
    expect(config.issuers.map((i) => [i.kind, i.audience, i.tokenUse])).toEqual([['cognito', ['client-a'], 'access'], ['oidc', ['api://ai'], null]]);
    expect(config.models.map((m) => m.model)).toEqual(['chat', 'claims-triage']);
    expect(config.models[1].conditions).toHaveLength(2);
    expect(config.allowLoopbackHttpJwks).toBe(false);
    expect(config.tenantClaim).toBe('custom:tenant');
  });

  test('runs on the latest Node.js runtime with tracing, JSON logs, reserved concurrency and an encrypted log group', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      ReservedConcurrentExecutions: 100,
      Timeout: 5,
    });
    t.resourceCountIs('AWS::Logs::LogGroup', 1);
    t.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue() });
  });

  test('has a role with one customer-managed policy and no inline or AWS managed policy', () => {
    t.resourceCountIs('AWS::IAM::Policy', 0);
    const role = Object.values(t.findResources('AWS::IAM::Role'))[0];
    expect(role.Properties.ManagedPolicyArns).toHaveLength(1);
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).not.toContain('arn:aws:iam::aws:policy');
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [
        Match.objectLike({ Sid: 'WriteOwnLogs', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] }),
        Match.objectLike({ Sid: 'Tracing', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'] }),
      ] },
    });
  });

  test('lets only this API invoke it, from this account', () => {
    t.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'apigateway.amazonaws.com',
      SourceAccount: '123456789012',
      SourceArn: Match.anyValue(),
    });
  });

  const bad: Array<[string, Partial<JwtAuthorizerProps>, RegExp]> = [
    ['fails when the cache TTL exceeds an hour', { resultsCacheTtl: Duration.hours(2) },
      /Invalid resultsCacheTtl: got "7200 seconds"; expected at most 3600 seconds/],
    ['fails when an HMAC algorithm is allowed',
      { issuers: [{ issuer: 'https://x.example.com', kind: IssuerKind.OIDC, audience: ['a'], algorithms: ['HS256'] }] },
      /Invalid issuers\[0\]\.algorithms: got "HS256"; expected asymmetric algorithms only/],
    ['fails when an issuer has no audience', { issuers: [{ issuer: 'https://x.example.com', kind: IssuerKind.OIDC }] },
      /Invalid issuers\[0\]\.audience: got undefined; expected at least one audience/],
    ['fails when an issuer is plain http', { issuers: [{ issuer: 'http://x.example.com', kind: IssuerKind.OIDC, audience: ['a'] }] },
      /Invalid issuers\[0\]\.issuer: got "http:\/\/x.example.com"; expected an https URL/],
    ['fails when a model rule grants nothing', { modelAccess: [{ model: 'chat' }] }, /Invalid modelAccess\[chat\]: got "no groups and no scopes"/],
    ['fails when an atLeast condition has no order',
      { modelAccess: [{ model: 'chat', allowGroups: ['g'], conditions: [{ claim: 'tier', comparison: ClaimOperator.AT_LEAST, values: ['pro'] }] }] },
      /conditions\[tier\]\.order: got undefined/],
    ['fails when a model has two rules', { modelAccess: [{ model: 'chat', allowGroups: ['g'] }, { model: 'chat', allowGroups: ['h'] }] },
      /Invalid modelAccess\[\]\.model: got "chat"; expected one rule per model/],
  ];
  test.each(bad)('%s', (_name, props, message) => {
    const { stack: s2 } = newTestStack();
    expect(() => new JwtAuthorizer(s2, 'Jwt', {
      issuers: [{ issuer: 'https://x.example.com', kind: IssuerKind.OIDC, audience: ['a'] }],
      modelAccess: [{ model: 'chat', allowScopes: ['s'] }],
      ...props,
    })).toThrow(message);
  });

  test('warns when an issuer skips the audience check', () => {
    const { stack: s2 } = newTestStack();
    const skipping = new JwtAuthorizer(s2, 'Jwt', {
      issuers: [{ issuer: 'https://x.example.com', kind: IssuerKind.OIDC, skipAudienceCheck: true }],
      modelAccess: [{ model: 'chat', allowScopes: ['s'] }],
    });
    new apigateway.RestApi(s2, 'Api', { deploy: false }).root.resourceForPath('v1/models/chat/invoke')
      .addMethod('POST', new apigateway.MockIntegration(), { authorizer: skipping.authorizer });
    Annotations.fromStack(s2).hasWarning('/TestStack/Jwt', Match.stringLikeRegexp('accepts tokens of any audience'));
  });
});

describe('gateway authorization', () => {
  const { stack: s } = newTestStack();
  const gateway = new SecureAiGateway(s, 'Gateway', {
    models: [{ name: 'chat' }, { name: 'claims-triage' }],
    cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
    authorization: {
      identity: { domainPrefix: 'example-login', machineClients: [{ name: 'svc', models: ['chat'] }], abacAttributes: ['tier'] },
      modelAccess: [{ model: 'claims-triage', allowGroups: ['adjusters'] }],
    },
  });
  const t = Template.fromStack(s);

  test('puts the JWT authorizer on every route by default', () => {
    const methods = Object.values(t.findResources('AWS::ApiGateway::Method'));
    expect(methods).toHaveLength(2);
    for (const method of methods) expect(method.Properties.AuthorizationType).toBe('CUSTOM');
    expect(gateway.authorization.mode).toBe(AuthorizationMode.JWT);
  });

  test('trusts the Cognito pool for its clients and grants models by scope unless a rule says otherwise', () => {
    const fn = Object.values(t.findResources('AWS::Lambda::Function',
      { Properties: { Environment: { Variables: { AUTHORIZER_CONFIG: Match.anyValue() } } } }))[0];
    const raw = s.resolve(fn.Properties.Environment.Variables.AUTHORIZER_CONFIG);
    const json = JSON.stringify(raw);
    expect(json).toContain('chat.invoke');
    expect(json).toContain('ai-gateway/admin');
    expect(json).toContain('adjusters');
  });

  test('guards both gateway model routes, invoke and chat completions, so the function knows every method it is attached to', () => {
    const fn = Object.values(t.findResources('AWS::Lambda::Function',
      { Properties: { Environment: { Variables: { AUTHORIZER_CONFIG: Match.anyValue() } } } }))[0];
    const raw = JSON.stringify(s.resolve(fn.Properties.Environment.Variables.AUTHORIZER_CONFIG));
    expect(raw).toContain('\\"routes\\":[{\\"route\\":\\"POST/v1/models/{model}/invoke\\"},{\\"route\\":\\"POST/v1/models/{model}/chat/completions\\"}]');
  });

  test('adds the ABAC claims trigger to the pool', () => {
    t.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: Match.anyValue() } },
    });
  });

  test('uses the native Cognito authorizer with per-model scopes in COGNITO mode', () => {
    const { stack: s2 } = newTestStack();
    new SecureAiGateway(s2, 'Gateway', {
      models: [{ name: 'chat' }],
      cloudWatchRole: CloudWatchRoleMode.USE_EXISTING,
      authorization: { mode: AuthorizationMode.COGNITO },
      autoBlock: false,
    });
    const t2 = Template.fromStack(s2);
    t2.hasResourceProperties('AWS::ApiGateway::Method', {
      AuthorizationType: 'COGNITO_USER_POOLS',
      AuthorizationScopes: ['ai-gateway/chat.invoke', 'ai-gateway/admin'],
    });
    t2.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('without authorization props, a gateway gets one machine client for every model', () => {
    const { stack: s2 } = newTestStack();
    new SecureAiGateway(s2, 'Gateway', { models: [{ name: 'chat' }, { name: 'code' }], cloudWatchRole: CloudWatchRoleMode.USE_EXISTING });
    const t2 = Template.fromStack(s2);
    t2.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'gateway-client', AllowedOAuthFlows: ['client_credentials'], GenerateSecret: true,
      AllowedOAuthScopes: [Match.anyValue(), Match.anyValue()],
    });
    t2.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });

  const bad: Array<[string, GatewayAuthorizationOptions, RegExp]> = [
    ['fails when JWT mode has no app client and no external issuer', { identity: {} }, /Invalid authorization: .*expected app clients in the identity/],
    ['fails when COGNITO mode is given JWT settings', { mode: AuthorizationMode.COGNITO, tenantClaim: 'custom:tenant' },
      /Invalid authorization\.tenantClaim: got "custom:tenant"; expected nothing in COGNITO mode/],
    ['fails when a rule names an unknown model',
      { identity: { domainPrefix: 'x-login', machineClients: [{ name: 'm', models: ['chat'] }] }, modelAccess: [{ model: 'other', allowGroups: ['g'] }] },
      /Invalid authorization\.modelAccess\[\]\.model: got "other"/],
  ];
  test.each(bad)('%s', (_name, authorization, message) => {
    const { stack: s2 } = newTestStack();
    expect(() => new SecureAiGateway(s2, 'Gateway',
      { models: [{ name: 'chat' }], cloudWatchRole: CloudWatchRoleMode.USE_EXISTING, authorization })).toThrow(message);
  });
});
