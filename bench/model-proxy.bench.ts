/**
 * Overhead of the model proxy per call, the model excluded: the full handler
 * path (validate, mask the prompt, build the model body, invoke an in-process
 * model that answers at once, extract, mask the answer, restore, respond,
 * audit line) at 4 KB and 256 KB prompts (and 32 KB, near the gateway's
 * default prompt limit of 32,000 characters), with
 * - `pass-through guards`: JSON.parse as validation, identity masking: the proxy's own cost;
 * - `real guards`: the request-validator (schema, Unicode, injection guard) and
 *   the pii-masking module in placeholder mode, wired as the handler wires them;
 * - `real guards, piiMasking`: the same with a model's masking options (five
 *   entity types, 50 allowlist values, two custom patterns).
 * Baseline, measured in the same run: parsing the request body and serializing
 * it once, which any proxy must do.
 *
 * The code runs as shipped: bundled and minified by esbuild (bench/support/bundle.ts).
 *
 * Wall time suffers from other processes on a shared machine; CPU time per
 * call (process.cpuUsage, GC threads included) does much less, so both are shown.
 *
 * Targets: median ≤ 2 ms at 4 KB, p99 ≤ 25 ms at 256 KB.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Guards } from '../lambda/model-proxy/guards';
import { seededRandom } from '../test/helpers/seeded-random';
import { claimProse } from './support/claim-prose';
import { loadBenchBundle } from './support/bundle';
import { distribution, fmt, printTable, sampleMicros } from './support/stats';

// The proxy and its guards bundled and minified as the handler bundle contains them.
const { apiEvent, createGuards, createJsonLogger, createModelProxy, proxyConfig } = loadBenchBundle<typeof import('./model-proxy/overhead-entry')>(
  'bench/model-proxy/overhead-entry.ts',
  'model-proxy-overhead',
);

/** Claim-style prose of `chars` characters with an e-mail address about every 400 characters. */
const promptOf = (chars: number): string => claimProse(seededRandom(chars), chars);

const ANSWER = JSON.stringify({ generated_text: `${promptOf(2000)} Reply to <EMAIL_1>.` });
let bytesLogged = 0;

/** Masking options as a model might set them: fewer types, a full allowlist, two identifiers of its own. */
const TUNED_MASKING = {
  mode: 'placeholder' as const,
  entityTypes: ['EMAIL', 'PHONE', 'CREDIT_CARD', 'PERSON', 'API_SECRET'] as const,
  allowlist: Array.from({ length: 50 }, (_, i) => `sku-${i}@support.example`),
  customPatterns: [
    { name: 'CLAIM_ID', pattern: '\\bCLM-\\d{8}\\b', caseInsensitive: false },
    { name: 'POLICY', pattern: '\\bpol-[a-z0-9]{10}\\b', caseInsensitive: true },
  ],
};

function proxyWith(guards: Guards) {
  return createModelProxy({
    config: proxyConfig({ restorePlaceholders: true }),
    guards,
    modelClient: { invoke: async () => ({ body: ANSWER }) },
    logger: createJsonLogger({ service: 'model-proxy', write: (line) => { bytesLogged += line.length; } }),
  });
}

const passThrough: Guards = {
  request: {
    check: (input) => {
      const payload = JSON.parse(input.body ?? '') as { prompt: string; parameters?: Record<string, number> };
      return { ok: true, value: { prompt: payload.prompt, parameters: payload.parameters ?? {} }, injectionSuspected: false };
    },
  },
  pii: {
    startCall: () => ({ maskRequest: (text) => ({ text, findings: {} }), maskResponse: (text) => ({ text, findings: {} }), restore: (text) => text }),
  },
};

const VARIANTS: Array<[string, ReturnType<typeof proxyWith>]> = [
  ['pass-through guards', proxyWith(passThrough)],
  ['real guards', proxyWith(createGuards(proxyConfig({ restorePlaceholders: true })))],
  ['real guards, piiMasking', proxyWith(createGuards(proxyConfig({ restorePlaceholders: true, piiMasking: TUNED_MASKING })))],
];
const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 25_000 };

/** Wall and CPU microseconds of each call, after a warm-up. */
async function sampleWallAndCpu(fn: () => Promise<unknown>, samples: number): Promise<{ wall: number[]; cpu: number[] }> {
  for (let i = 0; i < Math.min(200, samples); i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < samples; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await fn();
    wall.push(Number(process.hrtime.bigint() - t0) / 1000);
    const c1 = process.cpuUsage(c0);
    cpu.push(c1.user + c1.system);
  }
  return { wall, cpu };
}

interface Case {
  readonly label: string;
  readonly chars: number;
  readonly samples: number;
  readonly target: string;
}

const CASES: Case[] = [
  { label: '4 KB', chars: 4 * 1024, samples: 3000, target: 'median ≤ 2 ms' },
  { label: '32 KB', chars: 32 * 1024, samples: 1000, target: '(default route limit)' },
  { label: '256 KB', chars: 256 * 1024, samples: 400, target: 'p99 ≤ 25 ms' },
];

async function main(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const rows: Array<Array<string | number>> = [];
  for (const c of CASES) {
    const event: APIGatewayProxyEvent = apiEvent({ prompt: promptOf(c.chars), parameters: { maxTokens: 256, temperature: 0.2 } });
    const baseline = distribution(sampleMicros(() => JSON.stringify(JSON.parse(event.body as string)), c.samples));
    for (const [label, proxy] of VARIANTS) {
      const check = await proxy(event, context);
      if (check.statusCode !== 200) throw new Error(`proxy answered ${check.statusCode}: ${check.body}`);
      const { wall, cpu } = await sampleWallAndCpu(() => proxy(event, context), c.samples);
      const w = distribution(wall);
      const u = distribution(cpu);
      rows.push([
        c.label, label, c.samples,
        fmt(w.median / 1000, 3), fmt(w.p99 / 1000, 3),
        fmt(u.median / 1000, 3), fmt(u.p99 / 1000, 3),
        fmt(baseline.median / 1000, 3), fmt(w.median / baseline.median, 1), c.target,
      ]);
    }
  }
  printTable(['prompt', 'guards', 'samples', 'wall median ms', 'wall p99 ms', 'cpu median ms', 'cpu p99 ms', 'baseline ms', 'x baseline', 'target'], rows);
  const memory = process.memoryUsage();
  console.log(`rss ${fmt(rssBefore / 2 ** 20, 1)} MB before the runs (tsx included), ${fmt(memory.rss / 2 ** 20, 1)} MB after, `
    + `peak ${fmt(process.resourceUsage().maxRSS / 1024, 1)} MB; heap used ${fmt(memory.heapUsed / 2 ** 20, 1)} MB; ${bytesLogged} audit bytes written`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
