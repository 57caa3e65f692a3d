import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UnscopedValidationErrorLike } from './unscoped-error';

/**
 * Folder of a prebuilt handler bundle, `assets/<name>`. The folder sits at the
 * package root, two levels above `lib/private` in the source tree and three
 * above `dist/lib/private` in the published package.
 */
export function handlerAssetPath(name: string): string {
  const candidates = [join(__dirname, '..', '..', 'assets', name), join(__dirname, '..', '..', '..', 'assets', name)];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.js')));
  if (!found) {
    throw new UnscopedValidationErrorLike(`The handler bundle assets/${name}/index.js is missing; run \`npm run build\` first.`);
  }
  return found;
}
