/**
 * PII masking on text dense with PII (tickets, chat logs, tables, forms: see
 * pii/dense-corpus.ts), where the detectors, not the skip loop, take the time:
 * throughput in several fresh processes (their spread shows whether V8 settles
 * the same way in each), next to redact-pii on the same documents; one 1 MB
 * prompt of the same kind; the adversarial inputs of 100 KB. CPU time
 * throughout: the host is shared.
 *
 *   npx tsx bench/run.ts pii-dense          (or: npm run bench -- pii-dense)
 *
 * PII_BASELINE_REF=<git commit> also times that commit's masker, in fresh processes taking turns with this one's.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { adversarialInputs } from './pii/adversarial';
import { densePrompt, generateDenseCorpus } from './pii/dense-corpus';
import { createFaker } from './pii/faker';
import { bundleMaskerAtRef, loadBundledMasker } from './pii/load-masker';
import { fmt, median, printTable } from './support/stats';

const OUT_DIR = join(__dirname, '.out');
const PROCESSES = Number(process.env.PII_BENCH_PROCESSES ?? 7);
const WORKER_NODE = process.env.BENCH_NODE ?? process.execPath;
const BASELINE_REF = process.env.PII_BASELINE_REF;
mkdirSync(OUT_DIR, { recursive: true });
const masker = loadBundledMasker();
const baseline = BASELINE_REF ? bundleMaskerAtRef(BASELINE_REF) : undefined;
const summary: Array<[string, string, string]> = [];

interface Times {
  readonly wall: number[];
  readonly cpu: number[];
}

/** CPU milliseconds per pass of one masker over `file`, in a fresh process (pii/throughput-worker.ts). */
function timeInWorker(which: 'ours' | 'redact-pii', file: string, warm: number, runs: number, repeat: number, bundle: string): Times {
  const worker = join(__dirname, 'pii', 'throughput-worker.ts');
  const r = spawnSync(WORKER_NODE, ['--expose-gc', '--import', 'tsx', worker, which, file, String(warm), String(runs), bundle, String(repeat)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`throughput worker failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Times;
}

function writePrompts(name: string, prompts: readonly string[]): string {
  const file = join(OUT_DIR, `pii-dense-${name}.json`);
  writeFileSync(file, JSON.stringify(prompts));
  return file;
}

/** Per-process medians (CPU ms per pass) of the bundles, in fresh processes taking turns. */
function alternate(file: string, bundles: Record<string, string>, processes: number, warm: number, runs: number, repeat = 1): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (let i = 0; i < processes; i++) {
    for (const [key, bundle] of Object.entries(bundles)) (out[key] ??= []).push(median(timeInWorker('ours', file, warm, runs, repeat, bundle).cpu));
  }
  return out;
}

function spread(values: readonly number[]): string {
  return `${fmt(Math.min(...values), 0)}-${fmt(Math.max(...values), 0)}`;
}

const docs = generateDenseCorpus(2_000_000);
const chars = docs.reduce((a, d) => a + d.length, 0);
const bytes = docs.reduce((a, d) => a + Buffer.byteLength(d, 'utf8'), 0);
let findings = 0;
for (const d of docs) findings += masker.maskPii(d).findings.length;
const bundles: Record<string, string> = { 'this version': masker.bundlePath };
if (baseline) Object.assign(bundles, { [BASELINE_REF as string]: baseline });

console.log(`\n--- Throughput on dense PII (each masker in fresh processes) ---`);
console.log(
  `${docs.length} documents, ${fmt(bytes / 1e6, 2)} MB, ${findings} findings: ${fmt((100 * findings) / chars, 2)} per 100 characters, ` +
    `${fmt((1000 * findings) / bytes, 1)} per KB`,
);
const corpusFile = writePrompts('corpus', docs);
const perProcess = alternate(corpusFile, bundles, PROCESSES, 4, 5);
const rows: Array<Array<string | number>> = [];
for (const [key, ms] of Object.entries(perProcess)) {
  const mbs = ms.map((t) => bytes / 1e3 / t);
  rows.push([key, mbs.map((v) => fmt(v, 0)).join(', '), fmt(median(mbs), 1), spread(mbs)]);
}
printTable(['masker', `MB/s (CPU time) in each of ${PROCESSES} processes`, 'median', 'range'], rows);
const ourMBs = median(perProcess['this version'].map((t) => bytes / 1e3 / t));
summary.push(['dense PII, MB/s (CPU time), median of processes', '', fmt(ourMBs, 1)]);
const all = perProcess['this version'].map((t) => bytes / 1e3 / t);
const [slowest, fastest] = [Math.min(...all), Math.max(...all)];
summary.push(['  slowest / fastest process', 'same speed in every process', `${fmt(slowest, 0)} / ${fmt(fastest, 0)} (${fmt(slowest / fastest, 2)})`]);
if (baseline) {
  const ref = median(perProcess[BASELINE_REF as string].map((t) => bytes / 1e3 / t));
  summary.push([`  against ${BASELINE_REF} (same run, medians)`, '', `${fmt(ourMBs / ref, 2)}x`]);
}

// redact-pii is two orders of magnitude slower: both read the first ~200 KB.
const subset: string[] = [];
for (let i = 0, b = 0; b < 200_000; i++) {
  subset.push(docs[i]);
  b += Buffer.byteLength(docs[i], 'utf8');
}
const subsetBytes = subset.reduce((a, d) => a + Buffer.byteLength(d, 'utf8'), 0);
const subsetFile = writePrompts('subset', subset);
const theirs = median(timeInWorker('redact-pii', subsetFile, 1, 3, 1, '').cpu);
const oursSubset = median(timeInWorker('ours', subsetFile, 20, 7, 10, masker.bundlePath).cpu);
console.log(
  `first ${subset.length} documents (${fmt(subsetBytes / 1e3, 0)} KB): maskPii ${fmt(oursSubset, 2)} ms (${fmt(subsetBytes / 1e3 / oursSubset, 1)} MB/s), ` +
    `redact-pii 3.4.0 ${fmt(theirs, 0)} ms (${fmt(subsetBytes / 1e3 / theirs, 2)} MB/s), CPU time`,
);
summary.push(['dense PII: ratio to redact-pii, same documents (CPU time)', '>= 10x', `${fmt(theirs / oursSubset, 1)}x`]);

console.log(`\n--- One 1 MB prompt of the same kind (median CPU ms of 7 calls after 3, in each of 3 fresh processes) ---`);
const prompt = densePrompt(1_000_000);
const promptFile = writePrompts('prompt', [prompt]);
const promptMs = alternate(promptFile, bundles, 3, 3, 7);
printTable(
  ['masker', 'CPU ms per process', 'median'],
  Object.entries(promptMs).map(([key, ms]) => [key, ms.map((v) => fmt(v, 1)).join(', '), fmt(median(ms), 1)]),
);
summary.push([`1 MB dense prompt (${masker.maskPii(prompt).findings.length} findings), CPU ms, median`, '<= 60 ms', fmt(median(promptMs['this version']), 1)]);

console.log(`\n--- Adversarial inputs of 100 KB (CPU ms, median of 5 calls after 20, in process) ---`);
const advRows: Array<Array<string | number>> = [];
let worst = 0;
for (const [name, input] of adversarialInputs(100_000, createFaker('en', 20240611))) {
  for (let i = 0; i < 20; i++) masker.maskPii(input);
  const cpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    const c0 = process.cpuUsage();
    masker.maskPii(input);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  worst = Math.max(worst, median(cpu));
  advRows.push([name, fmt(median(cpu), 2), fmt(Math.max(...cpu), 2)]);
}
printTable(['input', 'median CPU ms', 'worst CPU ms'], advRows);
summary.push(['worst 100 KB adversarial input, CPU ms (median of 5)', '<= 30 ms', fmt(worst, 1)]);

console.log(`\n(${cpus().length} CPUs, load average ${loadavg().map((l) => fmt(l, 1)).join(' ')}, Node.js of the workers: ${WORKER_NODE})`);
console.log('\n--- Targets ---');
printTable(['measure', 'target', 'measured'], summary);
