/**
 * The names of the custom metrics the gateway's alarms and dashboard read.
 * This file imports nothing, so a handler bundle can import it as it is:
 * what a function emits and what the constructs alarm on stay one list.
 * Unlike the other contract modules it is exported from the package, because
 * `GatewayMetrics.proxyMetric` takes these names. The package exports its
 * enums; jsii drops exported constants, so those are public as statics of
 * `GatewayAlarms` (`METRIC_NAMESPACE` and its siblings).
 */

/** Namespace of the metrics the gateway's functions emit in embedded metric format (EMF). */
export const GATEWAY_METRIC_NAMESPACE = 'SecureAiGateway';

/** The `service` dimension value of the model proxy's metrics (Powertools Metrics adds `service` to every dimension set). */
export const MODEL_PROXY_SERVICE_NAME = 'model-proxy';

/** Dimensions of the metrics the model proxy emits. */
export enum GatewayMetricDimension {
  /** The emitting function's service name, added by Powertools Metrics to every dimension set. */
  SERVICE = 'service',
  /**
   * The REST API id, `event.requestContext.apiId`: keeps two gateways in one
   * account and region apart and lets an alarm read one series per gateway.
   */
  API_ID = 'ApiId',
  /** The model name of the route, as in `POST /v1/models/<model>/invoke`. */
  MODEL = 'Model',
  /** Routed models: the version that served the call (`ModelVersionConfig.name`). */
  VERSION = 'Version',
  /** Routed models: the target of one attempt (`RoutingTargetConfig.id`, unique within its version). */
  TARGET = 'Target',
  /**
   * Budgets: the authorizer's tenant (`-` for callers without one). Principals
   * and API keys are never dimensions (one series each would cost more than
   * the calls); they are in the audit line.
   */
  TENANT = 'Tenant',
}

/**
 * Metrics the model proxy emits once per request it handles, in namespace
 * {@link GATEWAY_METRIC_NAMESPACE}, unit `Count`, under both dimension sets of
 * {@link PROXY_METRIC_DIMENSION_SETS}.
 */
export enum ProxyMetricName {
  /** 1 for every request the proxy handles. */
  REQUESTS = 'Requests',
  /** 1 when the prompt-injection guard flagged the prompt, else 0. */
  INJECTION_FLAGGED = 'InjectionFlagged',
  /** Number of PII entities masked in the prompt and the response together (0 when none). */
  PII_FINDINGS = 'PiiFindings',
  /** Chat route: prompt tokens of the call, as the backend reported them or estimated (unit `Count`). */
  PROMPT_TOKENS = 'PromptTokens',
  /** Chat route: completion tokens of the call (unit `Count`). */
  COMPLETION_TOKENS = 'CompletionTokens',
  /** Chat route, streamed calls: milliseconds from the request to the first answer text sent (unit `Milliseconds`). */
  TIME_TO_FIRST_TOKEN = 'TimeToFirstToken',
  /** Chat route, streamed calls: milliseconds the stream was open (unit `Milliseconds`). */
  STREAM_DURATION = 'StreamDuration',
  /** Chat route: 1 when a stream that had started ended in an error event, else 0. */
  STREAMS_FAILED = 'StreamsFailed',
  /** Chat route: 1 when the caller went away before the answer ended (the backend call is aborted), else 0. */
  CLIENT_DISCONNECTS = 'ClientDisconnects',
  /** Routes with a response cache: 1 when the answer came from the cache, else 0. */
  CACHE_HITS = 'CacheHits',
  /** Routes with a response cache: 1 when the call looked the cache up, found nothing and went to the backend, else 0. */
  CACHE_MISSES = 'CacheMisses',
  /** Routes with a response cache: 1 when the call did not use the cache (no-store, temperature, no tenant, cache unavailable), else 0. */
  CACHE_BYPASSES = 'CacheBypasses',
  /** Routes with a response cache: KMS or DynamoDB failures of the call's cache read or write (the call went on without the cache). */
  CACHE_ERRORS = 'CacheErrors',
  /** Routed models, per version: 1 for every call routed to the version (dimension set {@link ROUTING_VERSION_DIMENSIONS}). */
  VERSION_REQUESTS = 'VersionRequests',
  /** Routed models, per version: 1 when the call answered 5xx (backend failure after every allowed attempt), else 0. */
  VERSION_ERRORS = 'VersionErrors',
  /** Routed models, per version: milliseconds of the backend call, failovers included (unit `Milliseconds`). */
  VERSION_LATENCY = 'VersionLatency',
  /** Routed models, per version: attempts on another target after the first (0 when the first target served). */
  FAILOVERS = 'Failovers',
  /** Routed models, per version: 1 when a target outside the version's highest priority group served the call, else 0. */
  FALLBACK_SERVED = 'FallbackServed',
  /** Routed models, per target: 1 for every attempt on the target ({@link ROUTING_TARGET_DIMENSIONS}). */
  TARGET_CALLS = 'TargetCalls',
  /** Routed models, per target: 1 when the attempt failed in a way that counts against the target (throttled, timeout, 5xx, connection). */
  TARGET_ERRORS = 'TargetErrors',
  /** Routed models, per target: milliseconds of the attempt (unit `Milliseconds`). */
  TARGET_LATENCY = 'TargetLatency',
  /** Routed models, per target: 1 each time the target's circuit breaker opens in a function instance. */
  BREAKER_OPENED = 'BreakerOpened',
  /** Routed models, per target: 1 each time the target's circuit breaker closes again after a successful probe. */
  BREAKER_CLOSED = 'BreakerClosed',
}

