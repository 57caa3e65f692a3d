import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { createAuthorizer } from '../../../lambda/authorizer/authorizer';
import { TokenVerifier } from '../../../lambda/authorizer/token-verifier';
import {
  API_PREFIX,
  bearer,
  COGNITO_JWKS,
  cognitoClaims,
  jwksFetcher,
  memoryLogger,
  OIDC_JWKS,
  oidcClaims,
  requestEvent,
  modelRouteArns,
  routeArn,
  testConfig,
} from './support/fixtures';
import { ecKey, rsaKey, signJwt } from './support/tokens';

const cognitoKey = rsaKey('cognito-key-1');
const oidcKey = ecKey('partner-ec-1');

function setup(configOverrides = {}, now?: () => number) {
  const logger = memoryLogger();
  const jwks = jwksFetcher({ [COGNITO_JWKS]: [cognitoKey], [OIDC_JWKS]: [oidcKey] });
  const authorize = createAuthorizer(testConfig(configOverrides), { logger, fetchJwks: jwks.fetch, now });
  return { authorize, logger, jwks };
}

function statements(result: APIGatewayAuthorizerResult): { allow: string[]; deny: string[] } {
  const pick = (effect: string) =>
    result.policyDocument.Statement.filter((s) => s.Effect === effect).flatMap((s) => ('Resource' in s ? [s.Resource ?? []].flat() : []));
  return { allow: pick('Allow').sort(), deny: pick('Deny').sort() };
}

