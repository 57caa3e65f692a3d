/** A realistic config, events and claims shared by the authorizer tests. */
import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { AuthorizerConfig } from '../../../../lambda/authorizer/config';
import type { LogFields, Logger } from '../../../../lambda/shared/logger';
import { jwksOf, nowSeconds, type TestKey } from './tokens';

export const COGNITO_ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TestPool1';
export const OIDC_ISSUER = 'https://login.partner.example/tenant-1';
export const COGNITO_JWKS = `${COGNITO_ISSUER}/.well-known/jwks.json`;
export const OIDC_JWKS = 'https://login.partner.example/keys';
export const CLIENT_ID = 'client-web';
export const OIDC_AUDIENCE = 'api://ai-gateway';

export const API_PREFIX = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod';
export const MODELS = ['claims-triage', 'general-chat', 'code-assist'] as const;

/** The method ARNs of both routes of a model (invoke, chat completions), as a policy lists them by default. */
export function modelRouteArns(model: string, prefix = API_PREFIX): string[] {
  return [routeArn(model, prefix), `${prefix}/POST/v1/models/${model}/chat/completions`];
}

export function routeArn(model: string, prefix = API_PREFIX): string {
  return `${prefix}/POST/v1/models/${model}/invoke`;
}

export function testConfig(overrides: Partial<AuthorizerConfig> = {}): AuthorizerConfig {
  return {
    issuers: [
      { issuer: COGNITO_ISSUER, kind: 'cognito', audience: [CLIENT_ID] },
      { issuer: OIDC_ISSUER, jwksUri: OIDC_JWKS, kind: 'oidc', audience: [OIDC_AUDIENCE], algorithms: ['RS256', 'ES256'] },
    ],
    models: [
      {
        model: 'claims-triage',
        allowGroups: ['claims'],
        allowScopes: ['ai-gateway/claims-triage.invoke'],
        conditions: [
          { claim: 'custom:tenant', operator: 'in', values: ['acme', 'globex'] },
          { claim: 'custom:tier', operator: 'atLeast', values: ['pro'], order: ['free', 'pro', 'enterprise'] },
        ],
      },
      { model: 'general-chat', allowGroups: ['staff', 'claims'], allowScopes: ['ai-gateway/chat.invoke'] },
      {
        model: 'code-assist',
        allowGroups: ['engineering'],
        conditions: [{ claim: 'custom:data_class', operator: 'notIn', values: ['restricted'] }],
      },
    ],
    tenantClaim: 'custom:tenant',
    tierClaim: 'custom:tier',
    ...overrides,
  };
}

/** Claims of a Cognito access token for `client-web`, valid for an hour. */
export function cognitoClaims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return {
    sub: '5f1c2a9e-0d7b-4c4e-9a7e-2b1d3c4e5f60',
    iss: COGNITO_ISSUER,
    client_id: CLIENT_ID,
    token_use: 'access',
    scope: 'openid',
    'cognito:groups': ['claims'],
    'custom:tenant': 'acme',
    'custom:tier': 'pro',
    username: 'jane.doe',
    email: 'jane.doe@example.com',
    iat: now,
    exp: now + 3600,
    jti: 'b7c1e1f2-1111-4a4a-8b8b-000000000001',
    ...extra,
  };
}

export function oidcClaims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return {
    sub: 'partner-service-7',
    iss: OIDC_ISSUER,
    aud: OIDC_AUDIENCE,
    scope: 'ai-gateway/chat.invoke',
    iat: now,
    nbf: now,
    exp: now + 600,
    ...extra,
  };
}

export interface EventOptions {
  readonly authorization?: string;
  readonly model?: string;
  readonly methodArn?: string;
  readonly sourceIp?: string;
}

export function requestEvent(options: EventOptions = {}): APIGatewayRequestAuthorizerEvent {
  const model = options.model ?? 'claims-triage';
  const headers: Record<string, string> = { Host: 'api.example.com', 'Content-Type': 'application/json' };
  if (options.authorization !== undefined) headers.Authorization = options.authorization;
  return {
    type: 'REQUEST',
    methodArn: options.methodArn ?? routeArn(model),
    resource: `/v1/models/${model}/invoke`,
    path: `/v1/models/${model}/invoke`,
    httpMethod: 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      authorizer: undefined,
      httpMethod: 'POST',
      identity: { sourceIp: options.sourceIp ?? '198.51.100.7' },
      path: `/prod/v1/models/${model}/invoke`,
      protocol: 'HTTP/1.1',
      requestId: 'c0ffee00-1234-4abc-8def-0123456789ab',
      requestTimeEpoch: Date.now(),
      resourceId: 'res123',
      resourcePath: `/v1/models/${model}/invoke`,
      stage: 'prod',
    } as APIGatewayRequestAuthorizerEvent['requestContext'],
  };
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}

/** A logger that keeps parsed lines for assertions. */
export function memoryLogger(): Logger & { readonly lines: Array<Record<string, unknown>>; readonly raw: string[] } {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  return {
    lines,
    raw,
    log(level, message, fields: LogFields = {}) {
      const line = JSON.stringify({ level, message, ...fields });
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  };
}

/** An in-memory JWKS "server": a map from URI to key set, counting calls. */
export function jwksFetcher(sets: Record<string, readonly TestKey[]>): {
  readonly fetch: (uri: string) => Promise<string>;
  readonly calls: string[];
  readonly sets: Record<string, readonly TestKey[]>;
} {
  const calls: string[] = [];
  return {
    calls,
    sets,
    async fetch(uri: string) {
      calls.push(uri);
      const keys = sets[uri];
      if (keys === undefined) throw new Error(`no JWKS at ${uri}`);
      return JSON.stringify(jwksOf(...keys));
    },
  };
}
