import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  BudgetMetricName, GATEWAY_METRIC_NAMESPACE, GatewayMetricDimension, MODEL_PROXY_SERVICE_NAME, ProxyMetricName,
} from '../contracts/metric-names';
import { GatewayMonitoringTargets } from './monitoring-targets';

/** A function with the timeout its duration alarm is measured against. */
export interface WatchedFunction {
  readonly label: string;
  readonly function: lambda.IFunction;
  readonly timeout: Duration;
}

/** A SageMaker endpoint variant. */
export interface WatchedEndpoint {
  readonly endpointName: string;
  readonly variantName: string;
}

/**
 * Builds every metric the alarms and the dashboard read, with one period, so
 * that the alarm policy (thresholds, severities, actions) and the dashboard
 * layout never construct a metric themselves.
 */
export class GatewayMetrics {
  public constructor(
    private readonly targets: GatewayMonitoringTargets,
    private readonly period: Duration,
    /** Below this many requests in a period, a rate counts as 0: a few failures of a few calls are noise. */
    private readonly minimumRequests: number,
  ) {}

  public requests(): cloudwatch.IMetric {
    return this.targets.api.metricCount({ period: this.period, label: 'Requests' });
  }

  public serverErrorRate(): cloudwatch.IMetric {
    const api = this.targets.api;
    return this.ratePercent('server', '5XX rate (%)', { errors: api.metricServerErrors() }, { requests: api.metricCount() });
  }

  public clientErrorRate(): cloudwatch.IMetric {
    const api = this.targets.api;
    return this.ratePercent('client', '4XX rate (%)', { errors: api.metricClientErrors() }, { requests: api.metricCount() });
  }

  public latency(statistic: string = cloudwatch.Stats.p(99)): cloudwatch.IMetric {
    return this.targets.api.metricLatency({ period: this.period, statistic, label: `Latency ${statistic} (ms)` });
  }

  public integrationLatency(statistic: string = cloudwatch.Stats.p(99)): cloudwatch.IMetric {
    return this.targets.api.metricIntegrationLatency({ period: this.period, statistic, label: `Integration latency ${statistic} (ms)` });
  }

  public throttledRequests(): cloudwatch.IMetric {
    return this.targets.api.metricThrottledRequests({ period: this.period, label: 'Answered 429' });
  }

  /** Requests the web ACL blocked, or undefined without a web ACL; so for every optional target below. */
  public wafBlockedRequests(): cloudwatch.IMetric | undefined {
    return this.targets.webAcl?.metricBlockedRequests({ period: this.period, label: 'Blocked by WAF' });
  }

  public wafAllowedRequests(): cloudwatch.IMetric | undefined {
    return this.targets.webAcl?.metricAllowedRequests({ period: this.period, label: 'Allowed by WAF' });
  }

  public wafBlockedRate(): cloudwatch.IMetric | undefined {
    const acl = this.targets.webAcl;
    if (!acl) return undefined;
    const blocked = acl.metricBlockedRequests();
    return this.ratePercent('waf', 'WAF blocked rate (%)', { blocked }, { blocked, allowed: acl.metricAllowedRequests() });
  }

  public authorizerDecisions(): cloudwatch.IMetric[] {
    const authorizer = this.targets.authorizer;
    if (!authorizer) return [];
    return [
      authorizer.metricDecisions({ period: this.period, label: 'All decisions' }),
      authorizer.metricDenials({ period: this.period, label: 'Deny' }),
      authorizer.metricUnauthorized({ period: this.period, label: 'Unauthorized' }),
    ];
  }

  public authorizerDenialRate(): cloudwatch.IMetric | undefined {
    const authorizer = this.targets.authorizer;
    if (!authorizer) return undefined;
    return this.ratePercent('authz', 'Denied or unauthorized (%)',
      { deny: authorizer.metricDenials(), unauthorized: authorizer.metricUnauthorized() },
      { decisions: authorizer.metricDecisions() });
  }

  public autoBlockAddresses(): cloudwatch.IMetric[] {
    const autoBlock = this.targets.autoBlock;
    if (!autoBlock) return [];
    return [
      autoBlock.metricBlockedAddresses({ period: this.period, label: 'Addresses blocked' }),
      autoBlock.metricUnblockedAddresses({ period: this.period, label: 'Blocks expired' }),
    ];
  }

