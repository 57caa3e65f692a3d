import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

/** Who issues a token. */
export enum IssuerKind {
  /** A Cognito user pool: `token_use` and `client_id` are checked. */
  COGNITO = 'cognito',
  /** Any OpenID Connect issuer (Okta, Auth0, Entra ID, ...): `aud` is checked. */
  OIDC = 'oidc',
}

/** Which Cognito token the authorizer accepts. */
export enum TokenUse {
  /** Access tokens, which carry scopes: the right choice for APIs. */
  ACCESS = 'access',
  /** ID tokens. */
  ID = 'id',
}

/** How an ABAC condition compares a claim. */
export enum ClaimOperator {
  /** The claim equals the single value. */
  EQUALS = 'equals',
  /** The claim is one of the values. */
  IN = 'in',
  /** The claim is present and none of the values. */
  NOT_IN = 'notIn',
  /** The claim is at or above the single value in `order`. */
  AT_LEAST = 'atLeast',
}

/** A trusted token issuer. */
export interface JwtIssuerOptions {
  /** The exact `iss` of its tokens (https). */
  readonly issuer: string;
  /** Kind of issuer. */
  readonly kind: IssuerKind;
  /**
   * Accepted audiences: Cognito app client ids, or `aud` values of an OIDC issuer.
   * Required unless `skipAudienceCheck` is set.
   * @default - none
   */
  readonly audience?: string[];
  /**
   * Accept tokens of any audience from this issuer (a warning is added). Only
   * for issuers that mint tokens for this API alone.
   * @default false
   */
  readonly skipAudienceCheck?: boolean;
  /** @default - `${issuer}/.well-known/jwks.json` */
  readonly jwksUri?: string;
  /** Cognito only. @default TokenUse.ACCESS */
  readonly tokenUse?: TokenUse;
  /** Claim with the caller's groups. @default 'cognito:groups' (Cognito) or 'groups' (OIDC) */
  readonly groupsClaim?: string;
  /** Accepted signature algorithms; never `none` or HMAC. @default ['RS256'] */
  readonly algorithms?: string[];
}

/** An ABAC condition on a claim. */
export interface ClaimConditionOptions {
  /** Claim name, e.g. `custom:tenant`. */
  readonly claim: string;
  /** How the claim is compared with the values. */
  readonly comparison: ClaimOperator;
  /** Values to compare with; exactly one for EQUALS and AT_LEAST. */
  readonly values: string[];
  /** For AT_LEAST: the levels from lowest to highest, e.g. ['free', 'pro', 'enterprise']. @default - none */
  readonly order?: string[];
}

/**
 * Restricted versions of a model (canaries, `ModelVersion.restricted`) for some of the
 * callers its rule admits: members of any listed group or holders of any listed scope
 * (anyone admitted when none is listed), for whom every condition holds. At least one
 * group, scope or condition.
 */
export interface VersionAccessOptions {
  /** The versions granted, 1 to 5 names of the model's versions. */
  readonly versions: string[];
  /** Members of any of these groups. @default - none */
  readonly allowGroups?: string[];
  /** Holders of any of these scopes. @default - none */
  readonly allowScopes?: string[];
  /** Conditions that must all hold as well. @default - none */
  readonly conditions?: ClaimConditionOptions[];
}

/** Who may invoke a model: any listed group or scope, and every condition. */
export interface ModelAccessOptions {
  /** The model's name: 1-64 characters of [a-z0-9-], starting and ending with a letter or digit. */
  readonly model: string;
  /** RBAC: members of any of these groups. @default - none */
  readonly allowGroups?: string[];
  /** RBAC: holders of any of these scopes. @default - none */
  readonly allowScopes?: string[];
  /** ABAC: conditions that must all hold as well. @default - none */
  readonly conditions?: ClaimConditionOptions[];
  /**
   * Restricted versions for some of the callers this rule admits: the authorizer passes them to the
   * model's functions in the context field `versions` (`model:version`, comma-separated).
   * @default - no restricted version for anyone
   */
  readonly versionAccess?: VersionAccessOptions[];
}

/**
 * A route the authorizer guards: a method of your RestApi, and which model
 * rule decides it. API Gateway caches one decision per token for every route
 * it guards, so the function's policy names all of them.
 */
export interface AuthorizedRoute {
  /** The method's HTTP verb: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY. */
  readonly method: string;
  /**
   * The method's resource path, e.g. `/v1/summarize`. A `{model}` segment (at
   * most one, a whole segment) says where the model name sits: the route then
   * exists once per model rule, e.g. `/v1/models/{model}/invoke`. Other
   * segments are literal: `[A-Za-z0-9._~-]`, no other path parameters.
   */
  readonly path: string;
  /**
   * For a path without `{model}`: the model rule that decides who may call
   * this route. Not allowed with `{model}`, where the path names the model.
   * @default - none; required when the path has no `{model}` segment
   */
  readonly model?: string;
}

/** Properties of a {@link JwtAuthorizer}. */
export interface JwtAuthorizerProps {
  /** The issuers whose tokens are accepted. At least one. */
  readonly issuers: JwtIssuerOptions[];
  /** Access rules, one per model. A model without a rule is denied to everyone. */
  readonly modelAccess: ModelAccessOptions[];
  /**
   * The routes this authorizer guards. Every method you attach it to must be
   * one of them: the function denies any route it does not know. Each route's
   * model rule decides who may call it.
   * @default - the gateway's model routes, `POST /v1/models/{model}/invoke` and `POST /v1/models/{model}/chat/completions`
   * (what `SecureAiGateway` uses)
   */
  readonly routes?: AuthorizedRoute[];
  /** Claim passed to the integration as `context.tenant`. @default - none */
  readonly tenantClaim?: string;
  /** Claim passed to the integration as `context.tier`. @default - none */
  readonly tierClaim?: string;
  /** Claim returned as the usage-plan API key (key source AUTHORIZER). @default - none */
  readonly usageIdentifierClaim?: string;
  /** How long API Gateway caches a decision per Authorization header, at most 1 hour. @default Duration.minutes(5) */
  readonly resultsCacheTtl?: Duration;
  /** Reserved concurrency of the function. @default 100 */
  readonly reservedConcurrency?: number;
  /** Memory of the function in MB. @default 512 */
  readonly memorySize?: number;
  /** Retention of the function's logs. @default logs.RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
}
