/**
 * The benchmark measures the masker as it ships: bundled and minified by
 * esbuild, as the model-proxy handler bundle contains it (see
 * bench/support/bundle.ts).
 */
import { buildBenchBundle } from '../support/bundle';

export type MaskerModule = typeof import('../../lambda/pii-masking') & { readonly bundlePath: string };

export function loadBundledMasker(): MaskerModule {
  const bundlePath = buildBenchBundle('lambda/pii-masking/index.ts', 'pii-masking');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(bundlePath) as typeof import('../../lambda/pii-masking');
  return { ...mod, bundlePath };
}
