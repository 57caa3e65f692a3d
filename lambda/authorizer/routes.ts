/**
 * Maps between routes and API Gateway method ARNs. A policy returned by the
 * authorizer is cached per token and reused for every route, so it must name
 * every configured route of every model; these ARNs are derived from the
 * `methodArn` of the current call and the configured routes.
 */
import { ANY_METHOD, MODEL_PLACEHOLDER, type RouteConfig, splitRoute } from '../../lib/contracts/routes';

/** `arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>` and `VERB/path` of one call. */
export interface MethodArn {
  readonly apiPrefix: string;
  readonly route: string;
}

const METHOD_ARN = /^(arn:aws[a-z-]*:execute-api:[a-z0-9-]+:\d{12}:[A-Za-z0-9]+\/[A-Za-z0-9_-]+)\/([A-Z]+\/[^*?]*)$/;
/** A handful of stages per API is normal; the bounds only stop a flood of odd ARNs from growing memory. */
const MAX_PREFIXES = 16;
const MAX_MATCHES = 256;

/** A method ARN resolved against the configured routes; `model` is set only for a configured model's route. */
export interface RouteMatch extends MethodArn {
  readonly model?: string;
}

export function parseMethodArn(methodArn: unknown): MethodArn | undefined {
  if (typeof methodArn !== 'string' || methodArn.length > 2048) return undefined;
  const match = METHOD_ARN.exec(methodArn);
  return match ? { apiPrefix: match[1], route: match[2] } : undefined;
}

/** A configured route, split where the model name sits; `model` set for a route without `{model}`. */
interface CompiledRoute {
  /** `*` for ANY: the verb in a policy ARN that covers every verb. */
  readonly verb: string;
  readonly head: string;
  readonly tail?: string;
  readonly model?: string;
}

export class RouteTable {
  private readonly routes: readonly CompiledRoute[];
  private readonly fixed = new Map<string, string>();
  private readonly models: readonly string[];
  private readonly modelSet: ReadonlySet<string>;
  private readonly arnsByPrefix = new Map<string, ReadonlyMap<string, string>>();
  private readonly matches = new Map<string, RouteMatch>();

  /** `routes` have been validated against `models` (see routeSetProblems): no overlaps, no wildcards. */
  public constructor(routes: readonly RouteConfig[], models: readonly string[]) {
    this.models = models;
    this.modelSet = new Set(models);
    this.routes = routes.map((entry) => {
      const { method, path } = splitRoute(entry.route)!;
      const verb = method === ANY_METHOD ? '*' : method;
      const at = path.indexOf(MODEL_PLACEHOLDER);
      if (at < 0) {
        this.fixed.set(`${verb}${path}`, entry.model!);
        return { verb, head: path, model: entry.model };
      }
      return { verb, head: path.slice(0, at), tail: path.slice(at + MODEL_PLACEHOLDER.length) };
    });
  }

  /** Parses a method ARN and finds its model; remembered, since the same few ARNs come back on every call. */
  public match(methodArn: unknown): RouteMatch | undefined {
    if (typeof methodArn !== 'string') return undefined;
    let match = this.matches.get(methodArn);
    if (match === undefined) {
      const parsed = parseMethodArn(methodArn);
      if (parsed === undefined) return undefined;
      match = { ...parsed, model: this.modelOf(parsed.route) };
      if (this.matches.size >= MAX_MATCHES) this.matches.clear();
      this.matches.set(methodArn, match);
    }
    return match;
  }

  /** The configured model a route (`VERB/path` of a method ARN) belongs to, or undefined. */
  public modelOf(route: string): string | undefined {
    const slash = route.indexOf('/');
    if (slash < 1) return undefined;
    const verb = route.slice(0, slash);
    const path = route.slice(slash);
    const fixed = this.fixed.get(route) ?? this.fixed.get(`*${path}`);
    if (fixed !== undefined) return fixed;
    for (const r of this.routes) {
      if (r.tail === undefined || (r.verb !== verb && r.verb !== '*')) continue;
      if (path.length <= r.head.length + r.tail.length || !path.startsWith(r.head) || !path.endsWith(r.tail)) continue;
      const model = path.slice(r.head.length, path.length - r.tail.length);
      if (this.modelSet.has(model)) return model;
    }
    return undefined;
  }

  /** The method ARN of every configured route under one API and stage, each with the model that decides it. */
  public arnsFor(apiPrefix: string): ReadonlyMap<string, string> {
    let arns = this.arnsByPrefix.get(apiPrefix);
    if (arns === undefined) {
      const built = new Map<string, string>();
      for (const r of this.routes) {
        if (r.tail === undefined) built.set(`${apiPrefix}/${r.verb}${r.head}`, r.model!);
        else for (const m of this.models) built.set(`${apiPrefix}/${r.verb}${r.head}${m}${r.tail}`, m);
      }
      arns = built;
      if (this.arnsByPrefix.size >= MAX_PREFIXES) this.arnsByPrefix.clear();
      this.arnsByPrefix.set(apiPrefix, arns);
    }
    return arns;
  }
}
