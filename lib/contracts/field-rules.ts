/**
 * The shapes of the rules a contract gives for one config field, and the
 * checks both sides run with them: a construct at synth, a handler's config
 * reader at cold start. Other contract modules declare their rules as plain
 * objects of these shapes without importing this file, so each stays
 * import-free. Problems read "expected ..." and never echo the value.
 */

/** An integer field: inclusive bounds, and the value used when the field is absent. */
export interface IntegerLimit {
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

/** A number field that may have a fraction: inclusive bounds. */
export interface NumberRange {
  readonly min: number;
  readonly max: number;
}

export interface StringRule {
  readonly maxLength: number;
  readonly pattern?: RegExp;
  /** What `pattern` admits, in words. */
  readonly patternRule?: string;
}

export interface StringListRule {
  readonly minItems: number;
  readonly maxItems?: number;
  readonly maxLength: number;
}

/** Why a string breaks `rule` ("expected ..."), or undefined. */
export function stringProblem(value: unknown, rule: StringRule): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'a non-empty string';
  if (value.length > rule.maxLength) return `at most ${rule.maxLength} characters`;
  if (rule.pattern && !rule.pattern.test(value)) return rule.patternRule ?? `a string matching ${rule.pattern.source}`;
  return undefined;
}

/** Why a list breaks `rule` ("expected ..."), or undefined. A repeated entry is a mistake, never a no-op. */
export function stringListProblem(value: unknown, rule: StringListRule): string | undefined {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0 || v.length > rule.maxLength)) {
    return `an array of non-empty strings (at most ${rule.maxLength} characters each)`;
  }
  if (value.length < rule.minItems) return `at least ${rule.minItems} item(s)`;
  if (rule.maxItems !== undefined && value.length > rule.maxItems) return `at most ${rule.maxItems} items`;
  if (new Set(value).size !== value.length) return 'no value repeated';
  return undefined;
}

export function integerProblem(value: unknown, limit: IntegerLimit): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < limit.min || value > limit.max) {
    return `an integer from ${limit.min} to ${limit.max}`;
  }
  return undefined;
}

export function numberProblem(value: unknown, range: NumberRange): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
    return `a number from ${range.min} to ${range.max}`;
  }
  return undefined;
}
