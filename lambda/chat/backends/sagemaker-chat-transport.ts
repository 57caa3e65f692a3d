/**
 * OpenAI-compatible chat on a SageMaker endpoint whose container speaks the
 * messages API (LMI, TGI): InvokeEndpoint for buffered answers,
 * InvokeEndpointWithResponseStream for streams, whose PayloadPart bytes carry
 * the container's server-sent events cut anywhere. An in-stream
 * `ModelStreamError` or `InternalStreamFailure` fails the stream.
 * IAM: `sagemaker:InvokeEndpoint` and `sagemaker:InvokeEndpointWithResponseStream`.
 */
import {
  InvokeEndpointCommand, InvokeEndpointWithResponseStreamCommand, type ResponseStream, type SageMakerRuntimeClient,
} from '@aws-sdk/client-sagemaker-runtime';
import { MAX_RESPONSE_BYTES } from '../../model-proxy/http-client';
import { ModelCallError } from '../../model-proxy/model-client';
import { classifySageMakerError, JSON_CONTENT_TYPE } from '../../model-proxy/sagemaker-client';
import { raceAbort } from './abort';
import { RESPONSE_TOO_LARGE } from './failure-codes';
import type { OpenAiChatTransport } from './openai-chat-transport';
import { streamReadFailure } from './stream-read';

const STREAM_FAILURES = ['ModelStreamError', 'InternalStreamFailure'] as const;

export function sageMakerChatTransport(client: Pick<SageMakerRuntimeClient, 'send'>, endpointName: string): OpenAiChatTransport {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  return {
    async complete(body, signal) {
      try {
        const out = await raceAbort(client.send(new InvokeEndpointCommand({
          EndpointName: endpointName,
          Body: encoder.encode(body),
          ContentType: JSON_CONTENT_TYPE,
          Accept: JSON_CONTENT_TYPE,
        }), { abortSignal: signal }), signal);
        const bytes = out.Body ?? new Uint8Array();
        if (bytes.byteLength > MAX_RESPONSE_BYTES) throw new ModelCallError('failed', { backendCode: RESPONSE_TOO_LARGE });
        return decoder.decode(bytes);
      } catch (err) {
        throw err instanceof ModelCallError ? err : classifySageMakerError(err);
      }
    },
    stream(body, signal) {
      return { [Symbol.asyncIterator]: () => sageMakerStream(client, endpointName, encoder.encode(body), signal) };
    },
  };
}

async function* sageMakerStream(
  client: Pick<SageMakerRuntimeClient, 'send'>,
  endpointName: string,
  body: Uint8Array,
  signal: AbortSignal,
): AsyncGenerator<Uint8Array> {
  let events: AsyncIterable<ResponseStream> | undefined;
  try {
    events = (await client.send(new InvokeEndpointWithResponseStreamCommand({
      EndpointName: endpointName,
      Body: body,
      ContentType: JSON_CONTENT_TYPE,
    }), { abortSignal: signal })).Body;
  } catch (err) {
    throw classifySageMakerError(err);
  }
  if (!events) return;
  try {
    for await (const event of events) {
      // Events of kinds newer than this SDK arrive empty.
      if (!event) continue;
      const bytes = event.PayloadPart?.Bytes;
      if (bytes) {
        yield bytes;
        continue;
      }
      const failure = STREAM_FAILURES.find((name) => event[name] !== undefined);
      if (failure) throw new ModelCallError('failed', { backendCode: failure });
    }
  } catch (err) {
    throw streamReadFailure(err, classifySageMakerError);
  }
}
