/**
 * Linear-time checks by ratio, never by absolute time: a ratio holds on a slow
 * or busy machine where a time limit would not.
 *
 * Time is this process's CPU time, so other processes on a shared machine do
 * not count. Each function is warmed up, then timed in batches long enough to
 * rise above timer and scheduler noise (10 ms of CPU), the two in alternation,
 * keeping the fastest batch of each (JIT and GC only ever add time). A ratio
 * over its bound is measured again: noise passes on a second look, a
 * superlinear algorithm does not.
 */

/** Doubling the input must less than triple the time. */
export const GROWTH_BOUND = 3;

const BATCH_MICROS = 10_000;
const MAX_CALLS = 1024;
const ROUNDS = 3;

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

function batch(fn: () => unknown, calls: number): number {
  const start = cpuMicros();
  for (let i = 0; i < calls; i++) fn();
  return cpuMicros() - start;
}

/** How many calls make a batch of at least BATCH_MICROS (doubling, from one). */
function callsPerBatch(fn: () => unknown): number {
  let calls = 1;
  while (calls < MAX_CALLS && batch(fn, calls) < BATCH_MICROS) calls *= 2;
  return calls;
}

export interface RatioOptions {
  /** A measured ratio below this ends the measuring. */
  readonly below: number;
  /** How many times to measure at most; the smallest ratio counts. Default 5. */
  readonly tries?: number;
}

/** CPU time per call of `slow` over that of `fast`: the smallest of up to `tries` measurements. */
export function timeRatio(slow: () => unknown, fast: () => unknown, options: RatioOptions): number {
  for (let i = 0; i < 3; i++) {
    fast();
    slow();
  }
  const fastCalls = callsPerBatch(fast);
  const slowCalls = callsPerBatch(slow);
  let best = Infinity;
  for (let attempt = 0; attempt < (options.tries ?? 5) && best >= options.below; attempt++) {
    let fastest = Infinity;
    let slowest = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      fastest = Math.min(fastest, batch(fast, fastCalls) / fastCalls);
      slowest = Math.min(slowest, batch(slow, slowCalls) / slowCalls);
    }
    best = Math.min(best, slowest / Math.max(fastest, Number.EPSILON));
  }
  return best;
}

/** How much longer `run` takes on `make(2n)` than on `make(n)`; compare with GROWTH_BOUND. */
export function growth<T>(make: (n: number) => T, run: (input: T) => unknown, n: number): number {
  const small = make(n);
  const large = make(2 * n);
  return timeRatio(() => run(large), () => run(small), { below: GROWTH_BOUND });
}

/** `unit` repeated and cut to exactly `size` characters. */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}
