/**
 * The conditional writes on one scope's budget item (item-key.ts).
 *
 * Attributes: `minuteStart`/`minuteTokens`, `dayStart`/`dayTokens`/`dayCost`,
 * `monthTokens`/`monthCost` (each counts reservations in flight plus settled
 * usage), `reserved` (tokens reserved and not yet settled), `admitted` and
 * `settled` (calls), `usedTokens`/`usedCost` (settled usage of the month) and
 * `expiresAt` (TTL, epoch seconds).
 *
 * DynamoDB conditions cannot add, so each limit is checked as
 * `counter <= limit - amount`, computed here. The common case is one
 * UpdateItem; when the minute or day rolled over (or the limit refuses) the
 * item is read once and the write repeated with the new window's start.
 */
import { type AttributeValue, type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { BUDGET_TABLE_KEY, BUDGET_TTL_ATTRIBUTE, type BudgetLimits } from '../../lib/contracts/model-proxy';
import type { Amount } from './amounts';
import { microUsd } from './amounts';
import { type WindowName, type Windows } from './windows';

/** An item lives a day past its month, so a late settlement still finds it. */
export const EXPIRY_MARGIN_SECONDS = 86_400;
const MAX_ROUNDS = 6;

const NAMES: Record<string, string> = {
  '#pk': BUDGET_TABLE_KEY,
  '#exp': BUDGET_TTL_ATTRIBUTE,
  '#ms': 'minuteStart',
  '#mt': 'minuteTokens',
  '#ds': 'dayStart',
  '#dt': 'dayTokens',
  '#dc': 'dayCost',
  '#mot': 'monthTokens',
  '#moc': 'monthCost',
  '#rsv': 'reserved',
  '#adm': 'admitted',
  '#stl': 'settled',
  '#ut': 'usedTokens',
  '#uc': 'usedCost',
};

interface Check {
  readonly window: WindowName;
  readonly unit: 'tokens' | 'cost';
  readonly attr: '#mt' | '#dt' | '#mot' | '#dc' | '#moc';
  /** In the unit of the counter (tokens, micro-USD). */
  readonly limit: number;
  readonly amount: number;
}

export interface ItemExceeded {
  readonly window: WindowName;
  readonly unit: 'tokens' | 'cost';
  /** Tokens, or USD for cost windows. */
  readonly limit: number;
  readonly remaining: number;
}

export type ItemReserveResult = { readonly ok: true } | { readonly ok: false; readonly exceeded: ItemExceeded };

export interface BudgetItemRef {
  readonly tableName: string;
  readonly key: string;
  readonly windows: Windows;
}

function checksOf(limits: BudgetLimits, amount: Amount): Check[] {
  const checks: Check[] = [];
  const add = (window: WindowName, unit: 'tokens' | 'cost', attr: Check['attr'], limit: number | undefined) => {
    if (limit === undefined) return;
    checks.push({ window, unit, attr, limit: unit === 'cost' ? microUsd(limit) : limit, amount: unit === 'cost' ? amount.cost : amount.tokens });
  };
  add('minute', 'tokens', '#mt', limits.tokensPerMinute);
  add('day', 'tokens', '#dt', limits.tokensPerDay);
  add('month', 'tokens', '#mot', limits.tokensPerMonth);
  add('day', 'cost', '#dc', limits.costPerDay);
  add('month', 'cost', '#moc', limits.costPerMonth);
  return checks;
}

const n = (value: number): AttributeValue => ({ N: String(value) });

/** Reserves `amount` in every window of the item, or says which limit refuses it. */
export async function reserveInItem(client: DynamoDBClient, ref: BudgetItemRef, limits: BudgetLimits, amount: Amount): Promise<ItemReserveResult> {
  const checks = checksOf(limits, amount);
  const { windows } = ref;
  const common: Record<string, AttributeValue> = {
    ':ms': n(windows.minuteStart), ':ds': n(windows.dayStart), ':n': n(amount.tokens), ':c': n(amount.cost), ':one': n(1),
    ':exp': n(windows.monthEnd + EXPIRY_MARGIN_SECONDS),
  };
  const oversized = checks.some((c) => c.amount > c.limit);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // A call larger than a limit never fits: no write, straight to the read that reports the limit.
    if (!oversized) {
      const values = { ...common };
      const limitConds = checks.map((c, i) => {
        values[`:max${i}`] = n(c.limit - c.amount);
        return `${c.attr} <= :max${i}`;
      });
      const fits = ['#ms = :ms', '#ds = :ds', ...limitConds].join(' AND ');
      const written = await conditionalUpdate(client, ref, {
        UpdateExpression: 'SET #ms = :ms, #ds = :ds, #exp = :exp ADD #mt :n, #dt :n, #mot :n, #dc :c, #moc :c, #rsv :n, #adm :one',
        ConditionExpression: `attribute_not_exists(#pk) OR (${fits})`,
        ExpressionAttributeValues: values,
      });
      if (written) return { ok: true };
    }
    const item = await readItem(client, ref);
    if (item === undefined) {
      if (oversized) return { ok: false, exceeded: exceededOf(checks.find((c) => c.amount > c.limit)!, 0) };
      continue;
    }
    // An item window later than ours (another instance's clock is a little ahead) is the current one.
    const minuteCurrent = num(item.minuteStart) >= windows.minuteStart;
    const dayCurrent = num(item.dayStart) >= windows.dayStart;
    const current = (c: Check): number => {
      if (c.window === 'minute') return minuteCurrent ? num(item.minuteTokens) : 0;
      if (c.window === 'day') return dayCurrent ? num(c.unit === 'cost' ? item.dayCost : item.dayTokens) : 0;
      return num(c.unit === 'cost' ? item.monthCost : item.monthTokens);
    };
    const refusing = checks.filter((c) => current(c) + c.amount > c.limit);
    if (refusing.length > 0) {
      // The window that frees up last decides when a retry can succeed.
      const worst = refusing.reduce((a, b) => (order(b.window) > order(a.window) ? b : a));
      return { ok: false, exceeded: exceededOf(worst, current(worst)) };
    }
    const values: Record<string, AttributeValue> = { ...common, ':oldMs': n(num(item.minuteStart)), ':oldDs': n(num(item.dayStart)) };
    const sets = ['#exp = :exp'];
    const adds = ['#mot :n', '#moc :c', '#rsv :n', '#adm :one'];
    // Written only if no other instance moved a window since the read.
    const conds = ['#ms = :oldMs', '#ds = :oldDs'];
    if (minuteCurrent) adds.push('#mt :n');
    else sets.push('#ms = :ms', '#mt = :n');
    if (dayCurrent) adds.push('#dt :n', '#dc :c');
    else sets.push('#ds = :ds', '#dt = :n', '#dc = :c');
    checks.forEach((c, i) => {
      if ((c.window === 'minute' && !minuteCurrent) || (c.window === 'day' && !dayCurrent)) return;
      values[`:max${i}`] = n(c.limit - c.amount);
      conds.push(`${c.attr} <= :max${i}`);
    });
    const written = await conditionalUpdate(client, ref, {
      UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
      ConditionExpression: `attribute_exists(#pk) AND ${conds.join(' AND ')}`,
      ExpressionAttributeValues: values,
    });
    if (written) return { ok: true };
  }
  throw new BudgetContentionError();
}

