/**
 * The route layout of the gateway and the rules for the routes a JWT
 * authorizer guards, in one place. The constructs, the authorizer function's
 * policy and the API catalog derive their paths from here. No imports, so
 * handler bundles include this file as it is; not exported from the package.
 */
export const MODEL_ROUTE_METHOD = 'POST';

/** The path segment that holds the model name. */
export const MODEL_PLACEHOLDER = '{model}';

/** Path segments above a model's own resource. */
export const MODEL_ROUTE_PREFIX = ['v1', 'models'] as const;

/** Path segment below a model's own resource. */
export const MODEL_ROUTE_ACTION = 'invoke';

/** Path segments below a model's own resource of its OpenAI-compatible chat route. */
export const CHAT_ROUTE_ACTION = ['chat', 'completions'] as const;

/** The resource path of a model's chat completions route, e.g. `/v1/models/chat/chat/completions`. */
export function chatRoutePath(model: string): string {
  return `/${[...MODEL_ROUTE_PREFIX, model, ...CHAT_ROUTE_ACTION].join('/')}`;
}

/** The resource path of a model's route, e.g. `/v1/models/chat/invoke`. */
export function modelRoutePath(model: string): string {
  return `/${[...MODEL_ROUTE_PREFIX, model, MODEL_ROUTE_ACTION].join('/')}`;
}

/** The route in the form an execute-api ARN ends with, `{model}` left as a placeholder. */
export const MODEL_ROUTE_TEMPLATE = `${MODEL_ROUTE_METHOD}${modelRoutePath(MODEL_PLACEHOLDER)}`;

/** The chat completions route in the form an execute-api ARN ends with, `{model}` left as a placeholder. */
export const CHAT_ROUTE_TEMPLATE = `${MODEL_ROUTE_METHOD}${chatRoutePath(MODEL_PLACEHOLDER)}`;

/** Path segments below a model's resource of each route that carries a prompt: invoke, then chat completions. */
export const PROMPT_ROUTE_ACTIONS: readonly (readonly string[])[] = [[MODEL_ROUTE_ACTION], CHAT_ROUTE_ACTION];

/** API Gateway's method verbs; `ANY` covers every verb of its path. */
export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;
export const ANY_METHOD = 'ANY';
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

/**
 * What the function guards unless told otherwise: the gateway's two routes of every model. Both are
 * decided by the same model rule, so a token allowed one model route is allowed the other, and a cached
 * policy covers both.
 */
export const DEFAULT_ROUTES: readonly RouteConfig[] = [{ route: MODEL_ROUTE_TEMPLATE }, { route: CHAT_ROUTE_TEMPLATE }];

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
