import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { BudgetConfig } from '../../../lib/contracts/model-proxy';
import { createBudgetEngine, type BudgetDecision, type BudgetEngine } from '../../../lambda/budget/budget-engine';
import { budgetItemKey } from '../../../lambda/budget/item-key';
import { EXPIRY_MARGIN_SECONDS } from '../../../lambda/budget/budget-table';
import { closedEndpoint, type LocalTable, startLocalTable, TEST_CLIENT } from './dynalite-server';

// 2025-06-14T10:30:20Z: a minute, a day and a month with room on both sides.
const T0 = Date.UTC(2025, 5, 14, 10, 30, 20);
const KEY = budgetItemKey('chat-model', 'tenant', 'acme', '2025-06');
const ACME = { tenant: 'acme', tier: 'basic', principal: 'user-1' };

let table: LocalTable;
beforeAll(async () => {
  table = await startLocalTable();
});
afterAll(async () => {
  await table.close();
});

let tableCount = 0;
function engine(budget: Partial<BudgetConfig>, now: () => number = () => T0, client?: DynamoDBClient): BudgetEngine {
  return createBudgetEngine({
    config: { tableName: table.tableName, defaults: {}, failOpen: false, ...budget },
    model: 'chat-model',
    client: client ?? table.client(),
    now,
  });
}
const admitted = (d: BudgetDecision) => {
  if (d.kind !== 'admitted') throw new Error(`expected admitted, got ${d.kind}`);
  return d.reservation;
};
const uniqueTenant = () => ({ ...ACME, tenant: `tenant-${++tableCount}` });
const keyOf = (tenant: string, scope: 'tenant' | 'principal' = 'tenant', id = tenant) => budgetItemKey('chat-model', scope, id, '2025-06');

