import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { abacClaims, parseAttributeNames } from '../../../lambda/pre-token/claims';

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

  test('reads attribute names from the environment and drops malformed ones', () => {
    expect(parseAttributeNames('tenant, tier,,Bad-Name,data_class')).toEqual(['tenant', 'tier', 'data_class']);
    expect(parseAttributeNames(undefined)).toEqual([]);
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
});
