import type { InferenceProfileGeography } from '../contracts/bedrock-model-ref';

/**
 * The destination regions of the system-defined cross-region inference
 * profiles of each geography, as the Amazon Bedrock user guide lists them
 * ("Supported Regions and models for inference profiles"). A geography's
 * profiles differ per model; this is their union, so a policy may name a
 * region that one model's profile never routes to. The role can reach the
 * model there only through this one profile (`bedrock:InferenceProfileArn`),
 * and `regions` narrows the list to a model's exact one.
 *
 * `ca` has no entry: its list must be given. `global` has none either:
 * it routes to any commercial region and is granted through the region-less
 * foundation-model ARN instead.
 */
export const INFERENCE_PROFILE_REGIONS: Readonly<Partial<Record<InferenceProfileGeography, readonly string[]>>> = {
  'us': ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'],
  'us-gov': ['us-gov-east-1', 'us-gov-west-1'],
  'eu': ['eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3'],
  'apac': [
    'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2', 'ap-southeast-1',
    'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'me-central-1',
  ],
  'jp': ['ap-northeast-1', 'ap-northeast-3'],
  'au': ['ap-southeast-2', 'ap-southeast-4'],
};
