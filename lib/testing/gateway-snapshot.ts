import { Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HASH_PLACEHOLDER, normalizeTemplate, scrubHashes } from './scrub';
import { UnscopedValidationErrorLike } from '../private/unscoped-error';

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

  /**
   * Synthesizes the stack (running its validations) and returns its normalized
   * template. Fails when the stack needed context that `cdk synth` would look
   * up in an account (availability zones, a VPC, ...): a snapshot of the CDK's
   * dummy values would pass today and say nothing about the deployed stack.
   * Give such values as context (`new App({ context })` or `CDK_CONTEXT_JSON`).
   */
  public static normalizedTemplate(stack: Stack): { [key: string]: unknown } {
    const template = Template.fromStack(stack).toJSON();
    const missing = (Stage.of(stack)?.synth().manifest.missing ?? []).map((m) => m.key);
    if (missing.length > 0) {
      throw new UnscopedValidationErrorLike(`Stack ${stack.stackName} needs context values that are looked up in an AWS account: `
        + `${missing.join(', ')}. Give them as context (new App({ context }) or CDK_CONTEXT_JSON) so the snapshot holds real values, not the CDK's dummies.`);
    }
    return normalizeTemplate(template);
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
