import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { createAlarmTopics } from './alarm-topics';
import { AlarmSeverity, GatewayAlarmKind, GatewayAlarmThresholdsBySeverity } from './alarm-thresholds';
import { GatewayDashboard } from './gateway-dashboard';
import { GatewayMetrics, WatchedEndpoint, WatchedFunction } from './gateway-metrics';
import { BudgetMetricName, GATEWAY_METRIC_NAMESPACE, MODEL_PROXY_SERVICE_NAME, PROXY_METRIC_DIMENSION_SETS } from '../contracts/metric-names';
import { GatewayMonitoringTargets, MonitoredFunctionOptions, SageMakerEndpointOptions } from './monitoring-targets';
import {
  DEFAULT_DATAPOINTS_TO_ALARM, DEFAULT_EVALUATION_PERIODS, DEFAULT_MINIMUM_REQUESTS, DEFAULT_PERIOD, validateMonitoringWindow,
} from './monitoring-window';
import { resolveThreshold, SEVERITIES, validateThresholds } from './threshold-defaults';
import { WatchedResources } from './watched-resources';
import { invalidProp, validateRange } from '../private/validation';
import type { BoundModelVersion } from '../model/model-routing';

/** Options of a gateway's alarms: what the facade passes on. */
export interface GatewayAlarmsOptions {
  /**
   * Thresholds per severity; each field left out keeps its default.
   * @default - the defaults documented on GatewayAlarmThresholds
   */
  readonly thresholds?: GatewayAlarmThresholdsBySeverity;
  /**
   * A topic (e.g. a central operations topic) that receives the alarms of
   * every severity, instead of the two encrypted topics created here. Its key
   * policy must let `cloudwatch.amazonaws.com` use its key.
   * @default - a Warning and a Critical topic, encrypted with a new customer-managed key
   */
  readonly existingTopic?: sns.ITopic;
  /**
   * Period of every alarm.
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
  /**
   * Periods an alarm looks at.
   * @default 3
   */
  readonly evaluationPeriods?: number;
  /**
   * Periods out of `evaluationPeriods` that must breach before an alarm fires.
   * @default 2
   */
  readonly datapointsToAlarm?: number;
  /**
   * Requests (or authorizer decisions) per period below which a rate counts as 0.
   * @default 20
   */
  readonly minimumRequests?: number;
  /**
   * Whether to create a {@link GatewayDashboard} of the same metrics.
   * @default true
   */
  readonly dashboard?: boolean;
  /**
   * Name of the dashboard.
   * @default - a name CloudFormation generates
   */
  readonly dashboardName?: string;
}

/** Properties of a {@link GatewayAlarms}. */
export interface GatewayAlarmsProps extends GatewayAlarmsOptions, GatewayMonitoringTargets {}

interface AlarmSpec {
  readonly kind: GatewayAlarmKind;
  readonly metric: cloudwatch.IMetric;
  /** What is measured, for the description: "API 5XX rate". */
  readonly what: string;
  /** Unit of the threshold as the user gives it, for the description. */
  readonly unit: string;
  /** Why it matters: what to look at when it fires. */
  readonly why: string;
  /** The function, endpoint or other subject, when a kind has one alarm per subject. */
  readonly subject?: string;
  /** Turns the threshold as given into the metric's unit. */
  readonly scale?: (threshold: number) => number;
}

/**
 * The alarms of a gateway, with a threshold per severity, each notifying the
 * topic of its severity on ALARM and on OK. Rates are math expressions that
 * count as 0 below `minimumRequests`, missing data never breaches, and an
 * anomaly-detection alarm watches the request count for unusual spikes. By
 * default a KMS-encrypted, TLS-only SNS topic per severity is created, and a
 * {@link GatewayDashboard} of the same metrics.
 */
export class GatewayAlarms extends Construct {
  /** Namespace of the custom metrics the gateway's functions emit (see `ProxyMetricName`), for alarms and widgets of your own. */
  public static readonly METRIC_NAMESPACE: string = GATEWAY_METRIC_NAMESPACE;
  /** The `service` dimension value of every model-proxy metric. */
  public static readonly MODEL_PROXY_SERVICE_NAME: string = MODEL_PROXY_SERVICE_NAME;
  /**
   * The dimension sets every model-proxy metric is emitted under (names of `GatewayMetricDimension`):
   * per gateway, and per gateway and model. A metric of your own must name all dimensions of one set.
   */
  public static readonly PROXY_METRIC_DIMENSION_SETS: string[][] = PROXY_METRIC_DIMENSION_SETS.map((set) => [...set]);

