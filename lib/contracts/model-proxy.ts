/**
 * The configuration that `ModelProxyFunction` hands to the model-proxy
 * handler as one JSON environment variable, and the limits both sides apply:
 * the construct checks its props with them at synth, the handler checks the
 * JSON with them at cold start. The prompt length limit is in limits.ts, the
 * model-name rule in model-names.ts and the Bedrock model id forms in
 * bedrock-model-ref.ts. No imports, so the handler bundle includes this file
 * as it is; not exported from the package.
 */
export const MODEL_PROXY_CONFIG_ENV = 'MODEL_PROXY_CONFIG';
export const MODEL_PROXY_CONFIG_VERSION = 1;

export const BACKEND_TYPES = ['sagemaker', 'bedrock', 'http'] as const;
export type BackendTypeName = (typeof BACKEND_TYPES)[number];

/** Request body shapes the proxy can write; values of the `RequestFormat` enum. */
export const REQUEST_FORMATS = ['PASSTHROUGH', 'HUGGING_FACE', 'OPENAI_COMPLETIONS', 'OPENAI_CHAT', 'ANTHROPIC_MESSAGES'] as const;
export type RequestFormatName = (typeof REQUEST_FORMATS)[number];

/** Where each request format's answer keeps the generated text, unless a path is configured. */
export const DEFAULT_RESPONSE_TEXT_PATHS: Readonly<Record<RequestFormatName, string>> = {
  PASSTHROUGH: 'generated_text',
  HUGGING_FACE: 'generated_text',
  OPENAI_COMPLETIONS: 'choices[0].text',
  OPENAI_CHAT: 'choices[0].message.content',
  ANTHROPIC_MESSAGES: 'content[0].text',
};

/** A field path: names and `[index]` steps, e.g. `outputs[0].text` or `[0].generated_text`. */
export const RESPONSE_TEXT_PATH_PATTERN = /^(?:[A-Za-z_][A-Za-z0-9_-]*|\[\d{1,3}\])(?:\[\d{1,3}\])*(?:\.[A-Za-z_][A-Za-z0-9_-]*(?:\[\d{1,3}\])*)*$/;
export const RESPONSE_TEXT_PATH = {
  maxLength: 1024,
  pattern: RESPONSE_TEXT_PATH_PATTERN,
  patternRule: 'field names and [index] steps such as outputs[0].text',
} as const;

export interface SageMakerBackendConfig {
  readonly type: 'sagemaker';
  readonly endpointName: string;
}

export interface BedrockBackendConfig {
  readonly type: 'bedrock';
  /**
   * InvokeModel's `modelId`: a foundation-model id, a cross-region inference
   * profile id or ARN, or an application inference profile ARN; the forms
   * `parseBedrockModelRef` (bedrock-model-ref.ts) accepts, on both sides.
   */
  readonly modelId: string;
}

/** SageMaker's rule for endpoint names (existing ones may use capitals), as a `StringRule` (field-rules.ts). */
export const SAGEMAKER_ENDPOINT_NAME = {
  maxLength: 63,
  pattern: /^[a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62}$/,
  patternRule: '1-63 letters, digits and hyphens, starting and ending with a letter or digit',
} as const;

/** The `model` field of OpenAI-style bodies: printable ASCII without spaces. */
export const REQUEST_MODEL_NAME = { maxLength: 256, pattern: /^[\x21-\x7e]+$/, patternRule: '1-256 printable characters without spaces' } as const;

export interface HttpBackendConfig {
  readonly type: 'http';
  /** Absolute URL the proxy POSTs to. */
  readonly url: string;
  /** Whether a plain `http:` URL is accepted (the construct warns when it is). */
  readonly allowInsecureHttp: boolean;
}

export type BackendConfig = SageMakerBackendConfig | BedrockBackendConfig | HttpBackendConfig;

export const INJECTION_ACTIONS = ['block', 'flag', 'off'] as const;
export type InjectionActionName = (typeof INJECTION_ACTIONS)[number];

