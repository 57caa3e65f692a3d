import { Construct } from 'constructs';
import type { BackendBinding } from './backend-binding';
import {
  BedrockInferenceProfileOptions,
  ModelBackendConfig,
  ModelPayloadOptions,
  SageMakerEndpointBackendOptions,
  SelfHostedBackendOptions,
} from './backend-options';
import { BedrockBackend } from './bedrock-backend';
import type { ModelProxyFunction } from './model-proxy-function';
import { SageMakerEndpointBackend } from './sagemaker-endpoint-backend';
import { SelfHostedBackend } from './self-hosted-backend';

/**
 * A model a {@link ModelProxyFunction} calls. Create one with the static
 * factories; the proxy binds it, which grants the proxy's role the one invoke
 * action on this backend and opens the network path to it.
 */
export abstract class ModelBackend {
  /**
   * A SageMaker real-time endpoint: an existing one by name, or a new one
   * deployed into the model network from an image and model data.
   */
  public static sageMakerEndpoint(options: SageMakerEndpointBackendOptions): ModelBackend {
    return new BoundBackend(new SageMakerEndpointBackend(options));
  }

  /** An HTTP model server in the VPC behind an internal load balancer. */
  public static selfHosted(options: SelfHostedBackendOptions): ModelBackend {
    return new BoundBackend(new SelfHostedBackend(options));
  }

  /**
   * An Amazon Bedrock model: a foundation model of this region by id
   * (`anthropic.claude-3-haiku-20240307-v1:0`), or a system-defined
   * cross-region inference profile by id (`us.anthropic.claude-3-5-sonnet-20241022-v2:0`)
   * or ARN, with the default regions of its geography. Application inference
   * profiles, and profiles whose regions must be given, take {@link bedrockInferenceProfile}.
   */
  public static bedrock(modelId: string, options: ModelPayloadOptions = {}): ModelBackend {
    return new BoundBackend(new BedrockBackend({ ...options, prop: 'modelId', modelId }));
  }

  /** Amazon Bedrock through an inference profile: cross-region (system-defined) or application. */
  public static bedrockInferenceProfile(options: BedrockInferenceProfileOptions): ModelBackend {
    const { inferenceProfile, ...rest } = options;
    return new BoundBackend(new BedrockBackend({ ...rest, prop: 'inferenceProfile', modelId: inferenceProfile }));
  }

  /** Grants the proxy access to the backend and returns what the proxy's handler needs to call it. */
  public abstract bind(scope: Construct, proxy: ModelProxyFunction): ModelBackendConfig;
}

/**
 * What the factories return: the backends themselves implement
 * {@link BackendBinding} and do not extend this class, so their modules need
 * not import this one and the factories can import them.
 */
class BoundBackend extends ModelBackend {
  public constructor(private readonly binding: BackendBinding) {
    super();
  }

  public bind(scope: Construct, proxy: ModelProxyFunction): ModelBackendConfig {
    return this.binding.bind(scope, proxy);
  }
}
