/**
 * Authorizer performance: warm decision time on a cache miss and a cache hit
 * next to one bare aws-jwt-verify `verify` with the same key (measured in the
 * same rounds, so machine noise hits both), the bundle size, and cold init of
 * the bundle in fresh processes.
 *
 *   npm run bench -- authorizer      (bundles first)
 */
import { JwtVerifier } from 'aws-jwt-verify';
import { createAuthorizer } from '../lambda/authorizer/authorizer';
import { createJsonLogger } from '../lambda/shared/logger';
import { bundleBytes, coldInitMillis, httpsLoadMillis } from './authorizer/cold-init';
import { benchSetup } from './authorizer/setup';
import { distribution, fmt, median, printTable, sampleMicrosAsync } from './support/stats';

const ROUNDS = 5;
const SAMPLES = 4000;
const COLD_RUNS = 11;
const TARGETS = { missRatio: 1.3, hitMicros: 20, bundleKb: 150, initMs: 50 };

async function main(): Promise<void> {
  const setup = benchSetup();
  const quiet = createJsonLogger({ service: 'authorizer', write: () => undefined });
  const fetchJwks = async () => JSON.stringify(setup.jwks);

  const bare = JwtVerifier.create({ issuer: setup.issuer, audience: null, jwksUri: setup.jwksUri });
  bare.cacheJwks(setup.jwks);
  // Size 1 and two alternating tokens: every call evicts the other token, so every call is a miss.
  const missing = createAuthorizer({ ...setup.config, decisionCacheSize: 1 }, { logger: quiet, fetchJwks });
  const hitting = createAuthorizer(setup.config, { logger: quiet, fetchJwks });
  const missEvents = [setup.event(setup.tokens[0]), setup.event(setup.tokens[1])];
  const hitEvent = setup.event(setup.tokens[0]);
  let turn = 0;

  const rounds: Array<{ bare: number[]; miss: number[]; hit: number[] }> = [];
  for (let r = 0; r < ROUNDS; r++) {
    globalThis.gc?.();
    rounds.push({
      bare: await sampleMicrosAsync(() => bare.verify(setup.tokens[turn++ & 1]), SAMPLES),
      miss: await sampleMicrosAsync(() => missing(missEvents[turn++ & 1]), SAMPLES),
      hit: await sampleMicrosAsync(() => hitting(hitEvent), SAMPLES),
    });
  }

  const rows = (['bare', 'miss', 'hit'] as const).map((kind) => {
    const medians = rounds.map((r) => distribution(r[kind]).median);
    const p99s = rounds.map((r) => distribution(r[kind]).p99);
    return [kind === 'bare' ? 'bare aws-jwt-verify verify' : `authorizer, cache ${kind}`, fmt(median(medians)), fmt(median(p99s))];
  });
  console.log(`warm decision time, µs (median over ${ROUNDS} rounds of ${SAMPLES} samples each)`);
  printTable(['case', 'median µs', 'p99 µs'], rows);

  const missRatio = median(rounds.map((r) => distribution(r.miss).median / distribution(r.bare).median));
  const hitMedian = median(rounds.map((r) => distribution(r.hit).median));
  const kb = bundleBytes() / 1024;
  const init = coldInitMillis(setup.configJson, COLD_RUNS);
  const https = httpsLoadMillis(COLD_RUNS);

  console.log('');
  printTable(['measure', 'value', 'target', 'met'], [
    ['cache miss / bare verify (median of per-round ratios)', `${fmt(missRatio)}x`, `<= ${TARGETS.missRatio}x`, yes(missRatio <= TARGETS.missRatio)],
    ['cache hit median', `${fmt(hitMedian)} µs`, `<= ${TARGETS.hitMicros} µs`, yes(hitMedian <= TARGETS.hitMicros)],
    ['assets/authorizer/index.js', `${fmt(kb, 1)} KB`, `<= ${TARGETS.bundleKb} KB`, yes(kb <= TARGETS.bundleKb)],
    [`cold init, median of ${COLD_RUNS} fresh processes (import bundle + build handler)`,
      `${fmt(init.median)} ms`, `<= ${TARGETS.initMs} ms`, yes(init.median <= TARGETS.initMs)],
    ['  the same, CPU time (user + system) instead of wall clock',
      `${fmt(init.cpuMedian)} ms`, `<= ${TARGETS.initMs} ms`, yes(init.cpuMedian <= TARGETS.initMs)],
  ]);
  console.log(`cold init runs, wall ms: ${init.runs.map((v) => fmt(v)).join(', ')} (min ${fmt(init.min)}); CPU ms median ${fmt(init.cpuMedian)}`);
  console.log(`for scale, require('node:https') alone (aws-jwt-verify loads it): `
    + `wall ms median ${fmt(https.median)}, min ${fmt(https.min)}; CPU ms median ${fmt(https.cpuMedian)}`);
}

function yes(met: boolean): string {
  return met ? 'yes' : 'NO';
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
