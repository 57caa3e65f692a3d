import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  GATEWAY_METRIC_NAMESPACE,
  GatewayMetricDimension,
  MODEL_PROXY_SERVICE_NAME,
  ProxyMetricName,
} from '../../lib/contracts/metric-names';
import { publishRoutingMetrics } from '../routing/routing-metrics';
import type { RoutingMetricSample } from '../routing/routing-report';

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
 * Where Powertools Metrics writes its own notices. ApiId is in both dimension
 * sets on purpose, always with the same value, and Powertools warns about that
 * on every publish: that one notice is dropped, any other goes to stderr.
 */
const POWERTOOLS_NOTICES = {
  debug: (...content: unknown[]) => console.debug(...content),
  info: (...content: unknown[]) => console.info(...content),
  warn: (...content: unknown[]) => {
    const notice = `EMF key "${GatewayMetricDimension.API_ID}" is defined as both a dimension set and dimension set`;
    if (typeof content[0] === 'string' && content[0].startsWith(notice)) return;
    console.warn(...content);
  },
  error: (...content: unknown[]) => console.error(...content),
};

/**
 * One embedded-metric-format line per request through Powertools Metrics,
 * under the dimension sets [service, ApiId] and [service, ApiId, Model]
 * (lib/contracts/metric-names.ts). Counts only, never text.
 */
export function createProxyMetrics(): ProxyMetrics {
  const metrics = new Metrics({ namespace: GATEWAY_METRIC_NAMESPACE, serviceName: MODEL_PROXY_SERVICE_NAME, logger: POWERTOOLS_NOTICES });
  return {
    record(sample) {
      metrics.addDimensions({ [GatewayMetricDimension.API_ID]: sample.apiId });
      metrics.addDimensions({ [GatewayMetricDimension.API_ID]: sample.apiId, [GatewayMetricDimension.MODEL]: sample.model });
      metrics.addMetric(ProxyMetricName.REQUESTS, MetricUnit.Count, 1);
      metrics.addMetric(ProxyMetricName.INJECTION_FLAGGED, MetricUnit.Count, sample.injectionFlagged ? 1 : 0);
      metrics.addMetric(ProxyMetricName.PII_FINDINGS, MetricUnit.Count, sample.piiFindings);
      metrics.publishStoredMetrics();
    },
    routing(sample) {
      publishRoutingMetrics(metrics, sample);
    },
  };
}
