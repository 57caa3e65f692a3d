/**
 * Cost of routing per call, the model excluded.
 * 1. Selection and bookkeeping: choose the caller's version (sticky hash),
 *    plan the targets (three priority groups, eight targets, breakers), take
 *    the first target's breaker and record a success. Baseline in the same run:
 *    one Math.random() and one Map lookup, what a single-target proxy does anyway.
 * 2. Failover: two in-process targets, the first refusing (throttled) after a
 *    fixed delay, the second answering at once, through callWithFailover; the
 *    added time is the total minus the first attempt's own delay.
 * The code runs as it ships: bundled and minified by esbuild (bench/routing/entry.ts).
 * Wall and CPU time (process.cpuUsage) per call. Targets: selection + bookkeeping
 * p99 ≤ 20 µs; failover adds ≤ the refused attempt's duration + 5 ms.
 * Run: `npx tsx bench/run.ts routing`.
 */
import { DEFAULT_BREAKER, DEFAULT_RETRY, type ModelProxyConfig, type RoutingTargetConfig } from '../lib/contracts/model-proxy';
import { loadBenchBundle } from './support/bundle';
import { distribution, fmt, printTable, sampleMicros, sampleMicrosAsync } from './support/stats';

// The router and the failover loop bundled and minified as the handler bundles contain them.
const { ModelCallError, callWithFailover, callerOf, createRouter, proxyConfig, systemClock } = loadBenchBundle<typeof import('./routing/entry')>(
  'bench/routing/entry.ts',
  'routing',
);

const target = (id: string, priority: number, weight: number): RoutingTargetConfig => ({
  id, backend: { type: 'sagemaker', endpointName: `ep-${id}` }, requestFormat: 'PASSTHROUGH', responseTextPath: 'generated_text', priority, weight,
});
const config: ModelProxyConfig = proxyConfig({
  routing: {
    versions: [
      {
        name: 'v1', weight: 90, restricted: false,
        targets: [target('a', 10, 3), target('b', 10, 2), target('c', 10, 1), target('d', 5, 1), target('e', 5, 1), target('f', 0, 1)],
      },
      { name: 'v2', weight: 10, restricted: false, targets: [target('a', 10, 1), target('b', 0, 1)] },
    ],
    stickinessSeconds: 3600, maxAttempts: 3, breaker: DEFAULT_BREAKER,
  },
});
const router = createRouter(config, (spec) => spec);
const principals = Array.from({ length: 1000 }, (_, i) => callerOf({ principalId: `user-${i}@example.com`, versions: i % 10 === 0 ? 'v2' : '' }));
let i = 0;

const select = () => {
  const now = Date.now();
  const choice = router.choose(principals[i++ % principals.length], now, Math.random)!;
  const first = choice.plan[0];
  first.breaker!.acquire(now);
  first.breaker!.success(now);
  return first;
};
const baselineMap = new Map(principals.map((p, k) => [p.principal, k]));
const baseline = () => baselineMap.get(principals[i++ % principals.length].principal) ?? Math.random();

function measure(fn: () => unknown, samples: number) {
  const wall = sampleMicros(fn, samples, 20_000);
  const cpu0 = process.cpuUsage();
  for (let k = 0; k < samples; k++) fn();
  const cpu = process.cpuUsage(cpu0);
  return { wall: distribution(wall), cpuPerCall: (cpu.user + cpu.system) / samples };
}

async function main() {
  const N = 200_000;
  const base = measure(baseline, N);
  const sel = measure(select, N);
  printTable(['case', 'samples', 'wall median µs', 'wall p99 µs', 'cpu mean µs', 'target'], [
    ['baseline (Map lookup + random)', N, fmt(base.wall.median, 3), fmt(base.wall.p99, 3), fmt(base.cpuPerCall, 3), ''],
    [
      'select version + plan + breaker', N, fmt(sel.wall.median, 3), fmt(sel.wall.p99, 3), fmt(sel.cpuPerCall, 3),
      `p99 ≤ 20 µs: ${sel.wall.p99 <= 20 ? 'met' : 'MISSED'}`,
    ],
  ]);

  const rows: (string | number)[][] = [];
  for (const delayMs of [5, 50]) {
    const failoverConfig = proxyConfig({
      routing: { versions: [{ name: 'v1', weight: 1, restricted: false, targets: [target('refuses', 10, 1), target('answers', 5, 1)] }],
        stickinessSeconds: 0, maxAttempts: 3, breaker: { ...DEFAULT_BREAKER, consecutiveFailures: 100, minimumCalls: 1000 } },
    });
    const attempt = (t: { client: string }) => (t.client === 'refuses'
      ? new Promise<never>((_, reject) => setTimeout(() => reject(new ModelCallError('throttled')), delayMs))
      : Promise.resolve('ok'));
    const refusedOnly = await sampleMicrosAsync(() => new Promise((resolve) => setTimeout(resolve, delayMs)), 200, 20);
    const total = await sampleMicrosAsync(async () => {
      // A fresh router per call, so the refusing target's breaker never opens and every call fails over.
      const r = createRouter(failoverConfig, (_spec, id) => id);
      const choice = r.choose(callerOf(undefined), Date.now(), Math.random)!;
      const out = await callWithFailover(choice.plan, attempt, {
        maxAttempts: 3, retry: DEFAULT_RETRY, deadline: Date.now() + 10_000, clock: systemClock, minAttemptMs: 250, elapsed: () => performance.now(),
      });
      if (!out.ok || out.target.id !== 'answers') throw new Error('failover did not happen');
    }, 200, 20);
    const added = distribution(total).median - distribution(refusedOnly).median;
    const addedP99 = distribution(total).p99 - distribution(refusedOnly).p99;
    rows.push([`first refuses after ${delayMs} ms`, 200, fmt(distribution(refusedOnly).median / 1000, 3), fmt(distribution(total).median / 1000, 3),
      fmt(distribution(total).p99 / 1000, 3), fmt(added / 1000, 3), fmt(addedP99 / 1000, 3), `added ≤ 5 ms: ${addedP99 / 1000 <= 5 ? 'met' : 'MISSED'}`]);
  }
  console.log('');
  printTable([
    'case', 'samples', 'refused attempt alone ms (median)', 'with failover median ms', 'p99 ms', 'added median ms',
    'added p99 ms (p99 − p99)', 'target',
  ], rows);
}

void main();
