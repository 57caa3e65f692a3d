/**
 * A small local stand-in for API Gateway in front of a streaming Lambda
 * function, for end-to-end tests with real HTTP clients (the `openai` SDK):
 * - `installStreamingRuntime` provides the `awslambda` global the Lambda
 *   Node.js runtime gives a function: `streamifyResponse` and
 *   `HttpResponseStream.from`, which frames the response as the runtime does
 *   (a JSON metadata prelude, eight NUL bytes, then the body);
 * - `startStreamingFront` turns each HTTP request into an API Gateway proxy
 *   event, invokes the handler with a response stream, reads the prelude for
 *   the status and headers, and passes the body on as it is written. When the
 *   client hangs up, the response stream errors, as Lambda's does.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const PRELUDE_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const DELIMITER = Buffer.alloc(8);

/** The response stream a streaming handler writes to; bytes go to `sink` as they come. */
export class EmulatedResponseStream extends Writable {
  public contentType: string | undefined;

  public constructor(private readonly sink: (chunk: Buffer) => void) {
    super();
  }

  public setContentType(type: string): void {
    this.contentType = type;
  }

  public override _write(chunk: Buffer | string, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.sink(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding));
    callback();
  }
}

type StreamingHandler = (event: APIGatewayProxyEvent, stream: EmulatedResponseStream, context: unknown) => Promise<void>;

/** Defines `globalThis.awslambda` as the Lambda Node.js runtime does; returns a function that removes it. */
export function installStreamingRuntime(): () => void {
  const runtime = {
    streamifyResponse: (handler: StreamingHandler) => Object.assign(handler, { streaming: true }),
    HttpResponseStream: {
      from(stream: EmulatedResponseStream, prelude: Record<string, unknown>): EmulatedResponseStream {
        stream.setContentType(PRELUDE_CONTENT_TYPE);
        stream.write(JSON.stringify(prelude));
        stream.write(DELIMITER);
        return stream;
      },
    },
  };
  (globalThis as Record<string, unknown>).awslambda = runtime;
  return () => {
    delete (globalThis as Record<string, unknown>).awslambda;
  };
}

export interface StreamingFront {
  readonly url: string;
  /** Invocations by outcome: the handler resolved, rejected, or the client hung up first. */
  readonly invocations: { completed: number; failed: number; clientGone: number };
  close(): Promise<void>;
}

export interface StreamingFrontOptions {
  readonly handler: StreamingHandler;
  /** The API Gateway resource the path belongs to, e.g. `/v1/models/{model}/chat/completions`: the event's `resource`. */
  readonly resource: (path: string) => string;
  /** The authorizer's principal id in the event. */
  readonly principalId?: string;
  /** Remaining time the context reports at the start of each invocation. */
  readonly timeoutMs?: number;
}

export async function startStreamingFront(options: StreamingFrontOptions): Promise<StreamingFront> {
  const invocations = { completed: 0, failed: 0, clientGone: 0 };
  const server: Server = createServer((req, res) => {
    void serve(req, res);
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://front');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
    const requestId = randomUUID();
    const event = {
      body: Buffer.concat(chunks).toString('utf8'),
      isBase64Encoded: false,
      headers,
      multiValueHeaders: {},
      httpMethod: req.method ?? 'GET',
      path: url.pathname,
      resource: options.resource(url.pathname),
      pathParameters: null,
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      stageVariables: null,
      requestContext: { requestId, apiId: 'local-api', authorizer: { principalId: options.principalId ?? 'user-local' } },
    } as unknown as APIGatewayProxyEvent;

    let prelude: Buffer | undefined = Buffer.alloc(0);
    const stream = new EmulatedResponseStream((chunk) => {
      if (prelude === undefined) {
        res.write(chunk);
        return;
      }
      prelude = Buffer.concat([prelude, chunk]);
      const at = prelude.indexOf(DELIMITER);
      if (at < 0) return;
      const head = JSON.parse(prelude.subarray(0, at).toString('utf8')) as { statusCode: number; headers?: Record<string, string> };
      const rest = prelude.subarray(at + DELIMITER.length);
      prelude = undefined;
      res.writeHead(head.statusCode, head.headers ?? {});
      res.flushHeaders();
      if (rest.length > 0) res.write(rest);
    });
    let gone = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        gone = true;
        stream.destroy(new Error('client disconnected'));
      }
    });
    const start = Date.now();
    const timeoutMs = options.timeoutMs ?? 60_000;
    const context = { awsRequestId: requestId, getRemainingTimeInMillis: () => timeoutMs - (Date.now() - start) };
    try {
      await options.handler(event, stream, context);
      invocations[gone ? 'clientGone' : 'completed']++;
    } catch {
      invocations.failed++;
      if (!res.headersSent) res.writeHead(502);
    }
    if (!stream.destroyed && !stream.writableEnded) stream.end();
    if (!gone) res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    invocations,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
