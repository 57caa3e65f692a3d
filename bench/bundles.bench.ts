/**
 * Handler bundles: size, and cold load time with the AWS SDK bundled (what we
 * ship) versus left to the runtime (marked external, resolved here from
 * node_modules as the Lambda runtime resolves its own copy), and with a source
 * map loaded by `--enable-source-maps` (what shipping maps would cost). Each
 * load runs in a fresh process; an empty process is the baseline of the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { median, printTable, fmt } from './support/stats';

const root = join(__dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const out = mkdtempSync(join(tmpdir(), 'bundles-'));
symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));

function loadMillis(file: string, nodeArgs: string[] = []): number {
  // CPU time of the load (user + system), which waiting for a core on a busy machine does not inflate as it does wall time.
  const script = `const c=process.cpuUsage();try{require(${JSON.stringify(file)})}catch{}`
    + "const u=process.cpuUsage(c);process.stdout.write('\\n@@'+String((u.user+u.system)/1e3))";
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, [...nodeArgs, '-e', script], { encoding: 'utf8', env: { ...process.env, AWS_REGION: 'eu-west-1' } });
    // Handlers may log while loading (e.g. a missing config): the timing is the line after the marker.
    samples.push(Number(/@@([\d.]+)\s*$/.exec(result.stdout)?.[1]));
  }
  return median(samples);
}

const rows: Array<Array<string | number>> = [];
const functions = readdirSync(join(root, 'lambda')).filter((fn) => existsSync(join(root, 'lambda', fn, 'handler.ts')));
const baseline = loadMillis(join(out, 'missing.js'));
for (const fn of functions) {
  const variants: Record<string, string> = {};
  const builds = [['bundled', [], false], ['sdk-external', ['@aws-sdk/*', '@smithy/*', '@aws-crypto/*'], false], ['with-map', [], true]] as const;
  for (const [name, external, sourcemap] of builds) {
    const outfile = join(out, fn, name, 'index.js');
    buildSync({
      entryPoints: [join(root, 'lambda', fn, 'handler.ts')], outfile, bundle: true, minify: true, sourcemap, sourcesContent: false,
      platform: 'node', target: 'node22', format: 'cjs', external: [...external], logLevel: 'error',
    });
    variants[name] = outfile;
  }
  // Interleaved, so that load on this shared machine falls on every variant alike.
  const bundled = loadMillis(variants.bundled);
  const withMaps = loadMillis(variants['with-map'], ['--enable-source-maps']);
  const external = loadMillis(variants['sdk-external']);
  const mapKb = statSync(`${variants['with-map']}.map`).size / 1024;
  rows.push([fn, fmt(statSync(variants.bundled).size / 1024, 1), fmt(bundled, 1), fmt(mapKb, 1), fmt(withMaps, 1),
    fmt(statSync(variants['sdk-external']).size / 1024, 1), fmt(external, 1)]);
}
console.log(`CPU time of the load in a fresh process, median of ${runs}; loading nothing takes ${fmt(baseline, 1)} ms (not subtracted).`);
printTable(['function', 'bundled KB', 'bundled load ms', 'map KB', 'with map, --enable-source-maps, load ms', 'SDK-external KB', 'SDK-external load ms'], rows);
