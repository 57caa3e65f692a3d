/**
 * The authorizer's configuration: what the CDK construct serializes into the
 * `AUTHORIZER_CONFIG` environment variable. JSON only, validated strictly at
 * cold start; an invalid config makes every call fail closed.
 */
import {
  ConfigIssues,
  type ConfigResult,
  type JsonObject,
  checkStringList,
  parseConfig,
  readBoolean,
  readChoice,
  readInteger,
  readObjectList,
  readString,
  readStringList,
  rejectUnknownKeys,
} from '../shared/config-reader';
import {
  ALGORITHMS_RULE,
  AUDIENCE_RULE,
  AUTHORIZER_CONFIG_ENV,
  CLAIM_NAME_RULE,
  CLOCK_SKEW_SECONDS,
  CONDITION_OPERATORS,
  CONDITION_ORDER_RULE,
  CONDITION_VALUES_RULE,
  DECISION_CACHE_SIZE,
  GRANTED_VERSIONS_RULE,
  GRANTS_RULE,
  ISSUER_KINDS,
  keyUriProblem,
  MAX_TOKEN_LENGTH,
  ROUTE_RULE,
  SIGNATURE_ALGORITHMS,
  TOKEN_USES,
  URI_RULE,
  VERSION_GRANTS_RULE,
} from '../../lib/contracts/authorizer';
import { ROUTING_ID } from '../../lib/contracts/model-proxy';
import { MODEL_NAME } from '../../lib/contracts/model-names';
import { DEFAULT_ROUTES, type RouteConfig, routeSetProblems } from '../../lib/contracts/routes';

export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];
export type IssuerKind = (typeof ISSUER_KINDS)[number];
export type TokenUse = (typeof TOKEN_USES)[number];
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export interface IssuerConfig {
  /** Exact `iss` value; https unless `allowLoopbackHttpJwks` and a loopback host. */
  readonly issuer: string;
  /** @default `${issuer}/.well-known/jwks.json` */
  readonly jwksUri?: string;
  readonly kind: IssuerKind;
  /** Client ids (cognito: `client_id` of access tokens, `aud` of id tokens) or `aud` values; null = explicitly not checked. */
  readonly audience: readonly string[] | null;
  /** Cognito only. null = explicitly not checked. @default 'access' */
  readonly tokenUse?: TokenUse | null;
  /** @default 'cognito:groups' for cognito, 'groups' for oidc */
  readonly groupsClaim?: string;
  /** @default ['RS256'] */
  readonly algorithms?: readonly SignatureAlgorithm[];
}

export interface ClaimCondition {
  readonly claim: string;
  readonly operator: ConditionOperator;
  /** For `equals` and `atLeast`: exactly one value. */
  readonly values: readonly string[];
  /** For `atLeast` only: the levels from lowest to highest. */
  readonly order?: readonly string[];
}

/**
 * Restricted versions of a model (canaries) for some of the callers the model
 * rule admits: any listed group or scope (or none listed), and every condition.
 */
export interface VersionGrant {
  readonly versions: readonly string[];
  readonly allowGroups?: readonly string[];
  readonly allowScopes?: readonly string[];
  readonly conditions?: readonly ClaimCondition[];
}

export interface ModelAccessRule {
  readonly model: string;
  /** RBAC: membership in any of these groups grants the model … */
  readonly allowGroups?: readonly string[];
  /** … and so does any of these scopes. */
  readonly allowScopes?: readonly string[];
  /** ABAC: every condition must hold as well. */
  readonly conditions?: readonly ClaimCondition[];
  /** Restricted versions for some of the admitted callers. @default - none */
  readonly versionAccess?: readonly VersionGrant[];
}

export interface ResolvedVersionGrant {
  readonly versions: readonly string[];
  readonly allowGroups: readonly string[];
  readonly allowScopes: readonly string[];
  readonly conditions: readonly ClaimCondition[];
}

export interface AuthorizerConfig {
  readonly issuers: readonly IssuerConfig[];
  readonly models: readonly ModelAccessRule[];
  /**
   * The routes the function guards: a `{model}` segment says where the model name sits;
   * a route without one names the model whose rule decides it.
   * @default [{ route: 'POST/v1/models/{model}/invoke' }]
   */
  readonly routes?: readonly RouteConfig[];
  /** Claim copied to `context.tenant`. @default - no tenant in the context */
  readonly tenantClaim?: string;
  /** Claim copied to `context.tier`. @default - no tier in the context */
  readonly tierClaim?: string;
  /** Claim returned as `usageIdentifierKey` (API key source AUTHORIZER). @default - none */
  readonly usageIdentifierClaim?: string;
  /** Longest accepted token, checked before any parsing. @default 8192 */
  readonly maxTokenLength?: number;
  /** @default 60 */
  readonly clockSkewSeconds?: number;
  /** Entries in the decision cache; 0 disables it. @default 1000 */
  readonly decisionCacheSize?: number;
  /** Tests only: allows http:// issuers and JWKS on 127.0.0.1/localhost/[::1]. @default false */
  readonly allowLoopbackHttpJwks?: boolean;
}

