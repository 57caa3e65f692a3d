/**
 * Should the handler bundle carry the AWS SDK, or take it from the Lambda
 * runtime? Builds the model-proxy handler both ways (the project bundler's
 * settings, with and without `@aws-sdk/*` and `@smithy/*` external) and
 * measures, each in fresh Node processes, interleaved so both variants share
 * the machine's noise:
 * - the bundle size;
 * - init: `require` of the handler bundle (what a cold start runs before the
 *   first event: module load, config parsing, SDK client construction);
 * - first call: the first InvokeEndpoint of a fresh client against a loopback
 *   server (the SDK loads its lazy parts on first use).
 * The external variant resolves the SDK from node_modules, as the runtime
 * resolves its own copy from /var/runtime/node_modules.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, BuildOptions } from 'esbuild';
import { DEFAULT_PII_MASKING, DEFAULT_RETRY, MODEL_PROXY_CONFIG_ENV, ModelProxyConfig } from '../lib/contracts/model-proxy';
import { distribution, fmt, printTable } from './support/stats';

const root = join(__dirname, '..');
const out = join(__dirname, '.out', 'model-proxy-cold-start');
const RUNS = Number(process.env.COLD_START_RUNS ?? 15);

/** The options of scripts/bundle-handlers.mjs. */
const bundlerOptions: BuildOptions = {
  bundle: true, minify: true, sourcemap: true, sourcesContent: false, platform: 'node', target: 'node22', format: 'cjs',
  legalComments: 'none', logLevel: 'warning', absWorkingDir: root,
};
const SDK_EXTERNAL = ['@aws-sdk/*', '@smithy/*'];

const config: ModelProxyConfig = {
  version: 1, model: 'bench', backend: { type: 'sagemaker', endpointName: 'bench' }, requestFormat: 'PASSTHROUGH',
  responseTextPath: 'generated_text', maxPromptLength: 32000, maxOutputTokens: 4096, restorePlaceholders: false, piiMasking: DEFAULT_PII_MASKING,
  maxBodyBytes: 196_096, injectionAction: 'block', injectionThreshold: 0.5, retry: DEFAULT_RETRY, timeoutMarginMs: 1000, streamIdleTimeoutMs: 60_000,
};
const lambdaEnv = {
  ...process.env,
  [MODEL_PROXY_CONFIG_ENV]: JSON.stringify(config),
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'token',
  NODE_NO_WARNINGS: '1',
};

interface Variant {
  readonly name: string;
  readonly handler: string;
  readonly firstCall: string;
}

async function bundle(name: string, external: string[]): Promise<Variant> {
  const dir = join(out, name);
  mkdirSync(dir, { recursive: true });
  const handler = join(dir, 'handler.js');
  const firstCall = join(dir, 'first-call.js');
  await build({ ...bundlerOptions, external, entryPoints: [join(root, 'lambda/model-proxy/handler.ts')], outfile: handler });
  await build({ ...bundlerOptions, external, entryPoints: [join(__dirname, 'model-proxy/first-call-entry.ts')], outfile: firstCall });
  return { name, handler, firstCall };
}

interface ChildMeasure {
  readonly ms: number;
  /** CPU milliseconds of the same span: steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly rssMb: number;
}

const CPU_MS = 'const c = process.cpuUsage(c0); const cpuMs = (c.user + c.system) / 1000;';
/** The loopback model's request listener: any request gets a 200 with a short generation. */
const ANSWER_OK = "(req, res) => { req.resume(); req.on('end', () => { "
  + 'res.writeHead(200, { \'content-type\': \'application/json\' }); res.end(\'{"generated_text":"ok"}\'); }); }';

/** Milliseconds to require the handler in a fresh process, and the process's RSS after it. */
function measureInit(file: string): ChildMeasure {
  const script = `const c0 = process.cpuUsage(); const t0 = performance.now(); require(${JSON.stringify(file)}); const ms = performance.now() - t0; ${CPU_MS}
    process.stdout.write(JSON.stringify({ ms, cpuMs, rssMb: process.memoryUsage().rss / 2 ** 20 }));`;
  return runChild(script);
}

/** Milliseconds of the first InvokeEndpoint in a fresh process, against a loopback server started there. */
function measureFirstCall(file: string): ChildMeasure {
  const script = `const http = require('node:http');
    const { firstCall } = require(${JSON.stringify(file)});
    const server = http.createServer(${ANSWER_OK});
    server.listen(0, '127.0.0.1', async () => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await firstCall('http://127.0.0.1:' + server.address().port);
      const ms = performance.now() - t0; ${CPU_MS}
      server.close();
      process.stdout.write(JSON.stringify({ ms, cpuMs, rssMb: process.memoryUsage().rss / 2 ** 20 }));
    });`;
  return runChild(script);
}

function runChild(script: string): ChildMeasure {
  const result = spawnSync(process.execPath, ['-e', script], { env: lambdaEnv, encoding: 'utf8', cwd: root });
  if (result.status !== 0) throw new Error(`child failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ChildMeasure;
}

async function main(): Promise<void> {
  const variants = [await bundle('sdk-bundled', []), await bundle('sdk-external', SDK_EXTERNAL)];
  const samples = new Map(variants.map((v) => [
    v.name,
    { init: [] as number[], initCpu: [] as number[], first: [] as number[], firstCpu: [] as number[], rss: [] as number[] },
  ]));
  for (let run = 0; run < RUNS; run++) {
    for (const variant of variants) {
      const s = samples.get(variant.name)!;
      const init = measureInit(variant.handler);
      s.init.push(init.ms);
      s.initCpu.push(init.cpuMs);
      s.rss.push(init.rssMb);
      const first = measureFirstCall(variant.firstCall);
      s.first.push(first.ms);
      s.firstCpu.push(first.cpuMs);
    }
  }
  const median = (values: number[]) => distribution(values).median;
  printTable(
    ['variant', 'handler KB', 'init ms', 'init p90 ms', 'init cpu ms', 'first call ms', 'first call cpu ms', 'init + first call ms', 'rss after init MB'],
    variants.map((v) => {
      const s = samples.get(v.name)!;
      return [v.name, fmt(statSync(v.handler).size / 1024, 1), fmt(median(s.init), 1), fmt(percentile90(s.init), 1), fmt(median(s.initCpu), 1),
        fmt(median(s.first), 1), fmt(median(s.firstCpu), 1), fmt(median(s.init) + median(s.first), 1), fmt(median(s.rss), 1)];
    }),
  );
  console.log(`${RUNS} fresh processes per variant and measure, on node ${process.version}`);
}

function percentile90(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)];
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
