/**
 * CPU cost of the WAF auto-block function's own work, next to a baseline
 * measured in the same run: reading log lines (vs bare JSON.parse), decoding a
 * subscription payload (vs bare gunzip + JSON.parse), planning IP set changes
 * at up to the 10,000 address quota (vs building a Set of the entries), and
 * loading the bundle (vs an empty node process). AWS calls are not measured:
 * they are network round trips, not our code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { classifyLogMessage } from '../lambda/waf-auto-block/log-verdict';
import { decodeSubscriptionData } from '../lambda/waf-auto-block/log-payload';
import { parseIp, type IpAddress } from '../lambda/waf-auto-block/ip-address';
import { planAdditions, planRemovals } from '../lambda/waf-auto-block/ip-set-plan';
import { distribution, fmt, median, printTable, sampleMicros } from './support/stats';

function wafLine(i: number): string {
  return JSON.stringify({
    timestamp: 1_700_000_000_000 + i,
    formatVersion: 1,
    webaclId: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/gateway/0c5f6e4e',
    terminatingRuleId: 'AWS-AWSManagedRulesCommonRuleSet',
    terminatingRuleType: 'MANAGED_RULE_GROUP',
    action: i % 4 === 0 ? 'ALLOW' : 'BLOCK',
    httpSourceName: 'APIGW',
    httpSourceId: '123456789012:abcdef1234:prod',
    ruleGroupList: [{ ruleGroupId: 'AWS#AWSManagedRulesCommonRuleSet', terminatingRule: { ruleId: 'SizeRestrictions_BODY', action: 'BLOCK' } }],
    rateBasedRuleList: [],
    nonTerminatingMatchingRules: [],
    httpRequest: {
      clientIp: i % 3 === 0 ? `2001:db8::${(i % 500).toString(16)}` : `198.51.${(i >> 8) & 0xff}.${i & 0xff}`,
      country: 'NL',
      headers: [
        { name: 'host', value: 'api.example.com' },
        { name: 'user-agent', value: 'python-requests/2.31.0' },
        { name: 'content-type', value: 'application/json' },
        { name: 'content-length', value: '9000' },
      ],
      uri: '/v1/infer',
      args: '',
      httpVersion: 'HTTP/1.1',
      httpMethod: 'POST',
      requestId: `req-${i}`,
    },
  });
}

/** n host entries, every third one IPv6, so that both parsers' costs show. */
function hostSet(n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i % 3 === 0
    ? `2001:db8:${(i >> 16).toString(16)}::${(i & 0xffff).toString(16)}/128`
    : `10.${(i >> 16) & 0xff}.${(i >> 8) & 0xff}.${i & 0xff}/32`));
}

const RUNS = 5;
const noRules = new Set<string>();
const rows: Array<Array<string | number>> = [];
const ratios: Record<string, number[]> = {};

function record(name: string, ours: number[], baseline: number[]): void {
  const o = distribution(ours);
  const b = distribution(baseline);
  rows.push([name, fmt(o.median), fmt(o.p99), fmt(b.median), fmt(o.median / b.median)]);
}

// 1. One log line: classify vs JSON.parse alone.
const lines = Array.from({ length: 1000 }, (_, i) => wafLine(i));
let k = 0;
const classifyRuns: number[] = [];
const parseRuns: number[] = [];
for (let r = 0; r < RUNS; r++) {
  classifyRuns.push(median(sampleMicros(() => classifyLogMessage(lines[k++ % lines.length], 1, noRules), 20_000)));
  parseRuns.push(median(sampleMicros(() => JSON.parse(lines[k++ % lines.length]), 20_000)));
}
record(`classify one WAF line (${lines[0].length} B)`, classifyRuns, parseRuns);

// 2. A subscription payload of 1,000 WAF lines: decode vs gunzip + JSON.parse.
const payload = JSON.stringify({ messageType: 'DATA_MESSAGE', logEvents: lines.map((message, i) => ({ id: String(i), timestamp: 1, message })) });
const data = gzipSync(Buffer.from(payload)).toString('base64');
const decodeRuns: number[] = [];
const rawRuns: number[] = [];
for (let r = 0; r < RUNS; r++) {
  decodeRuns.push(median(sampleMicros(() => decodeSubscriptionData(data), 100, 10)));
  rawRuns.push(median(sampleMicros(() => JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')), 100, 10)));
}
record(`decode payload, 1,000 lines (${(data.length / 1024).toFixed(0)} KB base64)`, decodeRuns, rawRuns);

// 3. IP set plans against sets of growing size: plan vs new Set(entries).
const candidates: IpAddress[] = Array.from({ length: 100 }, (_, i) => parseIp(`203.0.113.${i}`)!);
for (const size of [2_500, 5_000, 9_900]) {
  const current = hostSet(size);
  const expired = new Set(current.filter((_, i) => i % 10 === 0));
  const addRuns: number[] = [];
  const removeRuns: number[] = [];
  const setRuns: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    addRuns.push(median(sampleMicros(() => planAdditions(current, candidates, 10_000), 25, 3)));
    removeRuns.push(median(sampleMicros(() => planRemovals(current, expired), 25, 3)));
    setRuns.push(median(sampleMicros(() => new Set(current), 25, 3)));
  }
  record(`planAdditions, 100 candidates, set of ${size}`, addRuns, setRuns);
  record(`planRemovals, ${expired.size} expired, set of ${size}`, removeRuns, setRuns);
  (ratios.add ??= []).push(median(addRuns));
}

printTable(['case', 'median µs', 'p99 µs', 'baseline µs', 'ratio'], rows);
console.log('\nbaselines: JSON.parse of the line; gunzip + JSON.parse of the payload; new Set(entries) of the IP set');
console.log(`medians of ${RUNS} runs of many samples each`);

// 4. Loading the bundle in a fresh process vs an empty process.
const bundle = join(__dirname, '..', 'assets', 'waf-auto-block', 'index.js');
if (existsSync(bundle)) {
  const config = JSON.stringify({
    ipSetName: 'b', ipSetId: '11111111-2222-3333-4444-555555555555',
    tableName: 'bench', threshold: 10, windowSeconds: 300, blockSeconds: 3600, allowlist: [],
  });
  const timeIt = (script: string): number => {
    const out = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, AUTO_BLOCK_CONFIG: config, AWS_REGION: 'eu-west-1' }, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`child failed: ${out.stderr}`);
    return Number(out.stdout.trim());
  };
  const requireScript = `const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const emptyScript = `const t=process.hrtime.bigint();require('node:zlib');process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const loads: number[] = [];
  const empties: number[] = [];
  for (let r = 0; r < 7; r++) {
    loads.push(timeIt(requireScript));
    empties.push(timeIt(emptyScript));
  }
  console.log('');
  printTable(['cold load', 'median ms', 'min ms', 'max ms'], [
    ['require(assets/waf-auto-block/index.js)', fmt(median(loads)), fmt(Math.min(...loads)), fmt(Math.max(...loads))],
    ['baseline: require(node:zlib)', fmt(median(empties)), fmt(Math.min(...empties)), fmt(Math.max(...empties))],
  ]);
} else {
  console.log('\n(bundle not built: run `npm run bench` or `npm run bundle` for the cold-load row)');
}

// Reported, not asserted: on a shared machine a ratio can swing far more than a real regression would.
const [small, , large] = ratios.add;
console.log(`\nplanAdditions growth 2,500 -> 9,900 entries: ${fmt(large / small)}x (linear would be 3.96x)`);
