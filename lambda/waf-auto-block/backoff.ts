import { RETRY } from './constants';
import type { InvocationEnv } from './invocation-env';

/**
 * Full-jitter exponential backoff: `uniform` (in [0, 1)) scaled to
 * [0, min(max, base * 2^retry)).
 * Jitter matters here because the contenders are concurrent invocations of
 * this same function that collided on one lock token.
 */
export function backoffDelayMs(retry: number, uniform: number): number {
  const ceiling = Math.min(RETRY.maxDelayMs, RETRY.baseDelayMs * 2 ** retry);
  return Math.floor(uniform * ceiling);
}

/**
 * Waits before retry number `retry` (1-based) if the attempt bound and the
 * invocation's remaining time allow it; returns false, without waiting, when
 * the caller should give up.
 */
export async function waitBeforeRetry(retry: number, env: InvocationEnv): Promise<boolean> {
  if (retry >= RETRY.maxAttempts) return false;
  const delay = backoffDelayMs(retry, env.random());
  if (env.remainingMs() - delay < RETRY.reserveMs) return false;
  await env.sleep(delay);
  return true;
}
