/**
 * OpenAI-compatible chat over plain HTTP(S) to a model server in the VPC.
 * Buffered answers go through the invoke route's client (same status
 * classification, same size cap); streams POST with `accept:
 * text/event-stream` and hand the body on as it arrives. A status outside 2xx
 * fails before the first byte with `classifyHttpStatus` (429 keeps its
 * Retry-After); a body that breaks off midway is an incomplete stream.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { classifyHttpStatus, classifyTransportError, defaultAgentFor, httpModelClient } from '../../model-proxy/http-client';
import { isTimeoutError, ModelCallError } from '../../model-proxy/model-client';
import { JSON_CONTENT_TYPE } from '../../model-proxy/sagemaker-client';
import { STREAM_INCOMPLETE } from '../backend';
import type { OpenAiChatTransport } from './openai-chat-transport';

export const EVENT_STREAM_CONTENT_TYPE = 'text/event-stream';

export interface HttpChatTransportOptions {
  readonly url: string;
  /** @default the invoke route's keep-alive agent for the scheme */
  readonly agent?: http.Agent;
  /** Largest buffered answer. @default MAX_RESPONSE_BYTES */
  readonly maxResponseBytes?: number;
}

export function httpChatTransport(options: HttpChatTransportOptions): OpenAiChatTransport {
  const url = new URL(options.url);
  const agent = options.agent ?? defaultAgentFor(url);
  const buffered = httpModelClient({ url: options.url, agent, ...(options.maxResponseBytes ? { maxResponseBytes: options.maxResponseBytes } : {}) });
  return {
    async complete(body, signal) {
      return (await buffered.invoke({ body, signal })).body;
    },
    stream(body, signal) {
      return { [Symbol.asyncIterator]: () => httpStream(url, agent, body, signal) };
    },
  };
}

async function* httpStream(url: URL, agent: http.Agent, body: string, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      agent,
      signal,
      headers: { 'content-type': JSON_CONTENT_TYPE, accept: EVENT_STREAM_CONTENT_TYPE, 'content-length': Buffer.byteLength(body) },
    }, resolve);
    request.on('error', (err) => reject(classifyTransportError(err)));
    request.end(body);
  });
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    // The error body is not read: its text could echo the prompt, and its size is the server's to choose.
    response.destroy();
    throw classifyHttpStatus(status, response.headers['retry-after']);
  }
  try {
    for await (const chunk of response) yield chunk as Buffer;
  } catch (err) {
    throw isTimeoutError(err) ? classifyTransportError(err) : new ModelCallError('failed', { backendCode: STREAM_INCOMPLETE });
  }
}
