import { containsHash, isTemplate, normalizeTemplate, scrubHashes } from './scrub';

/**
 * A jest snapshot serializer: strings lose their asset hashes, and a whole
 * CloudFormation template is normalized first (content-hashed logical ids,
 * asset metadata and the CDK version report too). Use it in jest.config.js:
 *
 *   snapshotSerializers: ['secure-ai-gateway/testing/snapshot-serializer']
 *
 * A plain object, not a class, because that is what jest loads; it is not
 * part of the jsii API (use GatewaySnapshot from other languages).
 */
const normalized = new WeakSet<object>();

const serializer = {
  test(value: unknown): boolean {
    if (typeof value === 'string') return containsHash(value);
    return isTemplate(value) && !normalized.has(value);
  },
  // Generic in jest's config and refs types, so this file needs no jest types.
  serialize<Config, Refs>(value: unknown, config: Config, indentation: string, depth: number, refs: Refs,
    printer: (value: unknown, config: Config, indentation: string, depth: number, refs: Refs) => string): string {
    if (typeof value === 'string') return JSON.stringify(scrubHashes(value));
    const template = normalizeTemplate(value as { [key: string]: unknown });
    normalized.add(template);
    return printer(template, config, indentation, depth, refs);
  },
};

export = serializer;
