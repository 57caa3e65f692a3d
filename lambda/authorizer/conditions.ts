/**
 * ABAC: whether one claim condition holds for a verified token's claims.
 * A missing or oddly typed claim never satisfies a condition, not even
 * `notIn`: absence of evidence is not permission.
 */
import type { ClaimCondition } from './config';

export type Claims = Readonly<Record<string, unknown>>;

/**
 * The claim as a list of strings: a string, number or boolean is one value,
 * an array of strings is several; anything else is unusable (undefined).
 */
export function claimValues(claims: Claims, name: string): readonly string[] | undefined {
  if (!Object.prototype.hasOwnProperty.call(claims, name)) return undefined;
  const value = claims[name];
  if (typeof value === 'string') return [value];
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

export function conditionHolds(condition: ClaimCondition, claims: Claims): boolean {
  const actual = claimValues(claims, condition.claim);
  if (actual === undefined || actual.length === 0) return false;
  switch (condition.operator) {
    case 'equals':
      return actual.length === 1 && actual[0] === condition.values[0];
    case 'in':
      // Every value must be allowed: a token listing data classes {public, secret} is not "in [public]".
      return actual.every((v) => condition.values.includes(v));
    case 'notIn':
      return actual.every((v) => !condition.values.includes(v));
    case 'atLeast': {
      const order = condition.order ?? [];
      const level = actual.length === 1 ? order.indexOf(actual[0]) : -1;
      return level >= 0 && level >= order.indexOf(condition.values[0]);
    }
    default:
      return false;
  }
}