describe('budget engine against a DynamoDB API server', () => {
  it('reserves the worst case in every window and settles it to the actual usage', async () => {
    const e = engine({ defaults: { tenant: { tokensPerMinute: 10_000, tokensPerDay: 100_000, tokensPerMonth: 1_000_000 } } });
    const r = admitted(await e.reserve(ACME, { promptTokens: 300, completionTokens: 700 }));
    expect(await table.item(KEY)).toMatchObject({ minuteTokens: 1000, dayTokens: 1000, monthTokens: 1000, reserved: 1000, admitted: 1 });

    expect(await r.settle({ promptTokens: 120, completionTokens: 80 })).toMatchObject({ ok: true });
    expect(await table.item(KEY)).toMatchObject({
      minuteTokens: 200, dayTokens: 200, monthTokens: 200, reserved: 0, admitted: 1, settled: 1, usedTokens: 200,
    });
    // Settling twice changes nothing.
    await r.settle({ promptTokens: 1, completionTokens: 1 });
    expect(await table.item(KEY)).toMatchObject({ monthTokens: 200, settled: 1 });
  });

  it('puts a TTL attribute on the item: the end of its month plus a day', async () => {
    const item = await table.item(KEY);
    expect(item?.expiresAt).toBe(Date.UTC(2025, 6, 1) / 1000 + EXPIRY_MARGIN_SECONDS);
    expect(item?.minuteStart).toBe(Date.UTC(2025, 5, 14, 10, 30) / 1000);
    expect(item?.dayStart).toBe(Date.UTC(2025, 5, 14) / 1000);
  });

  it('refuses a call the minute cannot hold, with the limit, what remains and when the minute ends', async () => {
    const who = uniqueTenant();
    const e = engine({ defaults: { tenant: { tokensPerMinute: 1000 } } });
    admitted(await e.reserve(who, { promptTokens: 400, completionTokens: 200 }));
    const refused = await e.reserve(who, { promptTokens: 300, completionTokens: 200 });
    expect(refused).toEqual({
      kind: 'exceeded',
      exceeded: {
        scope: 'tenant', window: 'minute', unit: 'tokens', limit: 1000, remaining: 400, resetAt: Date.UTC(2025, 5, 14, 10, 31), retryAfterMs: 40_000,
      },
    });
    // The refusal reserved nothing.
    expect(await table.item(keyOf(who.tenant))).toMatchObject({ minuteTokens: 600, reserved: 600, admitted: 1 });
  });

  it('starts a new minute when the clock moves on, keeping the day and month counts', async () => {
    const who = uniqueTenant();
    let now = T0;
    const e = engine({ defaults: { tenant: { tokensPerMinute: 1000, tokensPerDay: 5000 } } }, () => now);
    const first = admitted(await e.reserve(who, { promptTokens: 500, completionTokens: 400 }));
    now = T0 + 60_000;
    const second = admitted(await e.reserve(who, { promptTokens: 500, completionTokens: 400 }));
    expect(await table.item(keyOf(who.tenant))).toMatchObject({ minuteStart: Date.UTC(2025, 5, 14, 10, 31) / 1000, minuteTokens: 900, dayTokens: 1800 });
    // The first call settles after its minute rolled over: only the day and month learn of it.
    await first.settle({ promptTokens: 100, completionTokens: 100 });
    await second.settle({ promptTokens: 100, completionTokens: 50 });
    expect(await table.item(keyOf(who.tenant))).toMatchObject({ minuteTokens: 150, dayTokens: 350, monthTokens: 350, reserved: 0, settled: 2 });
  });

  it('refuses a call larger than the limit without writing', async () => {
    const who = uniqueTenant();
    const e = engine({ defaults: { tenant: { tokensPerDay: 100 } } });
    const refused = await e.reserve(who, { promptTokens: 90, completionTokens: 20 });
    expect(refused).toMatchObject({ kind: 'exceeded', exceeded: { window: 'day', limit: 100, remaining: 100 } });
    expect(await table.item(keyOf(who.tenant))).toBeUndefined();
  });

  it('counts cost by the price table and refuses over the spending limit', async () => {
    const who = uniqueTenant();
    // $3 and $15 per million tokens; $0.02 a day.
    const e = engine({ price: { promptPerMillion: 3, completionPerMillion: 15 }, defaults: { tenant: { costPerDay: 0.02 } } });
    const r = admitted(await e.reserve(who, { promptTokens: 1000, completionTokens: 1000 })); // 18,000 micro-USD
    expect(await table.item(keyOf(who.tenant))).toMatchObject({ dayCost: 18_000, monthCost: 18_000 });
    expect(await e.reserve(who, { promptTokens: 1000, completionTokens: 1000 })).toMatchObject({
      kind: 'exceeded', exceeded: { unit: 'cost', window: 'day', limit: 0.02, remaining: 0.002 },
    });
    await r.settle({ promptTokens: 1000, completionTokens: 200 });
    expect(await table.item(keyOf(who.tenant))).toMatchObject({ dayCost: 6000, usedCost: 6000 });
  });

  it('checks the principal scope too, and gives back the tenant reservation when the principal is over', async () => {
    const who = uniqueTenant();
    const e = engine({
      defaults: { tenant: { tokensPerMinute: 10_000 } },
      tiers: { basic: { tenant: { tokensPerMinute: 10_000 }, principal: { tokensPerMinute: 500 } } },
    });
    admitted(await e.reserve(who, { promptTokens: 200, completionTokens: 200 }));
    expect(await e.reserve(who, { promptTokens: 100, completionTokens: 100 }))
      .toMatchObject({ kind: 'exceeded', exceeded: { scope: 'principal', remaining: 100 } });
    expect(await table.item(keyOf(who.tenant))).toMatchObject({ minuteTokens: 400, reserved: 400, admitted: 1 });
    expect(await table.item(keyOf(who.tenant, 'principal', who.principal))).toMatchObject({ minuteTokens: 400, admitted: 1 });
  });

  it('applies a tenant override over its tier, field by field', async () => {
    const who = uniqueTenant();
    const e = engine({
      tiers: { basic: { tenant: { tokensPerMinute: 100, tokensPerDay: 150 } } },
      tenants: { [who.tenant]: { tenant: { tokensPerMinute: 1000 } } },
    });
    admitted(await e.reserve(who, { promptTokens: 100, completionTokens: 40 }));
    expect(await e.reserve(who, { promptTokens: 10, completionTokens: 10 })).toMatchObject({ kind: 'exceeded', exceeded: { window: 'day', limit: 150 } });
  });

  it('admits at most what the budget holds among 200 concurrent calls from two instances, and records every settlement', async () => {
    const who = uniqueTenant();
    const limits = { defaults: { tenant: { tokensPerMinute: 5000 } } };
    const instances = [engine(limits), engine(limits)];
    const calls = Array.from({ length: 200 }, (_, i) => instances[i % 2].reserve(who, { promptTokens: 60, completionTokens: 40 }));
    const decisions = await Promise.all(calls);
    const held = decisions.filter((d) => d.kind === 'admitted');
    expect(decisions.filter((d) => d.kind !== 'admitted' && d.kind !== 'exceeded')).toEqual([]);
    const settled = await Promise.all(held.map((d) => d.reservation.settle({ promptTokens: 50, completionTokens: 10 })));
    const item = await table.item(keyOf(who.tenant));
    const counts = { requested: calls.length, admitted: held.length, settled: settled.filter((s) => s.ok).length };
    expect(counts).toEqual({ requested: 200, admitted: 50, settled: 50 });
    expect(item).toMatchObject({ admitted: 50, settled: 50, reserved: 0, minuteTokens: 3000, usedTokens: 3000 });
  });

  it('never lets reserve-and-settle cycles of two instances run past the limit', async () => {
    const who = uniqueTenant();
    const limits = { defaults: { tenant: { tokensPerMinute: 5000 } } };
    const instances = [engine(limits), engine(limits)];
    // Each call uses its whole worst case, so whatever the interleaving, 50 calls fill the minute.
    const results = await Promise.all(Array.from({ length: 200 }, async (_, i) => {
      const d = await instances[i % 2].reserve(who, { promptTokens: 60, completionTokens: 40 });
      if (d.kind !== 'admitted') return d.kind;
      const s = await d.reservation.settle({ promptTokens: 60, completionTokens: 40 });
      return s.ok ? 'settled' : 'settleFailed';
    }));
    expect(results.filter((r) => r === 'settled')).toHaveLength(50);
    expect(results.filter((r) => r !== 'settled' && r !== 'exceeded')).toEqual([]);
    expect(await table.item(keyOf(who.tenant))).toMatchObject({ admitted: 50, settled: 50, reserved: 0, minuteTokens: 5000 });
  });

  describe('when the table cannot be reached', () => {
    let unreachable: DynamoDBClient;
    beforeAll(async () => {
      unreachable = new DynamoDBClient({ ...TEST_CLIENT, endpoint: await closedEndpoint(), maxAttempts: 1 });
    });
    afterAll(() => unreachable.destroy());

    it('fails closed by default', async () => {
      const e = engine({ defaults: { tenant: { tokensPerMinute: 1000 } } }, () => T0, unreachable);
      const d = await e.reserve(ACME, { promptTokens: 1, completionTokens: 1 });
      expect(d.kind).toBe('unavailable');
    });

    it('lets the call pass with failOpen', async () => {
      const e = engine({ defaults: { tenant: { tokensPerMinute: 1000 } }, failOpen: true }, () => T0, unreachable);
      const d = await e.reserve(ACME, { promptTokens: 1, completionTokens: 1 });
      expect(d.kind).toBe('failOpen');
    });
  });
});
