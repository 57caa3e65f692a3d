import * as http from 'node:http';
import * as https from 'node:https';
import { safeErrorName } from '../shared/error-name';
import { isTimeoutError, ModelCallError, type ModelClient, parseRetryAfter } from './model-client';
import { JSON_CONTENT_TYPE } from './sagemaker-client';

/** Lambda cannot return more than 6 MB; a larger answer is a broken backend. */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

export interface HttpModelClientOptions {
  readonly url: string;
  /** Keep-alive agent; one per execution environment. @default a module-level keep-alive agent */
  readonly agent?: http.Agent;
  readonly maxResponseBytes?: number;
}

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 16 });

/** The module-level keep-alive agent for the URL's scheme, shared by every client of the execution environment. */
export function defaultAgentFor(url: URL): http.Agent {
  return url.protocol === 'https:' ? httpsAgent : httpAgent;
}

/** POSTs the body to a model server in the VPC (vLLM, TGI, Triton behind an internal load balancer). */
export function httpModelClient(options: HttpModelClientOptions): ModelClient {
  const url = new URL(options.url);
  const transport = url.protocol === 'https:' ? https : http;
  const agent = options.agent ?? defaultAgentFor(url);
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;

  return {
    invoke({ body, signal }) {
      return new Promise((resolve, reject) => {
        const request = transport.request(url, {
          method: 'POST',
          agent,
          signal,
          headers: { 'content-type': JSON_CONTENT_TYPE, accept: JSON_CONTENT_TYPE, 'content-length': Buffer.byteLength(body) },
        }, (response) => {
          const status = response.statusCode ?? 0;
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              response.destroy();
              reject(new ModelCallError('failed', { backendStatus: status, backendCode: 'ResponseTooLarge' }));
            } else {
              chunks.push(chunk);
            }
          });
          response.on('error', (err) => reject(classifyTransportError(err)));
          response.on('end', () => {
            if (status >= 200 && status < 300) resolve({ body: Buffer.concat(chunks).toString('utf8') });
            else reject(classifyHttpStatus(status, response.headers['retry-after']));
          });
        });
        request.on('error', (err) => reject(classifyTransportError(err)));
        request.end(body);
      });
    },
  };
}

/** Statuses that mean the proxy or its configuration is wrong, not the caller's input. */
const CONFIGURATION_FAULTS = new Set([401, 403, 404, 405, 407]);

export function classifyHttpStatus(status: number, retryAfter?: string | string[]): ModelCallError {
  const detail = { backendStatus: status, backendCode: `HTTP${status}` };
  if (status === 429) return new ModelCallError('throttled', { ...detail, retryAfterSeconds: parseRetryAfter(retryAfter) });
  if (status === 408 || status === 504) return new ModelCallError('timeout', detail);
  if (status >= 400 && status < 500 && !CONFIGURATION_FAULTS.has(status)) return new ModelCallError('rejected', detail);
  return new ModelCallError('failed', detail);
}

/** A failure of the connection itself: its Node error code when it has one, never its message. */
export function classifyTransportError(err: unknown): ModelCallError {
  const code = (err as { code?: unknown } | null)?.code;
  const backendCode = typeof code === 'string' && /^[A-Z_]{1,32}$/.test(code) ? code : safeErrorName(err);
  return new ModelCallError(isTimeoutError(err) ? 'timeout' : 'failed', { backendCode });
}
