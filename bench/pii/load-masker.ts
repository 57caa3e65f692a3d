/**
 * The benchmark measures the masker as it ships: bundled and minified by
 * esbuild into one file, as the model-proxy handler bundle will contain it.
 * (Run from TypeScript through tsx, every cross-module call would go through
 * a getter and the numbers would describe tsx, not the Lambda.)
 */
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type MaskerModule = typeof import('../../lambda/pii-masking') & { readonly bundlePath: string };

export function loadBundledMasker(): MaskerModule {
  const root = join(__dirname, '..', '..');
  const outDir = join(root, 'bench', '.out');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'pii-masking.bundle.cjs');
  buildSync({
    entryPoints: [join(root, 'lambda', 'pii-masking', 'index.ts')],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    logLevel: 'warning',
    absWorkingDir: root,
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(outfile) as typeof import('../../lambda/pii-masking');
  return { ...mod, bundlePath: outfile };
}