/** An issuer with every default applied. */
export interface ResolvedIssuerConfig {
  readonly issuer: string;
  readonly jwksUri: string;
  readonly kind: IssuerKind;
  readonly audience: readonly string[] | null;
  /** Always null for oidc issuers, which have no `token_use`. */
  readonly tokenUse: TokenUse | null;
  readonly groupsClaim: string;
  readonly algorithms: readonly SignatureAlgorithm[];
}

export interface ResolvedModelAccessRule {
  readonly model: string;
  readonly allowGroups: readonly string[];
  readonly allowScopes: readonly string[];
  readonly conditions: readonly ClaimCondition[];
  readonly versionAccess: readonly ResolvedVersionGrant[];
}

/** The config with every default applied, as the authorizer uses it. */
export interface ResolvedAuthorizerConfig {
  readonly issuers: readonly ResolvedIssuerConfig[];
  readonly models: readonly ResolvedModelAccessRule[];
  readonly routes: readonly RouteConfig[];
  readonly tenantClaim?: string;
  readonly tierClaim?: string;
  readonly usageIdentifierClaim?: string;
  readonly maxTokenLength: number;
  readonly clockSkewSeconds: number;
  readonly decisionCacheSize: number;
  readonly allowLoopbackHttpJwks: boolean;
}


/** Thrown by `createAuthorizer` when it is given a config that does not parse; `issues` names every field that is wrong. */
export class AuthorizerConfigError extends Error {
  public constructor(public readonly issues: readonly string[]) {
    super(`Invalid authorizer config: ${issues.join('; ')}`);
    this.name = 'AuthorizerConfigError';
  }
}

/**
 * Validates a config (the JSON text of {@link AUTHORIZER_CONFIG_ENV} or an
 * already parsed value) and applies the defaults.
 */
export function parseAuthorizerConfig(json: unknown): ConfigResult<ResolvedAuthorizerConfig> {
  return parseConfig(json, AUTHORIZER_CONFIG_ENV, readAuthorizerConfig);
}

function readAuthorizerConfig(value: JsonObject, issues: ConfigIssues): ResolvedAuthorizerConfig {
  rejectUnknownKeys(value, [
    'issuers', 'models', 'routes', 'tenantClaim', 'tierClaim', 'usageIdentifierClaim',
    'maxTokenLength', 'clockSkewSeconds', 'decisionCacheSize', 'allowLoopbackHttpJwks',
  ], '', issues);

  const allowLoopbackHttpJwks = readBoolean(value, 'allowLoopbackHttpJwks', '', issues) ?? false;
  const issuers = readObjectList(value, 'issuers', '', issues, 1, (item, at) => parseIssuer(item, at, issues, allowLoopbackHttpJwks));
  reportDuplicates(issuers.map((i) => i.issuer), 'issuers', 'issuer', issues);
  const beforeModels = issues.list.length;
  const models = readObjectList(value, 'models', '', issues, 1, (item, at) => parseModelRule(item, at, issues));
  reportDuplicates(models.map((m) => m.model), 'models', 'model', issues);
  const modelsParsed = issues.list.length === beforeModels;

  return {
    issuers,
    models,
    routes: parseRoutes(value, modelsParsed ? models.map((m) => m.model) : undefined, issues),
    tenantClaim: readString(value, 'tenantClaim', '', issues, CLAIM_NAME_RULE),
    tierClaim: readString(value, 'tierClaim', '', issues, CLAIM_NAME_RULE),
    usageIdentifierClaim: readString(value, 'usageIdentifierClaim', '', issues, CLAIM_NAME_RULE),
    maxTokenLength: readInteger(value, 'maxTokenLength', '', issues, MAX_TOKEN_LENGTH) ?? MAX_TOKEN_LENGTH.default,
    clockSkewSeconds: readInteger(value, 'clockSkewSeconds', '', issues, CLOCK_SKEW_SECONDS) ?? CLOCK_SKEW_SECONDS.default,
    decisionCacheSize: readInteger(value, 'decisionCacheSize', '', issues, DECISION_CACHE_SIZE) ?? DECISION_CACHE_SIZE.default,
    allowLoopbackHttpJwks,
  };
}

