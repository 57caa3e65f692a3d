/**
 * Chat on Bedrock through Converse (buffered) and ConverseStream (streamed):
 * one request shape for every model family, usage and stop reason included.
 * IAM: `bedrock:InvokeModel` for Converse, `bedrock:InvokeModelWithResponseStream`
 * for ConverseStream, on the model or inference profile (and the profile's
 * foundation models).
 */
import { type BedrockRuntimeClient, ConverseCommand, type ConverseStreamOutput, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { classifyBedrockError } from '../../model-proxy/bedrock-client';
import { ModelCallError } from '../../model-proxy/model-client';
import { type ChatBackend, type ChatBackendRequest, type ChatStreamEvent, STREAM_INCOMPLETE, type BackendUsage } from '../backend';
import { linkAbort, raceAbort, toModelCallError } from './abort';
import { converseFinishReason, converseInput, converseText, converseUsage } from './converse-request';
import { UNEXPECTED_RESPONSE } from './failure-codes';
import { readNext } from './stream-read';

/** The exception events a stream can carry, by member name, with the error names `classifyBedrockError` knows. */
const STREAM_EXCEPTIONS = {
  internalServerException: 'InternalServerException',
  modelStreamErrorException: 'ModelStreamErrorException',
  serviceUnavailableException: 'ServiceUnavailableException',
  throttlingException: 'ThrottlingException',
  validationException: 'ValidationException',
} as const;

/** `modelId` as configured: a foundation-model id, or an inference profile id or ARN. */
export function bedrockConverseBackend(client: Pick<BedrockRuntimeClient, 'send'>, modelId: string): ChatBackend {
  return {
    streams: true,
    async complete(request) {
      const { signal } = request;
      try {
        const input = converseInput(modelId, request);
        const out = await raceAbort(client.send(new ConverseCommand(input), { abortSignal: signal }), signal);
        const message = out.output?.message;
        if (!message) throw new ModelCallError('failed', { backendCode: UNEXPECTED_RESPONSE });
        const usage = converseUsage(out.usage);
        return { text: converseText(message.content), finishReason: converseFinishReason(out.stopReason), ...(usage ? { usage } : {}) };
      } catch (err) {
        throw toModelCallError(err, signal, classifyBedrockError);
      }
    },
    stream(request) {
      return { [Symbol.asyncIterator]: () => converseStream(client, modelId, request) };
    },
  };
}

async function* converseStream(client: Pick<BedrockRuntimeClient, 'send'>, modelId: string, request: ChatBackendRequest): AsyncGenerator<ChatStreamEvent> {
  const { signal } = request;
  const link = linkAbort(signal);
  let finished = false;
  try {
    const input = converseInput(modelId, request);
    const out = await raceAbort(client.send(new ConverseStreamCommand(input), { abortSignal: link.signal }), signal);
    if (!out.stream) throw new ModelCallError('failed', { backendCode: UNEXPECTED_RESPONSE });
    const events = out.stream[Symbol.asyncIterator]();
    let stopReason: string | undefined;
    let usage: BackendUsage | undefined;
    // metadata (the usage) may follow messageStop: the answer ends with the stream, not with messageStop.
    for (;;) {
      const next = await readNext(events, signal, stopReason !== undefined, classifyBedrockError);
      if (next.done) break;
      const event = next.value as ConverseStreamOutput | undefined;
      // Events of kinds newer than this SDK arrive empty.
      if (!event) continue;
      const text = event.contentBlockDelta?.delta?.text;
      if (typeof text === 'string') {
        if (text !== '') yield { type: 'text', text };
      } else if (event.messageStop) {
        stopReason = event.messageStop.stopReason ?? '';
      } else if (event.metadata) {
        usage = converseUsage(event.metadata.usage) ?? usage;
      } else {
        throwStreamException(event);
      }
    }
    if (stopReason === undefined) throw new ModelCallError('failed', { backendCode: STREAM_INCOMPLETE });
    finished = true;
    yield { type: 'end', finishReason: converseFinishReason(stopReason), ...(usage ? { usage } : {}) };
  } catch (err) {
    throw toModelCallError(err, signal, classifyBedrockError);
  } finally {
    link.release(finished);
  }
}

/** An exception delivered as an event member rather than thrown by the SDK: classified by its name alone. */
function throwStreamException(event: ConverseStreamOutput): void {
  for (const [member, name] of Object.entries(STREAM_EXCEPTIONS)) {
    if ((event as unknown as Record<string, unknown>)[member] !== undefined) throw classifyBedrockError({ name });
  }
}
