import { Duration } from 'aws-cdk-lib';

/**
 * An exact-match cache of a model's chat completions: the key is an HMAC of the
 * tenant, the caller's access scope, the model and version and the masked
 * request; the value is the masked answer, restored for each caller like a
 * fresh one. Never shared across tenants; callers without a tenant are never
 * cached; `Cache-Control: no-store` is honoured. The chat completions route only.
 */
export interface ResponseCacheOptions {
  /**
   * How long an answer may be served: 1 minute to 30 days.
   * @default Duration.hours(1)
   */
  readonly ttl?: Duration;
  /**
   * Also cache requests with a temperature above 0 (or none, where the backend's default
   * is above 0): callers then get the same answer where they would have got varied ones.
   * @default false
   */
  readonly cacheNonZeroTemperature?: boolean;
}
