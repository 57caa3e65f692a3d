import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HASH_PLACEHOLDER, normalizeTemplate, scrubHashes } from './scrub';

/**
 * Snapshot-testing helpers: a stack's template with the values that change
 * without a change in meaning replaced, so snapshots change only when the
 * infrastructure does. Replaced: asset hashes (in S3 keys, asset folders,
 * image tags), logical ids that end in a content hash (API Gateway
 * deployments, Lambda versions) wherever they are referenced, `aws:asset:*`
 * metadata and the CDK version report (`CDKMetadata`).
 *
 * For jest, `secure-ai-gateway/testing/snapshot-serializer` does
 * the same to every snapshot.
 */
export class GatewaySnapshot {
  /** What a replaced hash reads as. */
  public static readonly HASH_PLACEHOLDER = HASH_PLACEHOLDER;

  /** Synthesizes the stack (running its validations) and returns its normalized template. */
  public static normalizedTemplate(stack: Stack): { [key: string]: unknown } {
    return normalizeTemplate(Template.fromStack(stack).toJSON());
  }

  /** Normalizes a template that was synthesized already, e.g. read from `cdk.out`. */
  public static normalize(template: { [key: string]: unknown }): { [key: string]: unknown } {
    return normalizeTemplate(template);
  }

  /** Replaces the asset hashes in one string. */
  public static scrub(text: string): string {
    return scrubHashes(text);
  }

  private constructor() {}
}