/** The masker's built-in entity types; values of the `PiiEntityType` enum, and the masker's own PII_TYPES. */
export const PII_ENTITY_TYPES = [
  'EMAIL',
  'PHONE',
  'CREDIT_CARD',
  'US_SSN',
  'IBAN',
  'IP_ADDRESS',
  'AWS_ACCESS_KEY',
  'API_SECRET',
  'DATE_OF_BIRTH',
  'US_PASSPORT',
  'PERSON',
  'STREET_ADDRESS',
] as const;
export type PiiEntityTypeName = (typeof PII_ENTITY_TYPES)[number];

/** What the model gets in place of a finding; values of the `PiiMaskingMode` enum. */
export const PII_PROXY_MODES = ['placeholder', 'redact'] as const;
export type PiiProxyModeName = (typeof PII_PROXY_MODES)[number];

/**
 * Limits of the masking options. The whole configuration travels in one
 * environment variable, and Lambda allows 4 KB for all of them together.
 */
export const PII_ALLOWLIST_MAX_VALUES = 50;
export const PII_ALLOWLIST_MAX_LENGTH = 128;
export const PII_CUSTOM_PATTERNS_MAX = 10;
export const PII_CUSTOM_PATTERN_MAX_LENGTH = 500;
/** Bytes of the `piiMasking` JSON, so the configuration stays well inside Lambda's 4 KB of environment. */
export const PII_MASKING_CONFIG_MAX_BYTES = 2048;
/**
 * Bytes of the whole configuration JSON the construct accepts (token values
 * counted at their longest), leaving room in Lambda's 4 KB for the variable's
 * name and any variable added later.
 */
export const MODEL_PROXY_CONFIG_MAX_BYTES = 3584;

export interface CustomPiiPatternConfig {
  /** `[A-Z][A-Z0-9_]{0,31}`, not a built-in type: the tag of its replacements. */
  readonly name: string;
  /** In the masker's safe subset (docs/pii-masking.md, "Custom patterns"). */
  readonly pattern: string;
  readonly caseInsensitive: boolean;
}

export interface PiiMaskingConfig {
  /** What the model gets in place of PII, in prompts and answers alike. */
  readonly mode: PiiProxyModeName;
  /** The built-in types to mask; absent means every type the masker knows, including types added later. */
  readonly entityTypes?: readonly PiiEntityTypeName[];
  /** Values never masked (compared case-insensitively, ignoring surrounding space). */
  readonly allowlist: readonly string[];
  readonly customPatterns: readonly CustomPiiPatternConfig[];
}

export interface RetryConfig {
  /** Attempts in all, first call included; only throttled calls are retried. */
  readonly maxAttempts: number;
  /** Backoff cap of the first retry; doubles per retry (full jitter). */
  readonly baseDelayMs: number;
  /** Largest backoff cap. */
  readonly maxDelayMs: number;
}

export interface ModelProxyConfig {
  readonly version: number;
  /** The route's model name, for the audit line. */
  readonly model: string;
  readonly backend: BackendConfig;
  readonly requestFormat: RequestFormatName;
  /** The `model` field of OpenAI-style request bodies (vLLM serves models by name). */
  readonly requestModelName?: string;
  readonly responseTextPath: string;
  readonly maxPromptLength: number;
  readonly maxOutputTokens: number;
  /** Whether placeholders of the caller's own PII are put back into the answer (only with the `placeholder` mode). */
  readonly restorePlaceholders: boolean;
  /** How the masker treats every string sent to the model and every string of its answer. */
  readonly piiMasking: PiiMaskingConfig;
  /** Largest request body in bytes the validator accepts. */
  readonly maxBodyBytes: number;
  /** What the prompt-injection guard does with a prompt that scores at or above the threshold. */
  readonly injectionAction: InjectionActionName;
  /** Score from 0 to 1 at which a prompt counts as an injection attempt. */
  readonly injectionThreshold: number;
  readonly retry: RetryConfig;
  /** The handler answers this long before the function's own timeout, so a slow model yields a 504, not a Lambda timeout. */
  readonly timeoutMarginMs: number;
  /**
   * Chat route: a backend stream that sends nothing for this long (before its
   * first byte or between two) is cut and the caller told so.
   */
  readonly streamIdleTimeoutMs: number;
  /**
   * Several targets, versions and failover (RoutingConfig below). Absent: one
   * target, the `backend` and format fields above, and no breaker.
   */
  readonly routing?: RoutingConfig;
  /** Chat route: exact-match cache of masked answers (ResponseCacheConfig below). Absent: no cache. */
  readonly cache?: ResponseCacheConfig;
  /** Token metering, limits and budgets per tenant (BudgetConfig below). Absent: no limits, no metering table. */
  readonly budget?: BudgetConfig;
}

