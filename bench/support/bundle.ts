/**
 * Benchmarks time handler code as it ships: bundled and minified by esbuild
 * into one file, as the handler bundles contain it. (Run from TypeScript
 * through tsx, every cross-module call would go through a getter and the
 * numbers would describe tsx, not the Lambda.)
 */
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Bundles `entry` (absolute, or relative to the repository root) into bench/.out/<name>.bundle.cjs and returns its path. */
export function buildBenchBundle(entry: string, name: string): string {
  const outDir = join(ROOT, 'bench', '.out');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${name}.bundle.cjs`);
  buildSync({
    entryPoints: [isAbsolute(entry) ? entry : join(ROOT, entry)],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    logLevel: 'warning',
    absWorkingDir: ROOT,
  });
  return outfile;
}

/** Bundles `entry` and loads the bundle; `T` is the entry module's type. */
export function loadBenchBundle<T>(entry: string, name: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(buildBenchBundle(entry, name)) as T;
}
