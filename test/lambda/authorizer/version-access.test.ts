import { grantedVersions, authorizeModels } from '../../../lambda/authorizer/authorize';
import { createAuthorizer } from '../../../lambda/authorizer/authorizer';
import { type AuthorizerConfig, parseAuthorizerConfig } from '../../../lambda/authorizer/config';
import { callerOf } from '../../../lambda/routing/caller';
import { bearer, COGNITO_JWKS, cognitoClaims, jwksFetcher, memoryLogger, OIDC_JWKS, requestEvent, testConfig } from './support/fixtures';
import { rsaKey, signJwt } from './support/tokens';

const cognitoKey = rsaKey('cognito-key-versions');

/** claims-triage has a canary for the `testers` group and a second one for the enterprise tier; general-chat one for a scope. */
function versionConfig(): AuthorizerConfig {
  const base = testConfig();
  return testConfig({
    models: base.models.map((rule) => {
      if (rule.model === 'claims-triage') {
        return {
          ...rule,
          versionAccess: [
            { versions: ['v2'], allowGroups: ['testers'] },
            { versions: ['v3-rc', 'v2'], conditions: [{ claim: 'custom:tier', operator: 'equals', values: ['enterprise'] }] },
          ],
        };
      }
      if (rule.model === 'general-chat') return { ...rule, versionAccess: [{ versions: ['beta'], allowScopes: ['ai-gateway/chat.beta'] }] };
      return { ...rule, versionAccess: [{ versions: ['next'], allowGroups: ['testers'] }] };
    }),
  });
}

function resolved() {
  const parsed = parseAuthorizerConfig(versionConfig());
  if (!parsed.success) throw new Error(parsed.errors.join('; '));
  return parsed.data.models;
}

const principal = (groups: string[], scopes: string[], claims: Record<string, unknown> = { 'custom:tenant': 'acme', 'custom:tier': 'pro' }) => (
  { groups: new Set(groups), scopes: new Set(scopes), claims });

describe('grantedVersions', () => {
  const rules = resolved();
  const granted = (who: ReturnType<typeof principal>) => grantedVersions(rules, authorizeModels(rules, who), who);

  it('grants a model\'s version to a member of the grant\'s group, qualified with the model', () => {
    expect(granted(principal(['claims', 'testers'], []))).toEqual(['claims-triage:v2']);
  });

  it('grants by condition alone, each version once, in config order', () => {
    expect(granted(principal(['claims'], [], { 'custom:tenant': 'acme', 'custom:tier': 'enterprise' }))).toEqual(['claims-triage:v3-rc', 'claims-triage:v2']);
  });

  it('grants nothing to a caller the grant does not match', () => {
    expect(granted(principal(['claims'], []))).toEqual([]);
  });

  it('grants no version of a model the caller may not call, whatever the grant says', () => {
    // `testers` would match code-assist's grant, but the caller is not in `engineering`.
    expect(granted(principal(['claims', 'testers'], [], { 'custom:tenant': 'initech', 'custom:tier': 'pro' }))).toEqual([]);
  });

  it('grants by scope, for several models at once', () => {
    expect(granted(principal(['claims', 'testers', 'engineering'], ['ai-gateway/chat.beta'], {
      'custom:tenant': 'acme', 'custom:tier': 'pro', 'custom:data_class': 'internal',
    }))).toEqual(['claims-triage:v2', 'general-chat:beta', 'code-assist:next']);
  });
});

describe('version grants in the configuration', () => {
  const withGrant = (versionAccess: unknown) => {
    const config = testConfig();
    return parseAuthorizerConfig({ ...config, models: [{ ...config.models[1], versionAccess }] });
  };

  it.each([
    ['a grant without versions', [{ allowGroups: ['testers'] }], /models\[0\]\.versionAccess\[0\]\.versions/],
    ['a version that is not a version id', [{ versions: ['V2'], allowGroups: ['testers'] }], /versionAccess\[0\]\.versions: expected version names/],
    ['a grant that matches every caller', [{ versions: ['v2'] }], /versionAccess\[0\].*at least one entry in allowGroups, allowScopes or conditions/],
    ['an unknown key', [{ versions: ['v2'], allowGroups: ['t'], everyone: true }], /versionAccess\[0\]/],
    ['more than five versions in a grant', [{ versions: ['a', 'b', 'c', 'd', 'e', 'f'], allowGroups: ['t'] }], /versionAccess\[0\]\.versions/],
  ])('refuses %s', (_name, versionAccess, message) => {
    const parsed = withGrant(versionAccess);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.errors.join('; ')).toMatch(message);
  });

  it('reads a rule without grants as one with none', () => {
    expect(resolved().find((r) => r.model === 'code-assist')!.versionAccess).toHaveLength(1);
    const plain = parseAuthorizerConfig(testConfig());
    expect(plain.success && plain.data.models.every((r) => r.versionAccess.length === 0)).toBe(true);
  });
});

describe('the authorizer context', () => {
  function setup() {
    const jwks = jwksFetcher({ [COGNITO_JWKS]: [cognitoKey], [OIDC_JWKS]: [] });
    return createAuthorizer(versionConfig(), { logger: memoryLogger(), fetchJwks: jwks.fetch });
  }

  it('carries the granted versions, which the model function reads for its own model only', async () => {
    const authorize = setup();
    const token = signJwt(cognitoClaims({ 'cognito:groups': ['claims', 'testers'] }), cognitoKey);
    const result = await authorize(requestEvent({ authorization: bearer(token), model: 'claims-triage' }));
    expect(result.context?.versions).toBe('claims-triage:v2');
    const authorizer = { principalId: result.principalId, ...result.context };
    expect(callerOf(authorizer, 'claims-triage').versions).toEqual(new Set(['v2']));
    expect(callerOf(authorizer, 'general-chat').versions).toEqual(new Set());
  });

  it('is the same for every route of a cached decision, and omits the field when nothing is granted', async () => {
    const authorize = setup();
    const tester = signJwt(cognitoClaims({ 'cognito:groups': ['claims', 'testers'] }), cognitoKey);
    await authorize(requestEvent({ authorization: bearer(tester), model: 'general-chat' }));
    const again = await authorize(requestEvent({ authorization: bearer(tester), model: 'claims-triage' }));
    expect(again.context?.versions).toBe('claims-triage:v2');
    const other = await authorize(requestEvent({ authorization: bearer(signJwt(cognitoClaims(), cognitoKey)), model: 'claims-triage' }));
    expect(other.context).not.toHaveProperty('versions');
  });
});
