/**
 * One call's budget, as both proxies use it: reserve the worst case after
 * the guards, settle the actual usage in the proxy's finally path (once,
 * however the call ended), meter it, and say what happened in the audit line.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { BudgetMetricName } from '../../lib/contracts/metric-names';
import type { HandlerError } from '../shared/errors';
import type { Logger, LogFields } from '../shared/logger';
import { safeErrorName } from '../shared/error-name';
import type { TokenCounts } from './amounts';
import type { BudgetEngine, Reservation } from './budget-engine';
import { budgetExceededError, budgetUnavailableError } from './budget-errors';
import type { BudgetEventName, BudgetMetrics } from './budget-metrics';
import { type BudgetCaller, NO_TENANT } from './limits';

export type BudgetDecisionName = 'admitted' | 'exceeded' | 'failOpen' | 'unavailable';

/** The audit line's `budget` field: no principal or key id (those are in the line's own fields already, or nowhere). */
export interface BudgetAudit {
  decision?: BudgetDecisionName;
  tenant: string;
  reservedTokens?: number;
  /** The refusing limit. */
  scope?: string;
  window?: string;
  unit?: string;
  limit?: number;
  remaining?: number;
  settledTokens?: number;
  costMicroUsd?: number;
  usageEstimated?: boolean;
  settle?: 'ok' | 'failed' | 'released';
  errorName?: string;
}

export interface Usage extends TokenCounts {
  readonly estimated: boolean;
}

/** Who the budget counts, from the authorizer's context (`tenant`, `tier`, `principalId`) and the usage plan's API key. */
export function budgetCallerOf(event: APIGatewayProxyEvent): BudgetCaller {
  const authorizer = event.requestContext?.authorizer as Readonly<Record<string, unknown>> | null | undefined;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    tenant: text(authorizer?.tenant),
    tier: text(authorizer?.tier),
    principal: text(authorizer?.principalId),
    apiKeyId: text(event.requestContext?.identity?.apiKeyId),
  };
}

export class BudgetCall {
  public readonly audit: BudgetAudit;
  private reservation: Reservation | undefined;
  private readonly caller: BudgetCaller;
  private readonly where: { readonly apiId: string; readonly model: string };

  public constructor(
    private readonly engine: BudgetEngine,
    event: APIGatewayProxyEvent,
    model: string,
    private readonly logger: Logger,
    private readonly metrics: BudgetMetrics | undefined,
  ) {
    this.caller = budgetCallerOf(event);
    this.where = { apiId: event.requestContext?.apiId ?? 'unknown', model };
    this.audit = { tenant: this.caller.tenant ?? NO_TENANT };
  }

  /** Reserves the worst case; the error to answer with when the call may not go on. */
  public async reserve(worstCase: TokenCounts): Promise<HandlerError | undefined> {
    let decision;
    try {
      decision = await this.engine.reserve(this.caller, worstCase);
    } catch (err) {
      decision = { kind: this.engine.failOpen ? 'failOpen' as const : 'unavailable' as const, errorName: safeErrorName(err) };
    }
    this.audit.decision = decision.kind;
    switch (decision.kind) {
      case 'admitted':
        this.reservation = decision.reservation;
        this.audit.reservedTokens = decision.reservation.reserved.tokens;
        return undefined;
      case 'exceeded': {
        const { scope, window, unit, limit, remaining } = decision.exceeded;
        Object.assign(this.audit, { scope, window, unit, limit, remaining });
        this.count(BudgetMetricName.BUDGET_EXCEEDED);
        return budgetExceededError(decision.exceeded);
      }
      case 'failOpen':
        this.audit.errorName = decision.errorName;
        this.count(BudgetMetricName.BUDGET_FAIL_OPEN);
        return undefined;
      default:
        this.audit.errorName = decision.errorName;
        this.count(BudgetMetricName.BUDGET_UNAVAILABLE);
        return budgetUnavailableError();
    }
  }

  /**
   * Settles what the call used (`undefined`: it never reached the model, the
   * reservation is released) and meters it. Runs once; never throws.
   */
  public async finish(usage: Usage | undefined, version?: string): Promise<void> {
    if (this.audit.settle !== undefined || (this.audit.decision !== 'admitted' && this.audit.decision !== 'failOpen')) return;
    const reservation = this.reservation;
    if (usage === undefined) {
      this.audit.settle = 'released';
      if (reservation !== undefined) this.record(await reservation.release());
      return;
    }
    const amount = this.engine.amountOf(usage);
    this.audit.settle = 'ok';
    this.audit.settledTokens = amount.tokens;
    this.audit.usageEstimated = usage.estimated;
    if (this.engine.priced) this.audit.costMicroUsd = amount.cost;
    if (reservation !== undefined) this.record(await reservation.settle(usage));
    try {
      this.metrics?.meter({
        ...this.where, tenant: this.audit.tenant, version, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens,
        ...(this.audit.costMicroUsd !== undefined && { costMicroUsd: this.audit.costMicroUsd }),
      });
    } catch (err) {
      this.logger.log('WARN', 'metering metrics not emitted', { errorName: safeErrorName(err) });
    }
  }

  /** The audit line's fields, flat (`budgetDecision`, `budgetTenant`, ...); absent values are left out. */
  public auditFields(): LogFields {
    const out: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries(this.audit)) {
      if (value !== undefined) out[`budget${key[0].toUpperCase()}${key.slice(1)}`] = value as string | number | boolean;
    }
    return out;
  }

  private record(outcome: { ok: boolean; errorName?: string }): void {
    if (outcome.ok) return;
    this.audit.settle = 'failed';
    this.audit.errorName = outcome.errorName;
    this.count(BudgetMetricName.BUDGET_SETTLE_FAILED);
  }

  private count(event: BudgetEventName): void {
    try {
      this.metrics?.count(event, this.where);
    } catch (err) {
      this.logger.log('WARN', 'budget metrics not emitted', { errorName: safeErrorName(err) });
    }
  }
}
