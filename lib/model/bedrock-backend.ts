import { Aws, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { BEDROCK_CHAT_ACTIONS, BEDROCK_INVOKE_ACTIONS, bedrockGrant, BedrockInvokeTarget } from './bedrock-grant';
import { AWS_REGION_PATTERN, BedrockModelRef, parseBedrockModelRef, ProfileArnParts, SystemProfileRef } from '../contracts/bedrock-model-ref';
import { INFERENCE_PROFILE_REGIONS } from './inference-profile-regions';
import type { BackendBinding } from './backend-binding';
import { ModelBackendConfig, ModelBackendType, ModelPayloadOptions, RequestFormat } from './backend-options';
import type { ModelProxyFunction } from './model-proxy-function';
import { resolvePayload } from './payload-options';
import { addStatementsWithUniqueSids } from './unique-sids';
import { invalidProp } from '../private/validation';

/** What the two factories hand over; `prop` names the model id's prop in error messages. */
export interface BedrockBackendSpec extends ModelPayloadOptions {
  readonly prop: 'modelId' | 'inferenceProfile';
  readonly modelId: string;
  readonly copyFrom?: string;
  readonly regions?: string[];
}

const ACCEPTED_FORMS = 'a foundation-model id (anthropic.claude-3-haiku-20240307-v1:0), a cross-region inference profile id '
  + '(us.anthropic.claude-3-5-sonnet-20241022-v2:0; prefixes us, us-gov, eu, apac, jp, au, ca, global) or an inference profile ARN '
  + '(arn:aws:bedrock:<region>:<account>:inference-profile/<id> or :application-inference-profile/<id>)';

/**
 * Amazon Bedrock InvokeModel (and, for the chat function, InvokeModelWithResponseStream)
 * on a foundation model of this region, or through an inference profile. The roles and
 * the bedrock-runtime endpoint policy get exactly the ARNs Bedrock authorizes for that
 * call (see `bedrockGrant`).
 */
export class BedrockBackend implements BackendBinding {
  public constructor(private readonly spec: BedrockBackendSpec) {}

  public bind(scope: Construct, proxy: ModelProxyFunction): ModelBackendConfig {
    const target = this.resolveTarget(scope);
    const anthropic = target.foundationModelId.startsWith('anthropic.');
    if (!anthropic && (this.spec.requestFormat === undefined || this.spec.responseTextPath === undefined)) {
      invalidProp(scope, 'requestFormat and responseTextPath', this.spec.modelId,
        'both, for a Bedrock model that is not an Anthropic model (each model family has its own body)');
    }
    const payload = resolvePayload(scope, this.spec, anthropic ? RequestFormat.ANTHROPIC_MESSAGES : RequestFormat.PASSTHROUGH);
    // Only the chat function streams (ConverseStream); the invoke function gets InvokeModel alone.
    const grants = [
      { policy: proxy.policy, role: proxy.role, actions: BEDROCK_INVOKE_ACTIONS },
      { policy: proxy.chatPolicy, role: proxy.chatRole, actions: BEDROCK_CHAT_ACTIONS },
    ];
    for (const { policy, role, actions } of grants) {
      const grant = bedrockGrant(target, actions);
      addStatementsWithUniqueSids(policy, ...grant.statements);
      // The endpoint policy admits the same resources for this role only; the profile
      // condition stays in the role policy, the one place Bedrock documents it for.
      proxy.network.grantEndpointAccess({
        service: ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME,
        role,
        actions: [...actions],
        resources: grant.resources,
        peer: proxy,
      });
    }
    return { backendType: ModelBackendType.BEDROCK, target: this.spec.modelId, ...payload };
  }

  private resolveTarget(scope: Construct): BedrockInvokeTarget {
    const { prop, modelId } = this.spec;
    if (Token.isUnresolved(modelId)) {
      invalidProp(scope, prop, modelId, `a literal string, not a token: its form decides the IAM policy. Accepted: ${ACCEPTED_FORMS}`);
    }
    const ref = parseBedrockModelRef(modelId);
    if (!ref) invalidProp(scope, prop, modelId, ACCEPTED_FORMS);
    const stack = Stack.of(scope);
    if (ref.kind !== 'foundation-model' && ref.arn) checkArnPlace(scope, prop, modelId, ref.arn, stack);
    this.checkOptionsFit(scope, ref);

    const sourceRegion = stack.region;
    switch (ref.kind) {
      case 'foundation-model':
        return { partition: Aws.PARTITION, sourceRegion: Aws.REGION, foundationModelId: ref.foundationModelId, profileArns: [], regions: [], global: false };
      case 'system-profile': {
        const place = ref.arn ?? { partition: Aws.PARTITION, region: sourceRegion, account: stack.account };
        return this.throughSystemProfile(scope, ref, place, [ref.arn ? modelId : profileArn(place, ref.profileId)]);
      }
      default: {
        const source = parseBedrockModelRef(this.spec.copyFrom!);
        if (!source || source.kind === 'application-profile') {
          return invalidProp(scope, 'copyFrom', this.spec.copyFrom,
            'the foundation-model id or the cross-region inference profile id (or ARN) the application inference profile was created from');
        }
        if (source.kind === 'system-profile') {
          if (source.arn && (source.arn.region !== ref.arn.region || source.arn.account !== ref.arn.account)) {
            invalidProp(scope, 'copyFrom', this.spec.copyFrom, 'an inference profile of the application profile\'s own region and account');
          }
          const systemArn = source.arn ? this.spec.copyFrom! : profileArn(ref.arn, source.profileId);
          return this.throughSystemProfile(scope, source, ref.arn, [modelId, systemArn]);
        }
        if (this.spec.regions !== undefined) {
          invalidProp(scope, 'regions', this.spec.regions,
            'no regions for an application inference profile copied from a foundation model (it runs in its own region)');
        }
        return {
          partition: ref.arn.partition,
          sourceRegion: ref.arn.region,
          foundationModelId: source.foundationModelId,
          profileArns: [modelId],
          regions: [ref.arn.region],
          global: false,
        };
      }
    }
  }

  private throughSystemProfile(scope: Construct, profile: SystemProfileRef, place: ProfileArnParts, profileArns: string[]): BedrockInvokeTarget {
    const common = { partition: place.partition, sourceRegion: place.region, foundationModelId: profile.foundationModelId, profileArns };
    if (profile.geography === 'global') {
      if (this.spec.regions !== undefined) {
        invalidProp(scope, 'regions', this.spec.regions,
          'no regions for a global inference profile (it routes to any commercial region; the region-less foundation-model ARN is granted)');
      }
      return { ...common, regions: [place.region], global: true };
    }
    const destinations = this.destinationRegions(scope, profile, place.region);
    return { ...common, regions: [...new Set([place.region, ...destinations])], global: false };
  }

  private destinationRegions(scope: Construct, profile: SystemProfileRef, sourceRegion: string): readonly string[] {
    const given = this.spec.regions;
    if (given !== undefined) {
      validateRegions(scope, given);
      return given;
    }
    const known = INFERENCE_PROFILE_REGIONS[profile.geography];
    if (!known) {
      return invalidProp(scope, 'regions', undefined,
        `the regions the ${profile.geography}. inference profile routes to (this geography has no built-in list)`);
    }
    if (!Token.isUnresolved(sourceRegion) && !known.includes(sourceRegion)) {
      invalidProp(scope, this.spec.prop, profile.profileId,
        `an inference profile of this stack's region ${sourceRegion}: the ${profile.geography} geography routes to ${known.join(', ')}. `
        + 'If the user guide lists this region as a source region of the profile, give its destination regions in `regions`');
    }
    return known;
  }

  /** Options that would be silently ignored are refused instead. */
  private checkOptionsFit(scope: Construct, ref: BedrockModelRef): void {
    const { prop, modelId, copyFrom, regions } = this.spec;
    if (ref.kind === 'application-profile' && copyFrom === undefined) {
      invalidProp(scope, prop, modelId, prop === 'modelId'
        ? 'ModelBackend.bedrockInferenceProfile({ inferenceProfile, copyFrom }) for an application inference profile: '
          + 'its ARN does not say which model and regions it routes to'
        : 'copyFrom with it: an application inference profile ARN does not say which model and regions it routes to');
    }
    if (ref.kind === 'foundation-model' && prop === 'inferenceProfile') {
      invalidProp(scope, prop, modelId, 'an inference profile id or ARN (ModelBackend.bedrock takes a foundation-model id)');
    }
    if (ref.kind === 'system-profile' && copyFrom !== undefined) {
      invalidProp(scope, 'copyFrom', copyFrom, 'no value for a cross-region inference profile (its id names its model)');
    }
    if (ref.kind === 'foundation-model' && regions !== undefined) {
      invalidProp(scope, 'regions', regions, 'no regions for a foundation model (it is called in this region)');
    }
  }
}

function profileArn(place: ProfileArnParts, profileId: string): string {
  return `arn:${place.partition}:bedrock:${place.region}:${place.account}:inference-profile/${profileId}`;
}

/** The proxy calls bedrock-runtime in its own region and account, so a profile elsewhere could never answer. */
function checkArnPlace(scope: Construct, prop: string, value: unknown, arn: ProfileArnParts, stack: Stack): void {
  if (!Token.isUnresolved(stack.region) && arn.region !== stack.region) {
    invalidProp(scope, prop, value, `an inference profile ARN of this stack's region ${stack.region} (the proxy calls Bedrock in its own region)`);
  }
  if (!Token.isUnresolved(stack.account) && arn.account !== stack.account) {
    invalidProp(scope, prop, value, `an inference profile ARN of this stack's account ${stack.account}`);
  }
}

function validateRegions(scope: Construct, regions: readonly string[]): void {
  if (regions.length === 0) invalidProp(scope, 'regions', regions, 'at least one region the inference profile routes to');
  const seen = new Set<string>();
  for (const region of regions) {
    if (Token.isUnresolved(region)) continue;
    if (!AWS_REGION_PATTERN.test(region)) invalidProp(scope, 'regions', region, 'region names such as us-east-1, without wildcards');
    if (seen.has(region)) invalidProp(scope, 'regions', region, 'unique regions (this one appears more than once)');
    seen.add(region);
  }
}