export const DEFAULT_RETRY: RetryConfig = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };
export const DEFAULT_TIMEOUT_MARGIN_MS = 1000;
/** Long enough for a model's first token on a long prompt; API Gateway closes a stream idle for 5 minutes. */
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 60_000;
export const DEFAULT_INJECTION_THRESHOLD = 0.5;
export const DEFAULT_PII_MASKING: PiiMaskingConfig = { mode: 'placeholder', allowlist: [], customPatterns: [] };

// Limits of the fields, as `IntegerLimit` and `NumberRange` (field-rules.ts).
export const MAX_OUTPUT_TOKENS = { min: 1, max: 1_000_000 } as const;
export const MAX_BODY_BYTES = { min: 1, max: 10 * 1024 * 1024 } as const;
export const INJECTION_THRESHOLD = { min: 0.01, max: 1 } as const;
export const RETRY_ATTEMPTS = { min: 1, max: 5 } as const;
export const RETRY_BASE_DELAY_MS = { min: 0, max: 10_000 } as const;
/** The upper bound of `maxDelayMs`; its lower bound is the configured `baseDelayMs`. */
export const RETRY_MAX_DELAY_MS_CEILING = 20_000;
export const TIMEOUT_MARGIN_MS = { min: 0, max: 10_000 } as const;
/** Below API Gateway's 5-minute idle timeout of regional and private streams. */
export const STREAM_IDLE_TIMEOUT_MS = { min: 1000, max: 290_000 } as const;
/** Absolute `http:` or `https:` URL without spaces; the scheme rule follows `allowInsecureHttp`. */
export const BACKEND_URL = { maxLength: 2048, pattern: /^https?:\/\/\S+$/, patternRule: 'an absolute http or https URL' } as const;

/**
 * The body a prompt of this length can need: six bytes per character covers
 * JSON escapes (`\u001b`) as well as any UTF-8, plus room for `parameters`.
 * The web ACL's size rule is the byte limit at the edge.
 */
export function maxBodyBytesFor(maxPromptLength: number): number {
  return maxPromptLength * 6 + 4096;
}

// ---------------------------------------------------------------------------
/**
 * Routing of one model route over several backends: versions (a model name
 * as an alias over versions, split by weight and sticky per caller), each
 * with targets in priority groups (the highest priority group that has an
 * available target takes the traffic, split by weight), failover before the
 * first byte, and a circuit breaker per target in each function instance.
 * The constructs write it into the proxy configuration (`routing`); both
 * model functions read it.
 */

/** Target and version ids: lower-case letters, digits and hyphens. */
export const ROUTING_ID = {
  maxLength: 32,
  pattern: /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/,
  patternRule: '1-32 characters of [a-z0-9-], not starting or ending with a hyphen',
} as const;

export interface RoutingTargetConfig {
  /** Unique within the version; named in the audit line and the per-target metrics. */
  readonly id: string;
  readonly backend: BackendConfig;
  readonly requestFormat: RequestFormatName;
  readonly requestModelName?: string;
  readonly responseTextPath: string;
  /** Higher numbers are tried first; a lower group takes over only when no target of a higher one is available. */
  readonly priority: number;
  /** Share of its priority group's traffic, relative to the group's other targets. */
  readonly weight: number;
}

export interface ModelVersionConfig {
  /** E.g. `v1`; callers never see it, the audit line and metrics do. */
  readonly name: string;
  /** Share of callers (relative to the other versions' weights) sent to this version. */
  readonly weight: number;
  /** Only callers whose token lists this version in its `versions` context may reach it (testers of a canary). */
  readonly restricted: boolean;
  readonly targets: readonly RoutingTargetConfig[];
}

