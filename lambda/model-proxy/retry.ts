import type { RetryConfig } from '../../lib/contracts/model-proxy';
import { isTimeoutError, ModelCallError } from './model-client';

/** Time and chance, injected so tests can drive the retry loop without waiting. */
export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
}

export const systemClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

export interface RetryOptions {
  readonly policy: RetryConfig;
  /** Epoch milliseconds by which the last attempt must have ended. */
  readonly deadline: number;
  readonly clock: RetryClock;
  /** A retry starts only if at least this much time is left after its backoff. */
  readonly minAttemptMs: number;
}

export type RetryOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | { readonly ok: false; readonly error: unknown; readonly attempts: number };

/**
 * Calls `attempt` with a signal that aborts at the deadline. Only throttled
 * calls are retried: the model did not run them, so a retry cannot run a
 * prompt twice. Backoff is exponential with full jitter, never shorter than
 * the backend's Retry-After, and never past the deadline.
 */
export async function callWithRetry<T>(attempt: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<RetryOutcome<T>> {
  const { policy, deadline, clock, minAttemptMs } = options;
  for (let attempts = 1; ; attempts++) {
    const remaining = deadline - clock.now();
    if (remaining <= 0) return { ok: false, error: new ModelCallError('timeout'), attempts: attempts - 1 };

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), remaining);
    let error: unknown;
    try {
      return { ok: true, value: await attempt(controller.signal), attempts };
    } catch (err) {
      error = controller.signal.aborted || isTimeoutError(err) ? new ModelCallError('timeout', detailOf(err)) : err;
    } finally {
      clearTimeout(timer);
    }

    if (!(error instanceof ModelCallError) || error.kind !== 'throttled' || attempts >= policy.maxAttempts) {
      return { ok: false, error, attempts };
    }
    const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
    const delay = Math.max(clock.random() * cap, (error.detail.retryAfterSeconds ?? 0) * 1000);
    if (clock.now() + delay + minAttemptMs > deadline) return { ok: false, error, attempts };
    await clock.sleep(delay);
  }
}

function detailOf(err: unknown) {
  return err instanceof ModelCallError ? err.detail : {};
}
