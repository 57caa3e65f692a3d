/**
 * EMF metrics of metering and budgets (names in metric-names.ts): tokens and
 * cost per tenant, model and version; outcome counts per gateway and model.
 * Principals and API keys stay out of the dimensions.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  BudgetMetricName,
  GatewayMetricDimension as D,
} from '../../lib/contracts/metric-names';
import { createProxyMetricsWriter } from '../model-proxy/proxy-metrics-writer';

export interface MeterSample {
  readonly apiId: string;
  readonly model: string;
  readonly tenant: string;
  /** Routed models: the version that served the call. */
  readonly version?: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Micro-USD; absent without a price table. */
  readonly costMicroUsd?: number;
}

export type BudgetEventName =
  | BudgetMetricName.BUDGET_EXCEEDED
  | BudgetMetricName.BUDGET_FAIL_OPEN
  | BudgetMetricName.BUDGET_UNAVAILABLE
  | BudgetMetricName.BUDGET_SETTLE_FAILED;

export interface BudgetMetrics {
  meter(sample: MeterSample): void;
  count(event: BudgetEventName, where: { readonly apiId: string; readonly model: string }): void;
}

export function createBudgetMetrics(): BudgetMetrics {
  const metrics = createProxyMetricsWriter();
  return {
    meter(sample) {
      metrics.addDimensions({ [D.API_ID]: sample.apiId, [D.MODEL]: sample.model, [D.TENANT]: sample.tenant });
      if (sample.version !== undefined) metrics.addDimensions({ [D.API_ID]: sample.apiId, [D.MODEL]: sample.model, [D.VERSION]: sample.version });
      metrics.addMetric(BudgetMetricName.METERED_PROMPT_TOKENS, MetricUnit.Count, sample.promptTokens);
      metrics.addMetric(BudgetMetricName.METERED_COMPLETION_TOKENS, MetricUnit.Count, sample.completionTokens);
      if (sample.costMicroUsd !== undefined) metrics.addMetric(BudgetMetricName.METERED_COST, MetricUnit.Count, sample.costMicroUsd);
      metrics.publishStoredMetrics();
    },
    count(event, where) {
      metrics.addDimensions({ [D.API_ID]: where.apiId });
      metrics.addDimensions({ [D.API_ID]: where.apiId, [D.MODEL]: where.model });
      metrics.addMetric(event, MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    },
  };
}
