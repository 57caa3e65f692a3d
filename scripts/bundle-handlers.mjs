// Bundles every lambda/<fn>/handler.ts into assets/<fn>/index.js.
// Constructs load those folders with lambda.Code.fromAsset, so consumers of the
// library need neither esbuild nor our TypeScript sources, and an asset hash
// changes only when the bundle's bytes change.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const lambdaDir = join(root, 'lambda');
const assetsDir = join(root, 'assets');

const functions = readdirSync(lambdaDir).filter((name) => existsSync(join(lambdaDir, name, 'handler.ts')));

rmSync(assetsDir, { recursive: true, force: true });
const results = await Promise.all(functions.map(async (fn) => {
  const outfile = join(assetsDir, fn, 'index.js');
  await build({
    entryPoints: [join(lambdaDir, fn, 'handler.ts')],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
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
  console.log(`assets/${fn}/index.js ${(bytes / 1024).toFixed(1)} KB`);
}
