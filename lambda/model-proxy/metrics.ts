import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  GatewayMetricDimension,
  ProxyMetricName,
} from '../../lib/contracts/metric-names';
import { publishRoutingMetrics } from '../routing/routing-metrics';
import type { RoutingMetricSample } from '../routing/routing-report';
import { createProxyMetricsWriter } from './proxy-metrics-writer';

/** The counts of one handled request that the gateway's alarms and dashboard read. */
export interface ProxyMetricSample {
  readonly apiId: string;
  readonly model: string;
  readonly injectionFlagged: boolean;
  readonly piiFindings: number;
}

export interface ProxyMetrics {
  record(sample: ProxyMetricSample): void;
  /** Routed models: the per-version and per-target lines (lambda/routing/routing-metrics.ts). */
  routing?(sample: RoutingMetricSample): void;
}

/**
 * One embedded-metric-format line per request through Powertools Metrics,
 * under the dimension sets [service, ApiId] and [service, ApiId, Model]
 * (lib/contracts/metric-names.ts). Counts only, never text.
 */
export function createProxyMetrics(): ProxyMetrics {
  const metrics = createProxyMetricsWriter();
  return {
    record(sample) {
      addRequestCounts(metrics, sample);
      metrics.publishStoredMetrics();
    },
    routing(sample) {
      publishRoutingMetrics(metrics, sample);
    },
  };
}

/**
 * The per-request counts both model routes emit, under [service, ApiId] and
 * [service, ApiId, Model], so the gateway's alarms read invoke and chat traffic alike.
 */
export function addRequestCounts(metrics: Metrics, sample: ProxyMetricSample): void {
  metrics.addDimensions({ [GatewayMetricDimension.API_ID]: sample.apiId });
  metrics.addDimensions({ [GatewayMetricDimension.API_ID]: sample.apiId, [GatewayMetricDimension.MODEL]: sample.model });
  metrics.addMetric(ProxyMetricName.REQUESTS, MetricUnit.Count, 1);
  metrics.addMetric(ProxyMetricName.INJECTION_FLAGGED, MetricUnit.Count, sample.injectionFlagged ? 1 : 0);
  metrics.addMetric(ProxyMetricName.PII_FINDINGS, MetricUnit.Count, sample.piiFindings);
}
