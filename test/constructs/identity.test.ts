import { RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AiIdentity, AiIdentityProps, ThreatProtection, UserSignInFlow } from '../../lib';
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
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
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
    ['fails when a machine client asks for an unknown model', { domainPrefix: 'x-login', machineClients: [{ name: 'm', models: ['nope'] }] }, /Invalid client models: got "nope"/],
    ['fails when machine clients have no domain', { machineClients: [{ name: 'm', models: ['chat'] }] }, /Invalid domainPrefix: got undefined; expected a Cognito domain prefix/],
    ['fails when the domain prefix contains a reserved word', { domainPrefix: 'my-cognito' }, /Invalid domainPrefix: got "my-cognito"/],
    ['fails when an authorization-code client has no callback URL', { domainPrefix: 'x-login', userClients: [{ name: 'w', flow: UserSignInFlow.AUTHORIZATION_CODE }] }, /callbackUrls: got undefined/],
    ['fails when a callback URL is plain http', { domainPrefix: 'x-login', userClients: [{ name: 'w', flow: UserSignInFlow.AUTHORIZATION_CODE, callbackUrls: ['http://app.example.com/cb'] }] }, /got "http:\/\/app.example.com\/cb"; expected https URLs/],
    ['fails when an ABAC attribute name is invalid', { abacAttributes: ['Tenant-Id'] }, /Invalid abacAttributes: got "Tenant-Id"/],
    ['fails when the OIDC secret is plain text', { oidcProviders: [{ name: 'okta', issuerUrl: 'https://x.okta.com', clientId: 'a', clientSecret: SecretValue.unsafePlainText('s3cr3t') }] }, /clientSecret: got "\(plain text\)"/],
    ['fails when the OIDC issuer is not https', { oidcProviders: [{ name: 'okta', issuerUrl: 'http://x.okta.com', clientId: 'a', clientSecret: SecretValue.secretsManager('s') }] }, /issuerUrl: got "http:\/\/x.okta.com"; expected an https URL/],
    ['fails when group names repeat', { groups: [{ name: 'a' }, { name: 'a' }] }, /Invalid groups\[\]\.name: got "a"; expected unique names/],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(() => identityIn(props)).toThrow(message);
  });

  test('the secret in an error message is never echoed', () => {
    expect(() => identityIn({ oidcProviders: [{ name: 'okta', issuerUrl: 'https://x.okta.com', clientId: 'a', clientSecret: SecretValue.unsafePlainText('s3cr3t-value') }] }))
      .toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cr3t-value') }));
  });
});
