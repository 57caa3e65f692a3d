import { Duration } from 'aws-cdk-lib';
import { ModelBackendConfig } from './backend-options';
import { ModelBackend } from './model-backend';

/**
 * One backend of a model version. The highest priority group with an
 * available target takes the traffic, split by weight; a lower group takes
 * over only when every target of the higher ones failed or has an open
 * circuit breaker.
 */
export interface RoutingTarget {
  /** Names the target in audit lines and the per-target metrics: 1-32 characters of `[a-z0-9-]`, unique within its version. */
  readonly id: string;
  /** The backend; each target may have its own request format (the proxy translates the caller's request for each). */
  readonly backend: ModelBackend;
  /**
   * Higher numbers are tried first: 0 to 100.
   * @default 0
   */
  readonly priority?: number;
  /**
   * Share of its priority group's traffic, relative to the group's other targets: 1 to 1000.
   * @default 1
   */
  readonly weight?: number;
}

/**
 * A version of a model: the model name is an alias over its versions, e.g.
 * `v1` with weight 90 and `v2` with weight 10.
 */
export interface ModelVersion {
  /** The version's name, in audit lines, metrics and access rules: 1-32 characters of `[a-z0-9-]`, unique within the model. */
  readonly name: string;
  /** The version's targets, 1 to 8. */
  readonly targets: RoutingTarget[];
  /**
   * Share of callers sent to this version, relative to the other versions they may use: 0 to 100 (0: never chosen).
   * @default 100
   */
  readonly weight?: number;
  /**
   * Only callers whose access rule grants this version reach it (a canary for testers,
   * see `ModelAccessOptions.versionAccess`).
   * @default false
   */
  readonly restricted?: boolean;
}

/** When a target's circuit breaker opens, per function instance. */
export interface CircuitBreakerOptions {
  /**
   * Sliding window over which failures are counted: 1 s to 10 minutes.
   * @default Duration.seconds(30)
   */
  readonly window?: Duration;
  /**
   * Calls in the window before the failure rate counts: 1 to 1000.
   * @default 10
   */
  readonly minimumCalls?: number;
  /**
   * Failure share in the window at which the breaker opens: 0.01 to 1.
   * @default 0.5
   */
  readonly failureRate?: number;
  /**
   * Consecutive failures at which the breaker opens, whatever the rate: 1 to 100.
   * @default 5
   */
  readonly consecutiveFailures?: number;
  /**
   * How long an open breaker skips its target before letting probes through: 1 s to 10 minutes.
   * @default Duration.seconds(15)
   */
  readonly coolDown?: Duration;
  /**
   * Probes let through while half-open; one success closes the breaker: 1 to 10.
   * @default 1
   */
  readonly halfOpenProbes?: number;
}

/**
 * Several backends for one model: versions (weighted, sticky per caller,
 * optionally restricted to testers), each with targets in priority groups,
 * failover before the first byte and a circuit breaker per target.
 */
export interface ModelRouting {
  /** The versions, 1 to 5; at least one unrestricted with a weight above 0 (the stable version). */
  readonly versions: ModelVersion[];
  /**
   * How long a caller keeps the version it was given, so conversations do not flip (0: drawn per call); at most 1 day.
   * @default Duration.hours(1)
   */
  readonly stickiness?: Duration;
  /**
   * Attempts per call across targets, the first included: 1 to 5.
   * @default 3
   */
  readonly maxAttempts?: number;
  /**
   * Longest one attempt may take when another target could still be tried (streams: up to the first event),
   * so a hanging backend leaves time to fail over: 1 s to 15 minutes, whole milliseconds.
   * @default - an attempt may use the call's whole remaining time
   */
  readonly attemptTimeout?: Duration;
  /**
   * The circuit breaker of every target.
   * @default - opens at 50 % failures of at least 10 calls in 30 s, or 5 consecutive failures; probes after 15 s
   */
  readonly circuitBreaker?: CircuitBreakerOptions;
}

/** A target as the proxy function bound it. */
export interface BoundRoutingTarget {
  /** The target id. */
  readonly id: string;
  /** The priority. */
  readonly priority: number;
  /** The weight within its priority group. */
  readonly weight: number;
  /** What the backend told the function when bound. */
  readonly backendConfig: ModelBackendConfig;
}

/** A version as the proxy function serves it. */
export interface BoundModelVersion {
  /** The version name. */
  readonly name: string;
  /** Its weight. */
  readonly weight: number;
  /** Whether only granted callers reach it. */
  readonly restricted: boolean;
  /** Its targets, in the order given. */
  readonly targets: BoundRoutingTarget[];
}
