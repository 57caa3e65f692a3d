/**
 * Loopback servers for streamed model answers: each request is answered by a
 * script that writes the status, then chunks at its own pace, and ends, cuts
 * the connection or stalls. `frameEvent` and `frameException` encode AWS
 * event-stream messages (the binary framing of Bedrock ConverseStream and
 * SageMaker InvokeEndpointWithResponseStream) with the SDK's own codec.
 * `startStreamStub({ http2: true })` speaks cleartext HTTP/2, as the Bedrock
 * runtime client does. Every request records whether the client let go of it
 * before the script ended it (`clientClosed`).
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttp2Server, Http2ServerRequest, Http2ServerResponse, Http2Session } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { EventStreamCodec } from '@smithy/core/event-streams';

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString('utf8'),
  (text) => new Uint8Array(Buffer.from(text, 'utf8')),
);

const header = (value: string) => ({ type: 'string' as const, value });

function encodeBody(payload: unknown): { contentType: string; body: Uint8Array } {
  if (payload instanceof Uint8Array) return { contentType: 'application/octet-stream', body: payload };
  return { contentType: 'application/json', body: new Uint8Array(Buffer.from(JSON.stringify(payload), 'utf8')) };
}

/** One event message: a JSON payload, or raw bytes (a SageMaker PayloadPart). */
export function frameEvent(eventType: string, payload: unknown): Buffer {
  const { contentType, body } = encodeBody(payload);
  return Buffer.from(codec.encode({
    headers: { ':message-type': header('event'), ':event-type': header(eventType), ':content-type': header(contentType) },
    body,
  }));
}

/** One exception message, as a service sends an error after the stream began. */
export function frameException(exceptionType: string, payload: unknown = { message: 'backend said something about the prompt' }): Buffer {
  const { contentType, body } = encodeBody(payload);
  return Buffer.from(codec.encode({
    headers: { ':message-type': header('exception'), ':exception-type': header(exceptionType), ':content-type': header(contentType) },
    body,
  }));
}

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

/** `bytes` cut at the given offsets. */
export function splitAt(bytes: Buffer, offsets: readonly number[]): Buffer[] {
  const cuts = [...new Set(offsets.filter((o) => o > 0 && o < bytes.length))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    parts.push(bytes.subarray(from, cut));
    from = cut;
  }
  return parts;
}

export interface StreamStubRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** Resolves when the client closed the request (or its connection) before the script ended the answer. */
  readonly clientClosed: Promise<void>;
  /** Whether `clientClosed` has resolved. */
  readonly closedByClient: () => boolean;
}

export interface StreamReply {
  head(status: number, headers?: Record<string, string>): void;
  /** Writes one chunk and lets the event loop turn, so chunks leave one by one. */
  write(chunk: Buffer | string): Promise<void>;
  end(chunk?: Buffer | string): void;
  /** Drops the connection without ending the answer. */
  cut(): void;
}

/** Writes an answer; returning without `end` or `cut` leaves the request hanging (a stall). */
export type StreamScript = (request: StreamStubRequest, reply: StreamReply) => Promise<void> | void;

export interface StreamStub {
  readonly url: string;
  readonly requests: StreamStubRequest[];
  respond(script: StreamScript): void;
  close(): Promise<void>;
}

export interface StreamStubOptions {
  readonly http2?: boolean;
}

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

export async function startStreamStub(script: StreamScript, options: StreamStubOptions = {}): Promise<StreamStub> {
  const requests: StreamStubRequest[] = [];
  let current = script;
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();

  const onRequest = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const chunks: Buffer[] = [];
    let ended = false;
    let closed = false;
    let markClosed: () => void = () => undefined;
    const clientClosed = new Promise<void>((resolve) => {
      markClosed = resolve;
    });
    res.on('close', () => {
      if (ended) return;
      closed = true;
      markClosed();
    });
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: StreamStubRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers as StreamStubRequest['headers'],
        body: Buffer.concat(chunks).toString('utf8'),
        clientClosed,
        closedByClient: () => closed,
      };
      requests.push(request);
      const reply: StreamReply = {
        head: (status, headers = {}) => {
          (res as ServerResponse).writeHead(status, headers);
        },
        write: async (chunk) => {
          if (!closed) (res as ServerResponse).write(chunk);
          await turn();
        },
        end: (chunk) => {
          ended = true;
          (res as ServerResponse).end(chunk);
        },
        cut: () => {
          ended = true;
          if (res instanceof Http2ServerResponse) res.stream.session?.destroy();
          else req.socket.destroy();
        },
      };
      void Promise.resolve(current(request, reply)).catch(() => undefined);
    });
  };

  const server = options.http2 ? createHttp2Server(onRequest) : createServer(onRequest);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  if (options.http2) {
    server.on('session', (session: Http2Session) => {
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
    });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respond: (next) => {
      current = next;
    },
    close: () => new Promise<void>((resolve) => {
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
