/**
 * What the logic needs from its surroundings besides AWS clients: time, the
 * invocation deadline and randomness. Tests pass a deterministic one.
 */
export interface InvocationEnv {
  /** Wall clock, milliseconds since the epoch. */
  now(): number;
  /** Milliseconds before Lambda stops this invocation. */
  remainingMs(): number;
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1), for backoff jitter. */
  random(): number;
}

export function systemEnv(remainingMs: () => number): InvocationEnv {
  return {
    now: () => Date.now(),
    remainingMs,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
  };
}
