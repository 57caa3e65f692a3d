/**
 * One routed model call: choose the caller's version and the order of its
 * targets, then call them with failover. What the proxies share.
 */
import { CIRCUIT_OPEN, ModelCallError } from '../model-proxy/model-client';
import type { Caller } from './caller';
import { callWithFailover, type FailoverOptions, type FailoverOutcome } from './failover';
import type { RouteChoice, RoutedTarget, RoutedVersion, Router } from './router';

export type RoutedOutcome<C, T> = FailoverOutcome<C, T> & { readonly version: RoutedVersion<C> | undefined };

export async function routeCall<C, T>(
  router: Router<C>,
  caller: Caller,
  attempt: (target: RoutedTarget<C>, signal: AbortSignal) => Promise<T>,
  options: Omit<FailoverOptions, 'maxAttempts' | 'attemptTimeoutMs'>,
): Promise<RoutedOutcome<C, T>> {
  return routeChosen(router, router.choose(caller, options.clock.now(), options.clock.random), attempt, options);
}

/** The same with the version and plan chosen beforehand (the response cache keys on the version before any call). */
export async function routeChosen<C, T>(
  router: Router<C>,
  choice: RouteChoice<C> | undefined,
  attempt: (target: RoutedTarget<C>, signal: AbortSignal) => Promise<T>,
  options: Omit<FailoverOptions, 'maxAttempts' | 'attemptTimeoutMs'>,
): Promise<RoutedOutcome<C, T>> {
  const now = options.clock.now();
  if (choice === undefined) {
    // Validation keeps an unrestricted version with weight in every route, so this is a broken configuration.
    const error = new ModelCallError('failed', { backendCode: 'NoVersion' });
    return { ok: false, error, attempts: 0, failovers: 0, tried: [], breakerEvents: [], target: undefined, version: undefined };
  }
  const outcome = await callWithFailover(choice.plan, attempt, {
    ...options,
    maxAttempts: router.maxAttempts,
    ...(router.attemptTimeoutMs === undefined ? {} : { attemptTimeoutMs: router.attemptTimeoutMs }),
  });
  if (!outcome.ok && outcome.error instanceof ModelCallError && outcome.error.detail.backendCode === CIRCUIT_OPEN) {
    const error = new ModelCallError('failed', { backendCode: CIRCUIT_OPEN, retryAfterSeconds: router.retryAfterSeconds(choice.version, now) });
    return { ...outcome, error, version: choice.version };
  }
  return { ...outcome, version: choice.version };
}
