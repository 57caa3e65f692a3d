/**
 * A model route's versions and targets as one function instance holds them:
 * each target with its own client (built once, at cold start) and its own
 * circuit breaker. Without `routing` in the configuration the route is one
 * version with one target, from the single-target fields, and no breaker.
 */
import {
  type BackendConfig,
  type CircuitBreakerConfig,
  type ModelProxyConfig,
  type RequestFormatName,
} from '../../lib/contracts/model-proxy';
import type { Caller } from './caller';
import { CircuitBreaker } from './circuit-breaker';
import { planTargets } from './target-plan';
import { drawFor, selectVersion } from './version-selector';

/** What a client needs to know of its target. */
export interface TargetSpec {
  readonly backend: BackendConfig;
  readonly requestFormat: RequestFormatName;
  readonly requestModelName?: string;
  readonly responseTextPath: string;
}

export class RoutedTarget<C> {
  public constructor(
    public readonly id: string,
    public readonly version: string,
    public readonly spec: TargetSpec,
    public readonly priority: number,
    public readonly weight: number,
    /** Whether the target belongs to its version's highest priority group. */
    public readonly primary: boolean,
    public readonly client: C,
    public readonly breaker: CircuitBreaker | undefined,
  ) {}

  public available(now: number): boolean {
    return this.breaker === undefined || this.breaker.available(now);
  }
}

export interface RoutedVersion<C> {
  readonly name: string;
  readonly weight: number;
  readonly restricted: boolean;
  /** Priority groups, highest first. */
  readonly groups: readonly (readonly RoutedTarget<C>[])[];
}

export interface RouteChoice<C> {
  readonly version: RoutedVersion<C>;
  /** Targets in the order to try them; empty when every breaker is open. */
  readonly plan: readonly RoutedTarget<C>[];
}

/** The version and target name of a route without `routing`; never shown, since such a route has no routing fields in its audit line. */
export const SINGLE_TARGET_ID = 'default';

export class Router<C> {
  public constructor(
    public readonly versions: readonly RoutedVersion<C>[],
    public readonly stickinessSeconds: number,
    /** Attempts across targets per call, the first included. */
    public readonly maxAttempts: number,
    /** Whether the configuration has `routing` (its audit lines and metrics name versions and targets). */
    public readonly routed: boolean,
    public readonly attemptTimeoutMs: number | undefined,
  ) {}

  /** The caller's version and its targets in the order to try them; undefined when the caller may use no version. */
  public choose(caller: Caller, now: number, random: () => number): RouteChoice<C> | undefined {
    const version = this.versions.length === 1 && !this.routed
      ? this.versions[0]
      : selectVersion(this.versions, caller, drawFor(caller, this.stickinessSeconds, now, random));
    if (version === undefined) return undefined;
    return { version, plan: planTargets(version.groups, now, random) };
  }

  /** Seconds until the first open breaker of the version lets a probe through. */
  public retryAfterSeconds(version: RoutedVersion<C>, now: number): number {
    let wait = Number.POSITIVE_INFINITY;
    for (const group of version.groups) for (const t of group) if (t.breaker) wait = Math.min(wait, t.breaker.waitMs(now));
    return Number.isFinite(wait) ? Math.max(1, Math.ceil(wait / 1000)) : 1;
  }
}

/** Builds every target's client with `clientFor`, once. */
export function createRouter<C>(config: ModelProxyConfig, clientFor: (spec: TargetSpec, id: string) => C): Router<C> {
  const routing = config.routing;
  if (routing === undefined) {
    const spec: TargetSpec = {
      backend: config.backend,
      requestFormat: config.requestFormat,
      responseTextPath: config.responseTextPath,
      ...(config.requestModelName === undefined ? {} : { requestModelName: config.requestModelName }),
    };
    const target = new RoutedTarget(SINGLE_TARGET_ID, SINGLE_TARGET_ID, spec, 0, 1, true, clientFor(spec, SINGLE_TARGET_ID), undefined);
    return new Router([{ name: SINGLE_TARGET_ID, weight: 1, restricted: false, groups: [[target]] }], 0, config.retry.maxAttempts, false, undefined);
  }
  const versions = routing.versions.map((v): RoutedVersion<C> => {
    const top = Math.max(...v.targets.map((t) => t.priority));
    const targets = v.targets.map((t) => {
      const spec: TargetSpec = {
        backend: t.backend,
        requestFormat: t.requestFormat,
        responseTextPath: t.responseTextPath,
        ...(t.requestModelName === undefined ? {} : { requestModelName: t.requestModelName }),
      };
      return new RoutedTarget(t.id, v.name, spec, t.priority, t.weight, t.priority === top, clientFor(spec, t.id), breakerOf(routing.breaker));
    });
    const priorities = [...new Set(targets.map((t) => t.priority))].sort((a, b) => b - a);
    return { name: v.name, weight: v.weight, restricted: v.restricted, groups: priorities.map((p) => targets.filter((t) => t.priority === p)) };
  });
  return new Router(versions, routing.stickinessSeconds, routing.maxAttempts, true, routing.attemptTimeoutMs);
}

function breakerOf(config: CircuitBreakerConfig): CircuitBreaker {
  return new CircuitBreaker(config);
}