  /** The topic of warnings. */
  public readonly warningTopic: sns.ITopic;
  /** The topic of critical alarms (the same as `warningTopic` with `existingTopic`). */
  public readonly criticalTopic: sns.ITopic;
  /** The key of the topics, when they were created here. */
  public readonly topicKey?: kms.IKey;
  /** The dashboard, unless `dashboard` is false. */
  public readonly dashboard?: GatewayDashboard;

  private readonly metrics: GatewayMetrics;
  private readonly watched = new WatchedResources(this);
  private readonly thresholds: GatewayAlarmThresholdsBySeverity;
  private readonly evaluationPeriods: number;
  private readonly datapointsToAlarm: number;
  private readonly byKey = new Map<string, cloudwatch.Alarm>();
  private readonly period: Duration;

  public constructor(scope: Construct, id: string, props: GatewayAlarmsProps) {
    super(scope, id);
    const period = props.period ?? DEFAULT_PERIOD;
    this.period = period;
    const minimumRequests = props.minimumRequests ?? DEFAULT_MINIMUM_REQUESTS;
    this.evaluationPeriods = props.evaluationPeriods ?? DEFAULT_EVALUATION_PERIODS;
    this.datapointsToAlarm = props.datapointsToAlarm ?? Math.min(DEFAULT_DATAPOINTS_TO_ALARM, this.evaluationPeriods);
    validateMonitoringWindow(this, { period, minimumRequests, evaluationPeriods: this.evaluationPeriods, datapointsToAlarm: this.datapointsToAlarm });
    this.thresholds = props.thresholds ?? {};
    validateThresholds(this, this.thresholds);
    this.metrics = new GatewayMetrics(props, period, minimumRequests);

    if (props.existingTopic) {
      this.warningTopic = props.existingTopic;
      this.criticalTopic = props.existingTopic;
    } else {
      const created = createAlarmTopics(this);
      this.warningTopic = created.topics[AlarmSeverity.WARNING];
      this.criticalTopic = created.topics[AlarmSeverity.CRITICAL];
      this.topicKey = created.key;
    }
    if (props.dashboard ?? true) {
      this.dashboard = new GatewayDashboard(this, 'Dashboard', { ...props, period, minimumRequests, functions: [], sageMakerEndpointNames: [] });
    }

    this.watchApi();
    this.watchEdge(props);
    this.watchAuthorizer();
    if (props.modelProxyMetrics ?? true) this.watchModelProxy();
    for (const fn of props.functions ?? []) this.addFunction(fn);
    for (const name of props.sageMakerEndpointNames ?? []) this.addSageMakerEndpoint(name);
  }

  /** Every alarm created so far. */
  public get alarms(): cloudwatch.IAlarm[] {
    return [...this.byKey.values()];
  }

  /** The topic that alarms of a severity notify. */
  public topicFor(severity: AlarmSeverity): sns.ITopic {
    return severity === AlarmSeverity.CRITICAL ? this.criticalTopic : this.warningTopic;
  }

  /**
   * One alarm, e.g. to add another action; `subject` is the function label or
   * the endpoint name for kinds with one alarm each. Undefined when that alarm
   * is off or does not apply.
   */
  public alarm(kind: GatewayAlarmKind, severity: AlarmSeverity, subject?: string): cloudwatch.IAlarm | undefined {
    return this.byKey.get(alarmKey(kind, severity, subject));
  }

  /** Watches a function's errors, throttles and p99 duration (as a share of its timeout). */
  public addFunction(props: MonitoredFunctionOptions): void {
    const fn = this.watched.addFunction(props);
    this.watchFunction(fn);
    this.dashboard?.addFunction(props);
  }

  /**
   * Watches every Lambda function under `scope` that is not watched yet,
   * labelled by its construct path under `scope`.
   */
  public addFunctionsIn(scope: IConstruct): void {
    for (const fn of this.watched.unwatchedFunctionsIn(scope)) this.addFunction(fn);
  }

