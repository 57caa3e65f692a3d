/**
 * The chat backend of a route, built once per execution environment from the
 * proxy configuration: Bedrock always through Converse; SageMaker and HTTP
 * servers through the OpenAI chat API when their request format is
 * OPENAI_CHAT, otherwise through one rendered prompt in their format. SDK
 * clients are set up as the invoke route's (clients.ts): no SDK retries, the
 * same connection timeout.
 */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { CONNECTION_TIMEOUT_MS, createModelClient, type SdkClientOverrides } from '../../model-proxy/clients';
import type { TargetSpec } from '../../routing/router';
import type { ChatBackend } from '../backend';
import { bedrockConverseBackend } from './bedrock-converse';
import { httpChatTransport } from './http-chat-transport';
import { openAiChatBackend } from './openai-chat-backend';
import type { OpenAiChatTransport } from './openai-chat-transport';
import { promptBackend } from './prompt-backend';
import { sageMakerChatTransport } from './sagemaker-chat-transport';

/** `config` is a routed target's spec, or the whole configuration of a route without routing (its single-target fields). */
export function createChatBackend(config: TargetSpec, overrides: SdkClientOverrides = {}): ChatBackend {
  const { backend } = config;
  const sdkOptions = {
    maxAttempts: 1,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS },
    ...overrides,
  };
  if (backend.type === 'bedrock') return bedrockConverseBackend(new BedrockRuntimeClient(sdkOptions), backend.modelId);
  if (config.requestFormat === 'OPENAI_CHAT') {
    const transport: OpenAiChatTransport = backend.type === 'sagemaker'
      ? sageMakerChatTransport(new SageMakerRuntimeClient(sdkOptions), backend.endpointName)
      : httpChatTransport({ url: backend.url });
    return openAiChatBackend(transport, config.requestModelName === undefined ? {} : { requestModelName: config.requestModelName });
  }
  return promptBackend(createModelClient(backend, overrides), {
    requestFormat: config.requestFormat,
    responseTextPath: config.responseTextPath,
    ...(config.requestModelName === undefined ? {} : { requestModelName: config.requestModelName }),
  });
}
