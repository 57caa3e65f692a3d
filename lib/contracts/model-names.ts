/**
 * The one rule for model names. A name is a path segment of its route, part of
 * an OAuth scope, of resource names and of IAM resource ARNs, so wildcards,
 * slashes and capitals are out. The constructs, the authorizer and the model
 * proxy all apply it. No imports; not exported from the package.
 */
export const MODEL_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** What {@link MODEL_NAME_PATTERN} admits, in words for error messages. */
export const MODEL_NAME_RULE = '1-64 characters of [a-z0-9-], starting and ending with a letter or digit';

/** The rule as a string field rule (field-rules.ts `StringRule`). */
export const MODEL_NAME = { maxLength: 64, pattern: MODEL_NAME_PATTERN, patternRule: MODEL_NAME_RULE } as const;
