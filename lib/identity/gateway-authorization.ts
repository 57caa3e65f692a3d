import { Duration, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import { AiIdentity, AiIdentityOptions } from './ai-identity';
import { IAiIdentity } from './ai-identity-base';
import { JwtAuthorizer } from './jwt-authorizer';
import { IssuerKind, JwtIssuerOptions, ModelAccessOptions } from './jwt-authorizer-props';
import { chatRoutePath, MODEL_PLACEHOLDER, MODEL_ROUTE_METHOD, modelRoutePath } from '../contracts/routes';
import { invalidProp } from '../private/validation';

/** How the gateway's routes prove who calls. */
export enum AuthorizationMode {
  /**
   * The Lambda JWT authorizer: several issuers, RBAC by groups and scopes,
   * ABAC by claims, one decision per token cached across routes.
   */
  JWT = 'JWT',
  /** API Gateway's native Cognito user pool authorizer with one scope per model: no ABAC, no external issuers. */
  COGNITO = 'COGNITO',
}

/** Authorization of the gateway's routes: what a SecureAiGateway takes as `authorization`. */
export interface GatewayAuthorizationOptions {
  /** @default AuthorizationMode.JWT */
  readonly mode?: AuthorizationMode;
  /**
   * Options of the Cognito identity the gateway creates. Not with `existingIdentity`.
   * @default - a user pool with the secure defaults of AiIdentity; unless `externalIssuers`
   * are given, with one machine client, `gateway-client` (client credentials, every model's
   * scope), and a domain prefix derived from the stack
   */
  readonly identity?: AiIdentityOptions;
  /**
   * An identity you created (`new AiIdentity(...)`) or imported (`AiIdentity.fromAiIdentityAttributes(...)`),
   * with a scope for each of the gateway's models. Not with `identity`.
   * @default - the gateway creates one
   */
  readonly existingIdentity?: IAiIdentity;
  /** JWT mode: issuers besides the Cognito pool (Okta, Auth0, Entra ID, ...). @default - none */
  readonly externalIssuers?: JwtIssuerOptions[];
  /**
   * JWT mode: who may invoke each model. Models without a rule are granted to
   * holders of their scope (`<server>/<model>.invoke`) or of the admin scope.
   * @default - scope-based access for every model
   */
  readonly modelAccess?: ModelAccessOptions[];
  /** JWT mode: claim passed on as `context.tenant`. @default - none */
  readonly tenantClaim?: string;
  /** JWT mode: claim passed on as `context.tier`. @default - none */
  readonly tierClaim?: string;
  /** JWT mode: claim returned as the usage-plan API key. @default - none */
  readonly usageIdentifierClaim?: string;
  /** How long API Gateway caches a decision. @default Duration.minutes(5) */
  readonly resultsCacheTtl?: Duration;
}

/** Properties of a {@link GatewayAuthorization}. */
export interface GatewayAuthorizationProps extends GatewayAuthorizationOptions {
  /** The models whose routes are authorized: each gets its own scope. At least one. */
  readonly models: string[];
}

/** What a route needs to be authorized. */
export interface RouteAuthorization {
  readonly authorizer: apigateway.IAuthorizer;
  readonly authorizationScopes?: string[];
}

/** The identity and authorizer of a gateway, and each route's authorization. */
export class GatewayAuthorization extends Construct {
  /** How the routes prove who calls. */
  public readonly mode: AuthorizationMode;
  /** The Cognito identity whose scopes the routes require. */
  public readonly identity: IAiIdentity;
  /** The JWT authorizer, in JWT mode. */
  public readonly jwtAuthorizer?: JwtAuthorizer;
  /** The access rules given for single models; the others are granted by scope. */
  public readonly modelAccess: ModelAccessOptions[];
  /** The issuers accepted besides the Cognito pool. */
  public readonly externalIssuers: JwtIssuerOptions[];
  private readonly cognitoAuthorizer?: apigateway.CognitoUserPoolsAuthorizer;

  public constructor(scope: Construct, id: string, props: GatewayAuthorizationProps) {
    super(scope, id);
    const models = props.models;
    if (!Array.isArray(models) || models.length === 0) invalidProp(this, 'models', models, 'at least one model');
    this.mode = props.mode ?? AuthorizationMode.JWT;
    this.modelAccess = [...props.modelAccess ?? []];
    this.externalIssuers = [...props.externalIssuers ?? []];
    if (props.identity && props.existingIdentity) {
      invalidProp(this, 'authorization.identity', 'both identity and existingIdentity', 'one of identity or existingIdentity');
    }
    this.identity = props.existingIdentity ?? new AiIdentity(this, 'Identity', { ...identityOptions(props, models), models });
    for (const model of models) this.identity.scopeFor(model);

    if (this.mode === AuthorizationMode.COGNITO) {
      for (const jwtOnly of ['externalIssuers', 'modelAccess', 'tenantClaim', 'tierClaim', 'usageIdentifierClaim'] as const) {
        if (props[jwtOnly] !== undefined) invalidProp(this, `authorization.${jwtOnly}`, props[jwtOnly], 'nothing in COGNITO mode (it is a JWT mode setting)');
      }
      this.cognitoAuthorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'CognitoAuthorizer', {
        cognitoUserPools: [this.identity.userPool],
        resultsCacheTtl: props.resultsCacheTtl ?? Duration.minutes(5),
      });
      return;
    }

    const clientIds = this.identity.clientIds;
    const issuers: JwtIssuerOptions[] = [
      ...(clientIds.length > 0 ? [{ issuer: this.identity.issuer, kind: IssuerKind.COGNITO, audience: clientIds }] : []),
      ...props.externalIssuers ?? [],
    ];
    if (issuers.length === 0) {
      invalidProp(this, 'authorization', 'an identity without app clients and no externalIssuers',
        'app clients in the identity (their ids are the accepted audiences) or at least one external issuer');
    }
    const explicit = new Map((props.modelAccess ?? []).map((rule) => [rule.model, rule]));
    for (const model of explicit.keys()) {
      if (!models.includes(model)) invalidProp(this, 'authorization.modelAccess[].model', model, `one of the gateway's models (${models.join(', ')})`);
    }
    this.jwtAuthorizer = new JwtAuthorizer(this, 'JwtAuthorizer', {
      issuers,
      modelAccess: models.map((model) => explicit.get(model)
        ?? { model, allowScopes: [this.identity.scopeFor(model), this.identity.adminScopeName] }),
      // Both routes of a model are decided by its one rule, so a cached policy allows (or denies) both.
      routes: [modelRoutePath, chatRoutePath].map((path) => ({ method: MODEL_ROUTE_METHOD, path: path(MODEL_PLACEHOLDER) })),
      tenantClaim: props.tenantClaim,
      tierClaim: props.tierClaim,
      usageIdentifierClaim: props.usageIdentifierClaim,
      resultsCacheTtl: props.resultsCacheTtl,
    });
  }

  /** The authorization of one model's routes (invoke and chat completions alike). */
  public forModel(model: string): RouteAuthorization {
    if (this.cognitoAuthorizer) {
      return { authorizer: this.cognitoAuthorizer, authorizationScopes: [this.identity.scopeFor(model), this.identity.adminScopeName] };
    }
    return { authorizer: this.jwtAuthorizer!.authorizer };
  }

  /** Records, on a JWT-authorized method, why cdk-nag's Cognito-authorizer rule does not apply. */
  public acknowledgeOn(method: apigateway.Method): void {
    if (this.mode !== AuthorizationMode.JWT) return;
    Validations.of(method).acknowledge({
      id: 'AwsSolutions-COG4',
      reason: 'The route is authorized by the JWT Lambda authorizer, which verifies Cognito and external OIDC tokens and applies per-model '
        + 'RBAC/ABAC that the native Cognito authorizer cannot express.',
    });
  }
}

/** Name of the machine client a gateway gets when nothing else could call it. */
const DEFAULT_MACHINE_CLIENT = 'gateway-client';

/**
 * The identity's options: the user's, or, when the user gave none and no external issuer
 * either, one machine client for every model, so that the smallest gateway can be called.
 */
function identityOptions(props: GatewayAuthorizationOptions, models: string[]): AiIdentityOptions {
  if (props.identity || (props.externalIssuers ?? []).length > 0) return props.identity ?? {};
  return { machineClients: [{ name: DEFAULT_MACHINE_CLIENT, models }] };
}
