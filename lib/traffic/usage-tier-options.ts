import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

/** Where API Gateway reads the API key of a request from (the REST API's `apiKeySourceType`). */
export enum ApiKeySource {
  /** The client sends the key in the `x-api-key` header. */
  HEADER = 'HEADER',
  /** A Lambda authorizer returns the key as `usageIdentifierKey`, e.g. looked up from the caller's tenant. */
  AUTHORIZER = 'AUTHORIZER',
}

/** A model route that tiers apply to. */
export interface ModelMethod {
  /** The model's name, as in `POST /v1/models/<model>/invoke`. */
  readonly model: string;
  /** The method of the model's route. */
  readonly method: apigateway.Method;
  /**
   * The method of the model's chat completions route: it requires an API key as
   * well, and gets the model's throttles as a bucket of its own (API Gateway throttles per method).
   * @default - the model has no chat completions route
   */
  readonly chatMethod?: apigateway.Method;
}

/** A throttle for one model within a tier, e.g. lower for a large model; each of the model's routes gets it. */
export interface ModelThrottle {
  /** One of the models given to the UsageTiers. */
  readonly model: string;
  /** Steady-state requests per second; more than 0 and at most the tier's rate. */
  readonly rateLimit: number;
  /** Largest burst of requests; at least 1 and at most the tier's burst. */
  readonly burstLimit: number;
}

/** How many requests a key may make per day, week or month. */
export interface UsageQuota {
  /** Requests per period, at least 1. */
  readonly limit: number;
  /** The period the limit applies to. */
  readonly period: apigateway.Period;
  /**
   * Requests subtracted from the limit in the first period: 0 for DAY, up to
   * 6 for WEEK, up to 27 for MONTH (API Gateway's limits).
   * @default 0
   */
  readonly offset?: number;
}

/** One usage tier: a usage plan with its rate, burst, quota and per-model throttles. */
export interface UsageTierOptions {
  /** Name of the tier, e.g. `free`: 1-64 characters of `[a-z0-9-]`. */
  readonly name: string;
  /** Steady-state requests per second for a key of this tier. */
  readonly rateLimit: number;
  /** Largest burst of requests for a key of this tier. */
  readonly burstLimit: number;
  /**
   * Requests a key of this tier may make per period.
   * @default - no quota
   */
  readonly quota?: UsageQuota;
  /**
   * Throttles for single models within the tier.
   * @default - every model at the tier's rate and burst
   */
  readonly modelThrottles?: ModelThrottle[];
  /**
   * Description of the usage plan.
   * @default - names the tier
   */
  readonly description?: string;
}

/** An API key for one tenant or client. */
export interface TenantApiKeyOptions {
  /** Name of the tenant or client (not a person's name or e-mail): 1-64 characters of `[a-z0-9-]`. */
  readonly name: string;
  /** The tier the key belongs to. */
  readonly tier: string;
  /**
   * A secret that holds the key's value (at least 20 characters), for keys
   * that must be known elsewhere, e.g. by a Lambda authorizer. The template
   * holds only a reference to the secret.
   * @default - API Gateway generates the value
   */
  readonly valueSecret?: secretsmanager.ISecret;
  /**
   * The JSON field of `valueSecret` that holds the value.
   * @default - the whole secret string
   */
  readonly valueSecretField?: string;
  /**
   * Whether the key may be used.
   * @default true
   */
  readonly enabled?: boolean;
}

/** Properties of a {@link UsageTiers}. */
export interface UsageTiersProps {
  /** The stage the usage plans apply to. */
  readonly stage: apigateway.Stage;
  /** The model routes of the stage's REST API that the tiers meter. They are made to require an API key. */
  readonly models: ModelMethod[];
  /** The tiers; at least one. */
  readonly tiers: UsageTierOptions[];
  /**
   * API keys, one per tenant or client.
   * @default - none; add them with `addApiKey`
   */
  readonly apiKeys?: TenantApiKeyOptions[];
  /**
   * Where API Gateway reads the API key from. Set on the stage's REST API.
   * @default ApiKeySource.HEADER
   */
  readonly keySource?: ApiKeySource;
}
