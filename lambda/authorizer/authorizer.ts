/**
 * The REQUEST authorizer: bearer token → verified claims → per-model verdicts
 * → a policy over every configured route. Fails closed: anything short of a
 * verified token is `Unauthorized` (401); a verified caller on a route it may
 * not use gets the policy with an explicit Deny for it (403).
 */
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { createJsonLogger, type Logger } from '../shared/logger';
import { authorizeModels, grantedVersions, groupsOf, type ModelVerdict, scopesOf } from './authorize';
import { audit } from './audit';
import { extractBearerToken } from './bearer-token';
import { type Claims, claimValues } from './conditions';
import { type AuthorizerConfig, AuthorizerConfigError, parseAuthorizerConfig, type ResolvedAuthorizerConfig, type ResolvedIssuerConfig } from './config';
import { DecisionCache, tokenCacheKey } from './decision-cache';
import { DEFAULT_JWKS_TIMEOUT_MS, fetchJwksOverHttp, type JwksFetcher } from './jwks-fetcher';
import { type AuthorizerContext, buildPolicy } from './policy';
import { Decision, Reason } from './reason-codes';
import { RouteTable } from './routes';
import { TokenVerifier } from './token-verifier';
import { safeErrorName } from '../shared/error-name';

export type AuthorizerHandler = (event: APIGatewayRequestAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>;

export interface AuthorizerDeps {
  /** Epoch milliseconds; decides token expiry and cache lifetime. @default Date.now */
  readonly now?: () => number;
  /** Where audit lines go. @default a JSON logger on stdout */
  readonly logger?: Logger;
  /** How a JWKS is downloaded. @default https GET (loopback http when the config allows it) */
  readonly fetchJwks?: JwksFetcher;
  /** Deadline for one JWKS download. @default 1500 */
  readonly jwksTimeoutMs?: number;
}

/** API Gateway turns exactly this message into a 401. */
export const UNAUTHORIZED = 'Unauthorized';
export const LOG_SERVICE = 'authorizer';

/** The 401 answer, without a stack that would only add internal paths to the function's log. */
export function unauthorized(): Error {
  const err = new Error(UNAUTHORIZED);
  err.stack = `Error: ${UNAUTHORIZED}`;
  return err;
}

/** What a verified token may do; this, never the token, is what the decision cache holds. */
interface VerifiedAccess {
  readonly principalId: string;
  readonly verdicts: ReadonlyMap<string, ModelVerdict>;
  readonly context: AuthorizerContext;
  readonly usageIdentifierKey?: string;
  /** Set when the token verified but must not be allowed anywhere. */
  readonly blockedReason?: Reason;
}

interface Outcome {
  readonly decision: Decision;
  readonly reason: Reason;
  readonly result?: APIGatewayAuthorizerResult;
  readonly principalId?: string;
  readonly model?: string;
  readonly cached?: boolean;
  readonly errorName?: string;
}

const MAX_CONTEXT_VALUE_LENGTH = 256;

export function createAuthorizer(config: AuthorizerConfig | ResolvedAuthorizerConfig, deps: AuthorizerDeps = {}): AuthorizerHandler {
  const parsed = parseAuthorizerConfig(config);
  if (!parsed.success) throw new AuthorizerConfigError(parsed.errors);
  const resolved = parsed.data;
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? createJsonLogger({ service: LOG_SERVICE });
  const routes = new RouteTable(resolved.routes, resolved.models.map((m) => m.model));
  const cache = new DecisionCache<VerifiedAccess>(resolved.decisionCacheSize, now);
  const verifier = new TokenVerifier(resolved, {
    fetchJwks: deps.fetchJwks ?? fetchJwksOverHttp,
    jwksTimeoutMs: deps.jwksTimeoutMs ?? DEFAULT_JWKS_TIMEOUT_MS,
    now,
  });

  async function decide(event: APIGatewayRequestAuthorizerEvent): Promise<Outcome> {
    const method = routes.match(event.methodArn);
    if (method === undefined) return { decision: Decision.UNAUTHORIZED, reason: Reason.UNKNOWN_ROUTE };
    const model = method.model;
    const extracted = extractBearerToken(event, resolved.maxTokenLength);
    if (!extracted.ok) return { decision: Decision.UNAUTHORIZED, reason: extracted.reason, model };

    const key = resolved.decisionCacheSize > 0 ? tokenCacheKey(extracted.token) : undefined;
    let access = key === undefined ? undefined : cache.get(key);
    const cached = access !== undefined;
    if (access === undefined) {
      const verification = await verifier.verify(extracted.token);
      if (!verification.ok) return { decision: Decision.UNAUTHORIZED, reason: verification.reason, model, errorName: verification.errorName };
      access = evaluate(resolved, verification.payload, verification.issuer);
      if (key !== undefined) cache.set(key, access, Number(verification.payload.exp) * 1000);
    }

    const reason = access.blockedReason ?? (model === undefined ? Reason.UNKNOWN_ROUTE : (access.verdicts.get(model) ?? Reason.MODEL_NOT_PERMITTED));
    const result = buildPolicy({
      principalId: access.principalId,
      routeArns: routes.arnsFor(method.apiPrefix),
      verdicts: access.verdicts,
      alsoDeny: model === undefined ? [`${method.apiPrefix}/${method.route}`] : [],
      context: access.context,
      usageIdentifierKey: access.usageIdentifierKey,
    });
    const decision = reason === Reason.ALLOWED ? Decision.ALLOW : Decision.DENY;
    return { decision, reason, result, principalId: access.principalId, model, cached };
  }

  return async function authorize(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
    const started = performance.now();
    let outcome: Outcome;
    try {
      outcome = await decide(event);
    } catch (err) {
      outcome = { decision: Decision.UNAUTHORIZED, reason: Reason.INTERNAL_ERROR, errorName: safeErrorName(err) };
    }
    const { decision, reason, principalId, model, cached = false, errorName } = outcome;
    audit(logger, event, { decision, reason, principalId, model, cached, errorName, latencyMs: performance.now() - started });
    if (outcome.result === undefined) throw unauthorized();
    return outcome.result;
  };
}

/** Turns verified claims into verdicts and the context API Gateway forwards. */
function evaluate(config: ResolvedAuthorizerConfig, claims: Claims, issuer: ResolvedIssuerConfig): VerifiedAccess {
  const principalId = String(claims.sub);
  const scopes = scopesOf(claims);
  const principal = { groups: groupsOf(claims, issuer.groupsClaim), scopes: new Set(scopes), claims };
  const verdicts = authorizeModels(config.models, principal);
  const versions = grantedVersions(config.models, verdicts, principal);
  const tenant = scalarClaim(claims, config.tenantClaim);
  const tier = scalarClaim(claims, config.tierClaim);
  const context: { -readonly [K in keyof AuthorizerContext]: AuthorizerContext[K] } = { principalId, scopes: scopes.join(' ') };
  if (tenant !== undefined) context.tenant = tenant;
  if (tier !== undefined) context.tier = tier;
  if (versions.length > 0) context.versions = versions.join(',');
  if (config.usageIdentifierClaim === undefined) return { principalId, verdicts, context };
  const usageIdentifierKey = scalarClaim(claims, config.usageIdentifierClaim);
  return usageIdentifierKey === undefined
    ? { principalId, verdicts: denyAll(verdicts), context, blockedReason: Reason.MISSING_USAGE_IDENTIFIER }
    : { principalId, verdicts, context, usageIdentifierKey };
}

function scalarClaim(claims: Claims, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const values = claimValues(claims, name);
  return values?.length === 1 && values[0].length <= MAX_CONTEXT_VALUE_LENGTH ? values[0] : undefined;
}

function denyAll(verdicts: ReadonlyMap<string, ModelVerdict>): ReadonlyMap<string, ModelVerdict> {
  return new Map([...verdicts.keys()].map((model) => [model, Reason.MODEL_NOT_PERMITTED]));
}
