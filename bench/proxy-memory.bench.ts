/**
 * What memory the two model functions need: each shipped bundle
 * (assets/model-proxy, assets/chat-proxy; run `npm run build` first) in fresh
 * Node processes, as Lambda's runtime loads it, against a loopback
 * OpenAI-compatible model server in this process (`http` backend):
 * - init: `require` of the bundle with a valid MODEL_PROXY_CONFIG (the chat
 *   bundle after the `awslambda` global the runtime defines), and the first call;
 * - load: CALLS calls alternating a 4 KB and a 30 KB prompt (the gateway's
 *   default limit is 32,000 characters), e-mail addresses in them; a 2 KB
 *   answer, buffered for the invoke proxy, streamed for the chat function
 *   (about 400 SSE deltas of 3-8 characters, masked as they pass);
 * - the peak RSS of the process over all of it.
 * Baseline, in the same run: a bare forwarder (parse the body, POST it, pass
 * the answer on) in the same kind of process.
 *
 *   npm run build && npx tsx bench/run.ts proxy-memory
 *
 * CPU time (process.cpuUsage) rather than wall time, because the machine is
 * shared; Lambda bills wall time, which at a CPU share below one vCPU
 * stretches the CPU part by 1769 / memory MB.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_PII_MASKING, DEFAULT_RETRY, MODEL_PROXY_CONFIG_ENV, maxBodyBytesFor, type ModelProxyConfig } from '../lib/contracts/model-proxy';
import { chatEvent } from '../test/lambda/chat-proxy/fakes';
import { apiEvent } from '../test/lambda/model-proxy/fakes';
import { seededRandom } from '../test/helpers/seeded-random';
import { claimProse } from './support/claim-prose';
import { distribution, fmt, printTable } from './support/stats';

const root = join(__dirname, '..');
const out = join(__dirname, '.out', 'proxy-memory');
const RUNS = Number(process.env.PROXY_MEMORY_RUNS ?? 3);
const CALLS = Number(process.env.PROXY_MEMORY_CALLS ?? 2000);
const MAX_PROMPT = 32_000;
const SIZES: Array<[string, number]> = [['4 KB', 4 * 1024], ['30 KB', 30 * 1024]];

const prose = (chars: number, seed: number): string => claimProse(seededRandom(seed), chars);

/** The 2 KB answer, in paragraphs, with a model-made e-mail address and a phone number to mask. */
const ANSWER = `${prose(900, 1)}\n\n${prose(900, 2).replace(/@example\.com/g, '@example.org')}\n\nCall 415-555-0134 or write claims.desk@example.org.`;
const DELTAS = (() => {
  const random = seededRandom(7);
  const deltas: string[] = [];
  for (let at = 0; at < ANSWER.length;) {
    const size = 3 + Math.floor(random() * 6);
    deltas.push(ANSWER.slice(at, at + size));
    at += size;
  }
  return deltas;
})();
const USAGE = { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 };

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { stream?: boolean };
  if (body.stream !== true) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'b', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: ANSWER },
      finish_reason: 'stop' }], usage: USAGE }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const frames = [{ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    ...DELTAS.map((content) => ({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
    { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }, { choices: [], usage: USAGE }];
  res.end(`${frames.map((f) => `data: ${JSON.stringify(f)}\n\n`).join('')}data: [DONE]\n\n`);
}

interface ChildReport {
  readonly init: { cpuMs: number; ms: number; rssMb: number };
  readonly first: { cpuMs: number; ms: number };
  readonly perSize: Array<{ cpu: number[]; wall: number[] }>;
  readonly peakRssMb: number;
  readonly heapUsedMb: number;
}

function runChild(bundle: string, kind: string, eventsFile: string, config: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'proxy-memory', 'child.cjs'), [bundle, kind, eventsFile, String(CALLS)], {
      env: { ...process.env, [MODEL_PROXY_CONFIG_ENV]: config, AWS_REGION: 'eu-west-1', NODE_NO_WARNINGS: '1' },
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let report: ChildReport | undefined;
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    child.on('message', (message) => (report = message as ChildReport));
    child.on('exit', (code) => (code === 0 && report ? resolve(report) : reject(new Error(`${bundle} ${kind} exited ${code}: ${stderr}`))));
  });
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
  const config: ModelProxyConfig = {
    version: 1, model: 'claims-triage', backend: { type: 'http', url, allowInsecureHttp: true }, requestFormat: 'OPENAI_CHAT',
    requestModelName: 'bench', responseTextPath: 'choices[0].message.content', maxPromptLength: MAX_PROMPT, maxOutputTokens: 4096,
    restorePlaceholders: true, piiMasking: DEFAULT_PII_MASKING, maxBodyBytes: maxBodyBytesFor(MAX_PROMPT), injectionAction: 'block',
    injectionThreshold: 0.5, retry: DEFAULT_RETRY, timeoutMarginMs: 1000, streamIdleTimeoutMs: 60_000,
  };
  const invokeEvents = join(out, 'invoke-events.json');
  const chatEvents = join(out, 'chat-events.json');
  writeFileSync(invokeEvents, JSON.stringify(SIZES.map(([label, chars]) => ({
    label, event: apiEvent({ prompt: prose(chars, chars), parameters: { maxTokens: 512, temperature: 0.2 } }) }))));
  writeFileSync(chatEvents, JSON.stringify(SIZES.map(([label, chars]) => ({
    label, event: chatEvent({ model: 'claims-triage', stream: true, max_tokens: 512, temperature: 0.2,
      messages: [{ role: 'system', content: 'You triage insurance claims.' }, { role: 'user', content: prose(chars, chars) }] }) }))));

  const variants = [
    { name: 'model-proxy', bundle: join(root, 'assets/model-proxy/index.js'), kind: 'invoke', events: invokeEvents },
    { name: 'baseline: forwarder, buffered', bundle: 'baseline', kind: 'invoke', events: invokeEvents },
    { name: 'chat-proxy (streamed)', bundle: join(root, 'assets/chat-proxy/index.js'), kind: 'chat', events: chatEvents },
    { name: 'baseline: forwarder, streamed', bundle: 'baseline', kind: 'chat', events: chatEvents },
  ];
  const json = JSON.stringify(config);
  const rows: Array<Array<string | number>> = [];
  for (let run = 1; run <= RUNS; run++) {
    for (const v of variants) {
      const r = await runChild(v.bundle, v.kind, v.events, json);
      const perSize = SIZES.map((_, i) => {
        const d = distribution(r.perSize[i].cpu);
        return `${fmt(d.median, 2)} / ${fmt(d.p99, 2)}`;
      });
      rows.push([run, v.name, fmt(r.init.cpuMs, 1), fmt(r.init.ms, 1), fmt(r.first.cpuMs, 1), fmt(r.init.rssMb, 1), ...perSize,
        fmt(r.peakRssMb, 1), fmt(r.heapUsedMb, 1)]);
    }
  }
  server.close();
  printTable(['run', 'variant', 'init cpu ms', 'init wall ms', 'first call cpu ms', 'rss after init MB',
    ...SIZES.map(([label]) => `${label} cpu ms/call median / p99`), 'peak rss MB', 'heap used MB'], rows);
  console.log(`${RUNS} fresh processes per variant, ${CALLS} calls each after the first, on node ${process.version}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
