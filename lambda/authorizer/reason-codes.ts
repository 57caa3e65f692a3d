/**
 * Why the authorizer decided what it did. These strings are an interface: the
 * WAF auto-block function and dashboards match on them, so they never change
 * meaning; new codes may be added.
 */
export const Reason = {
  ALLOWED: 'allowed',
  MISSING_TOKEN: 'missing_token',
  MALFORMED: 'malformed',
  TOKEN_TOO_LONG: 'token_too_long',
  INVALID_ALGORITHM: 'invalid_algorithm',
  INVALID_SIGNATURE: 'invalid_signature',
  UNKNOWN_KEY: 'unknown_key',
  EXPIRED: 'expired',
  NOT_YET_VALID: 'not_yet_valid',
  WRONG_ISSUER: 'wrong_issuer',
  WRONG_AUDIENCE: 'wrong_audience',
  WRONG_TOKEN_USE: 'wrong_token_use',
  MISSING_CLAIM: 'missing_claim',
  JWKS_UNAVAILABLE: 'jwks_unavailable',
  MODEL_NOT_PERMITTED: 'model_not_permitted',
  CONDITION_FAILED: 'condition_failed',
  MISSING_USAGE_IDENTIFIER: 'missing_usage_identifier',
  UNKNOWN_ROUTE: 'unknown_route',
  CONFIG_ERROR: 'config_error',
  INTERNAL_ERROR: 'internal_error',
} as const;

export type Reason = (typeof Reason)[keyof typeof Reason];

/** The three outcomes API Gateway can see. */
export const Decision = {
  ALLOW: 'Allow',
  DENY: 'Deny',
  UNAUTHORIZED: 'Unauthorized',
} as const;

export type Decision = (typeof Decision)[keyof typeof Decision];