function parseIssuer(item: JsonObject, at: string, issues: ConfigIssues, allowLoopbackHttp: boolean): ResolvedIssuerConfig | undefined {
  rejectUnknownKeys(item, ['issuer', 'jwksUri', 'kind', 'audience', 'tokenUse', 'groupsClaim', 'algorithms'], at, issues);
  const before = issues.list.length;
  const issuer = readString(item, 'issuer', at, issues, { ...URI_RULE, required: true });
  if (issuer !== undefined) {
    const problem = keyUriProblem(issuer, allowLoopbackHttp);
    if (problem) issues.add(`${at}.issuer`, `expected ${problem}`);
  }
  const jwksUri = readString(item, 'jwksUri', at, issues, URI_RULE);
  if (jwksUri !== undefined) {
    const problem = keyUriProblem(jwksUri, allowLoopbackHttp);
    if (problem) issues.add(`${at}.jwksUri`, `expected ${problem}`);
  }
  const kind = readChoice(item, 'kind', at, issues, ISSUER_KINDS, true);
  const audience = parseAudience(item, at, issues);
  const tokenUse = parseTokenUse(item, at, issues, kind);
  const groupsClaim = readString(item, 'groupsClaim', at, issues, CLAIM_NAME_RULE);
  const algorithms = parseAlgorithms(item, at, issues);
  if (issues.list.length > before || issuer === undefined || kind === undefined || audience === undefined) return undefined;
  return {
    issuer,
    jwksUri: jwksUri ?? `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`,
    kind,
    audience,
    tokenUse,
    groupsClaim: groupsClaim ?? (kind === 'cognito' ? 'cognito:groups' : 'groups'),
    algorithms,
  };
}

/** Audience has no silent default: a list, or null on purpose. */
function parseAudience(item: JsonObject, at: string, issues: ConfigIssues): readonly string[] | null | undefined {
  if (!Object.prototype.hasOwnProperty.call(item, 'audience')) {
    issues.add(`${at}.audience`, 'is required: list the accepted client ids / audiences, or set null to not check them');
    return undefined;
  }
  if (item.audience === null) return null;
  return checkStringList(item.audience, `${at}.audience`, issues, AUDIENCE_RULE);
}

function parseTokenUse(item: JsonObject, at: string, issues: ConfigIssues, kind: IssuerKind | undefined): TokenUse | null {
  const present = Object.prototype.hasOwnProperty.call(item, 'tokenUse') && item.tokenUse !== undefined;
  if (kind === 'oidc') {
    if (present && item.tokenUse !== null) issues.add(`${at}.tokenUse`, 'applies to cognito issuers only');
    return null;
  }
  if (!present) return 'access';
  if (item.tokenUse === null) return null;
  return readChoice(item, 'tokenUse', at, issues, TOKEN_USES) ?? null;
}

function parseAlgorithms(item: JsonObject, at: string, issues: ConfigIssues): readonly SignatureAlgorithm[] {
  const list = readStringList(item, 'algorithms', at, issues, ALGORITHMS_RULE);
  if (list === undefined) return ['RS256'];
  for (const alg of list) {
    if (alg.toLowerCase() === 'none' || /^HS/i.test(alg)) {
      issues.add(`${at}.algorithms`, `'${alg}' is never accepted: tokens must be signed with an asymmetric key`);
    } else if (!(SIGNATURE_ALGORITHMS as readonly string[]).includes(alg)) {
      issues.add(`${at}.algorithms`, `'${alg}' is not supported (use ${SIGNATURE_ALGORITHMS.join(', ')})`);
    }
  }
  return list as SignatureAlgorithm[];
}

function parseModelRule(item: JsonObject, at: string, issues: ConfigIssues): ResolvedModelAccessRule | undefined {
  rejectUnknownKeys(item, ['model', 'allowGroups', 'allowScopes', 'conditions', 'versionAccess'], at, issues);
  const before = issues.list.length;
  const model = readString(item, 'model', at, issues, { ...MODEL_NAME, required: true });
  const allowGroups = readStringList(item, 'allowGroups', at, issues, GRANTS_RULE) ?? [];
  const allowScopes = readStringList(item, 'allowScopes', at, issues, GRANTS_RULE) ?? [];
  if (allowGroups.length === 0 && allowScopes.length === 0 && issues.list.length === before) {
    issues.add(at, 'needs at least one entry in allowGroups or allowScopes (a model nobody may call should be left out of the API)');
  }
  const conditions = readObjectList(item, 'conditions', at, issues, 0, (c, cAt) => parseCondition(c, cAt, issues));
  const versionAccess = readObjectList(item, 'versionAccess', at, issues, 0, (g, gAt) => parseVersionGrant(g, gAt, issues));
  if (Array.isArray(item.versionAccess) && item.versionAccess.length > VERSION_GRANTS_RULE.maxItems) {
    issues.add(`${at}.versionAccess`, `must have at most ${VERSION_GRANTS_RULE.maxItems} items`);
  }
  if (issues.list.length > before || model === undefined) return undefined;
  return { model, allowGroups, allowScopes, conditions, versionAccess };
}

