/**
 * The pure decision: which configured models a verified principal may call.
 * RBAC grants a model (any listed group or any listed scope); ABAC conditions
 * must then all hold as well. No I/O, no clock: claims and rules in, verdicts out.
 */
import type { ResolvedModelAccessRule, ResolvedVersionGrant } from './config';
import { type Claims, conditionHolds } from './conditions';
import { Reason } from './reason-codes';

export type ModelVerdict = typeof Reason.ALLOWED | typeof Reason.MODEL_NOT_PERMITTED | typeof Reason.CONDITION_FAILED;

export interface PrincipalAttributes {
  readonly groups: ReadonlySet<string>;
  readonly scopes: ReadonlySet<string>;
  readonly claims: Claims;
}

export function authorizeModel(rule: ResolvedModelAccessRule, principal: PrincipalAttributes): ModelVerdict {
  const granted = rule.allowGroups.some((g) => principal.groups.has(g)) || rule.allowScopes.some((s) => principal.scopes.has(s));
  if (!granted) return Reason.MODEL_NOT_PERMITTED;
  return rule.conditions.every((c) => conditionHolds(c, principal.claims)) ? Reason.ALLOWED : Reason.CONDITION_FAILED;
}

/** One verdict per configured model, in config order. */
export function authorizeModels(rules: readonly ResolvedModelAccessRule[], principal: PrincipalAttributes): ReadonlyMap<string, ModelVerdict> {
  return new Map(rules.map((rule) => [rule.model, authorizeModel(rule, principal)]));
}

/**
 * The restricted versions the principal may use, as `model:version`, in config
 * order and each once: a grant counts only for a model the principal is
 * allowed, and only when it matches (any listed group or scope, every condition).
 */
export function grantedVersions(
  rules: readonly ResolvedModelAccessRule[],
  verdicts: ReadonlyMap<string, ModelVerdict>,
  principal: PrincipalAttributes,
): string[] {
  const granted = new Set<string>();
  for (const rule of rules) {
    if (verdicts.get(rule.model) !== Reason.ALLOWED) continue;
    for (const grant of rule.versionAccess) {
      if (!grantMatches(grant, principal)) continue;
      for (const version of grant.versions) granted.add(`${rule.model}:${version}`);
    }
  }
  return [...granted];
}

function grantMatches(grant: ResolvedVersionGrant, principal: PrincipalAttributes): boolean {
  const listed = grant.allowGroups.length > 0 || grant.allowScopes.length > 0;
  const member = grant.allowGroups.some((g) => principal.groups.has(g)) || grant.allowScopes.some((s) => principal.scopes.has(s));
  return (!listed || member) && grant.conditions.every((c) => conditionHolds(c, principal.claims));
}

/** Groups from the configured claim: an array of strings, or a single string. */
export function groupsOf(claims: Claims, groupsClaim: string): ReadonlySet<string> {
  if (!Object.prototype.hasOwnProperty.call(claims, groupsClaim)) return new Set();
  const value = claims[groupsClaim];
  if (typeof value === 'string') return new Set([value]);
  if (Array.isArray(value)) return new Set(value.filter((v): v is string => typeof v === 'string'));
  return new Set();
}

/** OAuth scopes from the space-separated `scope` claim. */
export function scopesOf(claims: Claims): readonly string[] {
  const value = Object.prototype.hasOwnProperty.call(claims, 'scope') ? claims.scope : undefined;
  return typeof value === 'string' ? value.split(' ').filter((s) => s.length > 0) : [];
}
