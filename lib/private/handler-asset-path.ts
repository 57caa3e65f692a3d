import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The folder of a bundled handler (`assets/<fn>`, written by `npm run bundle`),
 * found both from the TypeScript sources (`lib/private`) and from the
 * compiled package (`dist/lib/private`).
 */
export function handlerAssetPath(fn: string): string {
  const candidates = [join(__dirname, '..', '..', 'assets', fn), join(__dirname, '..', '..', '..', 'assets', fn)];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.js')));
  if (!found) {
    throw new Error(`The ${fn} handler bundle is missing (looked in ${candidates.join(', ')}); run \`npm run bundle\`.`);
  }
  return found;
}
