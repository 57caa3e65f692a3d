// Bundles every lambda/<fn>/handler.ts into assets/<fn>/index.js.
// Constructs load those folders with lambda.Code.fromAsset, so consumers of the
// library need neither esbuild nor our TypeScript sources, and an asset hash
// changes only when the bundle's bytes change.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const lambdaDir = join(root, 'lambda');
const assetsDir = join(root, 'assets');

const functions = readdirSync(lambdaDir).filter((name) => existsSync(join(lambdaDir, name, 'handler.ts')));

// `--if-stale` (the example app's `cdk synth`): rebuild only when a bundle is
// missing or older than what goes into it (handler sources, the contract modules
// they share with the constructs, the locked dependency versions), so a fresh
// clone synthesizes and an edited handler or contract is never deployed from an
// old bundle.
if (process.argv.includes('--if-stale') && !stale()) process.exit(0);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function stale() {
  const sources = Math.max(newestSource(lambdaDir), newestSource(join(root, 'lib', 'contracts')), statSync(join(root, 'package-lock.json')).mtimeMs);
  return functions.some((fn) => {
    const bundle = join(assetsDir, fn, 'index.js');
    return !existsSync(bundle) || statSync(bundle).mtimeMs < sources;
  });
}

rmSync(assetsDir, { recursive: true, force: true });
const results = await Promise.all(functions.map(async (fn) => {
  const outfile = join(assetsDir, fn, 'index.js');
  await build({
    entryPoints: [join(lambdaDir, fn, 'handler.ts')],
    outfile,
    bundle: true,
    minify: true,
    // No source maps: they doubled the package and every function's zip, and loading them
    // (--enable-source-maps) costs cold-start time; see README ("Handler bundles").
    sourcemap: false,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // The AWS SDK v3 is bundled, not taken from the runtime: see README ("Handler bundles").
    external: [],
    legalComments: 'none',
    logLevel: 'warning',
    // Stable bytes: no absolute paths or timestamps end up in the bundle.
    absWorkingDir: root,
  });
  return { fn, bytes: statSync(outfile).size };
}));
for (const { fn, bytes } of results) {
  // stderr: the CDK CLI runs this before the app, and stdout is not ours to fill.
  console.error(`${relative(root, join(assetsDir, fn, 'index.js'))} ${(bytes / 1024).toFixed(1)} KB`);
}