  public autoBlockDeadLetters(): cloudwatch.IMetric | undefined {
    return this.targets.autoBlock?.metricDeadLetters({ period: this.period, label: 'Dead letters' });
  }

  /** A metric the model proxy emits, for the whole gateway or for one model. */
  public proxyMetric(metricName: ProxyMetricName | BudgetMetricName, model?: string): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: GATEWAY_METRIC_NAMESPACE,
      metricName,
      dimensionsMap: {
        [GatewayMetricDimension.SERVICE]: MODEL_PROXY_SERVICE_NAME,
        [GatewayMetricDimension.API_ID]: this.targets.api.restApi.restApiId,
        ...model !== undefined ? { [GatewayMetricDimension.MODEL]: model } : {},
      },
      statistic: cloudwatch.Stats.SUM,
      period: this.period,
      label: model,
    });
  }

  /**
   * A metering metric of one model, every tenant together. The functions emit metering per tenant
   * (and per version) only, so the sum over tenants is a Metrics Insights query, which alarms accept.
   */
  public meteredTotal(metricName: BudgetMetricName, model: string, label: string): cloudwatch.IMetric {
    const d = GatewayMetricDimension;
    return new cloudwatch.MathExpression({
      expression: `SELECT SUM(${metricName}) FROM SCHEMA("${GATEWAY_METRIC_NAMESPACE}", ${d.API_ID}, ${d.MODEL}, ${d.TENANT}, ${d.SERVICE}) `
        + `WHERE ${d.SERVICE} = '${MODEL_PROXY_SERVICE_NAME}' AND ${d.API_ID} = '${this.targets.api.restApi.restApiId}' AND ${d.MODEL} = '${model}'`,
      period: this.period,
      label,
    });
  }

  /** A budget outcome count (`BudgetExceeded`, `BudgetUnavailable`, ...) of one model. */
  public budgetOutcome(metricName: BudgetMetricName, model: string): cloudwatch.Metric {
    return this.proxyMetric(metricName, model).with({ label: metricName });
  }

  /** A per-version routing metric (`VersionRequests`, `FallbackServed`, ...) of one model. */
  public versionMetric(metricName: ProxyMetricName, model: string, version: string, statistic: string = cloudwatch.Stats.SUM): cloudwatch.Metric {
    return this.routingMetric(metricName, { [GatewayMetricDimension.MODEL]: model, [GatewayMetricDimension.VERSION]: version }, statistic, version);
  }

  /** A per-target routing metric (`TargetCalls`, `BreakerOpened`, ...) of one version's target. */
  public targetMetric(
    metricName: ProxyMetricName, model: string, version: string, target: string, statistic: string = cloudwatch.Stats.SUM,
  ): cloudwatch.Metric {
    return this.routingMetric(metricName, {
      [GatewayMetricDimension.MODEL]: model, [GatewayMetricDimension.VERSION]: version, [GatewayMetricDimension.TARGET]: target,
    }, statistic, `${version}/${target}`);
  }

  /** Calls of a model served outside their version's top priority group, all versions together. */
  public fallbackServed(model: string, versions: readonly string[]): cloudwatch.IMetric {
    const metrics = Object.fromEntries(versions.map((v, i) => [`fallback${i}`, this.versionMetric(ProxyMetricName.FALLBACK_SERVED, model, v)]));
    return new cloudwatch.MathExpression({
      expression: Object.keys(metrics).map((id) => `FILL(${id}, 0)`).join(' + '),
      usingMetrics: metrics,
      period: this.period,
      label: `${model} served by a fallback`,
    });
  }

  /** Percent of one version's calls answered 5xx; 0 below the minimum of requests. */
  public versionErrorRate(model: string, version: string): cloudwatch.IMetric {
    // Ids must be unique within a graph that shows every version's rate.
    return this.ratePercent(`version_${version.replace(/-/g, '_')}`, `${model}/${version} 5xx (%)`,
      { errors: this.versionMetric(ProxyMetricName.VERSION_ERRORS, model, version) },
      { requests: this.versionMetric(ProxyMetricName.VERSION_REQUESTS, model, version) });
  }

  public versionLatency(model: string, version: string, statistic: string = cloudwatch.Stats.p(99)): cloudwatch.IMetric {
    return this.versionMetric(ProxyMetricName.VERSION_LATENCY, model, version, statistic).with({ label: `${model}/${version} ${statistic} (ms)` });
  }

  private routingMetric(metricName: ProxyMetricName, dimensions: Record<string, string>, statistic: string, label: string): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: GATEWAY_METRIC_NAMESPACE,
      metricName,
      dimensionsMap: {
        [GatewayMetricDimension.SERVICE]: MODEL_PROXY_SERVICE_NAME,
        [GatewayMetricDimension.API_ID]: this.targets.api.restApi.restApiId,
        ...dimensions,
      },
      statistic,
      period: this.period,
      label,
    });
  }

  public injectionFlagRate(): cloudwatch.IMetric {
    return this.ratePercent('injection', 'Injection flagged (%)',
      { flagged: this.proxyMetric(ProxyMetricName.INJECTION_FLAGGED) },
      { requests: this.proxyMetric(ProxyMetricName.REQUESTS) });
  }

  public piiFindingsRate(): cloudwatch.IMetric {
    return this.ratePercent('pii', 'PII findings per 100 requests',
      { findings: this.proxyMetric(ProxyMetricName.PII_FINDINGS) },
      { requests: this.proxyMetric(ProxyMetricName.REQUESTS) });
  }

  public functionErrors(fn: WatchedFunction): cloudwatch.IMetric {
    return fn.function.metricErrors({ period: this.period, statistic: cloudwatch.Stats.SUM, label: fn.label });
  }

  public functionThrottles(fn: WatchedFunction): cloudwatch.IMetric {
    return fn.function.metricThrottles({ period: this.period, statistic: cloudwatch.Stats.SUM, label: fn.label });
  }

  public functionConcurrency(fn: WatchedFunction): cloudwatch.IMetric {
    return fn.function.metric('ConcurrentExecutions', { period: this.period, statistic: cloudwatch.Stats.MAXIMUM, label: fn.label });
  }

  public functionDuration(fn: WatchedFunction): cloudwatch.IMetric {
    return fn.function.metricDuration({ period: this.period, statistic: cloudwatch.Stats.p(99), label: fn.label });
  }

  public modelServerErrors(endpoint: WatchedEndpoint): cloudwatch.IMetric {
    return this.sageMakerMetric('Invocation5XXErrors', endpoint, cloudwatch.Stats.SUM);
  }

  /** SageMaker reports `ModelLatency` in microseconds. */
  public modelLatency(endpoint: WatchedEndpoint): cloudwatch.IMetric {
    return this.sageMakerMetric('ModelLatency', endpoint, cloudwatch.Stats.p(99));
  }

  private sageMakerMetric(metricName: string, endpoint: WatchedEndpoint, statistic: string): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/SageMaker',
      metricName,
      dimensionsMap: { EndpointName: endpoint.endpointName, VariantName: endpoint.variantName },
      statistic,
      period: this.period,
      label: endpoint.endpointName,
    });
  }

  /**
   * 100 × the numerators over the denominators, and 0 while the denominators
   * stay below the minimum. FILL turns a period without matching lines (a
   * metric filter publishes nothing then) into 0 instead of a gap.
   */
  private ratePercent(
    tag: string,
    label: string,
    numerators: Record<string, cloudwatch.IMetric>,
    denominators: Record<string, cloudwatch.IMetric>,
  ): cloudwatch.MathExpression {
    // Ids carry the tag: a graph may hold two rates, and ids must be unique within it.
    const tagged = (metrics: Record<string, cloudwatch.IMetric>) => Object.fromEntries(Object.entries(metrics).map(([id, m]) => [`${tag}_${id}`, m]));
    const sum = (metrics: Record<string, cloudwatch.IMetric>) => Object.keys(metrics).map((id) => `FILL(${id}, 0)`).join(' + ');
    const [numerator, denominator] = [tagged(numerators), tagged(denominators)];
    return new cloudwatch.MathExpression({
      expression: `IF((${sum(denominator)}) >= ${this.minimumRequests}, 100 * (${sum(numerator)}) / (${sum(denominator)}), 0)`,
      usingMetrics: { ...numerator, ...denominator },
      period: this.period,
      label,
    });
  }
}
