/** How urgent an alarm is; each severity notifies its own topic. */
export enum AlarmSeverity {
  /** Worth a look during working hours. */
  WARNING = 'Warning',
  /** Callers are failing or an attack is under way: page someone. */
  CRITICAL = 'Critical',
}

/** The alarms of a gateway, one or more per severity. */
export enum GatewayAlarmKind {
  SERVER_ERROR_RATE = 'ServerErrorRate',
  CLIENT_ERROR_RATE = 'ClientErrorRate',
  LATENCY = 'Latency',
  INTEGRATION_LATENCY = 'IntegrationLatency',
  THROTTLED_REQUESTS = 'ThrottledRequests',
  REQUEST_ANOMALY = 'RequestAnomaly',
  WAF_BLOCKED_REQUESTS = 'WafBlockedRequests',
  WAF_BLOCKED_RATE = 'WafBlockedRate',
  AUTHORIZER_DENIAL_RATE = 'AuthorizerDenialRate',
  AUTO_BLOCK_DEAD_LETTERS = 'AutoBlockDeadLetters',
  INJECTION_FLAG_RATE = 'InjectionFlagRate',
  PII_FINDINGS_RATE = 'PiiFindingsRate',
  /** One alarm per watched function. */
  FUNCTION_ERRORS = 'FunctionErrors',
  /** One alarm per watched function. */
  FUNCTION_THROTTLES = 'FunctionThrottles',
  /** One alarm per watched function. */
  FUNCTION_DURATION = 'FunctionDuration',
  /** One alarm per function given to `addConcurrencyAlarm` (the model proxies): the model nears its capacity. */
  FUNCTION_CONCURRENCY = 'FunctionConcurrency',
  /** One alarm per SageMaker endpoint. */
  MODEL_SERVER_ERRORS = 'ModelServerErrors',
  /** One alarm per SageMaker endpoint. */
  MODEL_LATENCY = 'ModelLatency',
  /** One alarm per routed model: calls served outside the top priority group of their version (the model runs on its fallback). */
  FALLBACK_SERVED = 'FallbackServed',
  /** One alarm per version of a model with several versions (subject `<model>/<version>`): a canary to roll back. */
  VERSION_ERROR_RATE = 'VersionErrorRate',
  /** One alarm per version of a model with several versions (subject `<model>/<version>`). */
  VERSION_LATENCY = 'VersionLatency',
  /** One alarm per model with a budget `price`: its spend rate, every tenant together. */
  SPEND_RATE = 'SpendRate',
}

/**
 * The thresholds of one severity. An alarm fires when its metric is at or
 * above the threshold (anomaly: above the band) in enough periods. Counts are
 * per period. Every field left out takes the default of its severity; a
 * default of "none" means no alarm of that kind at that severity unless a
 * threshold is given here.
 */
export interface GatewayAlarmThresholds {
  /** Percent of requests answered 5XX. @default 1 (warning), 5 (critical) */
  readonly serverErrorRatePercent?: number;
  /** Percent of requests answered 4XX. @default 10 (warning), none (critical) */
  readonly clientErrorRatePercent?: number;
  /** p99 of `Latency`, in milliseconds. @default 10000 (warning), 25000 (critical) */
  readonly latencyP99Ms?: number;
  /** p99 of `IntegrationLatency`, in milliseconds. @default 8000 (warning), none (critical) */
  readonly integrationLatencyP99Ms?: number;
  /** Requests answered 429 per period. @default 20 (warning), 500 (critical) */
  readonly throttledRequests?: number;
  /** Width of the anomaly band of the request count, in standard deviations. @default 3 (warning), none (critical) */
  readonly requestAnomalyStdDevs?: number;
  /** Requests the web ACL blocked per period. @default 500 (warning), none (critical) */
  readonly wafBlockedRequests?: number;
  /** Percent of requests the web ACL blocked. @default 10 (warning), 50 (critical) */
  readonly wafBlockedRatePercent?: number;
  /** Percent of authorizer decisions that were Deny or Unauthorized. @default 10 (warning), 50 (critical) */
  readonly authorizerDenialRatePercent?: number;
  /** Messages in the auto-block dead-letter queue. @default 1 (warning), none (critical) */
  readonly autoBlockDeadLetters?: number;
  /** Percent of proxied requests whose prompt was flagged as an injection. @default 5 (warning), 20 (critical) */
  readonly injectionFlagRatePercent?: number;
  /** PII entities masked per 100 proxied requests. @default 100 (warning), none (critical) */
  readonly piiFindingsPer100Requests?: number;
  /** Errors of one function per period. @default 1 (warning), 10 (critical) */
  readonly functionErrors?: number;
  /** Throttled invocations of one function per period. @default 1 (warning), 20 (critical) */
  readonly functionThrottles?: number;
  /** p99 duration of one function, in percent of its timeout. @default 60 (warning), 90 (critical) */
  readonly functionDurationPercentOfTimeout?: number;
  /**
   * Peak concurrent executions of one model function, in percent of its reserved concurrency. At 100 % Lambda throttles and the throttles alarm takes over.
   * @default 80 (warning), none (critical)
   */
  readonly functionConcurrencyPercentOfReserved?: number;
  /** `Invocation5XXErrors` of one SageMaker endpoint per period. @default 1 (warning), 10 (critical) */
  readonly modelServerErrors?: number;
  /** p99 of `ModelLatency` of one SageMaker endpoint, in milliseconds. @default 10000 (warning), 25000 (critical) */
  readonly modelLatencyP99Ms?: number;
  /** Calls of one routed model served by a fallback target (outside their version's top priority group) per period. @default 1 (warning), none (critical) */
  readonly fallbackServed?: number;
  /** Percent of one version's calls answered 5xx, for models with several versions. @default 5 (warning), 20 (critical) */
  readonly versionErrorRatePercent?: number;
  /**
   * p99 of one version's backend time (`VersionLatency`, failovers and streams included), in milliseconds.
   * @default 20000 (warning), none (critical)
   */
  readonly versionLatencyP99Ms?: number;
  /**
   * Spend of one model with a budget `price`, in USD per hour (every tenant together, settled calls).
   * @default 10 (warning), none (critical)
   */
  readonly spendUsdPerHour?: number;
  /** Alarms not to create at this severity. @default - none */
  readonly disable?: GatewayAlarmKind[];
}

/** The thresholds of each severity. */
export interface GatewayAlarmThresholdsBySeverity {
  /** @default - the warning defaults of {@link GatewayAlarmThresholds} */
  readonly warning?: GatewayAlarmThresholds;
  /** @default - the critical defaults of {@link GatewayAlarmThresholds} */
  readonly critical?: GatewayAlarmThresholds;
}
