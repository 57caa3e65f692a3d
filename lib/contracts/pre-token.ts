/**
 * The contract between `AiIdentity` and its pre token generation trigger:
 * the environment variable that lists the ABAC attributes to copy into
 * access tokens, and the rule for their names (Cognito custom attribute
 * names, `custom:<name>` in tokens). No imports; not exported from the package.
 */

/** The environment variable: attribute names joined by {@link ABAC_ATTRIBUTES_SEPARATOR}. */
export const ABAC_ATTRIBUTES_ENV = 'ABAC_ATTRIBUTES';
export const ABAC_ATTRIBUTES_SEPARATOR = ',';

/** A `StringRule` (field-rules.ts) for one attribute name. */
export const ABAC_ATTRIBUTE_NAME = {
  maxLength: 20,
  pattern: /^[a-z][a-z0-9_]*$/,
  patternRule: 'names of 1-20 characters of [a-z0-9_] starting with a letter',
} as const;

/** A `StringListRule` for the list; Cognito allows 50 custom attributes per user pool. */
export const ABAC_ATTRIBUTES = { minItems: 0, maxItems: 50, maxLength: ABAC_ATTRIBUTE_NAME.maxLength } as const;
