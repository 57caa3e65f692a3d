import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { compact, ISSUERS_EXTENSION, JsonObject } from './catalog-json';
import { IAiIdentity } from '../identity/ai-identity-base';
import { IssuerKind, JwtIssuerOptions, ModelAccessOptions } from '../identity/jwt-authorizer-props';
import { intrinsicText } from '../private/intrinsic-text';

/** Names of the security schemes in `components.securitySchemes`. */
export const SecurityScheme = {
  JWT: 'jwt',
  COGNITO: 'cognito',
  SIGV4: 'sigv4',
  API_KEY: 'apiKey',
  OTHER_AUTHORIZER: 'otherAuthorizer',
} as const;

/** What the catalog knows about the gateway's authorization. */
export interface SecurityContext {
  readonly stack: Stack;
  readonly identity: IAiIdentity;
  /** The gateway's JWT authorizer id as text, in JWT mode. */
  readonly jwtAuthorizerId?: string;
  /** The gateway's Cognito authorizer id as text, in COGNITO mode. */
  readonly cognitoAuthorizerId?: string;
  readonly modelAccess: readonly ModelAccessOptions[];
  readonly externalIssuers: readonly JwtIssuerOptions[];
  /** Clients send the API key in `x-api-key` (key source HEADER). */
  readonly apiKeyInHeader: boolean;
}

export interface OperationSecurity {
  /** OpenAPI security requirements: any one of them suffices. */
  readonly requirements: JsonObject[];
  /** The operation's authorization as the catalog extension describes it. */
  readonly authorization: JsonObject;
  readonly schemes: string[];
  readonly authorized: boolean;
  readonly iamAuthorized: boolean;
}

/**
 * The JWT authorizer's rule for a model: the one given, or what the gateway
 * grants by default (the model's scope or the admin scope, as GatewayAuthorization does).
 */
function accessRule(ctx: SecurityContext, model: string): ModelAccessOptions {
  return ctx.modelAccess.find((rule) => rule.model === model)
    ?? { model, allowScopes: [ctx.identity.scopeFor(model), ctx.identity.adminScopeName] };
}

/** One requirement per scope (OpenAPI lists alternatives; API Gateway accepts any listed scope). */
function anyScope(scheme: string, scopes: readonly string[]): JsonObject[] {
  return scopes.length > 0 ? scopes.map((scope) => ({ [scheme]: [scope] })) : [{ [scheme]: [] }];
}

export function operationSecurity(ctx: SecurityContext, cfn: apigateway.CfnMethod, model: string | undefined): OperationSecurity {
  const type = String(ctx.stack.resolve(cfn.authorizationType) ?? 'NONE');
  const authorizer = cfn.authorizerId === undefined ? undefined : intrinsicText(ctx.stack, cfn.authorizerId);
  const apiKey = ctx.stack.resolve(cfn.apiKeyRequired) === true && ctx.apiKeyInHeader;
  const withApiKey = (requirements: JsonObject[]): JsonObject[] =>
    apiKey ? requirements.map((r) => ({ ...r, [SecurityScheme.API_KEY]: [] })) : requirements;
  const result = (scheme: string | undefined, requirements: JsonObject[], authorization: JsonObject): OperationSecurity => ({
    requirements: withApiKey(requirements),
    authorization,
    schemes: [scheme, apiKey ? SecurityScheme.API_KEY : undefined].filter((s): s is string => s !== undefined),
    authorized: scheme !== undefined,
    iamAuthorized: scheme === SecurityScheme.SIGV4,
  });

  if (type === 'CUSTOM' && authorizer !== undefined && authorizer === ctx.jwtAuthorizerId) {
    if (model === undefined) {
      return result(SecurityScheme.JWT, [{ [SecurityScheme.JWT]: [] }], { type: 'JWT', access: 'decided by the JWT authorizer from the route' });
    }
    const rule = accessRule(ctx, model);
    return result(SecurityScheme.JWT, anyScope(SecurityScheme.JWT, rule.allowScopes ?? []), compact({
      type: 'JWT',
      anyOfScopes: rule.allowScopes,
      anyOfGroups: rule.allowGroups,
      allOfConditions: rule.conditions?.map((c) => compact({ claim: c.claim, operator: c.comparison, values: c.values, order: c.order })),
    }));
  }
  if (type === 'COGNITO_USER_POOLS' && authorizer !== undefined && authorizer === ctx.cognitoAuthorizerId) {
    const scopes = (ctx.stack.resolve(cfn.authorizationScopes) as string[] | undefined) ?? [];
    return result(SecurityScheme.COGNITO, anyScope(SecurityScheme.COGNITO, scopes), { type: 'COGNITO_USER_POOLS', anyOfScopes: scopes });
  }
  if (type === 'AWS_IAM') return result(SecurityScheme.SIGV4, [{ [SecurityScheme.SIGV4]: [] }], { type: 'AWS_IAM' });
  if (type === 'NONE') return result(undefined, apiKey ? [{}] : [], { type: 'NONE' });
  return result(SecurityScheme.OTHER_AUTHORIZER, [{ [SecurityScheme.OTHER_AUTHORIZER]: [] }], compact({ type, authorizer }));
}

/** The schemes the operations use, and nothing else. */
export function securitySchemes(ctx: SecurityContext, used: ReadonlySet<string>): JsonObject {
  const issuers = [
    ...ctx.identity.clientIds.length > 0 ? [{ issuer: intrinsicText(ctx.stack, ctx.identity.issuer), kind: IssuerKind.COGNITO }] : [],
    ...ctx.externalIssuers.map((issuer) => ({ issuer: intrinsicText(ctx.stack, issuer.issuer), kind: issuer.kind })),
  ];
  const all: JsonObject = {
    [SecurityScheme.JWT]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'A JWT of a trusted issuer in the Authorization header, verified by the gateway\'s Lambda authorizer '
        + '(signature, expiry, issuer, audience) and decided per model by scopes, groups and claim conditions.',
      [ISSUERS_EXTENSION]: issuers,
    },
    [SecurityScheme.COGNITO]: {
      type: 'openIdConnect',
      openIdConnectUrl: `${intrinsicText(ctx.stack, ctx.identity.issuer)}/.well-known/openid-configuration`,
      description: 'A Cognito access token of the gateway\'s user pool, checked by API Gateway\'s Cognito authorizer.',
    },
    [SecurityScheme.SIGV4]: {
      'type': 'apiKey',
      'in': 'header',
      'name': 'Authorization',
      'description': 'AWS Signature Version 4 (IAM authorization).',
      'x-amazon-apigateway-authtype': 'awsSigv4',
    },
    [SecurityScheme.API_KEY]: {
      type: 'apiKey',
      in: 'header',
      name: 'x-api-key',
      description: 'An API key of a usage tier; the tier\'s throttle and quota apply to it.',
    },
    [SecurityScheme.OTHER_AUTHORIZER]: {
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
      description: 'An authorizer that is not the gateway\'s own; see the authorizer named in the operation\'s x-secure-ai-gateway.authorization.',
    },
  };
  return Object.fromEntries(Object.entries(all).filter(([name]) => used.has(name)));
}
