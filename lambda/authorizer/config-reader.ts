/**
 * Small readers for validating a JSON config field by field. Every problem is
 * collected with the path of the field, so one run reports all mistakes at
 * once ("models[2].conditions[0].order: ...") instead of the first only.
 */
import {
  type IntegerLimit,
  integerProblem,
  type StringListRule,
  stringListProblem,
  type StringRule,
  stringProblem,
} from '../../lib/identity/authorizer-contract';

export type JsonObject = Record<string, unknown>;

export class ConfigIssues {
  private readonly problems: string[] = [];

  public add(path: string, problem: string): void {
    this.problems.push(`${path}: ${problem}`);
  }

  public get list(): readonly string[] {
    return this.problems;
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== undefined;
}

/** Unknown fields are errors: a misspelt `condition` must not silently drop a check. */
export function rejectUnknownKeys(obj: JsonObject, allowed: readonly string[], path: string, issues: ConfigIssues): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) issues.add(`${path}${path ? '.' : ''}${key}`, 'unknown field');
  }
}

function fieldPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** A field rule from the contract, plus whether the field must be present. */
export type FieldRule<R> = R & { readonly required?: boolean };

export function readString(obj: JsonObject, key: string, path: string, issues: ConfigIssues, rule: FieldRule<StringRule>): string | undefined {
  const at = fieldPath(path, key);
  if (!has(obj, key)) {
    if (rule.required) issues.add(at, 'is required');
    return undefined;
  }
  const problem = stringProblem(obj[key], rule);
  if (problem !== undefined) {
    issues.add(at, `expected ${problem}`);
    return undefined;
  }
  return obj[key] as string;
}

export function readStringList(obj: JsonObject, key: string, path: string, issues: ConfigIssues, rule: FieldRule<StringListRule>): string[] | undefined {
  const at = fieldPath(path, key);
  if (!has(obj, key)) {
    if (rule.required) issues.add(at, 'is required');
    return undefined;
  }
  return checkStringList(obj[key], at, issues, rule);
}

export function checkStringList(value: unknown, at: string, issues: ConfigIssues, rule: StringListRule): string[] | undefined {
  const problem = stringListProblem(value, rule);
  if (problem !== undefined) {
    issues.add(at, `expected ${problem}`);
    return undefined;
  }
  return [...(value as string[])];
}

export function readInteger(obj: JsonObject, key: string, path: string, issues: ConfigIssues, limit: IntegerLimit): number | undefined {
  if (!has(obj, key)) return undefined;
  const problem = integerProblem(obj[key], limit);
  if (problem !== undefined) {
    issues.add(fieldPath(path, key), `expected ${problem}`);
    return undefined;
  }
  return obj[key] as number;
}

export function readBoolean(obj: JsonObject, key: string, path: string, issues: ConfigIssues): boolean | undefined {
  if (!has(obj, key)) return undefined;
  const value = obj[key];
  if (typeof value !== 'boolean') {
    issues.add(fieldPath(path, key), 'must be true or false');
    return undefined;
  }
  return value;
}

export function readChoice<T extends string>(
  obj: JsonObject,
  key: string,
  path: string,
  issues: ConfigIssues,
  choices: readonly T[],
  required = false,
): T | undefined {
  const at = fieldPath(path, key);
  if (!has(obj, key)) {
    if (required) issues.add(at, `is required (one of ${choices.join(', ')})`);
    return undefined;
  }
  const value = obj[key];
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    issues.add(at, `must be one of ${choices.join(', ')}`);
    return undefined;
  }
  return value as T;
}

/** Reads an array of objects, handing each element (with its path) to `each`. */
export function readObjectList<T>(
  obj: JsonObject,
  key: string,
  path: string,
  issues: ConfigIssues,
  minItems: number,
  each: (item: JsonObject, itemPath: string) => T | undefined,
): T[] {
  const at = fieldPath(path, key);
  if (!has(obj, key)) {
    if (minItems > 0) issues.add(at, 'is required');
    return [];
  }
  const value = obj[key];
  if (!Array.isArray(value)) {
    issues.add(at, 'must be an array');
    return [];
  }
  if (value.length < minItems) issues.add(at, `must have at least ${minItems} item(s)`);
  const out: T[] = [];
  value.forEach((item, i) => {
    const itemPath = `${at}[${i}]`;
    if (!isJsonObject(item)) {
      issues.add(itemPath, 'must be an object');
      return;
    }
    const parsed = each(item, itemPath);
    if (parsed !== undefined) out.push(parsed);
  });
  return out;
}
