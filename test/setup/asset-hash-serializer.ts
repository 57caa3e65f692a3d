/**
 * Jest snapshot serializer: replaces values that change without a change in
 * meaning (asset hashes, generated secrets' hashes) so that snapshots change
 * only when the infrastructure does.
 */
const ASSET_HASH = /[0-9a-f]{64}/g;

const serializer = {
  test(value: unknown): boolean {
    return typeof value === 'string' && new RegExp(ASSET_HASH.source).test(value);
  },
  serialize(value: string): string {
    return JSON.stringify(value.replace(ASSET_HASH, '[HASH]'));
  },
};

export = serializer;
