import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { MODEL_NAME_PATTERN, MODEL_NAME_RULE } from '../contracts/model-names';

/**
 * Thrown at synth time when a construct receives a prop it cannot honour.
 * The message names the construct path, the prop, the value and what was
 * expected, so the user can fix the call without reading our source.
 */
export class GatewayValidationError extends Error {
  public constructor(scope: IConstruct, message: string) {
    super(`[${scope.node.path}] ${message}`);
    this.name = 'ValidationError';
  }
}

/** Renders a value for an error message without dumping large objects. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 64 ? `${value.slice(0, 64)}...` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'object') return Object.prototype.toString.call(value);
  return String(value);
}

export function invalidProp(scope: IConstruct, prop: string, value: unknown, expected: string): never {
  throw new GatewayValidationError(scope, `Invalid ${prop}: got ${describeValue(value)}; expected ${expected}.`);
}

export interface RangeOptions {
  readonly min: number;
  readonly max: number;
  /** Whether the value must be a whole number. @default true */
  readonly integer?: boolean;
}

/** Checks a number prop; unresolved tokens pass and are checked by CloudFormation. */
export function validateRange(scope: IConstruct, prop: string, value: number | undefined, range: RangeOptions): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  const integer = range.integer ?? true;
  if (!Number.isFinite(value) || value < range.min || value > range.max || (integer && !Number.isInteger(value))) {
    invalidProp(scope, prop, value, `${integer ? 'an integer' : 'a number'} from ${range.min} to ${range.max}`);
  }
}

/** Names used in paths, resource names and scopes: the model-name rule, which handlers apply too. */
export const PATH_SAFE_NAME = MODEL_NAME_PATTERN;

export function validatePathSafeNames(scope: IConstruct, prop: string, names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (Token.isUnresolved(name) || !PATH_SAFE_NAME.test(name)) {
      invalidProp(scope, prop, name, MODEL_NAME_RULE);
    }
    if (seen.has(name)) {
      invalidProp(scope, prop, name, 'unique names (this one appears more than once)');
    }
    seen.add(name);
  }
}