/**
 * Metering and budgets, emitted by both model functions when the route has a
 * budget, in namespace {@link GATEWAY_METRIC_NAMESPACE}. The token and cost
 * metrics go under {@link BUDGET_METER_DIMENSION_SETS}; the outcome counts
 * under {@link PROXY_METRIC_DIMENSION_SETS}.
 */
export enum BudgetMetricName {
  /** Prompt tokens of a settled call (reported by the backend or estimated). */
  METERED_PROMPT_TOKENS = 'MeteredPromptTokens',
  /** Completion tokens of a settled call, streams cut short included. */
  METERED_COMPLETION_TOKENS = 'MeteredCompletionTokens',
  /** Cost of a settled call in micro-USD, by the route's price table (only with one). */
  METERED_COST = 'MeteredCostMicroUsd',
  /** 1 when a call was refused with 429 because a token or spending limit is reached. */
  BUDGET_EXCEEDED = 'BudgetExceeded',
  /** 1 each time the table could not answer and the route's `failOpen` let the call pass. */
  BUDGET_FAIL_OPEN = 'BudgetFailOpen',
  /** 1 each time the table could not answer and the call was refused (503). */
  BUDGET_UNAVAILABLE = 'BudgetUnavailable',
  /** 1 when a settlement could not be written (the reservation stays counted: an over-count, never an under-count). */
  BUDGET_SETTLE_FAILED = 'BudgetSettleFailed',
}

/** Metering per tenant and model, and per version of routed models. */
export const BUDGET_METER_DIMENSION_SETS: ReadonlyArray<ReadonlyArray<string>> = Object.freeze([
  Object.freeze([GatewayMetricDimension.SERVICE, GatewayMetricDimension.API_ID, GatewayMetricDimension.MODEL, GatewayMetricDimension.TENANT]),
  Object.freeze([GatewayMetricDimension.SERVICE, GatewayMetricDimension.API_ID, GatewayMetricDimension.MODEL, GatewayMetricDimension.VERSION]),
]);

/**
 * The dimension sets of every proxy metric: per gateway (what the alarms
 * read) and per gateway and model (what the dashboard breaks down).
 */
export const PROXY_METRIC_DIMENSION_SETS: ReadonlyArray<ReadonlyArray<string>> = Object.freeze([
  Object.freeze([GatewayMetricDimension.SERVICE, GatewayMetricDimension.API_ID]),
  Object.freeze([GatewayMetricDimension.SERVICE, GatewayMetricDimension.API_ID, GatewayMetricDimension.MODEL]),
]);

/** The dimension set of the per-version routing metrics (one EMF line per routed call). */
export const ROUTING_VERSION_DIMENSIONS: ReadonlyArray<string> = Object.freeze([
  GatewayMetricDimension.SERVICE, GatewayMetricDimension.API_ID, GatewayMetricDimension.MODEL, GatewayMetricDimension.VERSION,
]);

/** The dimension set of the per-target routing metrics (one EMF line per attempt and per breaker change). */
export const ROUTING_TARGET_DIMENSIONS: ReadonlyArray<string> = Object.freeze([
  GatewayMetricDimension.SERVICE, GatewayMetricDimension.API_ID, GatewayMetricDimension.MODEL,
  GatewayMetricDimension.VERSION, GatewayMetricDimension.TARGET,
]);

/**
 * Metrics that metric filters derive from the JSON log lines the functions
 * and the stage already write. Their namespace is per log source (see
 * `logMetricNamespace`), because a metric filter can take dimension values
 * only from the log line itself.
 */
export enum LogMetricName {
  /** Authorizer audit lines: every decision. */
  AUTHORIZER_DECISIONS = 'AuthorizerDecisions',
  /** Authorizer audit lines with `decision` Deny: a valid token without access to the model. */
  AUTHORIZER_DENIALS = 'AuthorizerDenials',
  /** Authorizer audit lines with `decision` Unauthorized: no, a malformed or an invalid token. */
  AUTHORIZER_UNAUTHORIZED = 'AuthorizerUnauthorized',
  /** Access log lines with status 429: stage and usage-plan throttling, WAF rate-rule blocks that reach the log. */
  THROTTLED_REQUESTS = 'ThrottledRequests',
  /** Auto-block summary lines: addresses added to the block IP sets. */
  BLOCKED_ADDRESSES = 'BlockedAddresses',
  /** Auto-block summary lines: addresses removed from the block IP sets when their block expired. */
  UNBLOCKED_ADDRESSES = 'UnblockedAddresses',
}
