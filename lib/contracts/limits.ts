/**
 * Limits that more than one function and construct apply. No imports; not
 * exported from the package.
 */

/** Prompt length in characters that a route, its request model and its model proxy accept (an `IntegerLimit`). */
export const PROMPT_LENGTH = { min: 1, max: 262_144 } as const;
