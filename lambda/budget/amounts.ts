/**
 * Token and cost amounts. Cost is counted in whole micro-dollars: tokens
 * times USD per million tokens is exactly micro-dollars, and integers add up
 * in DynamoDB without rounding drift.
 */
import type { BudgetPrice } from '../../lib/contracts/model-proxy';

export interface TokenCounts {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export interface Amount {
  readonly tokens: number;
  /** Micro-USD; 0 without a price table. */
  readonly cost: number;
}

export function amountOf(counts: TokenCounts, price: BudgetPrice | undefined): Amount {
  const prompt = wholeTokens(counts.promptTokens);
  const completion = wholeTokens(counts.completionTokens);
  const cost = price === undefined ? 0 : Math.ceil(prompt * price.promptPerMillion + completion * price.completionPerMillion - 1e-9);
  return { tokens: prompt + completion, cost: Math.max(0, cost) };
}

export function microUsd(usd: number): number {
  return Math.round(usd * 1_000_000);
}

function wholeTokens(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.ceil(n) : 0;
}
