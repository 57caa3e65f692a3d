/**
 * One model call across a route's targets. An attempt that the target
 * throttled, that timed out, failed with a 5xx or could not connect is tried
 * on the next target of the plan; an answer that refuses the caller's input
 * (`rejected`) ends the call, as does any error that is not a classified
 * backend failure. A throttled attempt with no other target left waits its
 * backoff (exponential, full jitter, never shorter than the backend's
 * Retry-After) and tries the same target again: moving to a healthy target
 * is preferred over sleeping. Never more than `maxAttempts` attempts, never
 * past the deadline, and no attempt after the first starts with less than
 * `minAttemptMs` left. The caller decides what an attempt is: for a stream,
 * opening it up to its first event, so nothing is tried twice once a byte has
 * reached the caller.
 */
import type { RetryConfig } from '../../lib/contracts/model-proxy';
import { CIRCUIT_OPEN, isTimeoutError, ModelCallError, type ModelFailureKind } from '../model-proxy/model-client';
import type { RetryClock } from '../model-proxy/retry';
import type { BreakerChange } from './circuit-breaker';
import type { RoutedTarget } from './router';

export { CIRCUIT_OPEN };

export interface FailoverOptions {
  readonly maxAttempts: number;
  /** Backoff of a throttled target retried in place. */
  readonly retry: RetryConfig;
  /** Epoch milliseconds by which the last attempt must have ended. */
  readonly deadline: number;
  readonly clock: RetryClock;
  readonly minAttemptMs: number;
  /** Cap of one attempt while another could still follow. @default - the remaining budget */
  readonly attemptTimeoutMs?: number;
  /** Whether the caller went away: no further attempt, and the breaker learns nothing from this one. */
  readonly cancelled?: () => boolean;
  /** Monotonic milliseconds for attempt latencies. */
  readonly elapsed: () => number;
}

export interface AttemptRecord {
  readonly target: string;
  /** Absent when the attempt succeeded. */
  readonly kind?: ModelFailureKind | 'error';
  readonly latencyMs: number;
}

export interface BreakerEvent extends BreakerChange {
  readonly target: string;
}

interface OutcomeBase<C> {
  readonly attempts: number;
  /** Attempts on a target other than the previous attempt's. */
  readonly failovers: number;
  readonly tried: readonly AttemptRecord[];
  readonly breakerEvents: readonly BreakerEvent[];
  /** The target that served the call, or the last one tried. */
  readonly target: RoutedTarget<C> | undefined;
}

export type FailoverOutcome<C, T> =
  | (OutcomeBase<C> & { readonly ok: true; readonly value: T; readonly target: RoutedTarget<C> })
  | (OutcomeBase<C> & { readonly ok: false; readonly error: unknown });

export async function callWithFailover<C, T>(
  plan: readonly RoutedTarget<C>[],
  attempt: (target: RoutedTarget<C>, signal: AbortSignal) => Promise<T>,
  options: FailoverOptions,
): Promise<FailoverOutcome<C, T>> {
  const { clock, deadline, minAttemptMs, maxAttempts } = options;
  const tried: AttemptRecord[] = [];
  const breakerEvents: BreakerEvent[] = [];
  let attempts = 0;
  let failovers = 0;
  let next = 0;
  let current: RoutedTarget<C> | undefined;
  let lastError: unknown;
  const result = (error: unknown) => ({ ok: false as const, error, attempts, failovers, tried, breakerEvents, target: current });
  const listener = (target: RoutedTarget<C>) => (change: BreakerChange) => breakerEvents.push({ target: target.id, ...change });

  /** The next target of the plan whose breaker lets a call through now. */
  const nextTarget = (): RoutedTarget<C> | undefined => {
    while (next < plan.length) {
      const t = plan[next++];
      if (t.breaker === undefined || t.breaker.acquire(clock.now(), listener(t))) return t;
    }
    return undefined;
  };

  while (attempts < maxAttempts) {
    let target: RoutedTarget<C> | undefined;
    if (attempts === 0) {
      if (deadline - clock.now() <= 0) return result(new ModelCallError('timeout'));
      target = nextTarget();
      if (target === undefined) return result(new ModelCallError('failed', { backendCode: CIRCUIT_OPEN }));
    } else {
      if (deadline - clock.now() < minAttemptMs) return result(lastError);
      target = nextTarget();
      if (target === undefined) {
        // No other target: only a throttled one is worth waiting for (the model did not run the prompt).
        if (!(lastError instanceof ModelCallError) || lastError.kind !== 'throttled' || current === undefined) return result(lastError);
        const cap = Math.min(options.retry.maxDelayMs, options.retry.baseDelayMs * 2 ** (attempts - 1));
        const delay = Math.max(clock.random() * cap, (lastError.detail.retryAfterSeconds ?? 0) * 1000);
        if (clock.now() + delay + minAttemptMs > deadline) return result(lastError);
        await clock.sleep(delay);
        if (options.cancelled?.()) return result(lastError);
        const again = current;
        if (again.breaker !== undefined && !again.breaker.acquire(clock.now(), listener(again))) return result(lastError);
        target = again;
      }
    }
    if (current !== undefined && target !== current) failovers++;
    current = target;
    attempts++;

    const remaining = deadline - clock.now();
    const more = attempts < maxAttempts && next < plan.length;
    const budget = more && options.attemptTimeoutMs !== undefined ? Math.min(remaining, options.attemptTimeoutMs) : remaining;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(0, budget));
    const t0 = options.elapsed();
    let error: unknown;
    try {
      const value = await attempt(target, controller.signal);
      // A client may resolve with what it had when the signal fired (the Bedrock SDK over HTTP/2 ends the body early): too late is a timeout.
      if (controller.signal.aborted) throw new ModelCallError('timeout');
      tried.push({ target: target.id, latencyMs: options.elapsed() - t0 });
      target.breaker?.success(clock.now(), listener(target));
      return { ok: true, value, attempts, failovers, tried, breakerEvents, target };
    } catch (err) {
      error = controller.signal.aborted || isTimeoutError(err) ? new ModelCallError('timeout', detailOf(err)) : err;
    } finally {
      clearTimeout(timer);
    }
    const kind = error instanceof ModelCallError ? error.kind : 'error';
    tried.push({ target: target.id, kind, latencyMs: options.elapsed() - t0 });
    lastError = error;
    if (options.cancelled?.() || kind === 'error') {
      target.breaker?.release();
      return result(error);
    }
    if (kind === 'rejected') {
      target.breaker?.success(clock.now(), listener(target));
      return result(error);
    }
    target.breaker?.failure(clock.now(), listener(target));
  }
  return result(lastError);
}

/** Whether an attempt's failure counts against its target (metrics and breaker alike). */
export function countsAgainstTarget(kind: AttemptRecord['kind']): boolean {
  return kind === 'throttled' || kind === 'timeout' || kind === 'failed';
}

function detailOf(err: unknown) {
  return err instanceof ModelCallError ? err.detail : {};
}
