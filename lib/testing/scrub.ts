/**
 * Scrubbing of the values in a CloudFormation template that change without
 * a change in meaning, so that snapshots change only when the
 * infrastructure does. No imports: the jest serializer loads this file alone.
 */

/** What a scrubbed hash reads as. */
export const HASH_PLACEHOLDER = '[HASH]';

/** Asset hashes: S3 keys (`<hash>.zip`), staged asset folders, image tags. */
const ASSET_HASH = /[0-9a-f]{64}/g;

/**
 * Logical ids that end in a content hash after the path hash: API Gateway
 * deployments and Lambda versions. They change with every change to the API
 * or the function, which the snapshot already shows in the resource itself.
 */
const CONTENT_HASH_ID = /^([A-Za-z0-9]*[0-9A-F]{8})[0-9a-f]{32}$/;

/** The CDK's version report: it changes with the CDK version and the CLI flags. */
const VERSION_REPORT = { resource: 'CDKMetadata', condition: 'CDKMetadataAvailable' };

/** Metadata that name staged asset folders and paths on the build machine. */
const ASSET_METADATA_PREFIX = 'aws:asset:';

type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function containsHash(text: string): boolean {
  return new RegExp(ASSET_HASH.source).test(text);
}

/** Replaces asset hashes in a string. */
export function scrubHashes(text: string): string {
  return text.replace(ASSET_HASH, HASH_PLACEHOLDER);
}

/** Whether a value is a synthesized CloudFormation template (an object of typed resources). */
export function isTemplate(value: unknown): value is JsonObject {
  if (!isObject(value) || !isObject(value.Resources)) return false;
  const resources = Object.values(value.Resources);
  return resources.length > 0 && resources.every((resource) => isObject(resource) && typeof resource.Type === 'string');
}

/**
 * A copy of the template with asset hashes, content-hashed logical ids (and
 * every reference to them), asset metadata and the CDK version report replaced or removed.
 */
export function normalizeTemplate(template: JsonObject): JsonObject {
  const copy = JSON.parse(JSON.stringify(template)) as JsonObject;
  const resources = (isObject(copy.Resources) ? copy.Resources : {}) as Record<string, JsonObject>;
  delete resources[VERSION_REPORT.resource];
  if (isObject(copy.Conditions)) {
    delete copy.Conditions[VERSION_REPORT.condition];
    if (Object.keys(copy.Conditions).length === 0) delete copy.Conditions;
  }
  for (const resource of Object.values(resources)) {
    if (!isObject(resource.Metadata)) continue;
    for (const key of Object.keys(resource.Metadata)) {
      if (key.startsWith(ASSET_METADATA_PREFIX)) delete resource.Metadata[key];
    }
    if (Object.keys(resource.Metadata).length === 0) delete resource.Metadata;
  }
  const renames = Object.keys(resources).flatMap((id) => {
    const match = CONTENT_HASH_ID.exec(id);
    return match ? [[id, `${match[1]}${HASH_PLACEHOLDER}`] as const] : [];
  });
  let text = scrubHashes(JSON.stringify(copy));
  for (const [from, to] of renames) text = text.split(from).join(to);
  return JSON.parse(text) as JsonObject;
}
