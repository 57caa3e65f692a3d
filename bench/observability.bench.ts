/**
 * What the gateway's alarms and dashboard cost: synthesis time of a gateway
 * with them against the same gateway with `disableAlarms` (the baseline,
 * measured interleaved in the same process), the resources and template bytes
 * they add, and the CloudWatch bill at idle that the template implies.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SecureAiStack } from '../bin/example-stack';
import { CloudWatchRoleMode, SecureAiGateway } from '../lib';
import { fmt, median, printTable } from './support/stats';

const runs = Number(process.env.BENCH_RUNS ?? 7);
const models = ['general-chat', 'claims-triage', 'summarize'];

/** List prices (us-east-1) per month. */
const PRICE = { alarmMetric: 0.10, anomalyAlarm: 0.30, dashboard: 3.00, kmsKey: 1.00 };
/** CloudWatch's free tier covers 3 dashboards of up to 50 metrics each. */
const FREE_DASHBOARD_METRICS = 50;

type Json = Record<string, any>;

function synth(disableAlarms: boolean): { millis: number; template: Json } {
  // run.ts passes --expose-gc: collect before each run so one variant does not pay for the other's garbage.
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = process.hrtime.bigint();
  const app = new App();
  const stack = new Stack(app, 'Bench', { env: { account: '123456789012', region: 'eu-west-1' } });
  new SecureAiGateway(stack, 'Gateway', {
    models: models.map((name) => ({ name })),
    cloudWatchRole: CloudWatchRoleMode.CREATE_LEAST_PRIVILEGE,
    authorization: { identity: { domainPrefix: 'bench-ai-gateway', machineClients: [{ name: 'service', models }] } },
    disableAlarms,
  });
  const template = Template.fromStack(stack).toJSON();
  return { millis: Number(process.hrtime.bigint() - t0) / 1e6, template };
}

function byType(template: Json): Record<string, Json[]> {
  const out: Record<string, Json[]> = {};
  for (const resource of Object.values(template.Resources as Json)) (out[resource.Type] ??= []).push(resource);
  return out;
}

/** Metric math alarms are billed per metric they read; an anomaly alarm as three. */
function alarmBill(template: Json): { alarms: number; alarmMetrics: number; anomaly: number } {
  const alarms = byType(template)['AWS::CloudWatch::Alarm'] ?? [];
  let alarmMetrics = 0;
  let anomaly = 0;
  for (const alarm of alarms) {
    const metrics = (alarm.Properties.Metrics ?? []) as Json[];
    if (metrics.some((m) => /ANOMALY_DETECTION_BAND/.test(m.Expression ?? ''))) anomaly++;
    else alarmMetrics += Math.max(1, metrics.filter((m) => m.MetricStat).length);
  }
  return { alarms: alarms.length, alarmMetrics, anomaly };
}

/** Metric lines on the dashboard: each entry of a graph's `metrics` array. */
function dashboardMetricLines(template: Json): number {
  const [dashboard] = byType(template)['AWS::CloudWatch::Dashboard'] ?? [];
  if (!dashboard) return 0;
  const body = dashboard.Properties.DashboardBody;
  const text = typeof body === 'string' ? body : (body['Fn::Join'][1] as unknown[]).map((p) => (typeof p === 'string' ? p : 'TOKEN')).join('');
  return (JSON.parse(text).widgets as Json[]).reduce((n, w) => n + ((w.properties.metrics as unknown[] | undefined)?.length ?? 0), 0);
}

// One warm-up each: the first synthesis loads and compiles aws-cdk-lib.
synth(true);
synth(false);
const withAlarms: number[] = [];
const without: number[] = [];
let templates: { on: Json; off: Json } | undefined;
for (let i = 0; i < runs; i++) {
  const off = synth(true);
  const on = synth(false);
  without.push(off.millis);
  withAlarms.push(on.millis);
  templates = { on: on.template, off: off.template };
}

const { on, off } = templates!;
const count = (t: Json) => Object.keys(t.Resources).length;
const bytes = (t: Json) => JSON.stringify(t).length;
console.log(`Synthesis of a gateway with ${models.length} models, median of ${runs} interleaved runs (wall clock, shared machine).`);
printTable(['variant', 'synth ms', 'resources', 'template KB'], [
  ['disableAlarms (baseline)', fmt(median(without), 0), count(off), fmt(bytes(off) / 1024, 1)],
  ['alarms and dashboard', fmt(median(withAlarms), 0), count(on), fmt(bytes(on) / 1024, 1)],
  ['ratio / added', fmt(median(withAlarms) / median(without), 2), `+${count(on) - count(off)}`, `+${fmt((bytes(on) - bytes(off)) / 1024, 1)}`],
]);

const added = Object.entries(byType(on)).map(([type, list]) => [type, list.length - (byType(off)[type]?.length ?? 0)] as const).filter(([, n]) => n > 0);
console.log('\nResources the alarms add');
printTable(['type', 'count'], added);

function printBill(title: string, on: Json, off: Json): void {
  const bill = alarmBill(on);
  const lines = dashboardMetricLines(on);
  const added = (type: string) => (byType(on)[type]?.length ?? 0) - (byType(off)[type]?.length ?? 0);
  const keys = added('AWS::KMS::Key');
  const dashboards = added('AWS::CloudWatch::Dashboard');
  const usd = {
    alarms: bill.alarmMetrics * PRICE.alarmMetric,
    anomaly: bill.anomaly * PRICE.anomalyAlarm,
    dashboards: dashboards * PRICE.dashboard,
    keys: keys * PRICE.kmsKey,
  };
  console.log(`\n${title}: CloudWatch and KMS at idle, list prices per month`);
  printTable(['item', 'count', 'USD / month'], [
    ['metric alarms (billed per metric they read)', `${bill.alarms - bill.anomaly} alarms reading ${bill.alarmMetrics} metrics`, fmt(usd.alarms)],
    ['anomaly-detection alarms', bill.anomaly, fmt(usd.anomaly)],
    [`dashboards (free among the first 3 of an account if at most ${FREE_DASHBOARD_METRICS} metrics)`,
      `${dashboards}, ${lines} metric lines`, fmt(usd.dashboards)],
    ['customer-managed KMS keys (topic key)', keys, fmt(usd.keys)],
    ['total', '', fmt(usd.alarms + usd.anomaly + usd.dashboards + usd.keys)],
  ]);
}

printBill(`The gateway above (${models.length} models, 2 functions)`, on, off);
// The example app's stack: 2 models, 3 functions (authorizer, auto-block, ABAC claims trigger).
const example = Template.fromStack(new SecureAiStack(new App(), 'Example', { env: { account: '123456789012', region: 'eu-west-1' } })).toJSON();
const withoutAlarms = Object.fromEntries(Object.entries(example.Resources as Json).filter(([id]) => !id.startsWith('GatewayAlarms')));
printBill('The example stack (SecureAiStack)', example, { Resources: withoutAlarms });
