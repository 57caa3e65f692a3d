/**
 * End to end: cognito-local stands in for Amazon Cognito on loopback. Pools,
 * clients, groups and users are created through the real SDK, users log in
 * with InitiateAuth, and the real handler module (built from
 * AUTHORIZER_CONFIG, fetching cognito-local's JWKS over loopback http)
 * decides on those tokens.
 *
 * What cognito-local's tokens look like (and real Cognito's without a
 * pre-token-generation trigger): access tokens carry sub, client_id,
 * token_use "access", scope "aws.cognito.signin.user.admin" and
 * cognito:groups, but no custom attributes and no aud; id tokens carry aud
 * (the client id), token_use "id", cognito:groups, email and every custom:*
 * attribute. So the pool used for ABAC is configured with tokenUse "id"; the
 * security checks stay as they are.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import type { AuthorizerConfig } from '../../lambda/authorizer/config';
import { type CognitoLocal, startCognitoLocal } from '../helpers/cognito-local';
import { bearer, requestEvent, routeArn as invokeArn, testConfig } from '../lambda/authorizer/support/fixtures';

/** A model's two gateway routes, chat completions and invoke, in sorted order: one decision covers both. */
const routeArns = (model: string): string[] => [invokeArn(model).replace(/\/invoke$/, '/chat/completions'), invokeArn(model)];
import { CapturedOutput, captureLogLines } from '../helpers/capture-output';

interface Pool {
  readonly id: string;
  readonly clientId: string;
}

interface Tokens {
  readonly access: string;
  readonly id: string;
}

const PASSWORD = 'Correct-Horse-9-Battery';
let cognito: CognitoLocal;
let sdk: CognitoIdentityProviderClient;
let workforce: Pool;
let tenants: Pool;
const tokens: Record<string, Tokens> = {};
let handler: (event: ReturnType<typeof requestEvent>) => Promise<APIGatewayAuthorizerResult>;
/** The handler's log lines (stdout and stderr). */
let logged: CapturedOutput | undefined;

async function createPool(name: string, groups: readonly string[]): Promise<Pool> {
  const pool = await sdk.send(new CreateUserPoolCommand({ PoolName: name }));
  const id = pool.UserPool?.Id ?? '';
  const client = await sdk.send(new CreateUserPoolClientCommand({
    UserPoolId: id,
    ClientName: `${name}-web`,
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
  }));
  for (const group of groups) await sdk.send(new CreateGroupCommand({ UserPoolId: id, GroupName: group }));
  return { id, clientId: client.UserPoolClient?.ClientId ?? '' };
}

async function createUser(pool: Pool, email: string, groups: readonly string[], attributes: Record<string, string> = {}): Promise<Tokens> {
  await sdk.send(new AdminCreateUserCommand({
    UserPoolId: pool.id,
    Username: email,
    TemporaryPassword: 'Temporary-Passw0rd!',
    MessageAction: 'SUPPRESS',
    UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
  }));
  await sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.id, Username: email, Password: PASSWORD, Permanent: true }));
  for (const group of groups) await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.id, Username: email, GroupName: group }));
  const login = await sdk.send(new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: pool.clientId,
    AuthParameters: { USERNAME: email, PASSWORD },
  }));
  return { access: login.AuthenticationResult?.AccessToken ?? '', id: login.AuthenticationResult?.IdToken ?? '' };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

function statements(result: APIGatewayAuthorizerResult): { allow: string[]; deny: string[] } {
  const pick = (effect: string) =>
    result.policyDocument.Statement.filter((s) => s.Effect === effect).flatMap((s) => ('Resource' in s ? [s.Resource ?? []].flat() : []));
  return { allow: pick('Allow').sort(), deny: pick('Deny').sort() };
}

function auditLines(): Array<Record<string, unknown>> {
  return (logged?.lines ?? []).map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.message === 'authorization decision');
}

