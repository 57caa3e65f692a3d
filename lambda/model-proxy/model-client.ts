/**
 * One call to a model backend. Each backend client turns its own failures
 * into a {@link ModelCallError} of one of four kinds; the proxy maps the
 * kinds to HTTP answers (backend-errors.ts) and retries only `throttled`.
 */
export interface ModelRequest {
  /** The JSON request body for the model. */
  readonly body: string;
  /** Aborted when the time budget of the call runs out. */
  readonly signal: AbortSignal;
}

export interface ModelResponse {
  /** The model's answer as text (JSON expected). */
  readonly body: string;
}

export interface ModelClient {
  invoke(request: ModelRequest): Promise<ModelResponse>;
}

/**
 * - `rejected`: the model refused the input (4xx from the model container)
 * - `throttled`: the backend or the model asked us to slow down
 * - `timeout`: no answer in time
 * - `failed`: anything else: the backend, its configuration or its answer is broken
 */
export type ModelFailureKind = 'rejected' | 'throttled' | 'timeout' | 'failed';

export interface ModelFailureDetail {
  /** HTTP status the backend answered with, when there was one. */
  readonly backendStatus?: number;
  /** The backend's error name (e.g. `ModelError`, `ThrottlingException`); never its message. */
  readonly backendCode?: string;
  /** Seconds the backend asked us to wait, when it said. */
  readonly retryAfterSeconds?: number;
}

/** A classified backend failure. Its message is fixed: backend messages can echo the prompt. */
export class ModelCallError extends Error {
  public constructor(public readonly kind: ModelFailureKind, public readonly detail: ModelFailureDetail = {}) {
    super(`model call ${kind}`);
    this.name = 'ModelCallError';
  }
}

/** The backend code of a call no target could take: every circuit breaker of the version is open. */
export const CIRCUIT_OPEN = 'CircuitOpen';

/** Errors that mean our own abort signal or the HTTP layer gave up waiting. */
export function isTimeoutError(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError' || (err as { code?: unknown } | null)?.code === 'ETIMEDOUT';
}

/** Seconds from a `Retry-After` header (delta-seconds form only; dates are ignored). */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || !/^\d{1,5}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}
