/**
 * The contract between `JwtAuthorizer` and the authorizer function: the
 * environment variable, and every rule the function applies when it parses
 * its config. The construct checks its props with these rules at synth and
 * the function checks the JSON with the same rules at cold start, so a config
 * the function would refuse cannot deploy. It imports only lib/api/routes.ts,
 * which imports nothing, so the handler bundle takes both as they are; not
 * exported from the package.
 */
import { MODEL_NAME_PATTERN, MODEL_NAME_RULE, MODEL_ROUTE_TEMPLATE } from '../api/routes';

/** The environment variable the construct puts the JSON config in. */
export const AUTHORIZER_CONFIG_ENV = 'AUTHORIZER_CONFIG';

/** Algorithms aws-jwt-verify can check against a public key. `none` and HS* are never among them. */
export const SIGNATURE_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export const ISSUER_KINDS = ['cognito', 'oidc'] as const;
export const TOKEN_USES = ['access', 'id'] as const;
export const CONDITION_OPERATORS = ['equals', 'in', 'notIn', 'atLeast'] as const;

export interface IntegerLimit {
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/** Longest accepted token, checked before any parsing. */
export const MAX_TOKEN_LENGTH: IntegerLimit = { min: 512, max: 65_536, default: 8192 };
/** Tolerance for `exp`, `nbf` and `iat`. */
export const CLOCK_SKEW_SECONDS: IntegerLimit = { min: 0, max: 300, default: 60 };
/** Entries in the function's decision cache; 0 disables it. */
export const DECISION_CACHE_SIZE: IntegerLimit = { min: 0, max: 100_000, default: 1000 };

export interface StringRule {
  readonly maxLength: number;
  readonly pattern?: RegExp;
  /** What `pattern` admits, in words. */
  readonly patternRule?: string;
}

export interface StringListRule {
  readonly minItems: number;
  readonly maxItems?: number;
  readonly maxLength: number;
}

/** Issuer and JWKS URLs. */
export const URI_RULE: StringRule = { maxLength: 2048 };
/** Claim names: groupsClaim, tenantClaim, tierClaim, usageIdentifierClaim and a condition's claim. */
export const CLAIM_NAME_RULE: StringRule = { maxLength: 256 };
export const MODEL_NAME: StringRule = { maxLength: 64, pattern: MODEL_NAME_PATTERN, patternRule: MODEL_NAME_RULE };
export const AUDIENCE_RULE: StringListRule = { minItems: 1, maxItems: 100, maxLength: 1024 };
export const ALGORITHMS_RULE: StringListRule = { minItems: 1, maxItems: SIGNATURE_ALGORITHMS.length, maxLength: 1024 };
/** allowGroups and allowScopes. */
export const GRANTS_RULE: StringListRule = { minItems: 0, maxLength: 256 };
export const CONDITION_VALUES_RULE: StringListRule = { minItems: 1, maxItems: 1000, maxLength: 1024 };
export const CONDITION_ORDER_RULE: StringListRule = { minItems: 2, maxItems: 100, maxLength: 1024 };

/** Why a string breaks `rule` ("expected ..."), or undefined. */
export function stringProblem(value: unknown, rule: StringRule): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'a non-empty string';
  if (value.length > rule.maxLength) return `at most ${rule.maxLength} characters`;
  if (rule.pattern && !rule.pattern.test(value)) return rule.patternRule ?? `a string matching ${rule.pattern.source}`;
  return undefined;
}

/** Why a list breaks `rule` ("expected ..."), or undefined. A repeated entry is a mistake, never a no-op. */
export function stringListProblem(value: unknown, rule: StringListRule): string | undefined {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0 || v.length > rule.maxLength)) {
    return `an array of non-empty strings (at most ${rule.maxLength} characters each)`;
  }
  if (value.length < rule.minItems) return `at least ${rule.minItems} item(s)`;
  if (rule.maxItems !== undefined && value.length > rule.maxItems) return `at most ${rule.maxItems} items`;
  if (new Set(value).size !== value.length) return 'no value repeated';
  return undefined;
}

export function integerProblem(value: unknown, limit: IntegerLimit): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < limit.min || value > limit.max) {
    return `an integer from ${limit.min} to ${limit.max}`;
  }
  return undefined;
}

/** Where keys may be fetched from: https, or http on a loopback host when a test allows it. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** Why `uri` may not be used as an issuer or to fetch keys ("expected ..."), or undefined when it may. */
export function keyUriProblem(uri: string, allowLoopbackHttp: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'an absolute URL';
  }
  if (url.username !== '' || url.password !== '') return 'a URL without credentials';
  if (url.hash !== '') return 'a URL without a fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && allowLoopbackHttp) {
    return isLoopbackHost(url.hostname) ? undefined : 'an https URL, or http on a loopback host only (127.0.0.1, localhost, [::1])';
  }
  return 'an https URL';
}

