/**
 * Reserve before the call, settle after it. A call is admitted only when
 * every scope that applies to its caller (limits.ts) has room for its worst
 * case; a refusal or a table failure in one scope takes back what the others
 * reserved. `failOpen` lets a call pass when the table cannot answer.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { BudgetConfig, BudgetScopeName } from '../../lib/contracts/model-proxy';
import { safeErrorName } from '../shared/error-name';
import { type Amount, amountOf, type TokenCounts } from './amounts';
import { budgetItemKey } from './item-key';
import { type BudgetCaller, limitsFor } from './limits';
import { type BudgetItemRef, type ItemExceeded, reserveInItem, settleInItem } from './budget-table';
import { windowEnd, windowsAt } from './windows';

export interface BudgetExceeded extends ItemExceeded {
  readonly scope: BudgetScopeName;
  /** Epoch milliseconds at which the refusing window ends. */
  readonly resetAt: number;
  readonly retryAfterMs: number;
}

export type BudgetDecision =
  | { readonly kind: 'admitted'; readonly reservation: Reservation }
  | { readonly kind: 'exceeded'; readonly exceeded: BudgetExceeded }
  /** The table could not answer: with `failOpen` the call passes unmetered (`failOpen`), otherwise it is refused. */
  | { readonly kind: 'failOpen' | 'unavailable'; readonly errorName: string };

export interface SettleOutcome {
  readonly ok: boolean;
  readonly actual: Amount;
  readonly errorName?: string;
}

export interface BudgetEngine {
  readonly failOpen: boolean;
  /** Whether the route has a price table (cost is metered). */
  readonly priced: boolean;
  reserve(caller: BudgetCaller, worstCase: TokenCounts): Promise<BudgetDecision>;
  /** Turns token counts into tokens and micro-USD by the price table. */
  amountOf(counts: TokenCounts): Amount;
}

export interface BudgetEngineOptions {
  readonly config: BudgetConfig;
  /** The route's model: part of every item key. */
  readonly model: string;
  readonly client: DynamoDBClient;
  /** Epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

/** One admitted call's hold on its scopes; settles once, whatever calls it again. */
export class Reservation {
  private done: Promise<SettleOutcome> | undefined;

  public constructor(
    private readonly client: DynamoDBClient,
    private readonly items: readonly BudgetItemRef[],
    public readonly reserved: Amount,
    private readonly price: BudgetConfig['price'],
  ) {}

  public get settled(): boolean {
    return this.done !== undefined;
  }

  /** Replaces the worst case with what the call used. */
  public settle(actual: TokenCounts): Promise<SettleOutcome> {
    this.done ??= this.finish(amountOf(actual, this.price), false);
    return this.done;
  }

  /** Takes the reservation back: the call never reached the model. */
  public release(): Promise<SettleOutcome> {
    this.done ??= this.finish({ tokens: 0, cost: 0 }, true);
    return this.done;
  }

  private async finish(actual: Amount, release: boolean): Promise<SettleOutcome> {
    const results = await Promise.allSettled(this.items.map((item) => settleInItem(this.client, item, this.reserved, actual, release)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    return failed ? { ok: false, actual, errorName: safeErrorName(failed.reason) } : { ok: true, actual };
  }
}

export function createBudgetEngine(options: BudgetEngineOptions): BudgetEngine {
  const { config, model, client } = options;
  const now = options.now ?? Date.now;
  return {
    failOpen: config.failOpen,
    priced: config.price !== undefined,
    amountOf: (counts) => amountOf(counts, config.price),
    async reserve(caller, worstCase) {
      const at = now();
      const windows = windowsAt(at);
      const amount = amountOf(worstCase, config.price);
      const scopes = limitsFor(config, caller);
      const refs = scopes.map((s): BudgetItemRef => ({ tableName: config.tableName, key: budgetItemKey(model, s.scope, s.id, windows.monthKey), windows }));
      const results = await Promise.allSettled(scopes.map((s, i) => reserveInItem(client, refs[i], s.limits, amount)));
      const held = refs.filter((_, i) => results[i].status === 'fulfilled' && (results[i] as PromiseFulfilledResult<{ ok: boolean }>).value.ok);
      const reservation = new Reservation(client, held, amount, config.price);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      let exceeded: BudgetExceeded | undefined;
      results.forEach((r, i) => {
        if (r.status !== 'fulfilled' || r.value.ok || exceeded !== undefined) return;
        const resetAt = windowEnd(windows, r.value.exceeded.window) * 1000;
        exceeded = { ...r.value.exceeded, scope: scopes[i].scope, resetAt, retryAfterMs: Math.max(0, resetAt - at) };
      });
      if (failed === undefined && exceeded === undefined) return { kind: 'admitted', reservation };
      // What one scope holds is given back when another refuses; a failure to give it back leaves an over-count, never an under-count.
      if (held.length > 0) await reservation.release();
      if (exceeded !== undefined) return { kind: 'exceeded', exceeded };
      return { kind: config.failOpen ? 'failOpen' : 'unavailable', errorName: safeErrorName(failed!.reason) };
    },
  };
}
