/**
 * Loopback model servers for e2e tests. `startSageMakerStub` speaks the
 * SageMaker runtime InvokeEndpoint wire format (POST
 * /endpoints/<name>/invocations, restJson1 errors with `x-amzn-ErrorType`);
 * SigV4 headers are recorded but not checked. `startHttpModelStub` is a plain
 * model server (vLLM, TGI) for the self-hosted backend. Both listen on
 * 127.0.0.1 on a free port and drop every connection on close.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttp2Server, Http2ServerRequest, Http2ServerResponse, Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'] | Http2ServerRequest['headers'];
  readonly body: string;
  /** The client's port: equal ports mean a reused connection. */
  readonly remotePort: number | undefined;
}

export interface StubReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** A reply, or `'hang'` to never answer (the client must time out). */
export type StubBehaviour = (request: StubRequest, index: number) => StubReply | 'hang';

export interface ModelStub {
  readonly url: string;
  readonly requests: StubRequest[];
  /** Sets how the next requests are answered. */
  respond(behaviour: StubBehaviour): void;
  close(): Promise<void>;
}

async function startStub(
  initial: StubBehaviour,
  route: (request: StubRequest) => StubReply | undefined = () => undefined,
  http2 = false,
): Promise<ModelStub> {
  const requests: StubRequest[] = [];
  let behaviour = initial;
  const onRequest = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        remotePort: req.socket?.remotePort,
      };
      requests.push(request);
      const reply = route(request) ?? behaviour(request, requests.length - 1);
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    });
  };
  const sessions = new Set<Http2Session>();
  const server = http2 ? createHttp2Server(onRequest) : createServer(onRequest);
  if (http2) {
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
      behaviour = next;
    },
    close: () => new Promise<void>((resolve) => {
      if ('closeAllConnections' in server) server.closeAllConnections();
      for (const session of sessions) session.destroy();
      server.close(() => resolve());
    }),
  };
}

/** A JSON answer of the model container. */
export const ok = (answer: unknown): StubReply => ({
  status: 200,
  headers: { 'x-amzn-invoked-production-variant': 'AllTraffic' },
  body: JSON.stringify(answer),
});

/** A SageMaker runtime service error as the service encodes it. */
export const serviceError = (status: number, type: string, message = 'error'): StubReply => ({
  status,
  headers: { 'x-amzn-errortype': type },
  body: JSON.stringify({ message }),
});

/** The container answered with an error status: SageMaker wraps it in a 424 ModelError. */
export const modelError = (originalStatus: number, originalMessage = 'container error'): StubReply => ({
  status: 424,
  headers: { 'x-amzn-errortype': 'ModelError' },
  body: JSON.stringify({
    Message: `Received client error (${originalStatus}) from primary`, OriginalStatusCode: originalStatus, OriginalMessage: originalMessage,
  }),
});

const INVOKE_ENDPOINT_PATH = /^\/endpoints\/[^/]+\/invocations$/;

/** Only InvokeEndpoint is served; anything else is a 404 UnknownOperationException. */
export function startSageMakerStub(initial: StubBehaviour = () => ok({ generated_text: 'stub answer' })): Promise<ModelStub> {
  return startStub(initial, (request) => (
    request.method === 'POST' && INVOKE_ENDPOINT_PATH.test(request.path) ? undefined : serviceError(404, 'UnknownOperationException')
  ));
}

/** A plain HTTP model server. */
export function startHttpModelStub(initial: StubBehaviour = () => ok({ generated_text: 'stub answer' })): Promise<ModelStub> {
  return startStub(initial);
}

/** A cleartext HTTP/2 server: the Bedrock runtime client speaks HTTP/2 by default. */
export function startHttp2ModelStub(initial: StubBehaviour = () => ok({ generated_text: 'stub answer' })): Promise<ModelStub> {
  return startStub(initial, undefined, true);
}
