import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { invalidProp, validateRange } from '../private/validation';

/**
 * How much one model must serve, in the user's terms. Everything the gateway
 * sets for the model's capacity is derived from it (see {@link deriveCapacity}):
 * the reserved concurrency of its functions, its routes' method throttling,
 * the ceilings of usage-plan limits on it, and its concurrency alarms.
 *
 * Give `concurrentGenerations`, or `requestsPerSecond`, not both.
 */
export interface ModelCapacity {
  /**
   * Calls per second the model must take at peak. Each call holds a function
   * for its whole generation, so the concurrency needed is this times `generationSeconds`.
   * @default - derived from `concurrentGenerations`; 2 when neither is given
   */
  readonly requestsPerSecond?: number;
  /**
   * Typical seconds one generation takes, from the request to the last token
   * (a streamed chat generation holds its function that long).
   * @default 5
   */
  readonly generationSeconds?: number;
  /**
   * Generations the model runs at once; instead of `requestsPerSecond`.
   * @default - `requestsPerSecond` × `generationSeconds`, rounded up (10 with the defaults)
   */
  readonly concurrentGenerations?: number;
}

/** What the gateway sets for one model, derived from its {@link ModelCapacity}. */
export interface DerivedCapacity {
  /** Peak calls per second the model is sized for. */
  readonly requestsPerSecond: number;
  /** Typical seconds one generation takes. */
  readonly generationSeconds: number;
  /** Reserved concurrency of the model's invoke proxy: one execution per generation in flight. */
  readonly invokeReservedConcurrency: number;
  /**
   * Reserved concurrency of the model's streamed chat function. Each route can carry the
   * model's whole load, so the backend may see up to twice `concurrentGenerations` at once.
   */
  readonly chatReservedConcurrency: number;
  /**
   * Steady rate of each of the model's routes (requests per second): concurrency ÷ generation
   * seconds (Little's law), so API Gateway answers 429 before the function's concurrency runs out.
   */
  readonly methodRateLimit: number;
  /** Burst of each of the model's routes: no more calls at one instant than there are reserved executions. */
  readonly methodBurstLimit: number;
  /** Largest usage-plan rate a key can use on the model (the method's rate). */
  readonly usagePlanRateCeiling: number;
  /** Largest usage-plan burst a key can use on the model (the method's burst). */
  readonly usagePlanBurstCeiling: number;
  /**
   * Peak concurrent executions of one function at which the capacity warning fires (80 % of its
   * reservation); at all of it Lambda throttles and the throttles alarm fires instead of the errors alarm.
   */
  readonly concurrencyWarning: number;
}

/** A real small workload: 2 calls a second of 5-second generations, 10 at once (the proxy's historical default). */
export const DEFAULT_REQUESTS_PER_SECOND = 2;
export const DEFAULT_GENERATION_SECONDS = 5;
/** One function cannot reserve more than the account's default concurrency. */
export const MAX_FUNCTION_CONCURRENCY = 1_000;
/** API Gateway's default account-level rate quota per region. */
export const ACCOUNT_RATE_LIMIT = 10_000;
/** API Gateway's default account-level burst per region. */
export const ACCOUNT_BURST_LIMIT = 5_000;
/** Lambda's default concurrency quota per account and region. */
export const ACCOUNT_CONCURRENCY = 1_000;
/** Lambda keeps this much of the account's concurrency unreserved for functions without a reservation. */
export const UNRESERVED_MINIMUM = 100;
/** Lambda's longest function timeout. */
const MAX_GENERATION_SECONDS = 900;
/** One execution for 900 s admits 0.0011 requests/s; three decimals keep it above zero. */
const MIN_RATE = 0.001;
/** The capacity warning: peak concurrency at this share of the reservation (the alarm default). */
export const CONCURRENCY_WARNING_PERCENT = 80;

/**
 * Derives a model's capacity settings. Pure: the same capacity always gives
 * the same settings, and every setting follows from the concurrency, so they
 * cannot contradict one another. Fails on values no account could honour.
 */
export function deriveCapacity(scope: IConstruct, prop: string, capacity: ModelCapacity = {}): DerivedCapacity {
  const { requestsPerSecond, generationSeconds, concurrentGenerations } = capacity;
  if (requestsPerSecond !== undefined && concurrentGenerations !== undefined) {
    invalidProp(scope, prop, `requestsPerSecond ${requestsPerSecond} and concurrentGenerations ${concurrentGenerations}`,
      'one of requestsPerSecond or concurrentGenerations: the other follows from generationSeconds');
  }
  for (const value of [requestsPerSecond, generationSeconds, concurrentGenerations]) {
    if (value !== undefined && Token.isUnresolved(value)) invalidProp(scope, prop, 'a token', 'numbers known at synth: the settings are derived from them');
  }
  validateRange(scope, `${prop}.requestsPerSecond`, requestsPerSecond, { min: MIN_RATE, max: ACCOUNT_RATE_LIMIT, integer: false });
  validateRange(scope, `${prop}.generationSeconds`, generationSeconds, { min: 0.1, max: MAX_GENERATION_SECONDS, integer: false });
  validateRange(scope, `${prop}.concurrentGenerations`, concurrentGenerations, { min: 1, max: MAX_FUNCTION_CONCURRENCY });

  const seconds = generationSeconds ?? DEFAULT_GENERATION_SECONDS;
  const concurrency = concurrentGenerations ?? Math.ceil((requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND) * seconds - 1e-9);
  if (concurrency > MAX_FUNCTION_CONCURRENCY) {
    invalidProp(scope, prop, `${requestsPerSecond} requests/s of ${seconds} s generations (${concurrency} concurrent executions)`,
      `at most ${MAX_FUNCTION_CONCURRENCY} concurrent executions per function, the account's default Lambda concurrency`);
  }
  const rate = requestsPerSecond ?? Math.max(MIN_RATE, roundDown(concurrency / seconds));
  const burst = Math.max(1, Math.min(concurrency, ACCOUNT_BURST_LIMIT));
  return {
    requestsPerSecond: rate,
    generationSeconds: seconds,
    invokeReservedConcurrency: concurrency,
    chatReservedConcurrency: concurrency,
    methodRateLimit: rate,
    methodBurstLimit: burst,
    usagePlanRateCeiling: rate,
    usagePlanBurstCeiling: burst,
    concurrencyWarning: Math.max(1, Math.floor(concurrency * CONCURRENCY_WARNING_PERCENT / 100)),
  };
}

/** Rates with three decimals, rounded down so that rate × generation seconds stays within the concurrency. */
function roundDown(value: number): number {
  return Math.floor(value * 1000 + 1e-9) / 1000;
}
