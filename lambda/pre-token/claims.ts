/**
 * Copies administrator-set ABAC attributes (`custom:<name>`) into the access
 * token, where the JWT authorizer reads them. Cognito puts custom attributes
 * in ID tokens only; APIs should be called with access tokens.
 */
import {
  ABAC_ATTRIBUTE_NAME,
  ABAC_ATTRIBUTES,
  ABAC_ATTRIBUTES_ENV,
  ABAC_ATTRIBUTES_SEPARATOR,
} from '../../lib/contracts/pre-token';
import { stringProblem } from '../../lib/contracts/field-rules';
import { checkStringList, collectIssues, type ConfigResult } from '../shared/config-reader';

/** Reads the attribute names the construct listed; unset means none. */
export function parseAttributeNames(value: string | undefined): ConfigResult<string[]> {
  return collectIssues((issues) => {
    if (value === undefined || value === '') return [];
    const names = checkStringList(value.split(ABAC_ATTRIBUTES_SEPARATOR), ABAC_ATTRIBUTES_ENV, issues, ABAC_ATTRIBUTES) ?? [];
    names.forEach((name, i) => {
      const problem = stringProblem(name, ABAC_ATTRIBUTE_NAME);
      if (problem !== undefined) issues.add(`${ABAC_ATTRIBUTES_ENV}[${i}]`, `expected ${problem}`);
    });
    return names;
  });
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
