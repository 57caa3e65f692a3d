import { parseAuthorizerConfig as parseResult } from '../../../lambda/authorizer/config';
import { testConfig } from './support/fixtures';

/** The parsed config; fails the test when the config is refused. */
function parseAuthorizerConfig(input: unknown) {
  const result = parseResult(input);
  if (!result.success) throw new Error(`config was refused: ${result.errors.join('; ')}`);
  return result.data;
}

/** A deep copy of the fixture config as plain JSON, for mutation by the table below. */
function json(): Record<string, any> {
  return JSON.parse(JSON.stringify(testConfig())) as Record<string, any>;
}

function problemsOf(input: unknown): readonly string[] {
  const result = parseResult(input);
  if (result.success) throw new Error('config was accepted');
  return result.errors;
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
      models: [{ model: 'm', allowGroups: ['g'], allowScopes: [], conditions: [], versionAccess: [] }],
      routes: [{ route: 'POST/v1/models/{model}/invoke' }, { route: 'POST/v1/models/{model}/chat/completions' }],
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

  it('accepts routes of the user\'s own API, with the model rule that decides each', () => {
    const routes = [{ route: 'POST/chat', model: 'general-chat' }, { route: 'ANY/', model: 'code-assist' }, { route: 'PUT/v2/{model}' }];
    expect(parseAuthorizerConfig({ ...json(), routes }).routes).toEqual(routes);
  });

  it('accepts its own output again', () => {
    const once = parseAuthorizerConfig(testConfig());
    expect(parseAuthorizerConfig(once)).toEqual(once);
  });

  it('accepts http issuers on loopback hosts only when allowLoopbackHttpJwks is set', () => {
    const issuers = [{ issuer: 'http://localhost:9229/local_pool', kind: 'cognito', audience: ['c'] }];
    expect(problemsOf({ ...json(), issuers })).toEqual([expect.stringMatching(/^issuers\[0\]\.issuer: expected an https URL$/)]);
    expect(parseAuthorizerConfig({ ...json(), issuers, allowLoopbackHttpJwks: true }).issuers[0].jwksUri).toBe(
      'http://localhost:9229/local_pool/.well-known/jwks.json',
    );
  });

  const invalid: ReadonlyArray<readonly [string, (c: Record<string, any>) => unknown, RegExp]> = [
    ['the config is not an object', () => [], /^AUTHORIZER_CONFIG: must be a JSON object/],
    ['the config is not valid JSON', () => '{"issuers": [', /^AUTHORIZER_CONFIG: is not valid JSON/],
    ['a top-level field is unknown', (c) => ({ ...c, tenantclaim: 'x' }), /^tenantclaim: unknown field/],
    ['issuers is missing', (c) => ({ ...c, issuers: undefined }), /^issuers: is required/],
    ['issuers is empty', (c) => ({ ...c, issuers: [] }), /^issuers: must have at least 1/],
    ['an issuer is not an object', (c) => ({ ...c, issuers: ['https://idp.example'] }), /^issuers\[0\]: must be an object/],
    ['an issuer uses http', (c) => (c.issuers[0].issuer = 'http://idp.example', c), /^issuers\[0\]\.issuer: expected an https URL$/],
    ['an issuer is not a URL', (c) => (c.issuers[0].issuer = 'cognito', c), /^issuers\[0\]\.issuer: expected an absolute URL/],
    ['an issuer carries credentials', (c) => (c.issuers[0].issuer = 'https://u:p@idp.example', c), /^issuers\[0\]\.issuer: expected a URL without credentials/],
    ['a jwksUri uses http on a routable host even with loopback allowed',
      (c) => ({ ...c, allowLoopbackHttpJwks: true, issuers: [{ ...c.issuers[0], jwksUri: 'http://10.1.2.3/jwks.json' }] }),
      /^issuers\[0\]\.jwksUri: expected an https URL, or http on a loopback host only/],
    ['an issuer appears twice', (c) => ({ ...c, issuers: [c.issuers[0], c.issuers[0]] }), /^issuers: issuer '.*' appears more than once/],
    ['the kind is unknown', (c) => (c.issuers[0].kind = 'saml', c), /^issuers\[0\]\.kind: must be one of cognito, oidc/],
    ['the audience is left out', (c) => (delete c.issuers[0].audience, c), /^issuers\[0\]\.audience: is required: list the accepted client ids/],
    ['the audience is an empty list', (c) => (c.issuers[0].audience = [], c), /^issuers\[0\]\.audience: expected at least 1 item/],
    ['the audience is a string', (c) => (c.issuers[0].audience = 'client-web', c), /^issuers\[0\]\.audience: expected an array of non-empty strings/],
    ['tokenUse is set on an oidc issuer', (c) => (c.issuers[1].tokenUse = 'access', c), /^issuers\[1\]\.tokenUse: applies to cognito issuers only/],
    ['tokenUse is unknown', (c) => (c.issuers[0].tokenUse = 'refresh', c), /^issuers\[0\]\.tokenUse: must be one of access, id/],
    ['an algorithm is none', (c) => (c.issuers[0].algorithms = ['RS256', 'none'], c), /^issuers\[0\]\.algorithms: 'none' is never accepted/],
    ['an algorithm is HMAC', (c) => (c.issuers[0].algorithms = ['HS256'], c), /^issuers\[0\]\.algorithms: 'HS256' is never accepted/],
    ['an algorithm is unsupported', (c) => (c.issuers[0].algorithms = ['PS256'], c), /^issuers\[0\]\.algorithms: 'PS256' is not supported/],
    ['algorithms is empty', (c) => (c.issuers[0].algorithms = [], c), /^issuers\[0\]\.algorithms: expected at least 1 item/],
    ['an issuer field is unknown', (c) => (c.issuers[0].clientId = 'x', c), /^issuers\[0\]\.clientId: unknown field/],
    ['models is empty', (c) => ({ ...c, models: [] }), /^models: must have at least 1/],
    ['a model name has a wildcard', (c) => (c.models[0].model = 'claims-*', c), /^models\[0\]\.model: expected 1-64 characters of \[a-z0-9-\]/],
    ['a model name has a slash', (c) => (c.models[0].model = 'a/b', c), /^models\[0\]\.model: expected 1-64 characters of \[a-z0-9-\]/],
    ['a model appears twice', (c) => ({ ...c, models: [c.models[1], c.models[1]] }), /^models: model 'general-chat' appears more than once/],
    ['a model grants nobody', (c) => (c.models[1] = { model: 'general-chat' }, c), /^models\[1\]: needs at least one entry in allowGroups or allowScopes/],
    ['a model rule field is misspelt', (c) => (c.models[0].condition = c.models[0].conditions, c), /^models\[0\]\.condition: unknown field/],
    ['allowGroups has an empty name', (c) => (c.models[1].allowGroups = [''], c), /^models\[1\]\.allowGroups: expected an array of non-empty strings/],
    ['a condition operator is unknown', (c) => (c.models[0].conditions[0].operator = 'contains', c),
      /^models\[0\]\.conditions\[0\]\.operator: must be one of equals, in, notIn, atLeast/],
    ['a condition has no claim', (c) => (delete c.models[0].conditions[0].claim, c), /^models\[0\]\.conditions\[0\]\.claim: is required/],
    ['a condition has no values', (c) => (c.models[0].conditions[0].values = [], c), /^models\[0\]\.conditions\[0\]\.values: expected at least 1 item/],
    ['equals has two values', (c) => (c.models[0].conditions[0] = { claim: 'x', operator: 'equals', values: ['a', 'b'] }, c),
      /^models\[0\]\.conditions\[0\]\.values: must hold exactly one value for 'equals'/],
    ['atLeast has no order', (c) => (delete c.models[0].conditions[1].order, c), /^models\[0\]\.conditions\[1\]\.order: is required for 'atLeast'/],
    ['atLeast names a level outside its order', (c) => (c.models[0].conditions[1].values = ['platinum'], c),
      /^models\[0\]\.conditions\[1\]\.values: the threshold must be one of the levels/],
    ['order is given for another operator', (c) => (c.models[0].conditions[0].order = ['a', 'b'], c),
      /^models\[0\]\.conditions\[0\]\.order: applies to 'atLeast' only/],
    ['a model name has capitals or dots, which the gateway and the construct refuse', (c) => (c.models[0].model = 'Claims.V2', c),
      /^models\[0\]\.model: expected 1-64 characters/],
    ['the old routeTemplate field is used', (c) => ({ ...c, routeTemplate: 'POST/v1/models/{model}/invoke' }), /^routeTemplate: unknown field/],
    ['routes is empty', (c) => ({ ...c, routes: [] }), /^routes: must have at least 1 item/],
    ['a route has a wildcard verb', (c) => ({ ...c, routes: [{ route: '*/v1/models/{model}/invoke' }] }), /^routes\[0\]\.route: expected one of GET, POST/],
    ['a route has {model} inside a segment', (c) => ({ ...c, routes: [{ route: 'POST/v1/models/x{model}/invoke' }] }),
      /^routes\[0\]\.route: expected a resource path/],
    ['a route has {model} twice', (c) => ({ ...c, routes: [{ route: 'POST/{model}/{model}' }] }), /^routes\[0\]\.route: expected a resource path/],
    ['a route without {model} names no model', (c) => ({ ...c, routes: [{ route: 'POST/chat' }] }),
      /^routes\[0\]\.model: expected the model whose rule decides this route/],
    ['a {model} route names a model', (c) => ({ ...c, routes: [{ route: 'POST/ai/{model}', model: 'code-assist' }] }),
      /^routes\[0\]\.model: expected no model on a route/],
    ['a model rule is reached by no route', (c) => ({ ...c, routes: [{ route: 'POST/chat', model: 'general-chat' }] }),
      /^routes: expected a route for every model rule \(none reaches claims-triage, code-assist\)/],
    ['two routes claim the same request', (c) => ({ ...c, routes: [{ route: 'POST/v1/{model}' }, { route: 'ANY/v1/code-assist', model: 'general-chat' }] }),
      /^routes\[1\]\.route: expected a request no other route claims \(ANY \/v1\/code-assist is also claimed by route 0\)/],
    ['a route field is unknown', (c) => ({ ...c, routes: [{ route: 'POST/v1/{model}', path: '/x' }] }), /^routes\[0\]\.path: unknown field/],
    ['maxTokenLength is too small', (c) => ({ ...c, maxTokenLength: 10 }), /^maxTokenLength: expected an integer from 512 to 65536/],
    ['clockSkewSeconds exceeds five minutes', (c) => ({ ...c, clockSkewSeconds: 301 }), /^clockSkewSeconds: expected an integer from 0 to 300/],
    ['clockSkewSeconds is a string', (c) => ({ ...c, clockSkewSeconds: '60' }), /^clockSkewSeconds: expected an integer/],
    ['decisionCacheSize is negative', (c) => ({ ...c, decisionCacheSize: -1 }), /^decisionCacheSize: expected an integer from 0/],
    ['allowLoopbackHttpJwks is a string', (c) => ({ ...c, allowLoopbackHttpJwks: 'true' }), /^allowLoopbackHttpJwks: must be true or false/],
    ['tenantClaim is empty', (c) => ({ ...c, tenantClaim: '' }), /^tenantClaim: expected a non-empty string/],
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

    const problems = problemsOf(c);
    expect(problems).toHaveLength(3);
    expect(problems.join('; ')).toMatch(/^issuers\[0\]\.audience: .*; models\[0\]\.model: .*; clockSkewSeconds: /);
  });
});
