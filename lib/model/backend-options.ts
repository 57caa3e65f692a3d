import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { SageMakerModelEndpointOptions } from './sagemaker-model-endpoint';

/** What kind of backend a model proxy calls. */
export enum ModelBackendType {
  /** A SageMaker real-time endpoint, through the sagemaker runtime interface endpoint. */
  SAGEMAKER_ENDPOINT = 'SAGEMAKER_ENDPOINT',
  /** An HTTP model server in the VPC (vLLM, TGI, Triton) behind an internal load balancer. */
  SELF_HOSTED_HTTP = 'SELF_HOSTED_HTTP',
  /** An Amazon Bedrock foundation model or inference profile, through the bedrock-runtime interface endpoint. */
  BEDROCK = 'BEDROCK',
}

/**
 * The body the proxy sends to the model, built from the caller's
 * `{ prompt, parameters: { maxTokens, temperature, topP, stopSequences } }`.
 */
export enum RequestFormat {
  /** The caller's payload as it is: `{ "prompt": ..., "parameters": { ... } }`. */
  PASSTHROUGH = 'PASSTHROUGH',
  /**
   * Hugging Face TGI and SageMaker's Hugging Face / LMI containers:
   * `{ "inputs": ..., "parameters": { "max_new_tokens", "temperature", "top_p", "stop", "return_full_text": false } }`.
   */
  HUGGING_FACE = 'HUGGING_FACE',
  /** OpenAI-compatible completions (vLLM): `{ "model", "prompt", "max_tokens", "temperature", "top_p", "stop" }`. */
  OPENAI_COMPLETIONS = 'OPENAI_COMPLETIONS',
  /**
   * OpenAI-compatible chat completions (vLLM, TGI's Messages API, LMI):
   * `{ "model", "messages": [...], "max_tokens", "temperature", "top_p", "stop" }`.
   * The chat completions route then forwards whole conversations and streams
   * (SSE) from SageMaker and self-hosted servers.
   */
  OPENAI_CHAT = 'OPENAI_CHAT',
  /** Anthropic Messages on Bedrock: `{ "anthropic_version", "max_tokens", "messages": [...], ... }`. */
  ANTHROPIC_MESSAGES = 'ANTHROPIC_MESSAGES',
}

/** How the proxy writes the model's request and reads its answer. */
export interface ModelPayloadOptions {
  /**
   * The request body format.
   * @default RequestFormat.PASSTHROUGH (RequestFormat.ANTHROPIC_MESSAGES for Anthropic models on Bedrock)
   */
  readonly requestFormat?: RequestFormat;
  /**
   * Where the generated text sits in the model's JSON answer: field names and
   * `[index]` steps, e.g. `generated_text`, `outputs[0].text`, `[0].generated_text`.
   * A top-level array of one result is unwrapped when the path starts with a name.
   * @default - by format: `generated_text` (PASSTHROUGH, HUGGING_FACE),
   * `choices[0].text` (OPENAI_COMPLETIONS), `choices[0].message.content` (OPENAI_CHAT), `content[0].text` (ANTHROPIC_MESSAGES)
   */
  readonly responseTextPath?: string;
  /**
   * The `model` field of OPENAI_COMPLETIONS and OPENAI_CHAT bodies: the name the server serves the model under.
   * @default - no `model` field
   */
  readonly requestModelName?: string;
}

/** Options of `ModelBackend.sageMakerEndpoint`: `existingEndpointName` or `endpointProps`, not both. */
export interface SageMakerEndpointBackendOptions extends ModelPayloadOptions {
  /**
   * The name of an endpoint that already serves the model in this account and region.
   * @default - none; `endpointProps` must be given
   */
  readonly existingEndpointName?: string;
  /**
   * A new endpoint to deploy into the model network.
   * @default - none; `existingEndpointName` must be given
   */
  readonly endpointProps?: SageMakerModelEndpointOptions;
}

/** Options of `ModelBackend.selfHosted`. */
export interface SelfHostedBackendOptions extends ModelPayloadOptions {
  /**
   * The URL the proxy POSTs to, on the internal load balancer in front of the
   * model server, e.g. `https://${nlb.loadBalancerDnsName}/generate`.
   */
  readonly url: string;
  /**
   * The internal load balancer (or its security group, or a `Connections`
   * with a peer for a load balancer without security groups). The proxy's
   * security group gets an egress rule to it, and it an ingress rule from the
   * proxy, on the URL's port.
   */
  readonly loadBalancer: ec2.IConnectable;
  /**
   * Accept a plain `http:` URL: prompts then cross the VPC unencrypted. Adds a warning.
   * @default false
   */
  readonly allowInsecureHttp?: boolean;
}

/**
 * Options of `ModelBackend.bedrockInferenceProfile`: a cross-region
 * inference profile whose regions must be narrowed or given, or an
 * application inference profile, whose ARN does not say which model and
 * regions it routes to.
 */
export interface BedrockInferenceProfileOptions extends ModelPayloadOptions {
  /**
   * The profile the proxy invokes: a system-defined cross-region inference
   * profile id (`us.anthropic.claude-3-5-sonnet-20241022-v2:0`; prefixes
   * `us`, `us-gov`, `eu`, `apac`, `jp`, `au`, `ca`, `global`) or ARN
   * (`arn:aws:bedrock:<region>:<account>:inference-profile/<id>`), or an
   * application inference profile ARN
   * (`arn:aws:bedrock:<region>:<account>:application-inference-profile/<id>`).
   * ARNs must be of the stack's region and account.
   */
  readonly inferenceProfile: string;
  /**
   * What an application inference profile was created from: the
   * foundation-model id (the profile then runs in its own region) or the
   * cross-region inference profile id or ARN (the profile then routes to that
   * profile's regions). Refused for a cross-region profile, whose id names its model.
   * @default - none; required for an application inference profile
   */
  readonly copyFrom?: string;
  /**
   * The regions the cross-region profile routes to (the user guide lists them
   * per model). The stack's region is always granted as the source region.
   * Refused for a global profile and for an application profile copied from a foundation model.
   * @default - every region of the profile's geography in the built-in table
   * (`ca` has none and needs this list)
   */
  readonly regions?: string[];
}

/** What a backend tells the proxy function when it is bound to it. */
export interface ModelBackendConfig {
  /** The backend kind. */
  readonly backendType: ModelBackendType;
  /** The SageMaker endpoint name, the Bedrock model id or inference profile id/ARN, or the model server URL. */
  readonly target: string;
  /** The request body format. */
  readonly requestFormat: RequestFormat;
  /** Where the generated text sits in the answer. */
  readonly responseTextPath: string;
  /**
   * The `model` field of OpenAI-style bodies.
   * @default - none
   */
  readonly requestModelName?: string;
  /**
   * Whether a plain-HTTP URL is accepted.
   * @default false
   */
  readonly allowInsecureHttp?: boolean;
}