export interface CircuitBreakerConfig {
  /** Sliding window over which failures are counted. */
  readonly windowMs: number;
  /** Calls in the window before the failure rate counts. */
  readonly minimumCalls: number;
  /** Failure share (0..1) in the window at which the breaker opens. */
  readonly failureRate: number;
  /** Consecutive failures at which the breaker opens, whatever the rate. */
  readonly consecutiveFailures: number;
  /** Time an open breaker skips its target before letting probes through. */
  readonly coolDownMs: number;
  /** Probes let through while half-open; one success closes the breaker, one failure opens it again. */
  readonly halfOpenProbes: number;
}

export interface RoutingConfig {
  readonly versions: readonly ModelVersionConfig[];
  /** How long the same caller keeps the same version (0: chosen afresh per call). */
  readonly stickinessSeconds: number;
  /** Attempts across targets per call, the first included (throttling retries of one target count as attempts). */
  readonly maxAttempts: number;
  /**
   * Longest one attempt may take when another target could still be tried
   * (buffered calls: the whole answer; streams: up to the first event). Absent:
   * an attempt may use the whole remaining time budget, so a backend that hangs
   * leaves no time to fail over.
   */
  readonly attemptTimeoutMs?: number;
  readonly breaker: CircuitBreakerConfig;
}

export const ROUTING_LIMITS = {
  versions: { min: 1, max: 5 },
  targetsPerVersion: { min: 1, max: 8 },
  priority: { min: 0, max: 100 },
  weight: { min: 1, max: 1000 },
  versionWeight: { min: 0, max: 100 },
  stickinessSeconds: { min: 0, max: 86_400 },
  maxAttempts: { min: 1, max: 5 },
  attemptTimeoutMs: { min: 1000, max: 900_000 },
  windowMs: { min: 1000, max: 600_000 },
  minimumCalls: { min: 1, max: 1000 },
  failureRate: { min: 0.01, max: 1 },
  consecutiveFailures: { min: 1, max: 100 },
  coolDownMs: { min: 1000, max: 600_000 },
  halfOpenProbes: { min: 1, max: 10 },
} as const;

export const DEFAULT_BREAKER: CircuitBreakerConfig = {
  windowMs: 30_000, minimumCalls: 10, failureRate: 0.5, consecutiveFailures: 5, coolDownMs: 15_000, halfOpenProbes: 1,
};
export const DEFAULT_MAX_ROUTING_ATTEMPTS = 3;
export const DEFAULT_STICKINESS_SECONDS = 3600;

// ---------------------------------------------------------------------------
/**
 * Response cache of one model route: exact match on an HMAC of tenant, access
 * scope, model, version and the masked request; the value is the masked
 * answer. The construct creates the table (its own KMS key, TTL on
 * `RESPONSE_CACHE_ITEM.ttl`) and the HMAC key (`HMAC_256`, usage
 * `GENERATE_VERIFY_MAC`), and grants `dynamodb:GetItem`, `dynamodb:PutItem`
 * on the table and `kms:GenerateMac` on the HMAC key.
 */
export interface ResponseCacheConfig {
  readonly tableName: string;
  /** How long an answer may be served; DynamoDB's TTL deletes it later, reads check it themselves. */
  readonly ttlSeconds: number;
  /** Key id, key ARN or alias of the HMAC_256 KMS key the per-tenant cache-key secrets are derived from. */
  readonly hmacKeyId: string;
  /** Whether requests with a temperature above 0 (or none, the backend's default) are cached too. */
  readonly cacheNonZeroTemperature: boolean;
}

