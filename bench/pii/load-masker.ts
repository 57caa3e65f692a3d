/**
 * The benchmark measures the masker as it ships: bundled and minified by
 * esbuild, as the model-proxy handler bundle contains it (see
 * bench/support/bundle.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBenchBundle } from '../support/bundle';

export type MaskerModule = typeof import('../../lambda/pii-masking') & { readonly bundlePath: string };

export function loadBundledMasker(): MaskerModule {
  const bundlePath = buildBenchBundle('lambda/pii-masking/index.ts', 'pii-masking');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(bundlePath) as typeof import('../../lambda/pii-masking');
  return { ...mod, bundlePath };
}

/** The masker of commit `ref`, bundled as this one is: its lambda/pii-masking is taken from git into a temporary directory. */
export function bundleMaskerAtRef(ref: string): string {
  const root = join(__dirname, '..', '..');
  const dir = join(tmpdir(), `pii-baseline-src-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The masker takes its entity type list from lib/contracts (a file without imports) in commits that have it.
  const paths = ['lambda/pii-masking'];
  if (spawnSync('git', ['-C', root, 'cat-file', '-e', `${ref}:lib/contracts`]).status === 0) paths.push('lib/contracts');
  const tar = execFileSync('git', ['-C', root, 'archive', ref, ...paths], { maxBuffer: 1 << 26 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  return buildBenchBundle(join(dir, 'lambda', 'pii-masking', 'index.ts'), 'pii-masking-baseline');
}

/** Loads the masker of commit `ref` (see bundleMaskerAtRef). */
export function loadMaskerAtRef(ref: string): MaskerModule {
  const bundlePath = bundleMaskerAtRef(ref);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(bundlePath) as typeof import('../../lambda/pii-masking');
  return { ...mod, bundlePath };
}
