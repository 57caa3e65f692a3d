/**
 * Calls and failures over the last `windowMs`, kept in a fixed ring of time
 * buckets with running totals: recording and reading cost O(1) (at most one
 * pass over the ring when time jumps past a whole window), and the memory is
 * the ring, however busy the target.
 */
export const WINDOW_BUCKETS = 10;

export class SlidingWindow {
  private readonly bucketMs: number;
  private readonly calls = new Array<number>(WINDOW_BUCKETS).fill(0);
  private readonly failures = new Array<number>(WINDOW_BUCKETS).fill(0);
  /** Index of the newest bucket the ring holds; older buckets are the previous slots. */
  private head = Number.NEGATIVE_INFINITY;
  private totalCalls = 0;
  private totalFailures = 0;

  public constructor(windowMs: number) {
    this.bucketMs = Math.max(1, windowMs / WINDOW_BUCKETS);
  }

  public record(now: number, failed: boolean): void {
    const slot = this.advance(now);
    this.calls[slot]++;
    this.totalCalls++;
    if (failed) {
      this.failures[slot]++;
      this.totalFailures++;
    }
  }

  /** Calls and failures in the window ending at `now`. */
  public counts(now: number): { readonly calls: number; readonly failures: number } {
    this.advance(now);
    return { calls: this.totalCalls, failures: this.totalFailures };
  }

  public reset(): void {
    this.calls.fill(0);
    this.failures.fill(0);
    this.totalCalls = 0;
    this.totalFailures = 0;
    this.head = Number.NEGATIVE_INFINITY;
  }

  /** Drops the buckets that fell out of the window; the slot of `now`'s bucket. */
  private advance(now: number): number {
    const index = Math.floor(now / this.bucketMs);
    if (index - this.head >= WINDOW_BUCKETS) {
      this.calls.fill(0);
      this.failures.fill(0);
      this.totalCalls = 0;
      this.totalFailures = 0;
      this.head = index;
    } else {
      // A clock that steps back stays in the newest bucket rather than corrupting older ones.
      while (this.head < index) {
        this.head++;
        const slot = this.head % WINDOW_BUCKETS;
        this.totalCalls -= this.calls[slot];
        this.totalFailures -= this.failures[slot];
        this.calls[slot] = 0;
        this.failures[slot] = 0;
      }
    }
    return ((this.head % WINDOW_BUCKETS) + WINDOW_BUCKETS) % WINDOW_BUCKETS;
  }
}
