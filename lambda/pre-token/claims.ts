/**
 * Copies administrator-set ABAC attributes (`custom:<name>`) into the access
 * token, where the JWT authorizer reads them. Cognito puts custom attributes
 * in ID tokens only; APIs should be called with access tokens.
 */
export const ABAC_ATTRIBUTES_ENV = 'ABAC_ATTRIBUTES';

const ATTRIBUTE_NAME = /^[a-z][a-z0-9_]{0,19}$/;

/** Reads the comma-separated attribute names; unknown shapes are dropped, never trusted. */
export function parseAttributeNames(value: string | undefined): string[] {
  return (value ?? '').split(',').map((name) => name.trim()).filter((name) => ATTRIBUTE_NAME.test(name));
}

/** The claims to add: each listed attribute the user has, under its `custom:` name. */
export function abacClaims(userAttributes: Readonly<Record<string, string>> | undefined, names: readonly string[]): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const name of names) {
    const value = userAttributes?.[`custom:${name}`];
    if (typeof value === 'string' && value.length > 0) claims[`custom:${name}`] = value;
  }
  return claims;
}
