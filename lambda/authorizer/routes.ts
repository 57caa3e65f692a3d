/**
 * Maps between models and API Gateway method ARNs. A policy returned by the
 * authorizer is cached per token and reused for every route, so it must name
 * the route of every configured model; these ARNs are derived from the
 * `methodArn` of the current call and the route template.
 */
import { MODEL_PLACEHOLDER } from './config';

/** `arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>` and `VERB/path` of one call. */
export interface MethodArn {
  readonly apiPrefix: string;
  readonly route: string;
}

const METHOD_ARN = /^(arn:aws[a-z-]*:execute-api:[a-z0-9-]+:\d{12}:[A-Za-z0-9]+\/[A-Za-z0-9_-]+)\/([A-Z]+\/[^*?]*)$/;
/** A handful of stages per API is normal; the bounds only stop a flood of odd ARNs from growing memory. */
const MAX_PREFIXES = 16;
const MAX_MATCHES = 256;

/** A method ARN resolved against the route template; `model` is set only for a configured model's route. */
export interface RouteMatch extends MethodArn {
  readonly model?: string;
}

export function parseMethodArn(methodArn: unknown): MethodArn | undefined {
  if (typeof methodArn !== 'string' || methodArn.length > 2048) return undefined;
  const match = METHOD_ARN.exec(methodArn);
  return match ? { apiPrefix: match[1], route: match[2] } : undefined;
}

export class RouteTable {
  private readonly head: string;
  private readonly tail: string;
  private readonly models: ReadonlySet<string>;
  private readonly arnsByPrefix = new Map<string, ReadonlyMap<string, string>>();
  private readonly matches = new Map<string, RouteMatch>();

  /** `template` has been validated: one `{model}` placeholder, no wildcards. */
  public constructor(template: string, models: readonly string[]) {
    const at = template.indexOf(MODEL_PLACEHOLDER);
    this.head = template.slice(0, at);
    this.tail = template.slice(at + MODEL_PLACEHOLDER.length);
    this.models = new Set(models);
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

  /** The configured model a route belongs to, or undefined. */
  public modelOf(route: string): string | undefined {
    if (!route.startsWith(this.head) || !route.endsWith(this.tail)) return undefined;
    const model = route.slice(this.head.length, route.length - this.tail.length);
    return this.models.has(model) ? model : undefined;
  }

  /** The method ARN of every configured model under one API and stage. */
  public arnsFor(apiPrefix: string): ReadonlyMap<string, string> {
    let arns = this.arnsByPrefix.get(apiPrefix);
    if (arns === undefined) {
      arns = new Map([...this.models].map((m) => [m, `${apiPrefix}/${this.head}${m}${this.tail}`]));
      if (this.arnsByPrefix.size >= MAX_PREFIXES) this.arnsByPrefix.clear();
      this.arnsByPrefix.set(apiPrefix, arns);
    }
    return arns;
  }
}
