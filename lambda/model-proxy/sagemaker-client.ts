import { InvokeEndpointCommand, type SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { safeErrorName } from '../shared/error-name';
import { isTimeoutError, ModelCallError, type ModelClient, type ModelFailureDetail } from './model-client';

export const JSON_CONTENT_TYPE = 'application/json';

/** InvokeEndpoint on one SageMaker endpoint, through the sagemaker runtime interface endpoint. */
export function sageMakerModelClient(client: Pick<SageMakerRuntimeClient, 'send'>, endpointName: string): ModelClient {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return {
    async invoke({ body, signal }) {
      try {
        const out = await client.send(new InvokeEndpointCommand({
          EndpointName: endpointName,
          Body: encoder.encode(body),
          ContentType: JSON_CONTENT_TYPE,
          Accept: JSON_CONTENT_TYPE,
        }), { abortSignal: signal });
        return { body: out.Body ? decoder.decode(out.Body) : '' };
      } catch (err) {
        throw classifySageMakerError(err);
      }
    },
  };
}

interface SdkErrorShape {
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly OriginalStatusCode?: number;
}

/**
 * SageMaker runtime failures by kind. `ModelError` wraps the container's own
 * status: its 4xx means the model refused the input, its 429 that it is
 * overloaded. `ValidationError` at this point means the endpoint is missing or
 * not in service (the proxy writes the request itself), so it is a backend fault.
 */
export function classifySageMakerError(err: unknown): ModelCallError {
  if (isTimeoutError(err)) return new ModelCallError('timeout', { backendCode: safeErrorName(err) });
  const shape = (err ?? {}) as SdkErrorShape;
  const name = safeErrorName(err);
  const status = shape.$metadata?.httpStatusCode;
  if (name === 'ModelError') {
    const original = shape.OriginalStatusCode;
    const detail: ModelFailureDetail = { backendStatus: original ?? status, backendCode: name };
    if (original === 429) return new ModelCallError('throttled', detail);
    if (original === 408 || original === 504) return new ModelCallError('timeout', detail);
    if (original !== undefined && original >= 400 && original < 500) return new ModelCallError('rejected', detail);
    return new ModelCallError('failed', detail);
  }
  const detail: ModelFailureDetail = { backendStatus: status, backendCode: name };
  // ModelNotReadyException (429): a serverless or multi-model endpoint is still loading; nothing ran, so a retry is safe.
  if (name === 'ThrottlingException' || status === 429) {
    return new ModelCallError('throttled', detail);
  }
  return new ModelCallError('failed', detail);
}