  /**
   * Watches how near a watched function runs to its reserved concurrency (peak
   * `ConcurrentExecutions` as a share of it): busy, not broken. At all of it
   * Lambda throttles, callers get 429 and the throttles alarm fires.
   */
  public addConcurrencyAlarm(fn: lambda.IFunction, reservedConcurrency: number): void {
    const watched = this.watched.functions.find((w) => w.function === fn);
    if (!watched) invalidProp(this, 'function', fn.node.path, 'a function watched already (addFunction or addFunctionsIn)');
    validateRange(this, `reservedConcurrency of ${watched.label}`, reservedConcurrency, { min: 1, max: 1_000 });
    this.watch({
      kind: GatewayAlarmKind.FUNCTION_CONCURRENCY, metric: this.metrics.functionConcurrency(watched), what: `Peak concurrency of function ${watched.label}`,
      unit: `% of its ${reservedConcurrency} reserved executions`, subject: watched.label,
      scale: (percent) => Math.max(1, Math.floor(reservedConcurrency * percent / 100)),
      why: 'The model nears its capacity; beyond it callers get 429. Busy, not broken: raise the model\'s capacity if this is real traffic.',
    });
  }

  /** Watches a SageMaker endpoint's `Invocation5XXErrors` and p99 `ModelLatency`. */
  public addSageMakerEndpoint(endpointName: string, options?: SageMakerEndpointOptions): void {
    const endpoint = this.watched.addEndpoint(endpointName, options);
    this.watchEndpoint(endpoint);
    this.dashboard?.addSageMakerEndpoint(endpointName, options);
  }

  /**
   * Watches a model routed over several targets (`ModelProxyFunction.routedVersions`): calls served
   * by a fallback target, and, when the model has several versions, each version's 5xx rate and p99
   * backend time, so a canary can be rolled back on its own alarm. Graphs its targets on the dashboard.
   */
  public addRoutedModel(model: string, versions: BoundModelVersion[]): void {
    if (versions.length === 0) invalidProp(this, 'versions', model, 'the versions of a routed model (ModelProxyFunction.routedVersions)');
    this.watch({
      kind: GatewayAlarmKind.FALLBACK_SERVED, metric: this.metrics.fallbackServed(model, versions.map((v) => v.name)), subject: model,
      what: `Calls of model ${model} served by a fallback target`, unit: ' per period',
      why: 'Every target of a version\'s top priority group failed or has an open circuit breaker: the dashboard\'s routing row shows which, '
        + 'and the proxy logs have the breaker state changes.',
    });
    if (versions.length > 1) {
      for (const version of versions) {
        const subject = `${model}/${version.name}`;
        this.watch({
          kind: GatewayAlarmKind.VERSION_ERROR_RATE, metric: this.metrics.versionErrorRate(model, version.name), subject,
          what: `5xx rate of version ${subject}`, unit: '%',
          why: 'This version fails more than it should: if it is a canary, set its weight to 0 (or restrict it) and redeploy.',
        });
        this.watch({
          kind: GatewayAlarmKind.VERSION_LATENCY, metric: this.metrics.versionLatency(model, version.name), subject,
          what: `p99 backend time of version ${subject}`, unit: ' ms',
          why: 'This version answers slowly (failovers included): compare with the other versions before promoting a canary.',
        });
      }
    }
    this.dashboard?.addRoutedModel(model, versions);
  }

  /**
   * Watches a model with a budget: with a price table (`priced`), its spend rate in USD per hour,
   * every tenant together. Graphs its metered tokens, cost and budget refusals on the dashboard.
   */
  public addBudgetedModel(model: string, priced: boolean): void {
    if (priced) {
      const periodSeconds = this.period.toSeconds();
      this.watch({
        kind: GatewayAlarmKind.SPEND_RATE, metric: this.metrics.meteredTotal(BudgetMetricName.METERED_COST, model, `${model} cost (micro-USD)`),
        subject: model, what: `Spend of model ${model}`, unit: ' USD per hour',
        // The metric is micro-USD per period.
        scale: (usdPerHour) => Math.round(usdPerHour * 1_000_000 * periodSeconds / 3600),
        why: 'The model costs more than usual: a tenant near its budget, a flood of long generations, or a price table that changed. '
          + 'The proxy audit lines carry budgetTenant and budgetCostMicroUsd per call.',
      });
    }
    this.dashboard?.addBudgetedModel(model, priced);
  }

