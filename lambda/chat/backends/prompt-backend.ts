/**
 * Chat with a model that takes one prompt: the conversation rendered by
 * prompt-template.ts, sent in the configured request format through the
 * invoke route's client, the text read at the configured path. Such backends
 * report neither a finish reason nor usage: the answer ends as `stop` and the
 * route estimates the counts. Nothing streams: `stream()` calls the model on
 * its first `next()` and yields the whole text as one delta.
 */
import type { RequestFormatName } from '../../../lib/contracts/model-proxy';
import { ModelCallError, type ModelClient } from '../../model-proxy/model-client';
import { buildRequestBody, extractText, parsePath } from '../../model-proxy/payload-format';
import type { ChatBackend, ChatBackendAnswer, ChatBackendRequest, ChatStreamEvent } from '../backend';
import { raceAbort, toModelCallError } from './abort';
import { UNEXPECTED_RESPONSE } from './failure-codes';
import { renderPrompt } from './prompt-template';

export interface PromptBackendOptions {
  readonly requestFormat: RequestFormatName;
  readonly responseTextPath: string;
  readonly requestModelName?: string;
}

const unclassified = () => new ModelCallError('failed', { backendCode: 'Error' });

export function promptBackend(client: ModelClient, options: PromptBackendOptions): ChatBackend {
  const textPath = parsePath(options.responseTextPath);

  async function complete(request: ChatBackendRequest): Promise<ChatBackendAnswer> {
    const { parameters, signal } = request;
    try {
      const body = buildRequestBody(options.requestFormat, renderPrompt(request.turns), {
        maxTokens: parameters.maxTokens,
        ...(parameters.temperature === undefined ? {} : { temperature: parameters.temperature }),
        ...(parameters.topP === undefined ? {} : { topP: parameters.topP }),
        ...(parameters.stopSequences === undefined || parameters.stopSequences.length === 0 ? {} : { stopSequences: parameters.stopSequences }),
      }, { requestModelName: options.requestModelName, defaultMaxTokens: parameters.maxTokens });
      const answer = await raceAbort(client.invoke({ body, signal }), signal);
      const text = extractText(answer.body, textPath);
      if (text === undefined) throw new ModelCallError('failed', { backendCode: UNEXPECTED_RESPONSE });
      return { text, finishReason: 'stop' };
    } catch (err) {
      throw toModelCallError(err, signal, unclassified);
    }
  }

  async function* stream(request: ChatBackendRequest): AsyncGenerator<ChatStreamEvent> {
    const answer = await complete(request);
    if (answer.text !== '') yield { type: 'text', text: answer.text };
    yield { type: 'end', finishReason: answer.finishReason };
  }

  return {
    streams: false,
    complete,
    stream: (request) => ({ [Symbol.asyncIterator]: () => stream(request) }),
  };
}
