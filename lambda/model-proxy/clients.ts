import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { BackendConfig } from '../../lib/contracts/model-proxy';
import { bedrockModelClient } from './bedrock-client';
import { httpModelClient } from './http-client';
import type { ModelClient } from './model-client';
import { sageMakerModelClient } from './sagemaker-client';

/** Overrides for the AWS SDK clients; tests point them at a loopback server. */
export interface SdkClientOverrides {
  readonly endpoint?: string;
  readonly region?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** How long to wait for a TCP connection to a backend before giving up on the attempt. */
export const CONNECTION_TIMEOUT_MS = 3000;

/**
 * Builds the backend's client once per execution environment. SDK retries are
 * off (`maxAttempts: 1`): the proxy retries itself, only when safe and only
 * within the function's time budget.
 */
export function createModelClient(backend: BackendConfig, overrides: SdkClientOverrides = {}): ModelClient {
  const sdkOptions = {
    maxAttempts: 1,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS },
    ...overrides,
  };
  switch (backend.type) {
    case 'sagemaker':
      return sageMakerModelClient(new SageMakerRuntimeClient(sdkOptions), backend.endpointName);
    case 'bedrock':
      return bedrockModelClient(new BedrockRuntimeClient(sdkOptions), backend.modelId);
    default:
      return httpModelClient({ url: backend.url });
  }
}