  /** Graphs a model's response cache (hits, misses, bypasses, errors) on the dashboard. */
  public addCachedModel(model: string): void {
    this.dashboard?.addCachedModel(model);
  }

  private watchApi(): void {
    this.watch({
      kind: GatewayAlarmKind.SERVER_ERROR_RATE, metric: this.metrics.serverErrorRate(), what: 'API 5XX rate', unit: '%',
      why: 'Callers get server errors: look at the integration (model proxy, backend) and the authorizer.',
    });
    this.watch({
      kind: GatewayAlarmKind.CLIENT_ERROR_RATE, metric: this.metrics.clientErrorRate(), what: 'API 4XX rate', unit: '%',
      why: 'Many refused requests (401, 403, 413, 429 and WAF blocks): a broken client, expired credentials or probing.',
    });
    this.watch({
      kind: GatewayAlarmKind.LATENCY, metric: this.metrics.latency(), what: 'API p99 latency', unit: ' ms',
      why: 'Slow answers; API Gateway gives up at 29 s on buffered routes. Compare with the integration latency to tell the model from the gateway. '
        + 'Streamed chat completions count here too, with a latency that says little about the model: their function\'s duration alarm watches them.',
    });
    this.watch({
      kind: GatewayAlarmKind.INTEGRATION_LATENCY, metric: this.metrics.integrationLatency(), what: 'API p99 integration latency', unit: ' ms',
      why: 'The model path is slow: model load, long outputs or backend retries.',
    });
    this.watch({
      kind: GatewayAlarmKind.THROTTLED_REQUESTS, metric: this.metrics.throttledRequests(), what: 'Requests answered 429', unit: ' per period',
      why: 'Stage, usage-plan or WAF rate limits refuse callers: a flood, or limits too low for real traffic.',
    });
    for (const severity of SEVERITIES) {
      const band = resolveThreshold(GatewayAlarmKind.REQUEST_ANOMALY, severity, this.thresholds);
      if (band === undefined) continue;
      const alarm = new cloudwatch.AnomalyDetectionAlarm(this, alarmId(GatewayAlarmKind.REQUEST_ANOMALY, severity), {
        metric: this.metrics.requests(),
        stdDevs: band,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD,
        ...this.evaluation(),
        alarmDescription: `[${severity}] Request count above its expected band of ${band} standard deviations. `
          + 'Unusual traffic: a spike from one client, scraping or a denial-of-wallet attempt. The band needs about two weeks of traffic to settle.',
      });
      this.register(GatewayAlarmKind.REQUEST_ANOMALY, severity, undefined, alarm);
    }
  }

  private watchEdge(props: GatewayMonitoringTargets): void {
    const blocked = this.metrics.wafBlockedRequests();
    const rate = this.metrics.wafBlockedRate();
    if (blocked && rate) {
      this.watch({
        kind: GatewayAlarmKind.WAF_BLOCKED_REQUESTS, metric: blocked, what: 'Requests blocked by the web ACL', unit: ' per period',
        why: 'An attack or a misfiring rule: the WAF logs name the rule that blocked.',
      });
      this.watch({
        kind: GatewayAlarmKind.WAF_BLOCKED_RATE, metric: rate, what: 'Share of requests blocked by the web ACL', unit: '%',
        why: 'Much of the traffic is blocked: an attack, or a rule that blocks real prompts (check the WAF logs before relaxing it).',
      });
    }
    const deadLetters = this.metrics.autoBlockDeadLetters();
    if (props.autoBlock && deadLetters) {
      this.watch({
        kind: GatewayAlarmKind.AUTO_BLOCK_DEAD_LETTERS, metric: deadLetters, what: 'Auto-block dead letters', unit: ' messages',
        why: 'The auto-block function failed on some events: abusive addresses may go unblocked or blocks may not expire.',
      });
    }
  }

  private watchAuthorizer(): void {
    const rate = this.metrics.authorizerDenialRate();
    if (!rate) return;
    this.watch({
      kind: GatewayAlarmKind.AUTHORIZER_DENIAL_RATE, metric: rate, what: 'Authorizer Deny and Unauthorized rate', unit: '%',
      why: 'Tokens are refused: credential stuffing or token replay, an issuer or JWKS outage (reason jwks_unavailable), '
        + 'or a client with the wrong audience or scopes.',
    });
  }

