/**
 * Limits of one scope in each window; a field left out is no limit in that window.
 * Token windows count the prompt and completion tokens of every call (a call's
 * worst case is reserved before it runs); cost windows need the model's `price`.
 */
export interface BudgetWindowLimits {
  /**
   * Tokens per clock minute.
   * @default - no minute limit
   */
  readonly tokensPerMinute?: number;
  /**
   * Tokens per UTC day.
   * @default - no daily token limit
   */
  readonly tokensPerDay?: number;
  /**
   * Tokens per UTC calendar month.
   * @default - no monthly token limit
   */
  readonly tokensPerMonth?: number;
  /**
   * USD per UTC day, by the model's `price`.
   * @default - no daily spending limit
   */
  readonly costPerDay?: number;
  /**
   * USD per UTC calendar month, by the model's `price`.
   * @default - no monthly spending limit
   */
  readonly costPerMonth?: number;
}

/** The limits of each scope a call is counted in. A scope left out has no limits (and costs no table write). */
export interface BudgetScopeLimits {
  /**
   * Per tenant: the authorizer's tenant claim (callers without one share the tenant `-`).
   * @default - no tenant limits
   */
  readonly tenant?: BudgetWindowLimits;
  /**
   * Per principal (the token's `sub`).
   * @default - no principal limits
   */
  readonly principal?: BudgetWindowLimits;
  /**
   * Per API key of the usage plan.
   * @default - no API key limits
   */
  readonly apiKey?: BudgetWindowLimits;
}

/** The limits of the callers of one tier (the authorizer context's `tier`, from the gateway's `tierClaim`). */
export interface BudgetTierLimits {
  /** The tier name as the claim carries it, e.g. a usage tier's name: 1-64 printable characters without spaces. */
  readonly tier: string;
  /** The tier's limits; they replace `defaults` for its callers. */
  readonly limits: BudgetScopeLimits;
}

/** One tenant's limits, field by field over those of the caller's tier. */
export interface BudgetTenantLimits {
  /** The tenant as the authorizer's tenant claim carries it: 1-64 printable characters without spaces. */
  readonly tenant: string;
  /** The fields set here replace the tier's (or the defaults') same fields for this tenant. */
  readonly limits: BudgetScopeLimits;
}

/** What a model's tokens cost, in USD per million tokens. */
export interface ModelPrice {
  /** USD per million prompt tokens. */
  readonly promptPerMillion: number;
  /** USD per million completion tokens. */
  readonly completionPerMillion: number;
}

/**
 * Token metering, limits and budgets of a model's two routes, enforced by its
 * functions in one DynamoDB table per gateway. Calls over a limit get 429 with
 * `Retry-After` and `x-ratelimit-*-tokens` headers. Every metered call emits
 * its tokens (and, with `price`, its cost) as metrics per tenant.
 */
export interface ModelBudgetOptions {
  /**
   * Limits of callers without a tier, or whose tier has no entry in `tiers`.
   * @default - no limits: calls are metered only
   */
  readonly defaults?: BudgetScopeLimits;
  /**
   * Limits per tier, at most 20.
   * @default - every caller gets `defaults`
   */
  readonly tiers?: BudgetTierLimits[];
  /**
   * Per-tenant overrides, at most 50.
   * @default - none
   */
  readonly tenants?: BudgetTenantLimits[];
  /**
   * Turns tokens into cost: needed for cost limits, gives the cost metric, the dashboard's
   * cost graph and the spend-rate alarm.
   * @default - no cost: token limits and metering only
   */
  readonly price?: ModelPrice;
  /**
   * Let calls through, unmetered, when the budget table cannot be reached (a `BudgetFailOpen`
   * metric each time, and a warning at synth). By default such calls are refused with 503.
   * @default false
   */
  readonly failOpen?: boolean;
}