describe('createAuthorizer', () => {
  it('allows a permitted model and covers every model route in the policy', async () => {
    const { authorize } = setup();
    const token = signJwt(cognitoClaims(), cognitoKey);

    const result = await authorize(requestEvent({ authorization: bearer(token), model: 'claims-triage' }));

    expect(result.principalId).toBe('5f1c2a9e-0d7b-4c4e-9a7e-2b1d3c4e5f60');
    expect(statements(result)).toEqual({
      allow: [...modelRouteArns('claims-triage'), ...modelRouteArns('general-chat')].sort(),
      deny: modelRouteArns('code-assist').sort(),
    });
    expect(result.policyDocument.Statement.every((s) => 'Action' in s && s.Action === 'execute-api:Invoke')).toBe(true);
  });

  it('returns an explicit Deny policy when the current model is not permitted', async () => {
    const { authorize, logger } = setup();
    const token = signJwt(cognitoClaims(), cognitoKey);

    const result = await authorize(requestEvent({ authorization: bearer(token), model: 'code-assist' }));

    expect(statements(result).deny).toContain(routeArn('code-assist'));
    expect(statements(result).allow).not.toContain(routeArn('code-assist'));
    expect(logger.lines.at(-1)).toMatchObject({ decision: 'Deny', reason: 'model_not_permitted', model: 'code-assist' });
  });

  it('denies with condition_failed when the group matches but an ABAC condition does not', async () => {
    const { authorize, logger } = setup();
    const token = signJwt(cognitoClaims({ 'custom:tier': 'free' }), cognitoKey);

    const result = await authorize(requestEvent({ authorization: bearer(token), model: 'claims-triage' }));

    expect(statements(result)).toEqual({
      allow: modelRouteArns('general-chat').sort(),
      deny: [...modelRouteArns('claims-triage'), ...modelRouteArns('code-assist')].sort(),
    });
    expect(logger.lines.at(-1)).toMatchObject({ decision: 'Deny', reason: 'condition_failed' });
  });

  it('grants a model by scope for an OIDC issuer with an EC key', async () => {
    const { authorize } = setup();
    const token = signJwt(oidcClaims(), oidcKey);

    const result = await authorize(requestEvent({ authorization: bearer(token), model: 'general-chat' }));

    expect(result.principalId).toBe('partner-service-7');
    expect(statements(result)).toEqual({
      allow: modelRouteArns('general-chat').sort(),
      deny: [...modelRouteArns('claims-triage'), ...modelRouteArns('code-assist')].sort(),
    });
  });

  it('derives route ARNs from the methodArn of the call (region, account, api, stage)', async () => {
    const { authorize } = setup();
    const token = signJwt(cognitoClaims(), cognitoKey);
    const prefix = 'arn:aws-us-gov:execute-api:us-gov-west-1:210987654321:zz9yy8xx7w/beta';

    const result = await authorize(requestEvent({ authorization: bearer(token), methodArn: routeArn('general-chat', prefix) }));

    expect(statements(result).allow).toEqual([...modelRouteArns('claims-triage', prefix), ...modelRouteArns('general-chat', prefix)].sort());
  });

  it('puts only principalId, tenant, tier and scopes in the context', async () => {
    const { authorize } = setup();
    const token = signJwt(cognitoClaims({ scope: 'openid  ai-gateway/chat.invoke' }), cognitoKey);

    const result = await authorize(requestEvent({ authorization: bearer(token) }));

    expect(result.context).toEqual({
      principalId: '5f1c2a9e-0d7b-4c4e-9a7e-2b1d3c4e5f60',
      tenant: 'acme',
      tier: 'pro',
      scopes: 'openid ai-gateway/chat.invoke',
    });
    expect(result.usageIdentifierKey).toBeUndefined();
  });

  it('returns the usage identifier claim as usageIdentifierKey when configured', async () => {
    const { authorize } = setup({ usageIdentifierClaim: 'custom:api_key_id' });
    const token = signJwt(cognitoClaims({ 'custom:api_key_id': 'k'.repeat(32) }), cognitoKey);

    const result = await authorize(requestEvent({ authorization: bearer(token) }));

    expect(result.usageIdentifierKey).toBe('k'.repeat(32));
  });

  it('denies every route when the configured usage identifier claim is missing', async () => {
    const { authorize, logger } = setup({ usageIdentifierClaim: 'custom:api_key_id' });
    const token = signJwt(cognitoClaims(), cognitoKey);

    const result = await authorize(requestEvent({ authorization: bearer(token) }));

    expect(statements(result)).toEqual({ allow: [], deny: [...['claims-triage', 'general-chat', 'code-assist'].flatMap((m) => modelRouteArns(m))].sort() });
    expect(logger.lines.at(-1)).toMatchObject({ decision: 'Deny', reason: 'missing_usage_identifier' });
  });

  it('denies a route that belongs to no configured model, naming it in the Deny statement', async () => {
    const { authorize, logger } = setup();
    const token = signJwt(cognitoClaims(), cognitoKey);
    const methodArn = `${API_PREFIX}/POST/v1/models/unlisted-model/invoke`;

    const result = await authorize(requestEvent({ authorization: bearer(token), methodArn }));

    expect(statements(result).deny).toContain(methodArn);
    expect(statements(result).allow).not.toContain(methodArn);
    expect(logger.lines.at(-1)).toMatchObject({ decision: 'Deny', reason: 'unknown_route' });
    expect(logger.lines.at(-1)).not.toHaveProperty('model');
  });

  it('rejects a malformed methodArn with Unauthorized', async () => {
    const { authorize } = setup();
    const token = signJwt(cognitoClaims(), cognitoKey);

    await expect(authorize(requestEvent({ authorization: bearer(token), methodArn: 'arn:aws:execute-api:*' }))).rejects.toThrow(/^Unauthorized$/);
  });

  it('writes one audit line per decision with the fixed field names and no token or personal claims', async () => {
    const { authorize, logger } = setup();
    const token = signJwt(cognitoClaims(), cognitoKey);

    await authorize(requestEvent({ authorization: bearer(token), sourceIp: '203.0.113.9' }));
    await expect(authorize(requestEvent({ authorization: 'Bearer not-a-token', sourceIp: '203.0.113.10' }))).rejects.toThrow('Unauthorized');

    expect(logger.lines).toHaveLength(2);
    expect(logger.lines[0]).toMatchObject({
      message: 'authorization decision',
      decision: 'Allow',
      reason: 'allowed',
      principalId: '5f1c2a9e-0d7b-4c4e-9a7e-2b1d3c4e5f60',
      model: 'claims-triage',
      sourceIp: '203.0.113.9',
      cached: false,
    });
    expect(typeof logger.lines[0].latencyMs).toBe('number');
    expect(logger.lines[1]).toMatchObject({ decision: 'Unauthorized', reason: 'malformed', sourceIp: '203.0.113.10' });
    expect(logger.lines[1]).not.toHaveProperty('principalId');
    const all = logger.raw.join('\n');
    for (const secret of [token, token.split('.')[1], 'jane.doe', 'jane.doe@example.com', 'acme']) {
      expect(all).not.toContain(secret);
    }
  });

  describe('decision cache', () => {
    it('answers a repeated token from the cache without verifying it again', async () => {
      const { authorize, logger, jwks } = setup();
      const token = signJwt(cognitoClaims(), cognitoKey);
      const verify = jest.spyOn(TokenVerifier.prototype, 'verify');

      const first = await authorize(requestEvent({ authorization: bearer(token), model: 'claims-triage' }));
      const second = await authorize(requestEvent({ authorization: bearer(token), model: 'code-assist' }));

      expect(logger.lines.map((l) => [l.cached, l.decision])).toEqual([[false, 'Allow'], [true, 'Deny']]);
      expect(second.policyDocument).toEqual(first.policyDocument);
      expect(jwks.calls).toHaveLength(1);
      expect(verify).toHaveBeenCalledTimes(1);
      verify.mockRestore();
    });

    it('expires an entry with the token and then refuses the token as expired', async () => {
      let clock = Date.now();
      const { authorize, logger } = setup({}, () => clock);
      const exp = Math.floor(clock / 1000) + 120;
      const token = signJwt(cognitoClaims({ exp }), cognitoKey);

      await authorize(requestEvent({ authorization: bearer(token) }));
      clock = exp * 1000 + 61_000;
      await expect(authorize(requestEvent({ authorization: bearer(token) }))).rejects.toThrow('Unauthorized');

      expect(logger.lines.map((l) => [l.cached, l.reason])).toEqual([[false, 'allowed'], [false, 'expired']]);
    });

    it('keeps at most decisionCacheSize entries, evicting the least recently used', async () => {
      const { authorize, logger } = setup({ decisionCacheSize: 2 });
      const tokens = ['a', 'b', 'c'].map((j) => signJwt(cognitoClaims({ jti: j }), cognitoKey));
      const call = (t: string) => authorize(requestEvent({ authorization: bearer(t) }));

      await call(tokens[0]);
      await call(tokens[1]);
      await call(tokens[0]);
      await call(tokens[2]);
      await call(tokens[0]);
      await call(tokens[1]);

      expect(logger.lines.map((l) => l.cached)).toEqual([false, false, true, false, true, false]);
    });

    it('does not cache when decisionCacheSize is 0', async () => {
      const { authorize, logger } = setup({ decisionCacheSize: 0 });
      const token = signJwt(cognitoClaims(), cognitoKey);

      await authorize(requestEvent({ authorization: bearer(token) }));
      await authorize(requestEvent({ authorization: bearer(token) }));

      expect(logger.lines.map((l) => l.cached)).toEqual([false, false]);
    });

    it('never caches a refused token', async () => {
      const { authorize, logger } = setup();
      const token = signJwt(cognitoClaims({ client_id: 'someone-else' }), cognitoKey);

      await expect(authorize(requestEvent({ authorization: bearer(token) }))).rejects.toThrow('Unauthorized');
      await expect(authorize(requestEvent({ authorization: bearer(token) }))).rejects.toThrow('Unauthorized');

      expect(logger.lines.map((l) => [l.cached, l.reason])).toEqual([[false, 'wrong_audience'], [false, 'wrong_audience']]);
    });
  });

  it('answers Unauthorized when something unexpected fails, logging the error class and not its message', async () => {
    let calls = 0;
    const { authorize, logger } = setup({}, () => {
      calls++;
      throw new RangeError(`clock broke while reading ${'secret-token-text'}`);
    });
    const token = signJwt(cognitoClaims(), cognitoKey);

    await expect(authorize(requestEvent({ authorization: bearer(token), model: 'claims-triage' }))).rejects.toThrow(/^Unauthorized$/);
    expect(calls).toBeGreaterThan(0);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({ decision: 'Unauthorized', reason: 'internal_error', errorName: 'RangeError' });
    expect(logger.raw.join('\n')).not.toContain('secret-token-text');
  });

  it('fails when the config is invalid, naming the field', () => {
    expect(() => createAuthorizer(testConfig({ clockSkewSeconds: 3600 }))).toThrow(/clockSkewSeconds/);
  });
});
