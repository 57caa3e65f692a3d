/**
 * The one way a handler reads the JSON config its construct wrote: parse
 * once at cold start into `{ success: true, data }` or
 * `{ success: false, errors }` (the shape of Powertools' `safeParse`), with
 * field readers that check each value against its contract rule
 * (lib/contracts/field-rules.ts). Every problem is collected with the path of
 * its field, so one run reports all mistakes at once
 * ("models[2].conditions[0].order: expected ..."). Messages name fields and
 * rules and never echo a value.
 */
import {
  type IntegerLimit,
  integerProblem,
  type NumberRange,
  numberProblem,
  type StringListRule,
  stringListProblem,
  type StringRule,
  stringProblem,
} from '../../lib/contracts/field-rules';
import { isJsonRecord } from './json-record';

export type ConfigResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly errors: readonly string[] };

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

/**
 * Parses `raw` (the variable's text, or a value already parsed) as a JSON
 * object and hands it to `read`, which reports problems to `issues`. `source`
 * names the whole config in messages, e.g. the environment variable.
 */
export function parseConfig<T>(raw: unknown, source: string, read: (root: JsonObject, issues: ConfigIssues) => T): ConfigResult<T> {
  let value = raw;
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return { success: false, errors: [`${source}: is not set`] };
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { success: false, errors: [`${source}: is not valid JSON`] };
    }
  }
  if (!isJsonObject(value)) return { success: false, errors: [`${source}: must be a JSON object`] };
  const root = value;
  return collectIssues((issues) => read(root, issues));
}

/** Runs `read`; its result is the data when it reported no problem. For configs that are not JSON objects. */
export function collectIssues<T>(read: (issues: ConfigIssues) => T): ConfigResult<T> {
  const issues = new ConfigIssues();
  const data = read(issues);
  return issues.list.length > 0 ? { success: false, errors: issues.list } : { success: true, data };
}

export function isJsonObject(value: unknown): value is JsonObject {
  return isJsonRecord(value);
}

function has(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== undefined;
}

/** Unknown fields are errors: a misspelt option must not silently drop a check. */
export function rejectUnknownKeys(obj: JsonObject, allowed: readonly string[], path: string, issues: ConfigIssues): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) issues.add(fieldPath(path, key.slice(0, 64)), 'unknown field');
  }
}

export function fieldPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** A field rule from a contract, plus whether the field must be present. */
export type FieldRule<R> = R & { readonly required?: boolean };

/** True when the field is present; reports it when it is required and absent. */
function present(obj: JsonObject, key: string, path: string, issues: ConfigIssues, required: boolean | undefined): boolean {
  if (has(obj, key)) return true;
  if (required) issues.add(fieldPath(path, key), 'is required');
  return false;
}

/** A present field that `problemOf` accepts; otherwise its problem is reported. */
function readChecked<T>(
  obj: JsonObject,
  key: string,
  path: string,
  issues: ConfigIssues,
  required: boolean | undefined,
  problemOf: (value: unknown) => string | undefined,
): T | undefined {
  if (!present(obj, key, path, issues, required)) return undefined;
  const problem = problemOf(obj[key]);
  if (problem === undefined) return obj[key] as T;
  issues.add(fieldPath(path, key), `expected ${problem}`);
  return undefined;
}

export function readString(obj: JsonObject, key: string, path: string, issues: ConfigIssues, rule: FieldRule<StringRule>): string | undefined {
  return readChecked(obj, key, path, issues, rule.required, (value) => stringProblem(value, rule));
}

export function readStringList(obj: JsonObject, key: string, path: string, issues: ConfigIssues, rule: FieldRule<StringListRule>): string[] | undefined {
  const list = readChecked<string[]>(obj, key, path, issues, rule.required, (value) => stringListProblem(value, rule));
  return list === undefined ? undefined : [...list];
}

export function checkStringList(value: unknown, at: string, issues: ConfigIssues, rule: StringListRule): string[] | undefined {
  const problem = stringListProblem(value, rule);
  if (problem !== undefined) {
    issues.add(at, `expected ${problem}`);
    return undefined;
  }
  return [...(value as string[])];
}

/** An integer within `limit`; an absent field yields `limit.default` unless it is required. */
export function readInteger(obj: JsonObject, key: string, path: string, issues: ConfigIssues, limit: FieldRule<IntegerLimit>): number | undefined {
  if (!has(obj, key) && !limit.required) return limit.default;
  return readChecked(obj, key, path, issues, limit.required, (value) => integerProblem(value, limit));
}

export function readNumber(obj: JsonObject, key: string, path: string, issues: ConfigIssues, range: FieldRule<NumberRange>): number | undefined {
  return readChecked(obj, key, path, issues, range.required, (value) => numberProblem(value, range));
}

export function readBoolean(obj: JsonObject, key: string, path: string, issues: ConfigIssues, required = false): boolean | undefined {
  if (!present(obj, key, path, issues, required)) return undefined;
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

/** A nested object, which is always required. */
export function readObject(obj: JsonObject, key: string, path: string, issues: ConfigIssues): JsonObject | undefined {
  if (!present(obj, key, path, issues, true)) return undefined;
  const value = obj[key];
  if (!isJsonObject(value)) {
    issues.add(fieldPath(path, key), 'must be an object');
    return undefined;
  }
  return value;
}

/** Reads an array, handing each element (with its path) to `each`, which reports its own problems. */
export function readList<T>(
  obj: JsonObject,
  key: string,
  path: string,
  issues: ConfigIssues,
  minItems: number,
  each: (item: unknown, itemPath: string) => T | undefined,
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
    const parsed = each(item, `${at}[${i}]`);
    if (parsed !== undefined) out.push(parsed);
  });
  return out;
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
  return readList(obj, key, path, issues, minItems, (item, itemPath) => {
    if (isJsonObject(item)) return each(item, itemPath);
    issues.add(itemPath, 'must be an object');
    return undefined;
  });
}