/** The cache table: a string partition key and a number TTL attribute (epoch seconds). */
export const RESPONSE_CACHE_ITEM = { partitionKey: 'k', ttl: 'expiresAt' } as const;
export const RESPONSE_CACHE_TTL_SECONDS = { min: 60, max: 30 * 86_400 } as const;
export const DYNAMODB_TABLE_NAME = { maxLength: 255, pattern: /^[a-zA-Z0-9_.-]{3,255}$/, patternRule: '3-255 letters, digits, _ . -' } as const;
/** A key id (UUID or multi-Region `mrk-`), key ARN, alias name or alias ARN: what `GenerateMac` takes. */
export const KMS_KEY_REF = {
  maxLength: 2048,
  pattern: new RegExp('^(?:[0-9a-f-]{36}|mrk-[0-9a-f]{32}|alias/[A-Za-z0-9/_-]{1,250}'
    + '|arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(?:key/[0-9a-zA-Z-]+|alias/[A-Za-z0-9/_-]{1,250}))$'),
  patternRule: 'a KMS key id, key ARN, alias name or alias ARN',
} as const;

// ---------------------------------------------------------------------------
/**
 * Token limits and budgets, enforced by both model functions with one
 * DynamoDB table (key `pk`, string; TTL attribute `expiresAt`). Before a call
 * its worst case (prompt upper bound + max_tokens) is reserved in every
 * window of every scope that applies; after it the reservation is settled to
 * the actual usage. Limits are per model route: the item keys name the model.
 */
export const BUDGET_TABLE_KEY = 'pk';
export const BUDGET_TTL_ATTRIBUTE = 'expiresAt';
/** Who a limit counts: the authorizer's tenant, its principal (`sub`), or the API key of the usage plan. */
export const BUDGET_SCOPES = ['tenant', 'principal', 'apiKey'] as const;
export type BudgetScopeName = (typeof BUDGET_SCOPES)[number];

/** One scope's limits; an absent field is no limit. Costs are in USD and need `price`. */
export interface BudgetLimits {
  readonly tokensPerMinute?: number;
  readonly tokensPerDay?: number;
  readonly tokensPerMonth?: number;
  readonly costPerDay?: number;
  readonly costPerMonth?: number;
}
export const BUDGET_LIMIT_FIELDS = ['tokensPerMinute', 'tokensPerDay', 'tokensPerMonth', 'costPerDay', 'costPerMonth'] as const;

/** The limits of one tier or one tenant, per scope. An absent scope has no limits. */
export interface BudgetLimitSet {
  readonly tenant?: BudgetLimits;
  readonly principal?: BudgetLimits;
  readonly apiKey?: BudgetLimits;
}

/** USD per million tokens. */
export interface BudgetPrice {
  readonly promptPerMillion: number;
  readonly completionPerMillion: number;
}

export interface BudgetConfig {
  /** The DynamoDB table (key `pk`, TTL `expiresAt`) the function may GetItem and UpdateItem. */
  readonly tableName: string;
  /** Limits of callers without a tier, or whose tier is not in `tiers`. */
  readonly defaults: BudgetLimitSet;
  /** Limits by the authorizer's `tier` context value. */
  readonly tiers?: Readonly<Record<string, BudgetLimitSet>>;
  /** Per-tenant overrides, field by field over the limits of the caller's tier. */
  readonly tenants?: Readonly<Record<string, BudgetLimitSet>>;
  /** Turns tokens into cost (metrics, audit line, cost limits). */
  readonly price?: BudgetPrice;
  /** Whether a call passes when the table cannot be reached (a `BudgetFailOpen` metric each time). */
  readonly failOpen: boolean;
}

export const BUDGET_LIMITS = {
  tokens: { min: 1, max: 1e12 },
  /** USD. */
  cost: { min: 0.000001, max: 1e9 },
  /** USD per million tokens. */
  price: { min: 0, max: 10_000 },
  tiers: { max: 20 },
  tenants: { max: 50 },
} as const;
/** DynamoDB's table-name rule. */
export const BUDGET_TABLE_NAME = DYNAMODB_TABLE_NAME;
/** Tier and tenant names as they come from claims: printable ASCII without spaces. */
export const BUDGET_NAME = { maxLength: 64, pattern: /^[\x21-\x7e]{1,64}$/, patternRule: '1-64 printable characters without spaces' } as const;
/** Bytes of the `budget` JSON: the whole configuration shares Lambda's 4 KB of environment. */
export const BUDGET_CONFIG_MAX_BYTES = 1536;
