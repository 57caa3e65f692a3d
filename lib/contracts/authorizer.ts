/**
 * The contract between `JwtAuthorizer` and the authorizer function: the
 * environment variable, and every rule the function applies when it parses
 * its config. The construct checks its props with these rules at synth and
 * the function checks the JSON with the same rules at cold start, so a config
 * the function would refuse cannot deploy. Model names follow model-names.ts
 * and routes follow routes.ts, which both sides import as well. The rules are
 * plain objects of the shapes in field-rules.ts. No imports; not exported from
 * the package.
 */

/** The environment variable the construct puts the JSON config in. */
export const AUTHORIZER_CONFIG_ENV = 'AUTHORIZER_CONFIG';

/** Algorithms aws-jwt-verify can check against a public key. `none` and HS* are never among them. */
export const SIGNATURE_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export const ISSUER_KINDS = ['cognito', 'oidc'] as const;
export const TOKEN_USES = ['access', 'id'] as const;
export const CONDITION_OPERATORS = ['equals', 'in', 'notIn', 'atLeast'] as const;

/** Longest accepted token, checked before any parsing. */
export const MAX_TOKEN_LENGTH = { min: 512, max: 65_536, default: 8192 } as const;
/** Tolerance for `exp`, `nbf` and `iat`. */
export const CLOCK_SKEW_SECONDS = { min: 0, max: 300, default: 60 } as const;
/** Entries in the function's decision cache; 0 disables it. */
export const DECISION_CACHE_SIZE = { min: 0, max: 100_000, default: 1000 } as const;

/** Issuer and JWKS URLs. */
export const URI_RULE = { maxLength: 2048 } as const;
/** Claim names: groupsClaim, tenantClaim, tierClaim, usageIdentifierClaim and a condition's claim. */
export const CLAIM_NAME_RULE = { maxLength: 256 } as const;
/** A route of the config, before routes.ts checks its form. */
export const ROUTE_RULE = { maxLength: 2048 } as const;
export const AUDIENCE_RULE = { minItems: 1, maxItems: 100, maxLength: 1024 } as const;
export const ALGORITHMS_RULE = { minItems: 1, maxItems: SIGNATURE_ALGORITHMS.length, maxLength: 1024 } as const;
/** allowGroups and allowScopes. */
export const GRANTS_RULE = { minItems: 0, maxLength: 256 } as const;
export const CONDITION_VALUES_RULE = { minItems: 1, maxItems: 1000, maxLength: 1024 } as const;
export const CONDITION_ORDER_RULE = { minItems: 2, maxItems: 100, maxLength: 1024 } as const;
/** Version grants of one model rule, and the versions one grant names (a model has at most 5 versions). */
export const VERSION_GRANTS_RULE = { minItems: 1, maxItems: 20 } as const;
export const GRANTED_VERSIONS_RULE = { minItems: 1, maxItems: 5, maxLength: 32 } as const;
/**
 * The context field of the restricted versions a caller may use: `model:version`
 * entries, comma-separated. Qualified because API Gateway caches one context per
 * token for every route, whatever its model.
 */
export const VERSIONS_CONTEXT_FIELD = 'versions';

/** Where keys may be fetched from: https, or http on a loopback host when a test allows it. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** Why `uri` may not be used as an issuer or to fetch keys ("expected ..."), or undefined when it may. */
export function keyUriProblem(uri: string, allowLoopbackHttp: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'an absolute URL';
  }
  if (url.username !== '' || url.password !== '') return 'a URL without credentials';
  if (url.hash !== '') return 'a URL without a fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && allowLoopbackHttp) {
    return isLoopbackHost(url.hostname) ? undefined : 'an https URL, or http on a loopback host only (127.0.0.1, localhost, [::1])';
  }
  return 'an https URL';
}

