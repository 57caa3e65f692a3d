import { AuthorizerConfigError, parseAuthorizerConfig } from '../../../lambda/authorizer/config';
import { testConfig } from './support/fixtures';

/** A deep copy of the fixture config as plain JSON, for mutation by the table below. */
function json(): Record<string, any> {
  return JSON.parse(JSON.stringify(testConfig())) as Record<string, any>;
}

function problemsOf(input: unknown): readonly string[] {
  try {
    parseAuthorizerConfig(input);
  } catch (err) {
    if (err instanceof AuthorizerConfigError) return err.issues;
    throw err;
  }
  throw new Error('config was accepted');
}

describe('parseAuthorizerConfig', () => {
  it('applies the defaults', () => {
    const config = parseAuthorizerConfig({
      issuers: [
        { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A', kind: 'cognito', audience: ['c1'] },
        { issuer: 'https://idp.example/', kind: 'oidc', audience: null },
      ],
      models: [{ model: 'm', allowGroups: ['g'] }],
    });

    expect(config).toEqual({
      issuers: [
        {
          issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A',
          jwksUri: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A/.well-known/jwks.json',
          kind: 'cognito',
          audience: ['c1'],
          tokenUse: 'access',
          groupsClaim: 'cognito:groups',
          algorithms: ['RS256'],
        },
        {
          issuer: 'https://idp.example/',
          jwksUri: 'https://idp.example/.well-known/jwks.json',
          kind: 'oidc',
          audience: null,
          tokenUse: null,
          groupsClaim: 'groups',
          algorithms: ['RS256'],
        },
      ],
      models: [{ model: 'm', allowGroups: ['g'], allowScopes: [], conditions: [] }],
      routeTemplate: 'POST/v1/models/{model}/invoke',
      tenantClaim: undefined,
      tierClaim: undefined,
      usageIdentifierClaim: undefined,
      maxTokenLength: 8192,
      clockSkewSeconds: 60,
      decisionCacheSize: 1000,
      allowLoopbackHttpJwks: false,
    });
  });

  it('accepts the config as a JSON string, as it arrives in the environment', () => {
    expect(parseAuthorizerConfig(JSON.stringify(testConfig())).models.map((m) => m.model)).toEqual(['claims-triage', 'general-chat', 'code-assist']);
  });

  it('accepts its own output again', () => {
    const once = parseAuthorizerConfig(testConfig());
    expect(parseAuthorizerConfig(once)).toEqual(once);
  });

  it('accepts http issuers on loopback hosts only when allowLoopbackHttpJwks is set', () => {
    const issuers = [{ issuer: 'http://localhost:9229/local_pool', kind: 'cognito', audience: ['c'] }];
    expect(problemsOf({ ...json(), issuers })).toEqual([expect.stringMatching(/^issuers\[0\]\.issuer: must use https/)]);
    expect(parseAuthorizerConfig({ ...json(), issuers, allowLoopbackHttpJwks: true }).issuers[0].jwksUri).toBe(
      'http://localhost:9229/local_pool/.well-known/jwks.json',
    );
  });

  const invalid: ReadonlyArray<readonly [string, (c: Record<string, any>) => unknown, RegExp]> = [
    ['the config is not an object', () => [], /^config: must be a JSON object/],
    ['the config is not valid JSON', () => '{"issuers": [', /^config: is not valid JSON/],
    ['a top-level field is unknown', (c) => ({ ...c, tenantclaim: 'x' }), /^tenantclaim: unknown field/],
    ['issuers is missing', (c) => ({ ...c, issuers: undefined }), /^issuers: is required/],
    ['issuers is empty', (c) => ({ ...c, issuers: [] }), /^issuers: must have at least 1/],
    ['an issuer is not an object', (c) => ({ ...c, issuers: ['https://idp.example'] }), /^issuers\[0\]: must be an object/],
    ['an issuer uses http', (c) => (c.issuers[0].issuer = 'http://idp.example', c), /^issuers\[0\]\.issuer: must use https/],
    ['an issuer is not a URL', (c) => (c.issuers[0].issuer = 'cognito', c), /^issuers\[0\]\.issuer: must be an absolute URL/],
    ['an issuer carries credentials', (c) => (c.issuers[0].issuer = 'https://u:p@idp.example', c), /^issuers\[0\]\.issuer: must not carry credentials/],
    ['a jwksUri uses http on a routable host even with loopback allowed', (c) => ({ ...c, allowLoopbackHttpJwks: true, issuers: [{ ...c.issuers[0], jwksUri: 'http://10.1.2.3/jwks.json' }] }), /^issuers\[0\]\.jwksUri: may use http only on a loopback host/],
    ['an issuer appears twice', (c) => ({ ...c, issuers: [c.issuers[0], c.issuers[0]] }), /^issuers: issuer '.*' appears more than once/],
    ['the kind is unknown', (c) => (c.issuers[0].kind = 'saml', c), /^issuers\[0\]\.kind: must be one of cognito, oidc/],
    ['the audience is left out', (c) => (delete c.issuers[0].audience, c), /^issuers\[0\]\.audience: is required: list the accepted client ids/],
    ['the audience is an empty list', (c) => (c.issuers[0].audience = [], c), /^issuers\[0\]\.audience: must have at least 1/],
    ['the audience is a string', (c) => (c.issuers[0].audience = 'client-web', c), /^issuers\[0\]\.audience: must be an array of non-empty strings/],
    ['tokenUse is set on an oidc issuer', (c) => (c.issuers[1].tokenUse = 'access', c), /^issuers\[1\]\.tokenUse: applies to cognito issuers only/],
    ['tokenUse is unknown', (c) => (c.issuers[0].tokenUse = 'refresh', c), /^issuers\[0\]\.tokenUse: must be one of access, id/],
    ['an algorithm is none', (c) => (c.issuers[0].algorithms = ['RS256', 'none'], c), /^issuers\[0\]\.algorithms: 'none' is never accepted/],
    ['an algorithm is HMAC', (c) => (c.issuers[0].algorithms = ['HS256'], c), /^issuers\[0\]\.algorithms: 'HS256' is never accepted/],
    ['an algorithm is unsupported', (c) => (c.issuers[0].algorithms = ['PS256'], c), /^issuers\[0\]\.algorithms: 'PS256' is not supported/],
    ['algorithms is empty', (c) => (c.issuers[0].algorithms = [], c), /^issuers\[0\]\.algorithms: must have at least 1/],
    ['an issuer field is unknown', (c) => (c.issuers[0].clientId = 'x', c), /^issuers\[0\]\.clientId: unknown field/],
    ['models is empty', (c) => ({ ...c, models: [] }), /^models: must have at least 1/],
    ['a model name has a wildcard', (c) => (c.models[0].model = 'claims-*', c), /^models\[0\]\.model: must be 1-128 letters/],
    ['a model name has a slash', (c) => (c.models[0].model = 'a/b', c), /^models\[0\]\.model: must be 1-128 letters/],
    ['a model appears twice', (c) => ({ ...c, models: [c.models[1], c.models[1]] }), /^models: model 'general-chat' appears more than once/],
    ['a model grants nobody', (c) => (c.models[1] = { model: 'general-chat' }, c), /^models\[1\]: needs at least one entry in allowGroups or allowScopes/],
    ['a model rule field is misspelt', (c) => (c.models[0].condition = c.models[0].conditions, c), /^models\[0\]\.condition: unknown field/],
    ['allowGroups has an empty name', (c) => (c.models[1].allowGroups = [''], c), /^models\[1\]\.allowGroups: must be an array of non-empty strings/],
    ['a condition operator is unknown', (c) => (c.models[0].conditions[0].operator = 'contains', c), /^models\[0\]\.conditions\[0\]\.operator: must be one of equals, in, notIn, atLeast/],
    ['a condition has no claim', (c) => (delete c.models[0].conditions[0].claim, c), /^models\[0\]\.conditions\[0\]\.claim: is required/],
    ['a condition has no values', (c) => (c.models[0].conditions[0].values = [], c), /^models\[0\]\.conditions\[0\]\.values: must have at least 1/],
    ['equals has two values', (c) => (c.models[0].conditions[0] = { claim: 'x', operator: 'equals', values: ['a', 'b'] }, c), /^models\[0\]\.conditions\[0\]\.values: must hold exactly one value for 'equals'/],
    ['atLeast has no order', (c) => (delete c.models[0].conditions[1].order, c), /^models\[0\]\.conditions\[1\]\.order: is required for 'atLeast'/],
    ['atLeast names a level outside its order', (c) => (c.models[0].conditions[1].values = ['platinum'], c), /^models\[0\]\.conditions\[1\]\.values: the threshold must be one of the levels/],
    ['order is given for another operator', (c) => (c.models[0].conditions[0].order = ['a', 'b'], c), /^models\[0\]\.conditions\[0\]\.order: applies to 'atLeast' only/],
    ['the route template has no {model}', (c) => ({ ...c, routeTemplate: 'POST/v1/invoke' }), /^routeTemplate: must contain \{model\} exactly once/],
    ['the route template has a wildcard', (c) => ({ ...c, routeTemplate: '*/v1/models/{model}/invoke' }), /^routeTemplate: must look like/],
    ['the route template has {model} inside a segment', (c) => ({ ...c, routeTemplate: 'POST/v1/models/x{model}/invoke' }), /^routeTemplate: must look like/],
    ['maxTokenLength is too small', (c) => ({ ...c, maxTokenLength: 10 }), /^maxTokenLength: must be an integer from 512 to 65536/],
    ['clockSkewSeconds exceeds five minutes', (c) => ({ ...c, clockSkewSeconds: 301 }), /^clockSkewSeconds: must be an integer from 0 to 300/],
    ['clockSkewSeconds is a string', (c) => ({ ...c, clockSkewSeconds: '60' }), /^clockSkewSeconds: must be an integer/],
    ['decisionCacheSize is negative', (c) => ({ ...c, decisionCacheSize: -1 }), /^decisionCacheSize: must be an integer from 0/],
    ['allowLoopbackHttpJwks is a string', (c) => ({ ...c, allowLoopbackHttpJwks: 'true' }), /^allowLoopbackHttpJwks: must be true or false/],
    ['tenantClaim is empty', (c) => ({ ...c, tenantClaim: '' }), /^tenantClaim: must be a non-empty string/],
  ];

  it.each(invalid)('fails when %s, naming the field', (_name, mutate, expected) => {
    const problems = problemsOf(mutate(json()));
    expect(problems).toContainEqual(expect.stringMatching(expected));
  });

  it('reports every problem at once', () => {
    const c = json();
    c.issuers[0].audience = 'x';
    c.models[0].model = 'bad model';
    c.clockSkewSeconds = 1000;

    const error = (() => {
      try {
        parseAuthorizerConfig(c);
      } catch (e) {
        return e as AuthorizerConfigError;
      }
      throw new Error('accepted');
    })();

    expect(error.issues).toHaveLength(3);
    expect(error.message).toMatch(/^Invalid authorizer config: issuers\[0\]\.audience: .*; models\[0\]\.model: .*; clockSkewSeconds: /);
  });
});
