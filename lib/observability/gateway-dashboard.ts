import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct, IConstruct } from 'constructs';
import { GatewayMetrics, WatchedEndpoint, WatchedFunction } from './gateway-metrics';
import { BudgetMetricName, ProxyMetricName } from '../contracts/metric-names';
import { GatewayMonitoringTargets, MonitoredFunctionOptions, SageMakerEndpointOptions } from './monitoring-targets';
import { DEFAULT_MINIMUM_REQUESTS, DEFAULT_PERIOD, validateMonitoringWindow } from './monitoring-window';
import { WatchedResources } from './watched-resources';
import type { BoundModelVersion } from '../model/model-routing';

/** Properties of a {@link GatewayDashboard}. */
export interface GatewayDashboardProps extends GatewayMonitoringTargets {
  /**
   * Name of the dashboard.
   * @default - a name CloudFormation generates
   */
  readonly dashboardName?: string;
  /**
   * Period of every graph.
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
  /**
   * Requests per period below which the rate graphs show 0.
   * @default 20
   */
  readonly minimumRequests?: number;
}

/** Four graphs to a row of the 24-unit grid. */
const GRAPH_SIZE = { width: 6, height: 6 };
const ANOMALY_BAND_STD_DEVS = 3;
/** CloudWatch shows at most 100 alarms in one alarm status widget. */
const MAX_ALARMS_PER_WIDGET = 100;

/**
 * A CloudWatch dashboard of a gateway: the state of its alarms, then a row
 * per concern (traffic, edge, authorization, model proxy, functions, SageMaker
 * endpoints), each only when the gateway has it. Built from the same metrics
 * as {@link GatewayAlarms}.
 */
export class GatewayDashboard extends Construct {
  /** The dashboard. */
  public readonly dashboard: cloudwatch.Dashboard;

  private readonly metrics: GatewayMetrics;
  private readonly watched = new WatchedResources(this);
  private readonly alarms: cloudwatch.IAlarm[] = [];
  private functionGraphs?: cloudwatch.GraphWidget[];
  private endpointGraphs?: cloudwatch.GraphWidget[];

