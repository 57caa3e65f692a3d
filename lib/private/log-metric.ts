import { createHash } from 'node:crypto';
import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { GATEWAY_METRIC_NAMESPACE } from '../contracts/metric-names';

/** A metric that a metric filter derives from a JSON log line. */
export interface LogMetricSpec {
  readonly metricName: string;
  readonly filterPattern: logs.IFilterPattern;
  /** @default '1' (one per matching line) */
  readonly metricValue?: string;
}

const MAX_PATH_LENGTH = 96;

/**
 * The namespace of the log metrics of one construct:
 * `SecureAiGateway/<stack name>/<construct path in the stack>`. A metric
 * filter cannot add a constant dimension, so the namespace is what keeps the
 * metrics of two gateways (or two deployments of one app) apart.
 */
export function logMetricNamespace(owner: Construct): string {
  const stackPath = Stack.of(owner).node.path;
  const relative = owner.node.path.slice(stackPath.length).replace(/^\//, '').replace(/[^A-Za-z0-9._/#-]/g, '-');
  const path = relative.length <= MAX_PATH_LENGTH
    ? relative
    : `${relative.slice(0, MAX_PATH_LENGTH - 9)}-${createHash('sha256').update(relative).digest('hex').slice(0, 8)}`;
  return `${GATEWAY_METRIC_NAMESPACE}/${Aws.STACK_NAME}/${path}`;
}

/**
 * The metric of a log metric filter on `logGroup`; the filter is created under
 * `owner` on first use, so a construct pays for the custom metric only once
 * something reads it.
 */
export function logMetric(owner: Construct, logGroup: logs.ILogGroup, spec: LogMetricSpec, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
  const namespace = logMetricNamespace(owner);
  const filterId = `${spec.metricName}Filter`;
  if (!owner.node.tryFindChild(filterId)) {
    new logs.MetricFilter(owner, filterId, {
      logGroup,
      filterPattern: spec.filterPattern,
      metricNamespace: namespace,
      metricName: spec.metricName,
      metricValue: spec.metricValue ?? '1',
    });
  }
  return new cloudwatch.Metric({
    statistic: cloudwatch.Stats.SUM,
    period: Duration.minutes(5),
    ...props,
    namespace,
    metricName: spec.metricName,
  });
}
