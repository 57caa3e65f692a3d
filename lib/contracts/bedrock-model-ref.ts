/**
 * What a Bedrock `modelId` names, read from its form: a foundation model, a
 * system-defined cross-region inference profile (by id or ARN), or an
 * application inference profile (by ARN). The construct derives the IAM
 * resources from it; the model-proxy handler refuses any other form at cold
 * start. No imports, so the handler bundle includes this file as it is; not
 * exported from the package.
 */

/** `provider.model-name-version[:n]`, e.g. `anthropic.claude-3-haiku-20240307-v1:0`. */
const FOUNDATION_MODEL_ID = /^[a-z0-9-]+\.[A-Za-z0-9._-]+(?::[A-Za-z0-9._-]+)*$/;

/**
 * Prefixes of system-defined cross-region inference profile ids. `global`
 * routes to any commercial region; the others stay in their geography.
 */
export const INFERENCE_PROFILE_GEOGRAPHIES = ['us', 'us-gov', 'eu', 'apac', 'jp', 'au', 'ca', 'global'] as const;
export type InferenceProfileGeography = (typeof INFERENCE_PROFILE_GEOGRAPHIES)[number];

/** `us-east-1`, `ap-southeast-7`, `us-gov-west-1`. */
export const AWS_REGION_PATTERN = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

const PROFILE_ARN = /^arn:(aws|aws-us-gov|aws-cn):bedrock:([a-z]{2}(?:-[a-z]+)+-\d{1,2}):(\d{12}):(inference-profile|application-inference-profile)\/(.+)$/;
const APPLICATION_PROFILE_ID = /^[a-z0-9]{1,64}$/;
/** InvokeModel's own limit on `modelId`, as a `StringRule` (field-rules.ts). */
export const BEDROCK_MODEL_ID = { maxLength: 2048 } as const;

/** The parts of an inference profile ARN that decide the other ARNs of a call. */
export interface ProfileArnParts {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

export interface FoundationModelRef {
  readonly kind: 'foundation-model';
  readonly foundationModelId: string;
}

export interface SystemProfileRef {
  readonly kind: 'system-profile';
  /** `us.anthropic.claude-3-5-sonnet-20241022-v2:0` */
  readonly profileId: string;
  readonly geography: InferenceProfileGeography;
  /** The model the profile is named after: its id without the geography prefix. */
  readonly foundationModelId: string;
  /** Present when the profile was given by ARN. */
  readonly arn?: ProfileArnParts;
}

export interface ApplicationProfileRef {
  readonly kind: 'application-profile';
  readonly profileId: string;
  readonly arn: ProfileArnParts;
}

export type BedrockModelRef = FoundationModelRef | SystemProfileRef | ApplicationProfileRef;

/** Reads a `modelId`; `undefined` when it is none of the accepted forms. */
export function parseBedrockModelRef(value: string): BedrockModelRef | undefined {
  if (value.length === 0 || value.length > BEDROCK_MODEL_ID.maxLength) return undefined;
  const arn = PROFILE_ARN.exec(value);
  if (arn) {
    const [, partition, region, account, type, id] = arn;
    const parts: ProfileArnParts = { partition, region, account };
    if (type === 'application-inference-profile') {
      return APPLICATION_PROFILE_ID.test(id) ? { kind: 'application-profile', profileId: id, arn: parts } : undefined;
    }
    const system = parseSystemProfileId(id);
    return system && { ...system, arn: parts };
  }
  return parseSystemProfileId(value) ?? parseFoundationModelId(value);
}

function parseSystemProfileId(value: string): SystemProfileRef | undefined {
  const dot = value.indexOf('.');
  const geography = INFERENCE_PROFILE_GEOGRAPHIES.find((prefix) => prefix === value.slice(0, dot));
  if (geography === undefined) return undefined;
  const model = parseFoundationModelId(value.slice(dot + 1));
  return model && { kind: 'system-profile', profileId: value, geography, foundationModelId: model.foundationModelId };
}

function parseFoundationModelId(value: string): FoundationModelRef | undefined {
  if (!FOUNDATION_MODEL_ID.test(value)) return undefined;
  // No provider is named like a geography, so `us.x` is a profile id or nothing.
  const provider = value.slice(0, value.indexOf('.'));
  if ((INFERENCE_PROFILE_GEOGRAPHIES as readonly string[]).includes(provider)) return undefined;
  return { kind: 'foundation-model', foundationModelId: value };
}