/**
 * Replaces a reservation with the actual usage (`actual`), or takes it back
 * entirely (`release`: the call never ran). A window that rolled over since
 * the reservation is left alone: its counts went with it.
 */
export async function settleInItem(client: DynamoDBClient, ref: BudgetItemRef, reserved: Amount, actual: Amount, release: boolean): Promise<void> {
  const { windows } = ref;
  const values: Record<string, AttributeValue> = {
    ':ms': n(windows.minuteStart), ':ds': n(windows.dayStart), ':negN': n(-reserved.tokens), ':dT': n(actual.tokens - reserved.tokens),
    ':dC': n(actual.cost - reserved.cost), ':one': n(release ? -1 : 1), ':aT': n(actual.tokens), ':aC': n(actual.cost),
  };
  const base = ['#rsv :negN', '#mot :dT', '#moc :dC', release ? '#adm :one' : '#stl :one'];
  if (!release) base.push('#ut :aT', '#uc :aC');
  const attempts: [string[], string][] = [
    [[...base, '#mt :dT', '#dt :dT', '#dc :dC'], 'attribute_exists(#pk) AND #ms = :ms AND #ds = :ds'],
    [[...base, '#dt :dT', '#dc :dC'], 'attribute_exists(#pk) AND #ds = :ds'],
    [base, 'attribute_exists(#pk)'],
  ];
  for (const [adds, condition] of attempts) {
    const written = await conditionalUpdate(client, ref, {
      UpdateExpression: `ADD ${adds.join(', ')}`, ConditionExpression: condition, ExpressionAttributeValues: values,
    });
    if (written) return;
  }
  // The item expired or was deleted: nothing is left to settle against.
}

interface UpdateParts {
  readonly UpdateExpression: string;
  readonly ConditionExpression: string;
  readonly ExpressionAttributeValues: Record<string, AttributeValue>;
}

/** True when written; false when the condition refused it. Any other failure throws. */
async function conditionalUpdate(client: DynamoDBClient, ref: BudgetItemRef, parts: UpdateParts): Promise<boolean> {
  // DynamoDB refuses names and values an expression does not use.
  const text = `${parts.UpdateExpression} ${parts.ConditionExpression}`;
  const used = new Set(text.match(/[#:][A-Za-z0-9]+/g));
  try {
    await client.send(new UpdateItemCommand({
      TableName: ref.tableName,
      Key: { [BUDGET_TABLE_KEY]: { S: ref.key } },
      UpdateExpression: parts.UpdateExpression,
      ConditionExpression: parts.ConditionExpression,
      ExpressionAttributeNames: Object.fromEntries(Object.entries(NAMES).filter(([k]) => used.has(k))),
      ExpressionAttributeValues: Object.fromEntries(Object.entries(parts.ExpressionAttributeValues).filter(([k]) => used.has(k))),
    }));
    return true;
  } catch (err) {
    if ((err as { name?: unknown } | null)?.name === 'ConditionalCheckFailedException') return false;
    throw err;
  }
}

async function readItem(client: DynamoDBClient, ref: BudgetItemRef): Promise<Record<string, AttributeValue> | undefined> {
  const out = await client.send(new GetItemCommand({ TableName: ref.tableName, Key: { [BUDGET_TABLE_KEY]: { S: ref.key } }, ConsistentRead: true }));
  return out.Item;
}

function num(value: AttributeValue | undefined): number {
  const parsed = value?.N === undefined ? NaN : Number(value.N);
  return Number.isFinite(parsed) ? parsed : 0;
}

function order(window: WindowName): number {
  return window === 'minute' ? 0 : window === 'day' ? 1 : 2;
}

function exceededOf(check: Check, current: number): ItemExceeded {
  const remaining = Math.max(0, check.limit - current);
  return check.unit === 'cost'
    ? { window: check.window, unit: 'cost', limit: check.limit / 1_000_000, remaining: remaining / 1_000_000 }
    : { window: check.window, unit: 'tokens', limit: check.limit, remaining };
}

/** The item kept changing under every attempt; the call is refused as if the table were unreachable. */
export class BudgetContentionError extends Error {
  public constructor() {
    super('budget item contention');
    this.name = 'BudgetContentionError';
  }
}
