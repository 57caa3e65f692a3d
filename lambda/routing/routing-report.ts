/**
 * What a routed call tells the operators: fields for the audit line (the
 * version and target that served it, the targets tried, the failovers), one
 * log line per circuit-breaker change, and the per-version and per-target
 * metric sample. Ids, kinds and timings only: nothing of the request.
 */
import type { Logger, LogFields } from '../shared/logger';
import { countsAgainstTarget } from './failover';
import type { RoutedOutcome } from './route-call';
import type { Router } from './router';

export const BREAKER_MESSAGE = 'circuit breaker state change';

export interface TargetAttemptSample {
  readonly target: string;
  /** Whether the attempt failed in a way that counts against the target. */
  readonly failed: boolean;
  readonly latencyMs: number;
}

export interface RoutingMetricSample {
  readonly apiId: string;
  readonly model: string;
  readonly version: string;
  readonly attempts: readonly TargetAttemptSample[];
  readonly failovers: number;
  /** A target outside the version's highest priority group served the call. */
  readonly fallback: boolean;
  /** The call answered 5xx. */
  readonly failed: boolean;
  readonly latencyMs: number;
  readonly breakerChanges: readonly { readonly target: string; readonly to: 'closed' | 'open' | 'halfOpen' }[];
}

/** Audit fields of a routed call; none for a route without `routing`. */
export function routingAuditFields<C>(router: Router<C>, outcome: RoutedOutcome<C, unknown> | undefined): LogFields {
  if (!router.routed || outcome === undefined) return {};
  return {
    version: outcome.version?.name,
    target: outcome.ok ? outcome.target.id : undefined,
    // In order, each failed one with its failure kind: `a:throttled,b`.
    targetsTried: outcome.tried.map((a) => (a.kind === undefined ? a.target : `${a.target}:${a.kind}`)).join(','),
    failovers: outcome.failovers,
  };
}

/** One WARN line per breaker change (ERROR when it opens), with the model, version and target. */
export function logBreakerChanges<C>(logger: Logger, model: string, outcome: RoutedOutcome<C, unknown>): void {
  for (const e of outcome.breakerEvents) {
    logger.log(e.to === 'open' ? 'ERROR' : 'WARN', BREAKER_MESSAGE, {
      model, version: outcome.version?.name, target: e.target, from: e.from, to: e.to, reason: e.reason, calls: e.calls, failures: e.failures,
    });
  }
}

export function routingSample<C>(
  outcome: RoutedOutcome<C, unknown>,
  common: { readonly apiId: string; readonly model: string; readonly status: number; readonly latencyMs: number },
): RoutingMetricSample | undefined {
  if (outcome.version === undefined) return undefined;
  return {
    apiId: common.apiId,
    model: common.model,
    version: outcome.version.name,
    attempts: outcome.tried.map((a) => ({ target: a.target, failed: countsAgainstTarget(a.kind), latencyMs: a.latencyMs })),
    failovers: outcome.failovers,
    fallback: outcome.ok && !outcome.target.primary,
    failed: common.status >= 500,
    latencyMs: common.latencyMs,
    breakerChanges: outcome.breakerEvents.map((e) => ({ target: e.target, to: e.to })),
  };
}
