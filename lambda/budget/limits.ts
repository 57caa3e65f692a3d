/**
 * Which limits apply to a caller: its tier's (or the defaults), overridden
 * field by field by its tenant's, per scope. A scope counts only when the
 * caller has an id for it; the tenant scope always counts (metering), the
 * others only when they carry a limit.
 */
import { BUDGET_SCOPES, type BudgetConfig, type BudgetLimits, type BudgetScopeName } from '../../lib/contracts/model-proxy';

export interface BudgetCaller {
  /** Absent: callers without a tenant share one budget, the `-` tenant. */
  readonly tenant?: string;
  readonly tier?: string;
  readonly principal?: string;
  readonly apiKeyId?: string;
}

export interface ScopeLimits {
  readonly scope: BudgetScopeName;
  readonly id: string;
  readonly limits: BudgetLimits;
}

/** Stands for every caller that has no tenant: they share the defaults' budget. */
export const NO_TENANT = '-';

export function limitsFor(config: BudgetConfig, caller: BudgetCaller): ScopeLimits[] {
  const tierSet = (caller.tier !== undefined ? own(config.tiers, caller.tier) : undefined) ?? config.defaults;
  const tenantSet = caller.tenant !== undefined ? own(config.tenants, caller.tenant) : undefined;
  const out: ScopeLimits[] = [];
  for (const scope of BUDGET_SCOPES) {
    const id = scope === 'tenant' ? caller.tenant ?? NO_TENANT : scope === 'principal' ? caller.principal : caller.apiKeyId;
    const limits: BudgetLimits = { ...tierSet[scope], ...tenantSet?.[scope] };
    if (id === undefined || id === '') continue;
    if (scope !== 'tenant' && Object.keys(limits).length === 0) continue;
    out.push({ scope, id, limits });
  }
  return out;
}

function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
