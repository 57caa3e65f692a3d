/**
 * Every string of a JSON value, each replaced by what `replace` makes of it,
 * in a fresh copy. The proxy masks what it sends and what it returns through
 * this walk, so a field added to the request or the answer is masked without
 * anyone having to remember it.
 */

/** Values the walk copies; the validated request and the answer are at most a few levels deep. */
const MAX_DEPTH = 16;

export class UnexpectedValueError extends Error {
  public constructor() {
    super('value outside the JSON shapes the proxy forwards');
    this.name = 'UnexpectedValueError';
  }
}

export async function mapStrings<T>(value: T, replace: (text: string) => string | Promise<string>): Promise<T> {
  return (await walk(value, replace, 0)) as T;
}

async function walk(value: unknown, replace: (text: string) => string | Promise<string>, depth: number): Promise<unknown> {
  if (typeof value === 'string') return replace(value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  // Anything else (a function, a class instance, a cycle past the depth) could hide a string from the walk: refuse it.
  if (depth >= MAX_DEPTH || typeof value !== 'object') throw new UnexpectedValueError();
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(await walk(item, replace, depth + 1));
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new UnexpectedValueError();
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) out[key] = await walk(item, replace, depth + 1);
  }
  return out;
}
