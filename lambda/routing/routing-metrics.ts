/**
 * The routing metrics of one call in embedded metric format, through the
 * proxy's own Powertools `Metrics`: one line per version
 * (ROUTING_VERSION_DIMENSIONS) and one per attempted or changed target
 * (ROUTING_TARGET_DIMENSIONS). They are separate lines because Powertools
 * applies a line's dimension sets to all its metrics, and the proxy's
 * per-request metrics keep their own two sets.
 */
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { GatewayMetricDimension as D, ProxyMetricName as M } from '../../lib/contracts/metric-names';
import type { RoutingMetricSample } from './routing-report';

export function publishRoutingMetrics(metrics: Metrics, sample: RoutingMetricSample): void {
  const versionDims = { [D.API_ID]: sample.apiId, [D.MODEL]: sample.model, [D.VERSION]: sample.version };
  metrics.addDimensions(versionDims);
  metrics.addMetric(M.VERSION_REQUESTS, MetricUnit.Count, 1);
  metrics.addMetric(M.VERSION_ERRORS, MetricUnit.Count, sample.failed ? 1 : 0);
  metrics.addMetric(M.VERSION_LATENCY, MetricUnit.Milliseconds, sample.latencyMs);
  metrics.addMetric(M.FAILOVERS, MetricUnit.Count, sample.failovers);
  metrics.addMetric(M.FALLBACK_SERVED, MetricUnit.Count, sample.fallback ? 1 : 0);
  metrics.publishStoredMetrics();

  const targets = new Set([...sample.attempts.map((a) => a.target), ...sample.breakerChanges.map((c) => c.target)]);
  for (const target of targets) {
    metrics.addDimensions({ ...versionDims, [D.TARGET]: target });
    let added = 0;
    // One line per target: EMF keeps every value of a repeated metric, so two attempts on one target are two calls.
    for (const a of sample.attempts) {
      if (a.target !== target) continue;
      added++;
      metrics.addMetric(M.TARGET_CALLS, MetricUnit.Count, 1);
      metrics.addMetric(M.TARGET_ERRORS, MetricUnit.Count, a.failed ? 1 : 0);
      metrics.addMetric(M.TARGET_LATENCY, MetricUnit.Milliseconds, Math.round(a.latencyMs * 100) / 100);
    }
    for (const c of sample.breakerChanges) {
      if (c.target !== target) continue;
      if (c.to === 'halfOpen') continue;
      added++;
      metrics.addMetric(c.to === 'open' ? M.BREAKER_OPENED : M.BREAKER_CLOSED, MetricUnit.Count, 1);
    }
    // A half-open move alone has no metric; the line is not written.
    if (added > 0) metrics.publishStoredMetrics();
    else metrics.clearDimensions();
  }
}