/** API Gateway's method verbs; `ANY` covers every verb of its path. */
export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;
export const ANY_METHOD = 'ANY';
/** The path segment that holds the model name. */
export const MODEL_PLACEHOLDER = '{model}';
/** At most this many routes: every policy names each of them once per model. */
export const MAX_ROUTES = 50;
const ROUTE_PATH = /^\/$|^(?:\/(?:(?!\.{1,2}(?:\/|$))[A-Za-z0-9._~-]+|\{model\}))+$/;
const ROUTE_PATH_MAX_LENGTH = 1024;
export const ROUTE_PATH_RULE = `a resource path such as /v1/summarize or /v1/models/{model}/invoke: "/", or segments of [A-Za-z0-9._~-] `
  + `and at most one ${MODEL_PLACEHOLDER} segment, at most ${ROUTE_PATH_MAX_LENGTH} characters`;

/** One route of the function's config: `VERB/path` as a method ARN ends with. */
export interface RouteConfig {
  /** E.g. `POST/v1/models/{model}/invoke` or `POST/chat`. */
  readonly route: string;
  /** Only for a route without `{model}`: the model rule that decides it. */
  readonly model?: string;
}

/** What the function guards unless told otherwise: the gateway's model route. */
export const DEFAULT_ROUTES: readonly RouteConfig[] = [{ route: MODEL_ROUTE_TEMPLATE }];

/** A route split into its verb and path; undefined when it has no known verb. */
export function splitRoute(route: string): { readonly method: string; readonly path: string } | undefined {
  const slash = route.indexOf('/');
  const method = route.slice(0, Math.max(slash, 0));
  if (slash < 0 || !(ROUTE_METHODS as readonly string[]).includes(method)) return undefined;
  return { method, path: route.slice(slash) };
}

export function methodProblem(method: unknown): string | undefined {
  return typeof method === 'string' && (ROUTE_METHODS as readonly string[]).includes(method) ? undefined : `one of ${ROUTE_METHODS.join(', ')}`;
}

export function routePathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string' || path.length > ROUTE_PATH_MAX_LENGTH || !ROUTE_PATH.test(path)) return ROUTE_PATH_RULE;
  if (path.split(MODEL_PLACEHOLDER).length > 2) return ROUTE_PATH_RULE;
  return undefined;
}

export function hasModelSegment(path: string): boolean {
  return path.includes(MODEL_PLACEHOLDER);
}

/** A problem with one route of a set: which entry, which field, and what was expected. */
export interface RouteProblem {
  readonly index: number;
  readonly field: 'route' | 'model';
  readonly expected: string;
}

/**
 * Checks a set of routes against the model rules: each route well formed, a
 * model named where the path has no `{model}` (and only there), every model
 * reachable, and no request that two routes would claim (a template route
 * expanded with every model, `ANY` overlapping every verb).
 */
export function routeSetProblems(routes: readonly RouteConfig[], models: readonly string[]): RouteProblem[] {
  const problems: RouteProblem[] = [];
  if (routes.length === 0 || routes.length > MAX_ROUTES) return [{ index: -1, field: 'route', expected: `1 to ${MAX_ROUTES} routes` }];
  const claimed = new Map<string, Array<{ method: string; index: number }>>();
  const reached = new Set<string>();
  routes.forEach((entry, index) => {
    const parts = splitRoute(entry.route);
    const pathProblem = parts === undefined ? methodProblem(entry.route.split('/')[0]) : routePathProblem(parts.path);
    if (parts === undefined || pathProblem !== undefined) {
      problems.push({ index, field: 'route', expected: pathProblem ?? ROUTE_PATH_RULE });
      return;
    }
    let concretePaths: string[];
    if (hasModelSegment(parts.path)) {
      if (entry.model !== undefined) problems.push({ index, field: 'model', expected: `no model on a route with a ${MODEL_PLACEHOLDER} segment` });
      models.forEach((m) => reached.add(m));
      concretePaths = models.map((m) => parts.path.replace(MODEL_PLACEHOLDER, m));
    } else {
      if (entry.model === undefined || !models.includes(entry.model)) {
        problems.push({ index, field: 'model', expected: `the model whose rule decides this route, one of ${models.join(', ')}` });
        return;
      }
      reached.add(entry.model);
      concretePaths = [parts.path];
    }
    for (const path of concretePaths) {
      const others = claimed.get(path) ?? [];
      const clash = others.find((o) => o.method === parts.method || o.method === ANY_METHOD || parts.method === ANY_METHOD);
      if (clash !== undefined) {
        problems.push({ index, field: 'route', expected: `a request no other route claims (${parts.method} ${path} is also claimed by route ${clash.index})` });
        return;
      }
      claimed.set(path, [...others, { method: parts.method, index }]);
    }
  });
  if (problems.length === 0) {
    const unreached = models.filter((m) => !reached.has(m));
    if (unreached.length > 0) problems.push({ index: -1, field: 'model', expected: `a route for every model rule (none reaches ${unreached.join(', ')})` });
  }
  return problems;
}
