/**
 * Reads the `budget` part of the proxy configuration against BUDGET_LIMITS.
 * A cost limit without a price table is an error (it could never be
 * counted), and so is a `budget` object too large for Lambda's environment.
 */
import {
  BUDGET_CONFIG_MAX_BYTES,
  BUDGET_LIMIT_FIELDS,
  BUDGET_LIMITS as L,
  BUDGET_NAME,
  BUDGET_SCOPES,
  BUDGET_TABLE_NAME,
  type BudgetConfig,
  type BudgetLimits,
  type BudgetLimitSet,
  type BudgetPrice,
} from '../../lib/contracts/model-proxy';
import {
  type ConfigIssues,
  fieldPath,
  isJsonObject,
  type JsonObject,
  readBoolean,
  readInteger,
  readNumber,
  readObject,
  readString,
  rejectUnknownKeys,
} from '../shared/config-reader';

const BUDGET_KEYS = ['tableName', 'defaults', 'tiers', 'tenants', 'price', 'failOpen'] as const;

export function readBudget(root: JsonObject, issues: ConfigIssues): BudgetConfig | undefined {
  const budget = readObject(root, 'budget', '', issues);
  if (budget === undefined) return undefined;
  if (JSON.stringify(budget).length > BUDGET_CONFIG_MAX_BYTES) issues.add('budget', `must be at most ${BUDGET_CONFIG_MAX_BYTES} bytes of JSON`);
  rejectUnknownKeys(budget, BUDGET_KEYS, 'budget', issues);
  const tableName = readString(budget, 'tableName', 'budget', issues, { ...BUDGET_TABLE_NAME, required: true });
  const defaults = readLimitSet(readObject(budget, 'defaults', 'budget', issues), 'budget.defaults', issues);
  const tiers = readNamedSets(budget, 'tiers', L.tiers.max, issues);
  const tenants = readNamedSets(budget, 'tenants', L.tenants.max, issues);
  const price = 'price' in budget ? readPrice(readObject(budget, 'price', 'budget', issues), issues) : undefined;
  const failOpen = readBoolean(budget, 'failOpen', 'budget', issues) ?? false;
  const sets = [defaults, ...Object.values(tiers ?? {}), ...Object.values(tenants ?? {})];
  const costLimited = sets.some((set) => set !== undefined
    && BUDGET_SCOPES.some((s) => set[s]?.costPerDay !== undefined || set[s]?.costPerMonth !== undefined));
  if (costLimited && price === undefined && !('price' in budget)) issues.add('budget.price', 'is required when a cost limit is set');
  if (tableName === undefined || defaults === undefined) return undefined;
  return {
    tableName,
    defaults,
    ...(tiers !== undefined && { tiers }),
    ...(tenants !== undefined && { tenants }),
    ...(price !== undefined && { price }),
    failOpen,
  };
}

function readNamedSets(budget: JsonObject, key: 'tiers' | 'tenants', max: number, issues: ConfigIssues): Record<string, BudgetLimitSet> | undefined {
  if (!(key in budget) || budget[key] === undefined) return undefined;
  const at = fieldPath('budget', key);
  const sets = readObject(budget, key, 'budget', issues);
  if (sets === undefined) return undefined;
  const names = Object.keys(sets);
  if (names.length > max) issues.add(at, `must have at most ${max} entries`);
  // A prototype-free record: a tenant named `__proto__` or `constructor` is just a name.
  const out: Record<string, BudgetLimitSet> = Object.create(null) as Record<string, BudgetLimitSet>;
  names.forEach((name, i) => {
    if (!BUDGET_NAME.pattern.test(name)) {
      issues.add(`${at}[${i}]`, `name expected ${BUDGET_NAME.patternRule}`);
      return;
    }
    const value = sets[name];
    const set = readLimitSet(isJsonObject(value) ? value : undefined, `${at}[${i}]`, issues);
    if (set !== undefined) out[name] = set;
  });
  return out;
}

function readLimitSet(set: JsonObject | undefined, at: string, issues: ConfigIssues): BudgetLimitSet | undefined {
  if (set === undefined) {
    issues.add(at, 'must be an object');
    return undefined;
  }
  rejectUnknownKeys(set, BUDGET_SCOPES, at, issues);
  const out: { -readonly [K in keyof BudgetLimitSet]: BudgetLimits } = {};
  for (const scope of BUDGET_SCOPES) {
    if (set[scope] === undefined) continue;
    const limits = readObject(set, scope, at, issues);
    if (limits !== undefined) out[scope] = readLimits(limits, fieldPath(at, scope), issues);
  }
  return out;
}

function readLimits(limits: JsonObject, at: string, issues: ConfigIssues): BudgetLimits {
  rejectUnknownKeys(limits, BUDGET_LIMIT_FIELDS, at, issues);
  const out: { -readonly [K in keyof BudgetLimits]: number } = {};
  for (const field of ['tokensPerMinute', 'tokensPerDay', 'tokensPerMonth'] as const) {
    const value = readInteger(limits, field, at, issues, L.tokens);
    if (value !== undefined) out[field] = value;
  }
  for (const field of ['costPerDay', 'costPerMonth'] as const) {
    const value = readNumber(limits, field, at, issues, L.cost);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

function readPrice(price: JsonObject | undefined, issues: ConfigIssues): BudgetPrice | undefined {
  if (price === undefined) return undefined;
  rejectUnknownKeys(price, ['promptPerMillion', 'completionPerMillion'], 'budget.price', issues);
  const promptPerMillion = readNumber(price, 'promptPerMillion', 'budget.price', issues, { ...L.price, required: true });
  const completionPerMillion = readNumber(price, 'completionPerMillion', 'budget.price', issues, { ...L.price, required: true });
  return promptPerMillion === undefined || completionPerMillion === undefined ? undefined : { promptPerMillion, completionPerMillion };
}
