/**
 * Where the chat route writes its answer: status and headers first, then the
 * body in pieces. In Lambda it is the response stream of
 * `awslambda.streamifyResponse`, framed with `awslambda.HttpResponseStream`
 * (the metadata prelude API Gateway reads the status and headers from).
 */
import type { Writable } from 'node:stream';
import type { APIGatewayProxyResult } from 'aws-lambda';

export interface ResponseHead {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
}

export interface ResponseSink {
  /** Sends the status and headers. Once; before any write. */
  open(head: ResponseHead): void;
  /** Writes a piece of the body; resolves once the stream can take more. */
  write(text: string): Promise<void>;
  /** Ends the body. */
  end(): Promise<void>;
  /** Aborts when the caller went away before the end. */
  readonly closed: AbortSignal;
  /** Whether `open` was called. */
  readonly opened: boolean;
}

/** A whole buffered answer (an error before any byte, or a non-streamed completion). */
export async function sendResult(sink: ResponseSink, result: APIGatewayProxyResult): Promise<void> {
  sink.open({ statusCode: result.statusCode, headers: stringHeaders(result.headers) });
  if (result.body !== '') await sink.write(result.body);
  await sink.end();
}

function stringHeaders(headers: APIGatewayProxyResult['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name] = String(value);
  return out;
}

/** `awslambda.HttpResponseStream.from`, as the Lambda runtime provides it. */
export type HttpResponseStreamFrom = (stream: Writable, prelude: { statusCode: number; headers: Record<string, string> }) => Writable;

/**
 * The sink over Lambda's response stream. A write to a caller that has gone
 * away errors the stream: that, or the stream closing before our end, aborts
 * `closed`, and later writes are dropped.
 */
export function lambdaResponseSink(responseStream: Writable, from: HttpResponseStreamFrom): ResponseSink {
  const controller = new AbortController();
  let body: Writable | undefined;
  let ended = false;
  const gone = () => {
    if (!ended) controller.abort();
  };
  responseStream.on('error', gone);
  responseStream.on('close', gone);
  return {
    closed: controller.signal,
    get opened() {
      return body !== undefined;
    },
    open(head) {
      if (body) throw new Error('response already opened');
      body = from(responseStream, { statusCode: head.statusCode, headers: { ...head.headers } });
      if (body !== responseStream) {
        body.on('error', gone);
        body.on('close', gone);
      }
    },
    write(text) {
      const target = body;
      if (!target) return Promise.reject(new Error('response not opened'));
      if (controller.signal.aborted || target.destroyed) return Promise.resolve();
      return new Promise((resolve) => {
        if (target.write(text)) resolve();
        else {
          const done = () => {
            target.off('drain', done);
            controller.signal.removeEventListener('abort', done);
            resolve();
          };
          target.once('drain', done);
          controller.signal.addEventListener('abort', done, { once: true });
        }
      });
    },
    end() {
      ended = true;
      const target = body ?? responseStream;
      if (target.destroyed || target.writableEnded) return Promise.resolve();
      return new Promise((resolve) => target.end(() => resolve()));
    },
  };
}
