/**
 * The checks a custom pattern and an allowlist must pass, in a module that
 * loads only the pattern parser, the automaton builder and the allowlist:
 * the constructs run these at synth (a pattern the function would refuse at
 * cold start must not deploy), and compiling options runs the same code.
 * Nothing here may import the scanner or anything outside this folder.
 */
import { compileAllowlist } from './allowlist';
import { CompiledPattern } from './custom-pattern-matcher';
import { parsePattern } from './custom-pattern-parser';
import { PiiConfigError } from './errors';
import { PII_TYPES } from './types';

/** A custom pattern's name: it becomes the tag of its replacements (`[EMPLOYEE_ID]`, `<EMPLOYEE_ID_1>`). */
export const CUSTOM_PATTERN_NAME = /^[A-Z][A-Z0-9_]{0,31}$/;
export const CUSTOM_PATTERN_NAME_RULE = '[A-Z][A-Z0-9_]{0,31}, not a built-in type name';

const RESERVED_NAMES: ReadonlySet<string> = new Set<string>([...PII_TYPES, 'CUSTOM']);

/** Throws PiiConfigError unless `name` may name a custom pattern. */
export function checkCustomPatternName(name: unknown, where: string): asserts name is string {
  if (typeof name !== 'string' || !CUSTOM_PATTERN_NAME.test(name)) {
    throw new PiiConfigError('InvalidCustomPattern', `${where}: name must match [A-Z][A-Z0-9_]{0,31}.`);
  }
  if (RESERVED_NAMES.has(name)) throw new PiiConfigError('InvalidCustomPattern', `${where}: name ${name} is a built-in type.`);
}

/** Parses the pattern and builds its automaton, exactly as compiling options does; returns the automaton. */
export function compileCustomPattern(pattern: string, caseInsensitive: boolean, where: string): CompiledPattern {
  return new CompiledPattern(parsePattern(pattern, where), caseInsensitive, where);
}

/** Throws PiiConfigError unless the values are an allowlist the masker accepts. */
export function checkAllowlistValues(values: readonly string[]): void {
  compileAllowlist({ values });
}
