/**
 * JwtAuthorizer on the user's own routes: the `routes` prop, its synth-time
 * checks, the check that every method using the authorizer is a known route,
 * and props the function would refuse failing at synth instead of at the first call.
 */
import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Template } from 'aws-cdk-lib/assertions';
import { parseAuthorizerConfig } from '../../lambda/authorizer/config';
import { AuthorizedRoute, ClaimOperator, IssuerKind, JwtAuthorizer, JwtAuthorizerProps } from '../../lib';
import { newTestStack } from '../setup/stacks';

const BASE: JwtAuthorizerProps = {
  issuers: [{ issuer: 'https://login.example.com', kind: IssuerKind.OIDC, audience: ['api://ai'] }],
  modelAccess: [{ model: 'chat', allowGroups: ['staff'] }, { model: 'summarize', allowScopes: ['ai/summarize'] }],
  routes: [{ method: 'POST', path: '/chat', model: 'chat' }, { method: 'POST', path: '/v1/summarize', model: 'summarize' }],
};

function synthConfig(stack: Stack) {
  const fn = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0];
  const parsed = parseAuthorizerConfig(stack.resolve(fn.Properties.Environment.Variables.AUTHORIZER_CONFIG));
  if (!parsed.success) throw new Error(parsed.errors.join('; '));
  return parsed.data;
}

function attach(stack: Stack, jwt: JwtAuthorizer, methods: Array<[string, string]>): void {
  const api = new apigateway.RestApi(stack, 'Api', { deploy: false });
  for (const [verb, path] of methods) {
    const resource = path === '/' ? api.root : api.root.resourceForPath(path.slice(1));
    resource.addMethod(verb, new apigateway.MockIntegration(), { authorizer: jwt.authorizer });
  }
}

