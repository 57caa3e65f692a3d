import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { abacClaims, parseAttributeNames } from '../../../lambda/pre-token/claims';
import { captureLogLines } from '../../helpers/capture-output';

describe('ABAC claims for access tokens', () => {
  test('copies each configured attribute the user has under its custom: name', () => {
    expect(abacClaims({ 'custom:tenant': 'acme', 'custom:tier': 'pro', email: 'a@example.com' }, ['tenant', 'tier', 'department']))
      .toEqual({ 'custom:tenant': 'acme', 'custom:tier': 'pro' });
  });

  test('copies nothing that is not configured, and nothing from a user without attributes', () => {
    expect(abacClaims({ 'custom:tenant': 'acme', email: 'a@example.com' }, [])).toEqual({});
    expect(abacClaims(undefined, ['tenant'])).toEqual({});
    expect(abacClaims({ 'custom:tenant': '' }, ['tenant'])).toEqual({});
  });

  test('reads the attribute names the construct joined', () => {
    expect(parseAttributeNames('tenant,tier,data_class')).toEqual({ success: true, data: ['tenant', 'tier', 'data_class'] });
    expect(parseAttributeNames(undefined)).toEqual({ success: true, data: [] });
  });

  test('refuses the whole list when a name breaks the rule, naming the entry but not the value', () => {
    const result = parseAttributeNames('tenant, tier,,Bad-Name');
    expect(result).toEqual({ success: false, errors: [expect.stringMatching(/^ABAC_ATTRIBUTES: expected an array of non-empty strings/)] });
    const named = parseAttributeNames('tenant,Bad-Name');
    expect(named).toEqual({ success: false, errors: ['ABAC_ATTRIBUTES[1]: expected names of 1-20 characters of [a-z0-9_] starting with a letter'] });
  });

  test('the handler answers with the claims in the version 2 response shape', async () => {
    process.env.ABAC_ATTRIBUTES = 'tenant';
    let handler!: typeof import('../../../lambda/pre-token/handler').handler;
    jest.isolateModules(() => {
      ({ handler } = require('../../../lambda/pre-token/handler'));
    });
    const event = { version: '2', request: { userAttributes: { 'custom:tenant': 'acme', 'custom:tier': 'pro' } }, response: {} } as unknown as PreTokenGenerationV2TriggerEvent;
    const result = await handler(event);
    expect(result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride).toEqual({ 'custom:tenant': 'acme' });
  });

  test('the handler logs a refused attribute list once and copies nothing', async () => {
    process.env.ABAC_ATTRIBUTES = 'tenant,Tier';
    const output = captureLogLines();
    let handler!: typeof import('../../../lambda/pre-token/handler').handler;
    try {
      jest.isolateModules(() => {
        ({ handler } = require('../../../lambda/pre-token/handler'));
      });
    } finally {
      output.restore();
      delete process.env.ABAC_ATTRIBUTES;
    }
    expect(output.lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'ABAC attribute list rejected: no attributes are copied',
        problems: expect.stringContaining('ABAC_ATTRIBUTES[1]'),
      }),
    ]);
    const event = { version: '2', request: { userAttributes: { 'custom:tenant': 'acme' } }, response: {} } as unknown as PreTokenGenerationV2TriggerEvent;
    const result = await handler(event);
    expect(result.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride).toEqual({});
  });
});