beforeAll(async () => {
  cognito = await startCognitoLocal();
  sdk = new CognitoIdentityProviderClient({
    endpoint: cognito.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  workforce = await createPool('workforce', ['claims', 'staff', 'engineering']);
  tenants = await createPool('tenants', ['claims']);
  tokens.alice = await createUser(workforce, 'alice@example.com', ['claims']);
  tokens.bob = await createUser(workforce, 'bob@example.com', ['staff']);
  tokens.carol = await createUser(tenants, 'carol@example.com', ['claims'], { 'custom:tenant': 'acme', 'custom:tier': 'enterprise' });
  tokens.dave = await createUser(tenants, 'dave@example.com', ['claims'], { 'custom:tenant': 'initech', 'custom:tier': 'pro' });

  const config: AuthorizerConfig = testConfig({
    allowLoopbackHttpJwks: true,
    issuers: [
      { issuer: cognito.issuerFor(workforce.id), kind: 'cognito', audience: [workforce.clientId], tokenUse: 'access' },
      { issuer: cognito.issuerFor(tenants.id), kind: 'cognito', audience: [tenants.clientId], tokenUse: 'id' },
    ],
  });
  process.env.AUTHORIZER_CONFIG = JSON.stringify(config);
  logged = captureLogLines();
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the handler reads AUTHORIZER_CONFIG at load, which names the pools created above
    handler = (require('../../lambda/authorizer/handler') as typeof import('../../lambda/authorizer/handler')).handler;
  });
});

afterAll(async () => {
  logged?.restore();
  delete process.env.AUTHORIZER_CONFIG;
  sdk?.destroy();
  await cognito?.stop();
});

describe('authorizer with cognito-local tokens', () => {
  it('issues tokens shaped as documented above', () => {
    const access = claimsOf(tokens.carol.access);
    const id = claimsOf(tokens.carol.id);

    expect(access).toMatchObject({ token_use: 'access', client_id: tenants.clientId, 'cognito:groups': ['claims'], iss: cognito.issuerFor(tenants.id) });
    expect(access).not.toHaveProperty('custom:tenant');
    expect(access).not.toHaveProperty('aud');
    expect(id).toMatchObject({ token_use: 'id', aud: tenants.clientId, 'custom:tenant': 'acme', 'custom:tier': 'enterprise' });
  });

  it('allows a group member on a permitted model, with a policy covering exactly the permitted routes', async () => {
    const result = await handler(requestEvent({ authorization: bearer(tokens.alice.access), model: 'general-chat' }));

    expect(result.principalId).toBe(claimsOf(tokens.alice.access).sub);
    // claims-triage needs a tenant, which access tokens do not carry: ABAC fails closed.
    expect(statements(result)).toEqual({
      allow: routeArns('general-chat'),
      deny: [...routeArns('claims-triage'), ...routeArns('code-assist')].sort(),
    });
  });

  it('denies a model the user has no group for', async () => {
    const result = await handler(requestEvent({ authorization: bearer(tokens.bob.access), model: 'claims-triage' }));

    expect(statements(result).deny).toEqual(expect.arrayContaining(routeArns('claims-triage')));
    expect(statements(result).allow).toEqual(routeArns('general-chat'));
    expect(auditLines().at(-1)).toMatchObject({ decision: 'Deny', reason: 'model_not_permitted', model: 'claims-triage' });
  });

  it('allows by group and custom attributes (ABAC) from an id token, passing tenant and tier on', async () => {
    const result = await handler(requestEvent({ authorization: bearer(tokens.carol.id), model: 'claims-triage' }));

    expect(statements(result)).toEqual({
      allow: [...routeArns('claims-triage'), ...routeArns('general-chat')].sort(),
      deny: routeArns('code-assist'),
    });
    expect(result.context).toEqual({ principalId: claimsOf(tokens.carol.id).sub, tenant: 'acme', tier: 'enterprise', scopes: '' });
  });

  it('denies when the tenant is not in the allowed list', async () => {
    const result = await handler(requestEvent({ authorization: bearer(tokens.dave.id), model: 'claims-triage' }));

    expect(statements(result).deny).toEqual(expect.arrayContaining(routeArns('claims-triage')));
    expect(auditLines().at(-1)).toMatchObject({ decision: 'Deny', reason: 'condition_failed' });
  });

  it.each([
    ['an id token where the pool requires access tokens', () => tokens.alice.id],
    ['an access token where the pool requires id tokens', () => tokens.carol.access],
  ])('rejects %s with Unauthorized', async (_name, token) => {
    await expect(handler(requestEvent({ authorization: bearer(token()) }))).rejects.toThrow(/^Unauthorized$/);
    expect(auditLines().at(-1)).toMatchObject({ decision: 'Unauthorized', reason: 'wrong_token_use' });
  });

  it('never logs a token, an email or a custom attribute value', () => {
    const all = (logged?.lines ?? []).join('\n');
    for (const user of Object.values(tokens)) {
      expect(all).not.toContain(user.access);
      expect(all).not.toContain(user.id.split('.')[1]);
    }
    for (const secret of ['@example.com', 'acme', 'initech']) expect(all).not.toContain(secret);
    expect(auditLines().length).toBeGreaterThanOrEqual(5);
  });
});