describe('JwtAuthorizer routes', () => {
  test('writes the given routes into the function config, each with the model rule that decides it', () => {
    const { stack } = newTestStack();
    const jwt = new JwtAuthorizer(stack, 'Jwt', BASE);
    attach(stack, jwt, [['POST', '/chat'], ['POST', '/v1/summarize']]);
    expect(synthConfig(stack).routes).toEqual([{ route: 'POST/chat', model: 'chat' }, { route: 'POST/v1/summarize', model: 'summarize' }]);
  });

  test('accepts a {model} route, ANY and the root path, and a method whose resource has a {model} path parameter', () => {
    const { stack } = newTestStack();
    const jwt = new JwtAuthorizer(stack, 'Jwt', {
      ...BASE,
      routes: [{ method: 'POST', path: '/ai/{model}' }, { method: 'ANY', path: '/', model: 'chat' }],
    });
    attach(stack, jwt, [['POST', '/ai/summarize'], ['POST', '/ai/{model}'], ['ANY', '/']]);
    expect(synthConfig(stack).routes).toEqual([{ route: 'POST/ai/{model}' }, { route: 'ANY/', model: 'chat' }]);
  });

  test('fails at synth when a method uses the authorizer on a route it does not guard (the default is the gateway route)', () => {
    const { stack } = newTestStack();
    const { routes: _omitted, ...withoutRoutes } = BASE;
    const jwt = new JwtAuthorizer(stack, 'Jwt', { ...withoutRoutes, modelAccess: [{ model: 'chat', allowGroups: ['staff'] }] });
    attach(stack, jwt, [['POST', '/chat']]);
    expect(() => Template.fromStack(stack)).toThrow(
      new RegExp(String.raw`Invalid routes: got undefined \(the default, POST\/v1\/models\/\{model\}\/invoke and `
        + String.raw`POST\/v1\/models\/\{model\}\/chat\/completions\); `
        + String.raw`expected a route for POST \/chat \(TestStack\/Api\/Default\/chat\/POST\)`),
    );
  });

  test('fails at synth when a method uses another verb than its route, or ANY where the route names one verb', () => {
    for (const verb of ['GET', 'ANY']) {
      const { stack } = newTestStack();
      const jwt = new JwtAuthorizer(stack, 'Jwt', BASE);
      attach(stack, jwt, [[verb, '/chat']]);
      expect(() => Template.fromStack(stack)).toThrow(new RegExp(`expected a route for ${verb} /chat`));
    }
  });

  test('ignores methods that use another authorizer', () => {
    const { stack } = newTestStack();
    const jwt = new JwtAuthorizer(stack, 'Jwt', BASE);
    const other = new JwtAuthorizer(stack, 'Other', BASE);
    attach(stack, jwt, [['POST', '/chat']]);
    new apigateway.RestApi(stack, 'OtherApi', { deploy: false }).root.resourceForPath('v1/summarize')
      .addMethod('POST', new apigateway.MockIntegration(), { authorizer: other.authorizer });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  const route = (r: AuthorizedRoute): Partial<JwtAuthorizerProps> => ({ routes: [r, { method: 'POST', path: '/v1/summarize', model: 'summarize' }] });
  const bad: Array<[string, Partial<JwtAuthorizerProps>, RegExp]> = [
    ['fails when a verb is not an API Gateway method', route({ method: 'FETCH', path: '/chat', model: 'chat' }),
      /Invalid routes\[0\]\.method: got "FETCH"; expected one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY\./],
    ['fails when a verb is lower case', route({ method: 'post', path: '/chat', model: 'chat' }), /Invalid routes\[0\]\.method: got "post"/],
    ['fails when a path does not start with a slash', route({ method: 'POST', path: 'chat', model: 'chat' }),
      /Invalid routes\[0\]\.path: got "chat"; expected a resource path such as \/v1\/summarize/],
    ['fails when a path has another path parameter', route({ method: 'POST', path: '/chats/{id}', model: 'chat' }),
      /Invalid routes\[0\]\.path: got "\/chats\/\{id\}"/],
    ['fails when a path has {model} twice', route({ method: 'POST', path: '/{model}/{model}' }), /Invalid routes\[0\]\.path: got "\/\{model\}\/\{model\}"/],
    ['fails when {model} is part of a segment', route({ method: 'POST', path: '/ai-{model}' }), /Invalid routes\[0\]\.path: got "\/ai-\{model\}"/],
    ['fails when a path has a wildcard or a trailing slash', route({ method: 'POST', path: '/chat/', model: 'chat' }),
      /Invalid routes\[0\]\.path: got "\/chat\/"/],
    ['fails when a path climbs with ..', route({ method: 'POST', path: '/v1/../chat', model: 'chat' }), /Invalid routes\[0\]\.path: got "\/v1\/\.\.\/chat"/],
    ['fails when a route without {model} names no model', route({ method: 'POST', path: '/chat' }),
      /Invalid routes\[0\]\.model: got undefined; expected the model whose rule decides this route, one of chat, summarize\./],
    ['fails when a route names a model without a rule', route({ method: 'POST', path: '/chat', model: 'other' }), /Invalid routes\[0\]\.model: got "other"/],
    ['fails when a {model} route also names a model', route({ method: 'POST', path: '/ai/{model}', model: 'chat' }),
      /Invalid routes\[0\]\.model: got "chat"; expected no model on a route with a \{model\} segment\./],
    ['fails when a route appears twice', { routes: [...BASE.routes!, { method: 'POST', path: '/chat', model: 'summarize' }] },
      /Invalid routes\[2\]: got "POST \/chat"; expected a request no other route claims \(POST \/chat is also claimed by route 0\)\./],
    ['fails when ANY overlaps a verb on the same path', { routes: [...BASE.routes!, { method: 'ANY', path: '/chat', model: 'chat' }] },
      /Invalid routes\[2\]: got "ANY \/chat"; expected a request no other route claims/],
    ['fails when a {model} route expands onto a fixed route', { routes: [...BASE.routes!, { method: 'POST', path: '/{model}' }] },
      /Invalid routes\[2\]: got "POST \/\{model\}"; expected a request no other route claims \(POST \/chat is also claimed by route 0\)\./],
    ['fails when a model rule is reached by no route', { routes: [BASE.routes![0]] },
      /Invalid routes: got \["POST \/chat"\]; expected a route for every model rule \(none reaches summarize\)\./],
    ['fails when routes is empty', { routes: [] }, /Invalid routes: got \[\]; expected 1 to 50 routes\./],
    ['fails when a model name breaks the name rule the function applies', { modelAccess: [{ model: 'Chat.V2', allowGroups: ['g'] }], routes: undefined },
      /Invalid modelAccess\[\]\.model: got "Chat.V2"; expected 1-64 characters of \[a-z0-9-\], starting and ending with a letter or digit\./],
  ];
  test.each(bad)('%s', (_name, props, message) => {
    const { stack } = newTestStack();
    expect(() => new JwtAuthorizer(stack, 'Jwt', { ...BASE, ...props })).toThrow(message);
  });
});

describe('JwtAuthorizer refuses at synth what its function would refuse', () => {
  const long = 'x'.repeat(257);
  const condition = { claim: 'tier', comparison: ClaimOperator.IN, values: ['a'] };
  const cases: Array<[string, Partial<JwtAuthorizerProps>, RegExp]> = [
    ['fails when a group is listed twice', { modelAccess: [{ model: 'chat', allowGroups: ['staff', 'staff'] }] },
      /Invalid modelAccess\[chat\]\.allowGroups: got \["staff", "staff"\]; expected no value repeated\./],
    ['fails when a scope is empty', { modelAccess: [{ model: 'chat', allowScopes: [''] }] },
      /Invalid modelAccess\[chat\]\.allowScopes: got \[""\]; expected an array of non-empty strings/],
    ['fails when a claim name is too long', { tenantClaim: long }, /Invalid tenantClaim: got "x{64}\.\.\."; expected at most 256 characters\./],
    ['fails when a groups claim is empty', { issuers: [{ ...BASE.issuers[0], groupsClaim: '' }] },
      /Invalid issuers\[0\]\.groupsClaim: got ""; expected a non-empty string\./],
    ['fails when an issuer carries credentials', { issuers: [{ ...BASE.issuers[0], issuer: 'https://u:p@login.example.com' }] },
      /Invalid issuers\[0\]\.issuer: got "https:\/\/u:p@login.example.com"; expected a URL without credentials\./],
    ['fails when an issuer is not a URL', { issuers: [{ ...BASE.issuers[0], issuer: 'login.example.com' }] },
      /Invalid issuers\[0\]\.issuer: got "login.example.com"; expected an absolute URL\./],
    ['fails when a JWKS URL has a fragment', { issuers: [{ ...BASE.issuers[0], jwksUri: 'https://login.example.com/keys#a' }] },
      /Invalid issuers\[0\]\.jwksUri: got "https:\/\/login.example.com\/keys#a"; expected a URL without a fragment\./],
    ['fails when an issuer is listed twice', { issuers: [BASE.issuers[0], BASE.issuers[0]] },
      /Invalid issuers\[1\]\.issuer: got "https:\/\/login.example.com"; expected one entry per issuer\./],
    ['fails when the algorithm list is empty', { issuers: [{ ...BASE.issuers[0], algorithms: [] }] },
      /Invalid issuers\[0\]\.algorithms: got \[\]; expected at least 1 item\(s\)\./],
    ['fails when an audience repeats', { issuers: [{ ...BASE.issuers[0], audience: ['a', 'a'] }] },
      /Invalid issuers\[0\]\.audience: got \["a", "a"\]; expected no value repeated\./],
    ['fails when a condition claim is empty', { modelAccess: [{ model: 'chat', allowGroups: ['g'], conditions: [{ ...condition, claim: '' }] }] },
      /conditions\[\]\.claim: got ""/],
    ['fails when a condition lists a value twice', { modelAccess: [{ model: 'chat', allowGroups: ['g'], conditions: [{ ...condition, values: ['a', 'a'] }] }] },
      /conditions\[tier\]\.values: got \["a", "a"\]; expected no value repeated\./],
    ['fails when an atLeast order has one level', { modelAccess: [{ model: 'chat', allowGroups: ['g'],
      conditions: [{ claim: 'tier', comparison: ClaimOperator.AT_LEAST, values: ['pro'], order: ['pro'] }] }] },
        /conditions\[tier\]\.order: got \["pro"\]; expected at least 2 item\(s\)\./],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    const { stack } = newTestStack();
    expect(() => new JwtAuthorizer(stack, 'Jwt',
      { ...BASE, routes: undefined, modelAccess: [{ model: 'chat', allowGroups: ['staff'] }], ...props })).toThrow(message);
  });

  test('whatever passes synth, the function parses', () => {
    const { stack } = newTestStack();
    const jwt = new JwtAuthorizer(stack, 'Jwt', {
      ...BASE,
      issuers: [...BASE.issuers,
        { issuer: 'https://idp.example.org/t1', kind: IssuerKind.COGNITO, audience: ['c1', 'c2'], groupsClaim: 'roles', algorithms: ['ES256', 'EdDSA'] }],
      modelAccess: [
        { model: 'chat', allowGroups: ['staff'], conditions: [{ claim: 'tier', comparison: ClaimOperator.AT_LEAST, values: ['pro'], order: ['free', 'pro'] }] },
        { model: 'summarize', allowScopes: ['ai/summarize'], conditions: [{ claim: 'x', comparison: ClaimOperator.NOT_IN, values: ['a', 'b'] }] },
      ],
      tenantClaim: 'custom:tenant', tierClaim: 'custom:tier', usageIdentifierClaim: 'client_id',
    });
    attach(stack, jwt, [['POST', '/chat'], ['POST', '/v1/summarize']]);
    const config = synthConfig(stack);
    expect(config.models.map((m) => m.model)).toEqual(['chat', 'summarize']);
    expect(config.issuers[1]).toMatchObject({ kind: 'cognito', groupsClaim: 'roles', algorithms: ['ES256', 'EdDSA'] });
  });
});
