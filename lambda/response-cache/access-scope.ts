/**
 * What of the authorizer's output decides what a caller may see, and so
 * which cache partition the caller reads and writes: the tenant, the
 * granted OAuth scopes and the restricted model versions the caller may use.
 * Two callers share cached answers only when all three are equal. The
 * principal is not part of it (callers of one tenant with the same grants
 * share answers; each gets only their own PII back, see docs/cost-control.md)
 * and neither is the usage tier (it sets limits, not visibility).
 */
import { callerOf } from '../routing/caller';

export const TENANT_CONTEXT_FIELD = 'tenant';
export const SCOPES_CONTEXT_FIELD = 'scopes';
/** Longer than any scope list a token carries: a longer one is not cached rather than cut. */
const MAX_SCOPES_CHARS = 4096;
const MAX_TENANT_CHARS = 256;

export interface AccessScope {
  readonly tenant: string;
  /** Granted scopes, sorted and without duplicates. */
  readonly scopes: readonly string[];
  /** Restricted versions the caller may use, sorted. */
  readonly versions: readonly string[];
}

/** The caller's access scope, or undefined when the caller has no tenant (such calls are not cached). */
export function accessScopeOf(authorizer: Readonly<Record<string, unknown>> | null | undefined): AccessScope | undefined {
  if (!authorizer) return undefined;
  const tenant = authorizer[TENANT_CONTEXT_FIELD];
  if (typeof tenant !== 'string' || tenant === '' || tenant.length > MAX_TENANT_CHARS) return undefined;
  const granted = authorizer[SCOPES_CONTEXT_FIELD];
  if (granted !== undefined && (typeof granted !== 'string' || granted.length > MAX_SCOPES_CHARS)) return undefined;
  const scopes = typeof granted === 'string' ? [...new Set(granted.split(' ').filter((s) => s !== ''))].sort() : [];
  const versions = [...callerOf(authorizer).versions].sort();
  return { tenant, scopes, versions };
}
