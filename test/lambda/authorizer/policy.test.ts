import type { ModelVerdict } from '../../../lambda/authorizer/authorize';
import { buildPolicy } from '../../../lambda/authorizer/policy';
import { parseMethodArn, RouteTable } from '../../../lambda/authorizer/routes';
import { API_PREFIX, routeArn } from './support/fixtures';

const MODELS = ['claims-triage', 'general-chat', 'code-assist'];

describe('parseMethodArn', () => {
  it('splits an API Gateway method ARN into the API prefix and the route', () => {
    expect(parseMethodArn(routeArn('general-chat'))).toEqual({ apiPrefix: API_PREFIX, route: 'POST/v1/models/general-chat/invoke' });
  });

  it.each([
    ['not a string', 42],
    ['another service', 'arn:aws:lambda:eu-west-1:123456789012:function:x'],
    ['a wildcard', `${API_PREFIX}/POST/*`],
    ['a missing stage', 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5'],
    ['a short account id', 'arn:aws:execute-api:eu-west-1:1234:a1b2c3d4e5/prod/POST/x'],
    ['a lowercase verb', `${API_PREFIX}/post/v1/models/x/invoke`],
  ])('rejects %s', (_name, arn) => {
    expect(parseMethodArn(arn)).toBeUndefined();
  });
});

const GATEWAY_ROUTES = [{ route: 'POST/v1/models/{model}/invoke' }];

describe('RouteTable', () => {
  const table = new RouteTable(GATEWAY_ROUTES, MODELS);

  it('maps a route to its configured model only', () => {
    expect(table.modelOf('POST/v1/models/code-assist/invoke')).toBe('code-assist');
    expect(table.modelOf('GET/v1/models/code-assist/invoke')).toBeUndefined();
    expect(table.modelOf('POST/v1/models/other/invoke')).toBeUndefined();
    expect(table.modelOf('POST/v1/models/code-assist/extra/invoke')).toBeUndefined();
  });

  it('names the route ARN of every model under the given API and stage', () => {
    expect([...table.arnsFor(API_PREFIX)]).toEqual(MODELS.map((m) => [routeArn(m), m]));
  });

  it('follows a custom route template', () => {
    const custom = new RouteTable([{ route: 'PUT/ai/{model}' }], ['m1']);
    expect(custom.modelOf('PUT/ai/m1')).toBe('m1');
    expect([...custom.arnsFor(API_PREFIX)]).toEqual([[`${API_PREFIX}/PUT/ai/m1`, 'm1']]);
  });

  it('maps routes without {model} to the model they name, and ANY to every verb', () => {
    const own = new RouteTable([
      { route: 'POST/chat', model: 'general-chat' },
      { route: 'ANY/v1/summarize', model: 'code-assist' },
      { route: 'GET/', model: 'claims-triage' },
      { route: 'POST/v2/{model}' },
    ], MODELS);
    expect(own.modelOf('POST/chat')).toBe('general-chat');
    expect(own.modelOf('GET/chat')).toBeUndefined();
    expect(own.modelOf('POST/chat/extra')).toBeUndefined();
    expect(own.modelOf('DELETE/v1/summarize')).toBe('code-assist');
    expect(own.modelOf('GET/')).toBe('claims-triage');
    expect(own.modelOf('POST/v2/general-chat')).toBe('general-chat');
    expect(own.modelOf('POST/v2/')).toBeUndefined();
    expect([...own.arnsFor(API_PREFIX)]).toEqual([
      [`${API_PREFIX}/POST/chat`, 'general-chat'],
      [`${API_PREFIX}/*/v1/summarize`, 'code-assist'],
      [`${API_PREFIX}/GET/`, 'claims-triage'],
      ...MODELS.map((m) => [`${API_PREFIX}/POST/v2/${m}`, m]),
    ]);
  });
});

describe('buildPolicy', () => {
  const arns = new RouteTable(GATEWAY_ROUTES, MODELS).arnsFor(API_PREFIX);
  const context = { principalId: 'sub-1', scopes: '' };

  function verdicts(entries: Array<[string, ModelVerdict]>): Map<string, ModelVerdict> {
    return new Map(entries);
  }

  it('allows exactly the permitted routes and explicitly denies all the others', () => {
    const result = buildPolicy({
      principalId: 'sub-1',
      routeArns: arns,
      verdicts: verdicts([['claims-triage', 'condition_failed'], ['general-chat', 'allowed'], ['code-assist', 'model_not_permitted']]),
      context,
    });

    expect(result.policyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [routeArn('general-chat')] },
        { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: [routeArn('claims-triage'), routeArn('code-assist')] },
      ],
    });
  });

  it('denies a model that has no verdict at all', () => {
    const result = buildPolicy({ principalId: 'sub-1', routeArns: arns, verdicts: verdicts([['general-chat', 'allowed']]), context });
    expect(result.policyDocument.Statement[1]).toEqual({
      Effect: 'Deny',
      Action: 'execute-api:Invoke',
      Resource: [routeArn('claims-triage'), routeArn('code-assist')],
    });
  });

  it('has only a Deny statement when nothing is permitted, and adds extra denied ARNs', () => {
    const extra = `${API_PREFIX}/POST/v1/models/unlisted/invoke`;
    const result = buildPolicy({ principalId: 'sub-1', routeArns: arns, verdicts: verdicts([]), alsoDeny: [extra], context });
    expect(result.policyDocument.Statement).toEqual([
      { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: [...MODELS.map((m) => routeArn(m)), extra] },
    ]);
  });

  it('allows every route of a permitted model and denies every route of the others, on the user\'s own routes', () => {
    const own = new RouteTable([{ route: 'POST/chat', model: 'general-chat' }, { route: 'GET/v1/{model}' }], MODELS).arnsFor(API_PREFIX);
    const result = buildPolicy({ principalId: 'sub-1', routeArns: own, verdicts: verdicts([['general-chat', 'allowed']]), context });
    expect(result.policyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [`${API_PREFIX}/POST/chat`, `${API_PREFIX}/GET/v1/general-chat`] },
      { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: [`${API_PREFIX}/GET/v1/claims-triage`, `${API_PREFIX}/GET/v1/code-assist`] },
    ]);
  });

  it('has only an Allow statement when everything is permitted', () => {
    const all = verdicts(MODELS.map((m) => [m, 'allowed']));
    const result = buildPolicy({ principalId: 'sub-1', routeArns: arns, verdicts: all, context, usageIdentifierKey: 'key-123' });
    expect(result.policyDocument.Statement).toEqual([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: MODELS.map((m) => routeArn(m)) }]);
    expect(result.usageIdentifierKey).toBe('key-123');
    expect(result.context).toEqual(context);
  });
});