  public constructor(scope: Construct, id: string, props: GatewayDashboardProps) {
    super(scope, id);
    const period = props.period ?? DEFAULT_PERIOD;
    const minimumRequests = props.minimumRequests ?? DEFAULT_MINIMUM_REQUESTS;
    validateMonitoringWindow(this, { period, minimumRequests });
    this.metrics = new GatewayMetrics(props, period, minimumRequests);

    this.dashboard = new cloudwatch.Dashboard(this, 'Resource', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(new LiveAlarmStatusWidget(() => this.alarms));
    this.addTrafficRow();
    this.addEdgeRow(props);
    this.addAuthorizationRow();
    if (props.modelProxyMetrics ?? true) this.addModelProxyRow(props.api.modelNames);
    for (const fn of props.functions ?? []) this.addFunction(fn);
    for (const name of props.sageMakerEndpointNames ?? []) this.addSageMakerEndpoint(name);
  }

  /** Shows the alarms' states at the top of the dashboard. */
  public addAlarms(...alarms: cloudwatch.IAlarm[]): void {
    this.alarms.push(...alarms);
  }

  /** Graphs a function's errors, throttles and p99 duration. */
  public addFunction(props: MonitoredFunctionOptions): void {
    this.graphFunction(this.watched.addFunction(props));
  }

  /** Graphs every Lambda function under `scope` that is not graphed yet. */
  public addFunctionsIn(scope: IConstruct): void {
    for (const fn of this.watched.unwatchedFunctionsIn(scope)) this.addFunction(fn);
  }

  /** Graphs a SageMaker endpoint's `Invocation5XXErrors` and p99 `ModelLatency`. */
  public addSageMakerEndpoint(endpointName: string, options?: SageMakerEndpointOptions): void {
    this.graphEndpoint(this.watched.addEndpoint(endpointName, options));
  }

  /**
   * A row for a model routed over several targets: calls, errors and p99 latency per target,
   * circuit breaker openings, and failovers and fallback calls per version.
   */
  public addRoutedModel(model: string, versions: BoundModelVersion[]): void {
    const targets = versions.flatMap((v) => v.targets.map((t) => ({ version: v.name, id: t.id })));
    const perTarget = (name: ProxyMetricName, statistic?: string) => targets.map((t) => this.metrics.targetMetric(name, model, t.version, t.id, statistic));
    const perVersion = (name: ProxyMetricName, suffix: string) => versions.map((v) => this.metrics.versionMetric(name, model, v.name).with({
      label: `${v.name} ${suffix}`,
    }));
    this.dashboard.addWidgets(
      graph(`${model}: calls per target`, perTarget(ProxyMetricName.TARGET_CALLS)),
      graph(`${model}: errors per target`, perTarget(ProxyMetricName.TARGET_ERRORS)),
      graph(`${model}: latency p99 per target (ms)`, perTarget(ProxyMetricName.TARGET_LATENCY, cloudwatch.Stats.p(99))),
      graph(`${model}: circuit breakers opened`, perTarget(ProxyMetricName.BREAKER_OPENED)),
    );
    this.dashboard.addWidgets(
      graph(`${model}: failovers and fallback calls`, [
        ...perVersion(ProxyMetricName.FAILOVERS, 'failovers'), ...perVersion(ProxyMetricName.FALLBACK_SERVED, 'served by a fallback'),
      ]),
      graph(`${model}: requests per version`, perVersion(ProxyMetricName.VERSION_REQUESTS, 'requests')),
      graph(`${model}: 5xx rate per version (%)`, versions.map((v) => this.metrics.versionErrorRate(model, v.name))),
      graph(`${model}: latency p99 per version (ms)`, versions.map((v) => this.metrics.versionLatency(model, v.name))),
    );
  }

  /**
   * A row for a model with a budget: its metered tokens (and cost, with a price), every tenant together,
   * and the calls its limits refused or that the table could not meter.
   */
  public addBudgetedModel(model: string, priced: boolean): void {
    this.dashboard.addWidgets(
      graph(`${model}: metered tokens`, [
        this.metrics.meteredTotal(BudgetMetricName.METERED_PROMPT_TOKENS, model, 'Prompt tokens'),
        this.metrics.meteredTotal(BudgetMetricName.METERED_COMPLETION_TOKENS, model, 'Completion tokens'),
      ]),
      ...priced ? [graph(`${model}: cost (micro-USD)`, [this.metrics.meteredTotal(BudgetMetricName.METERED_COST, model, 'Cost (micro-USD)')])] : [],
      graph(`${model}: budget refusals and failures`, [
        BudgetMetricName.BUDGET_EXCEEDED, BudgetMetricName.BUDGET_UNAVAILABLE, BudgetMetricName.BUDGET_FAIL_OPEN, BudgetMetricName.BUDGET_SETTLE_FAILED,
      ].map((name) => this.metrics.budgetOutcome(name, model))),
    );
  }

  /** A graph of a model's response cache: hits, misses, bypasses and errors. */
  public addCachedModel(model: string): void {
    this.dashboard.addWidgets(graph(`${model}: response cache`, [
      ProxyMetricName.CACHE_HITS, ProxyMetricName.CACHE_MISSES, ProxyMetricName.CACHE_BYPASSES, ProxyMetricName.CACHE_ERRORS,
    ].map((name) => this.metrics.proxyMetric(name, model).with({ label: name }))));
  }

  private addTrafficRow(): void {
    const requests = this.metrics.requests();
    this.dashboard.addWidgets(
      graph('Requests and their expected band', [
        requests,
        new cloudwatch.MathExpression({
          expression: `ANOMALY_DETECTION_BAND(requests, ${ANOMALY_BAND_STD_DEVS})`,
          usingMetrics: { requests },
          label: 'Expected',
        }),
      ]),
      graph('Error rates (%)', [this.metrics.serverErrorRate(), this.metrics.clientErrorRate()]),
      graph('Latency (ms)', [
        this.metrics.latency(cloudwatch.Stats.p(50)),
        this.metrics.latency(),
        this.metrics.integrationLatency(),
      ]),
      graph('Answered 429 (throttled)', [this.metrics.throttledRequests()]),
    );
  }

  private addEdgeRow(props: GatewayMonitoringTargets): void {
    const widgets: cloudwatch.IWidget[] = [];
    const blocked = this.metrics.wafBlockedRequests();
    const allowed = this.metrics.wafAllowedRequests();
    const rate = this.metrics.wafBlockedRate();
    if (blocked && allowed && rate) {
      widgets.push(graph('WAF requests', [allowed, blocked]), graph('WAF blocked rate (%)', [rate]));
    }
    if (props.autoBlock) {
      widgets.push(
        graph('Automatic blocks', this.metrics.autoBlockAddresses()),
        graph('Auto-block dead letters', [this.metrics.autoBlockDeadLetters()!]),
      );
    }
    if (widgets.length > 0) this.dashboard.addWidgets(...widgets);
  }

  private addAuthorizationRow(): void {
    const rate = this.metrics.authorizerDenialRate();
    if (!rate) return;
    this.dashboard.addWidgets(
      graph('Authorizer decisions (cache misses)', this.metrics.authorizerDecisions()),
      graph('Authorizer denial rate (%)', [rate]),
    );
  }

  private addModelProxyRow(models: string[]): void {
    const perModel = (name: ProxyMetricName) => models.map((model) => this.metrics.proxyMetric(name, model));
    this.dashboard.addWidgets(
      graph('Proxied requests by model', perModel(ProxyMetricName.REQUESTS)),
      graph('Prompts flagged as injection (%)', [this.metrics.injectionFlagRate()]),
      graph('PII findings per 100 requests', [this.metrics.piiFindingsRate()]),
      graph('PII findings by model', perModel(ProxyMetricName.PII_FINDINGS)),
    );
  }

  private graphFunction(fn: WatchedFunction): void {
    if (!this.functionGraphs) {
      this.functionGraphs = [graph('Function errors', []), graph('Function throttles', []), graph('Function duration p99 (ms)', [])];
      this.dashboard.addWidgets(...this.functionGraphs);
    }
    const [errors, throttles, duration] = this.functionGraphs;
    errors.addLeftMetric(this.metrics.functionErrors(fn));
    throttles.addLeftMetric(this.metrics.functionThrottles(fn));
    duration.addLeftMetric(this.metrics.functionDuration(fn));
  }

  private graphEndpoint(endpoint: WatchedEndpoint): void {
    if (!this.endpointGraphs) {
      this.endpointGraphs = [graph('SageMaker Invocation5XXErrors', []), graph('SageMaker ModelLatency p99 (µs)', [])];
      this.dashboard.addWidgets(...this.endpointGraphs);
    }
    const [errors, latency] = this.endpointGraphs;
    errors.addLeftMetric(this.metrics.modelServerErrors(endpoint));
    latency.addLeftMetric(this.metrics.modelLatency(endpoint));
  }
}

function graph(title: string, left: cloudwatch.IMetric[]): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left, ...GRAPH_SIZE });
}

/**
 * An alarm status widget that reads its alarms when the dashboard is
 * rendered, so alarms added after the dashboard still show at its top.
 */
class LiveAlarmStatusWidget extends cloudwatch.ConcreteWidget {
  public constructor(private readonly alarms: () => cloudwatch.IAlarm[]) {
    super(cloudwatch.GRID_WIDTH, GRAPH_SIZE.height);
  }

  public toJson(): unknown[] {
    const alarms = this.alarms();
    const title = alarms.length > MAX_ALARMS_PER_WIDGET ? `Alarms (the first ${MAX_ALARMS_PER_WIDGET} of ${alarms.length})` : 'Alarms';
    const widget = alarms.length > 0
      ? new cloudwatch.AlarmStatusWidget({
        title,
        alarms: alarms.slice(0, MAX_ALARMS_PER_WIDGET),
        width: this.width,
        height: this.height,
        sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
      })
      : new cloudwatch.TextWidget({ markdown: 'No alarms watch this gateway.', width: this.width, height: this.height });
    widget.position(this.x ?? 0, this.y ?? 0);
    return widget.toJson();
  }
}
