/**
 * The circuit breaker of one target in one function instance. Closed, it
 * counts calls in a sliding window and opens on a failure rate (once the
 * window holds `minimumCalls`) or on `consecutiveFailures`. Open, its target
 * is skipped without a call until `coolDownMs` has passed; then it is
 * half-open and lets `halfOpenProbes` calls through: one success closes it,
 * one failure opens it again. Instances do not share state: each learns from
 * its own calls, which is what lets a cold instance try a target again.
 */
import type { CircuitBreakerConfig } from '../../lib/contracts/model-proxy';
import { SlidingWindow } from './sliding-window';

export type BreakerState = 'closed' | 'open' | 'halfOpen';

export interface BreakerChange {
  readonly from: BreakerState;
  readonly to: BreakerState;
  /** `failureRate`, `consecutiveFailures`, `coolDown`, `probeFailed` or `probeSucceeded`. */
  readonly reason: string;
  /** The window's counts when the breaker opened from closed. */
  readonly calls?: number;
  readonly failures?: number;
}

export type ChangeListener = (change: BreakerChange) => void;

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private readonly window: SlidingWindow;
  private consecutive = 0;
  private openedAt = 0;
  private probesInFlight = 0;

  public constructor(private readonly config: CircuitBreakerConfig) {
    this.window = new SlidingWindow(config.windowMs);
  }

  public get state(): BreakerState {
    return this.current;
  }

  /** Whether a call could go through now; changes nothing. */
  public available(now: number): boolean {
    switch (this.current) {
      case 'closed':
        return true;
      case 'open':
        return now - this.openedAt >= this.config.coolDownMs;
      default:
        return this.probesInFlight < this.config.halfOpenProbes;
    }
  }

  /** Milliseconds until an open breaker lets a probe through (0 unless open). */
  public waitMs(now: number): number {
    return this.current === 'open' ? Math.max(0, this.openedAt + this.config.coolDownMs - now) : 0;
  }

  /** Takes the right to call now; a half-open breaker hands out its probes. Pair with `success`, `failure` or `release`. */
  public acquire(now: number, onChange?: ChangeListener): boolean {
    if (this.current === 'open') {
      if (now - this.openedAt < this.config.coolDownMs) return false;
      this.move('halfOpen', 'coolDown', onChange);
      this.probesInFlight = 0;
    }
    if (this.current === 'halfOpen') {
      if (this.probesInFlight >= this.config.halfOpenProbes) return false;
      this.probesInFlight++;
    }
    return true;
  }

  /** The target answered (an answer that refuses the caller's input counts: the target is healthy). */
  public success(now: number, onChange?: ChangeListener): void {
    if (this.current === 'halfOpen') {
      this.window.reset();
      this.consecutive = 0;
      this.probesInFlight = 0;
      this.move('closed', 'probeSucceeded', onChange);
      return;
    }
    if (this.current === 'closed') {
      this.consecutive = 0;
      this.window.record(now, false);
    }
  }

  /** The target throttled, timed out, failed or could not be reached. */
  public failure(now: number, onChange?: ChangeListener): void {
    if (this.current === 'halfOpen') {
      this.open(now, 'probeFailed', onChange);
      return;
    }
    if (this.current !== 'closed') return;
    this.consecutive++;
    this.window.record(now, true);
    const { calls, failures } = this.window.counts(now);
    if (this.consecutive >= this.config.consecutiveFailures) {
      this.open(now, 'consecutiveFailures', onChange, calls, failures);
    } else if (calls >= this.config.minimumCalls && failures >= this.config.failureRate * calls) {
      this.open(now, 'failureRate', onChange, calls, failures);
    }
  }

  /** The call ended without saying anything about the target (the caller went away). */
  public release(): void {
    if (this.current === 'halfOpen' && this.probesInFlight > 0) this.probesInFlight--;
  }

  private open(now: number, reason: string, onChange: ChangeListener | undefined, calls?: number, failures?: number): void {
    this.openedAt = now;
    this.probesInFlight = 0;
    this.consecutive = 0;
    this.window.reset();
    this.move('open', reason, onChange, calls, failures);
  }

  private move(to: BreakerState, reason: string, onChange: ChangeListener | undefined, calls?: number, failures?: number): void {
    const from = this.current;
    this.current = to;
    onChange?.(calls === undefined ? { from, to, reason } : { from, to, reason, calls, failures });
  }
}