  private watchModelProxy(): void {
    this.watch({
      kind: GatewayAlarmKind.INJECTION_FLAG_RATE, metric: this.metrics.injectionFlagRate(), what: 'Prompts flagged as injection', unit: '%',
      why: 'Someone is probing the models with prompt-injection attempts; the proxy audit lines name the principals.',
    });
    this.watch({
      kind: GatewayAlarmKind.PII_FINDINGS_RATE, metric: this.metrics.piiFindingsRate(), what: 'PII findings per 100 requests', unit: '',
      why: 'More personal data than usual reaches the models: a client sending records it should not, or a model leaking data.',
    });
  }

  private watchFunction(fn: WatchedFunction): void {
    this.watch({
      kind: GatewayAlarmKind.FUNCTION_ERRORS, metric: this.metrics.functionErrors(fn), what: `Errors of function ${fn.label}`,
      unit: ' per period', subject: fn.label,
      why: 'The function fails; its log group has the error lines.',
    });
    this.watch({
      kind: GatewayAlarmKind.FUNCTION_THROTTLES, metric: this.metrics.functionThrottles(fn), what: `Throttles of function ${fn.label}`,
      unit: ' per period', subject: fn.label,
      why: 'The reserved concurrency is used up: callers get 429 (busy, retry), not errors. Raise the model\'s capacity, or find the flood.',
    });

    const timeoutMs = fn.timeout.toMilliseconds();
    this.watch({
      kind: GatewayAlarmKind.FUNCTION_DURATION, metric: this.metrics.functionDuration(fn), what: `p99 duration of function ${fn.label}`,
      unit: `% of its ${fn.timeout.toSeconds()} s timeout`, subject: fn.label, scale: (percent) => timeoutMs * percent / 100,
      why: 'Invocations approach the timeout: a slow dependency (JWKS, WAF, DynamoDB, model) or too little memory.',
    });
  }

  private watchEndpoint(endpoint: WatchedEndpoint): void {
    const subject = endpoint.endpointName;
    this.watch({
      kind: GatewayAlarmKind.MODEL_SERVER_ERRORS, metric: this.metrics.modelServerErrors(endpoint), subject,
      what: `Invocation5XXErrors of SageMaker endpoint ${subject}`, unit: ' per period',
      why: 'The model container fails: its CloudWatch logs under /aws/sagemaker/Endpoints have the cause.',
    });
    this.watch({
      kind: GatewayAlarmKind.MODEL_LATENCY, metric: this.metrics.modelLatency(endpoint), subject, scale: (ms) => ms * 1000,
      what: `p99 ModelLatency of SageMaker endpoint ${subject}`, unit: ' ms',
      why: 'The model is slow: instances saturated (scale out) or long outputs.',
    });
  }

  /** Creates the alarm of each severity that has a threshold, with the shared evaluation settings. */
  private watch(spec: AlarmSpec): void {
    for (const severity of SEVERITIES) {
      const threshold = resolveThreshold(spec.kind, severity, this.thresholds);
      if (threshold === undefined) continue;
      const alarm = new cloudwatch.Alarm(this, alarmId(spec.kind, severity, spec.subject), {
        metric: spec.metric,
        threshold: spec.scale ? spec.scale(threshold) : threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        ...this.evaluation(),
        alarmDescription: `[${severity}] ${spec.what} at or above ${threshold}${spec.unit}. ${spec.why}`,
      });
      this.register(spec.kind, severity, spec.subject, alarm);
    }
  }

  private evaluation() {
    return {
      evaluationPeriods: this.evaluationPeriods,
      datapointsToAlarm: this.datapointsToAlarm,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      actionsEnabled: true,
    };
  }

  private register(kind: GatewayAlarmKind, severity: AlarmSeverity, subject: string | undefined, alarm: cloudwatch.Alarm): void {
    const action = new actions.SnsAction(this.topicFor(severity));
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.byKey.set(alarmKey(kind, severity, subject), alarm);
    this.dashboard?.addAlarms(alarm);
  }
}

function alarmKey(kind: GatewayAlarmKind, severity: AlarmSeverity, subject?: string): string {
  return JSON.stringify([kind, severity, subject ?? null]);
}

function alarmId(kind: GatewayAlarmKind, severity: AlarmSeverity, subject?: string): string {
  return subject === undefined ? `${kind}${severity}` : `${kind}-${subject.replace(/\//g, '-')}-${severity}`;
}