function parseVersionGrant(item: JsonObject, at: string, issues: ConfigIssues): ResolvedVersionGrant | undefined {
  rejectUnknownKeys(item, ['versions', 'allowGroups', 'allowScopes', 'conditions'], at, issues);
  const before = issues.list.length;
  const versions = readStringList(item, 'versions', at, issues, { ...GRANTED_VERSIONS_RULE, required: true });
  for (const version of versions ?? []) {
    if (!ROUTING_ID.pattern.test(version)) issues.add(`${at}.versions`, `expected version names of ${ROUTING_ID.patternRule}`);
  }
  const allowGroups = readStringList(item, 'allowGroups', at, issues, GRANTS_RULE) ?? [];
  const allowScopes = readStringList(item, 'allowScopes', at, issues, GRANTS_RULE) ?? [];
  const conditions = readObjectList(item, 'conditions', at, issues, 0, (c, cAt) => parseCondition(c, cAt, issues));
  // A grant with nothing to match would hand the canary to every caller of the model: that is an unrestricted version.
  if (allowGroups.length === 0 && allowScopes.length === 0 && conditions.length === 0 && issues.list.length === before) {
    issues.add(at, 'needs at least one entry in allowGroups, allowScopes or conditions');
  }
  if (issues.list.length > before || versions === undefined) return undefined;
  return { versions, allowGroups, allowScopes, conditions };
}

function parseCondition(item: JsonObject, at: string, issues: ConfigIssues): ClaimCondition | undefined {
  rejectUnknownKeys(item, ['claim', 'operator', 'values', 'order'], at, issues);
  const before = issues.list.length;
  const claim = readString(item, 'claim', at, issues, { ...CLAIM_NAME_RULE, required: true });
  const operator = readChoice(item, 'operator', at, issues, CONDITION_OPERATORS, true);
  const values = readStringList(item, 'values', at, issues, { ...CONDITION_VALUES_RULE, required: true });
  const order = readStringList(item, 'order', at, issues, CONDITION_ORDER_RULE);
  if ((operator === 'equals' || operator === 'atLeast') && values !== undefined && values.length !== 1) {
    issues.add(`${at}.values`, `must hold exactly one value for '${operator}'`);
  }
  if (operator === 'atLeast') {
    if (item.order === undefined) issues.add(`${at}.order`, "is required for 'atLeast': the levels from lowest to highest");
    else if (order !== undefined && values !== undefined && !order.includes(values[0])) {
      issues.add(`${at}.values`, "the threshold must be one of the levels in 'order'");
    }
  } else if (operator !== undefined && item.order !== undefined) {
    issues.add(`${at}.order`, "applies to 'atLeast' only");
  }
  if (issues.list.length > before || claim === undefined || operator === undefined || values === undefined) return undefined;
  return order === undefined ? { claim, operator, values } : { claim, operator, values, order };
}

/** Routes are checked against the models only when every model rule parsed; a broken rule is reported on its own. */
function parseRoutes(value: JsonObject, models: readonly string[] | undefined, issues: ConfigIssues): readonly RouteConfig[] {
  if (value.routes === undefined) return DEFAULT_ROUTES;
  const before = issues.list.length;
  const routes = readObjectList(value, 'routes', '', issues, 1, (item, at) => {
    rejectUnknownKeys(item, ['route', 'model'], at, issues);
    const route = readString(item, 'route', at, issues, { ...ROUTE_RULE, required: true });
    const model = readString(item, 'model', at, issues, MODEL_NAME);
    return route === undefined ? undefined : { route, ...(model === undefined ? {} : { model }) };
  });
  if (issues.list.length > before || models === undefined) return routes;
  for (const problem of routeSetProblems(routes, models)) {
    issues.add(problem.index < 0 ? 'routes' : `routes[${problem.index}].${problem.field}`, `expected ${problem.expected}`);
  }
  return routes;
}

function reportDuplicates(values: readonly string[], path: string, field: string, issues: ConfigIssues): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) issues.add(path, `${field} '${value}' appears more than once`);
    seen.add(value);
  }
}
