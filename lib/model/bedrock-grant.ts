import * as iam from 'aws-cdk-lib/aws-iam';

export const BEDROCK_INVOKE_ACTION = 'bedrock:InvokeModel';
/** What Converse and InvokeModel need. */
export const BEDROCK_INVOKE_ACTIONS: readonly string[] = [BEDROCK_INVOKE_ACTION];
/** What the chat function needs: Converse (InvokeModel) and ConverseStream (InvokeModelWithResponseStream). */
export const BEDROCK_CHAT_ACTIONS: readonly string[] = [BEDROCK_INVOKE_ACTION, 'bedrock:InvokeModelWithResponseStream'];

/** Everything Bedrock authorizes on one InvokeModel (or InvokeModelWithResponseStream) call of the proxy. */
export interface BedrockInvokeTarget {
  readonly partition: string;
  /** The region the proxy calls bedrock-runtime in. */
  readonly sourceRegion: string;
  readonly foundationModelId: string;
  /**
   * The profiles the call passes: the application profile, the system profile,
   * or both (an application profile copied from a system profile). Empty for a
   * foundation model called directly.
   */
  readonly profileArns: string[];
  /** Regions whose foundation-model ARN is granted, the source region first. */
  readonly regions: string[];
  /** A global profile: routed to any commercial region, authorized on the region-less foundation-model ARN. */
  readonly global: boolean;
}

/** The proxy role's statements, and the resources the endpoint policy admits. */
export interface BedrockGrant {
  readonly statements: iam.PolicyStatement[];
  readonly resources: string[];
}

/**
 * The exact grant of the given actions on one target, as the Amazon Bedrock user guide states it:
 * through a profile, Bedrock authorizes the profile ARN and then the foundation
 * model in the region that serves the call, so each region's foundation-model
 * ARN is granted, conditioned on `bedrock:InferenceProfileArn` so the role
 * cannot call the model other than through its profile. A global profile is
 * authorized on `arn:<partition>:bedrock:::foundation-model/<id>` with
 * `aws:RequestedRegion` = `unspecified`, and the source-region ARNs with the
 * source region.
 */
export function bedrockGrant(target: BedrockInvokeTarget, grantedActions: readonly string[] = BEDROCK_INVOKE_ACTIONS): BedrockGrant {
  const modelArn = (region: string) => `arn:${target.partition}:bedrock:${region}::foundation-model/${target.foundationModelId}`;
  const actions = [...grantedActions];
  if (target.profileArns.length === 0) {
    const arn = modelArn(target.sourceRegion);
    return { statements: [new iam.PolicyStatement({ sid: 'InvokeBedrockModel', actions, resources: [arn] })], resources: [arn] };
  }

  const throughProfile = { 'bedrock:InferenceProfileArn': target.profileArns.length === 1 ? target.profileArns[0] : target.profileArns };
  const inSourceRegion = target.global ? { 'aws:RequestedRegion': target.sourceRegion } : {};
  const regionalArns = target.regions.map(modelArn);
  const statements = [
    new iam.PolicyStatement({
      sid: 'InvokeBedrockInferenceProfile',
      actions,
      resources: target.profileArns,
      conditions: target.global ? { StringEquals: inSourceRegion } : undefined,
    }),
    new iam.PolicyStatement({
      sid: 'InvokeBedrockModelThroughProfile',
      actions,
      resources: regionalArns,
      conditions: { StringEquals: { ...inSourceRegion, ...throughProfile } },
    }),
  ];
  if (!target.global) return { statements, resources: [...target.profileArns, ...regionalArns] };

  const globalArn = `arn:${target.partition}:bedrock:::foundation-model/${target.foundationModelId}`;
  statements.push(new iam.PolicyStatement({
    sid: 'InvokeBedrockGlobalModelThroughProfile',
    actions,
    resources: [globalArn],
    conditions: { StringEquals: { 'aws:RequestedRegion': 'unspecified', ...throughProfile } },
  }));
  return { statements, resources: [...target.profileArns, ...regionalArns, globalArn] };
}
