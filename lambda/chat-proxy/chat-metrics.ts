/**
 * The chat route's EMF metrics: the invoke route's per-request counts (so the
 * gateway's alarms see chat traffic too) and what a conversation and a
 * stream add: tokens in and out, time to first token, stream duration and
 * how streams ended. Same namespace, service and dimension sets.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { ProxyMetricName } from '../../lib/contracts/metric-names';
import { publishRoutingMetrics } from '../routing/routing-metrics';
import type { RoutingMetricSample } from '../routing/routing-report';
import { addRequestCounts } from '../model-proxy/metrics';
import { createProxyMetricsWriter } from '../model-proxy/proxy-metrics-writer';

export interface ChatMetricSample {
  readonly apiId: string;
  readonly model: string;
  readonly injectionFlagged: boolean;
  readonly piiFindings: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Streamed calls only. */
  readonly timeToFirstTokenMs?: number;
  readonly streamDurationMs?: number;
  readonly streamFailed: boolean;
  readonly clientDisconnected: boolean;
  /** Routes with a response cache: how the call used it, and the cache's failures during the call. */
  readonly cache?: 'hit' | 'miss' | 'bypass';
  readonly cacheErrors?: number;
}

export interface ChatMetrics {
  record(sample: ChatMetricSample): void;
  /** Routed models: the per-version and per-target lines (lambda/routing/routing-metrics.ts). */
  routing?(sample: RoutingMetricSample): void;
}

export function createChatMetrics(): ChatMetrics {
  const metrics = createProxyMetricsWriter();
  return {
    record(sample) {
      addRequestCounts(metrics, sample);
      metrics.addMetric(ProxyMetricName.PROMPT_TOKENS, MetricUnit.Count, sample.promptTokens);
      metrics.addMetric(ProxyMetricName.COMPLETION_TOKENS, MetricUnit.Count, sample.completionTokens);
      if (sample.timeToFirstTokenMs !== undefined) metrics.addMetric(ProxyMetricName.TIME_TO_FIRST_TOKEN, MetricUnit.Milliseconds, sample.timeToFirstTokenMs);
      if (sample.streamDurationMs !== undefined) metrics.addMetric(ProxyMetricName.STREAM_DURATION, MetricUnit.Milliseconds, sample.streamDurationMs);
      metrics.addMetric(ProxyMetricName.STREAMS_FAILED, MetricUnit.Count, sample.streamFailed ? 1 : 0);
      metrics.addMetric(ProxyMetricName.CLIENT_DISCONNECTS, MetricUnit.Count, sample.clientDisconnected ? 1 : 0);
      if (sample.cache !== undefined) {
        metrics.addMetric(ProxyMetricName.CACHE_HITS, MetricUnit.Count, sample.cache === 'hit' ? 1 : 0);
        metrics.addMetric(ProxyMetricName.CACHE_MISSES, MetricUnit.Count, sample.cache === 'miss' ? 1 : 0);
        metrics.addMetric(ProxyMetricName.CACHE_BYPASSES, MetricUnit.Count, sample.cache === 'bypass' ? 1 : 0);
        metrics.addMetric(ProxyMetricName.CACHE_ERRORS, MetricUnit.Count, sample.cacheErrors ?? 0);
      }
      metrics.publishStoredMetrics();
    },
    routing(sample) {
      publishRoutingMetrics(metrics, sample);
    },
  };
}
