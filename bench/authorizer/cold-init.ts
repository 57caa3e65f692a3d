/** Measures the shipped bundle: its size, and its init time in fresh node processes. */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { median } from '../support/stats';

const BUNDLE = join(__dirname, '..', '..', 'assets', 'authorizer', 'index.js');

export function bundleBytes(): number {
  return statSync(BUNDLE).size;
}

export interface ColdTimes {
  /** Wall-clock ms: what a cold start waits for, but stretched by any other load on the machine. */
  readonly median: number;
  readonly min: number;
  readonly runs: number[];
  /** CPU ms (user + system) of the same span: far less sensitive to a shared, busy machine. */
  readonly cpuMedian: number;
}

/** Time from `require` of the bundle until its handler exists (config parsed, verifiers built). */
export function coldInitMillis(configJson: string, runs: number): ColdTimes {
  return freshProcessMillis(
    `const mod = require(${JSON.stringify(BUNDLE)}); if (typeof mod.handler !== 'function') throw new Error('no handler');`,
    { AUTHORIZER_CONFIG: configJson },
    runs,
  );
}

/**
 * Loading node:https alone: aws-jwt-verify requires it at load time, so it is
 * a floor under the bundle's init that no code of ours can remove.
 */
export function httpsLoadMillis(runs: number): ColdTimes {
  return freshProcessMillis("require('node:https');", {}, runs);
}

function freshProcessMillis(body: string, env: Record<string, string>, runs: number): ColdTimes {
  const script = [
    'const t0 = performance.now(); const c0 = process.cpuUsage();',
    body,
    "const c = process.cpuUsage(c0); process.stdout.write('INIT ' + String(performance.now() - t0) + ' CPU ' + String((c.user + c.system) / 1000));",
  ].join('\n');
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
    const match = /INIT ([0-9.]+) CPU ([0-9.]+)/.exec(child.stdout);
    if (child.status !== 0 || match === null) throw new Error(`fresh process failed: ${child.stderr}`);
    if (child.stdout.includes('config_error')) throw new Error('the bundle rejected the benchmark config');
    times.push(Number(match[1]));
    cpu.push(Number(match[2]));
  }
  return { median: median(times), min: Math.min(...times), runs: times, cpuMedian: median(cpu) };
}
