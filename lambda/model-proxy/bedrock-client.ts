import { type BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { safeErrorName } from '../shared/error-name';
import { isTimeoutError, ModelCallError, type ModelClient } from './model-client';
import { JSON_CONTENT_TYPE } from './sagemaker-client';

/**
 * InvokeModel through the bedrock-runtime interface endpoint. `modelId` is the
 * configured target as it is: a foundation-model id, or an inference profile
 * id or ARN, which Bedrock routes to one of the profile's regions.
 */
export function bedrockModelClient(client: Pick<BedrockRuntimeClient, 'send'>, modelId: string): ModelClient {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return {
    async invoke({ body, signal }) {
      try {
        const out = await client.send(new InvokeModelCommand({
          modelId,
          body: encoder.encode(body),
          contentType: JSON_CONTENT_TYPE,
          accept: JSON_CONTENT_TYPE,
        }), { abortSignal: signal });
        // InvokeModel always answers a JSON body: an empty one is a cut transfer (a reset HTTP/2 stream after its
        // headers reads as an empty body), a backend failure the routing may fail over from, not an answer.
        if (!out.body || out.body.length === 0) throw new ModelCallError('failed', { backendCode: 'EmptyAnswer' });
        return { body: decoder.decode(out.body) };
      } catch (err) {
        throw err instanceof ModelCallError ? err : classifyBedrockError(err);
      }
    },
  };
}

const THROTTLED = new Set(['ThrottlingException', 'ServiceQuotaExceededException']);

/**
 * Bedrock failures by kind. `ValidationException` is about the body the
 * caller's prompt produced (too long for the model, parameters it refuses).
 */
export function classifyBedrockError(err: unknown): ModelCallError {
  const name = safeErrorName(err);
  const status = (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const detail = { backendStatus: status, backendCode: name };
  if (isTimeoutError(err) || name === 'ModelTimeoutException') return new ModelCallError('timeout', detail);
  if (THROTTLED.has(name) || status === 429) return new ModelCallError('throttled', detail);
  if (name === 'ValidationException') return new ModelCallError('rejected', detail);
  return new ModelCallError('failed', detail);
}
