import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import {
  BUDGET_LIMIT_FIELDS, BUDGET_LIMITS, BUDGET_NAME, BUDGET_SCOPES, BudgetConfig, BudgetLimits, BudgetLimitSet,
} from '../contracts/model-proxy';
import { invalidProp, validateRange } from '../private/validation';
import { BudgetScopeLimits, BudgetWindowLimits, ModelBudgetOptions } from './budget-options';

const TOKEN_FIELDS = ['tokensPerMinute', 'tokensPerDay', 'tokensPerMonth'] as const;
const COST_FIELDS = ['costPerDay', 'costPerMonth'] as const;

/**
 * The handler's `budget` configuration from the construct's options, checked
 * with the limits the handler applies at cold start (BUDGET_LIMITS), so that a
 * configuration the function would refuse never deploys.
 */
export function budgetConfig(scope: IConstruct, prop: string, options: ModelBudgetOptions, tableName: string): BudgetConfig {
  const tiers = namedSets(scope, `${prop}.tiers`, (options.tiers ?? []).map((t) => ({ name: t.tier, limits: t.limits })), BUDGET_LIMITS.tiers.max);
  const tenants = namedSets(scope, `${prop}.tenants`, (options.tenants ?? []).map((t) => ({ name: t.tenant, limits: t.limits })),
    BUDGET_LIMITS.tenants.max);
  const defaults = limitSet(scope, `${prop}.defaults`, options.defaults ?? {});
  if (options.price !== undefined) {
    validateRange(scope, `${prop}.price.promptPerMillion`, options.price.promptPerMillion, { ...BUDGET_LIMITS.price, integer: false });
    validateRange(scope, `${prop}.price.completionPerMillion`, options.price.completionPerMillion, { ...BUDGET_LIMITS.price, integer: false });
  } else {
    const costLimited = [['defaults', defaults] as const, ...Object.entries(tiers ?? {}).map(([n, s]) => [`tiers[${n}]`, s] as const),
      ...Object.entries(tenants ?? {}).map(([n, s]) => [`tenants[${n}]`, s] as const)]
      .find(([, set]) => BUDGET_SCOPES.some((s) => COST_FIELDS.some((f) => set[s]?.[f] !== undefined)));
    if (costLimited) {
      invalidProp(scope, `${prop}.${costLimited[0]}`, 'a cost limit', `a ${prop}.price as well: without one, cost cannot be counted`);
    }
  }
  return {
    tableName,
    defaults,
    ...(tiers !== undefined && { tiers }),
    ...(tenants !== undefined && { tenants }),
    ...(options.price !== undefined && {
      price: { promptPerMillion: options.price.promptPerMillion, completionPerMillion: options.price.completionPerMillion },
    }),
    failOpen: options.failOpen ?? false,
  };
}

interface NamedSet {
  readonly name: string;
  readonly limits: BudgetScopeLimits;
}

function namedSets(scope: IConstruct, prop: string, sets: NamedSet[], max: number): Record<string, BudgetLimitSet> | undefined {
  if (sets.length === 0) return undefined;
  if (sets.length > max) invalidProp(scope, prop, `${sets.length} entries`, `at most ${max} entries`);
  // A prototype-free record, as the handler reads it: a tenant named `__proto__` is just a name.
  const out: Record<string, BudgetLimitSet> = Object.create(null) as Record<string, BudgetLimitSet>;
  for (const { name, limits } of sets) {
    if (Token.isUnresolved(name) || !BUDGET_NAME.pattern.test(name)) invalidProp(scope, prop, name, BUDGET_NAME.patternRule);
    if (Object.prototype.hasOwnProperty.call(out, name)) invalidProp(scope, prop, name, 'unique names (this one appears more than once)');
    out[name] = limitSet(scope, `${prop}[${name}].limits`, limits);
  }
  return out;
}

function limitSet(scope: IConstruct, prop: string, set: BudgetScopeLimits): BudgetLimitSet {
  const out: { -readonly [K in keyof BudgetLimitSet]: BudgetLimits } = {};
  for (const name of BUDGET_SCOPES) {
    const limits = set[name];
    if (limits !== undefined) out[name] = windowLimits(scope, `${prop}.${name}`, limits);
  }
  return out;
}

function windowLimits(scope: IConstruct, prop: string, limits: BudgetWindowLimits): BudgetLimits {
  const out: { -readonly [K in keyof BudgetLimits]: number } = {};
  for (const field of TOKEN_FIELDS) {
    validateRange(scope, `${prop}.${field}`, limits[field], BUDGET_LIMITS.tokens);
    if (limits[field] !== undefined) out[field] = limits[field];
  }
  for (const field of COST_FIELDS) {
    validateRange(scope, `${prop}.${field}`, limits[field], { ...BUDGET_LIMITS.cost, integer: false });
    if (limits[field] !== undefined) out[field] = limits[field];
  }
  // Unknown fields would reach the handler, which refuses them at cold start.
  const unknown = Object.keys(limits).find((key) => !(BUDGET_LIMIT_FIELDS as readonly string[]).includes(key));
  if (unknown !== undefined) invalidProp(scope, `${prop}.${unknown}`, 'set', `only ${BUDGET_LIMIT_FIELDS.join(', ')}`);
  return out;
}

