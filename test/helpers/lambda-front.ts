/**
 * A local stand-in for API Gateway in front of a Lambda proxy integration
 * whose function has a reserved concurrency. Like Lambda, it admits at most
 * `reservedConcurrency` invocations at once and rejects the rest at once
 * (TooManyRequestsException); like API Gateway, it answers a rejected call
 * with the INTEGRATION_FAILURE gateway response the construct configures, and
 * an admitted one with what the handler returned. Its counters stand in for
 * the Lambda `Throttles` and `Invocations` metrics. Listens on 127.0.0.1 on a
 * free port; `close` drops every connection.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { SECURITY_RESPONSE_HEADERS, errorBodyTemplate } from '../../lib/api/error-shape';
import { GATEWAY_ERRORS } from '../../lib/api/gateway-responses';
import { apiEvent } from '../lambda/model-proxy/fakes';

export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface FrontCounters {
  /** Invocations that got a slot (Lambda `Invocations`). */
  invocations: number;
  /** Calls refused for lack of a slot (Lambda `Throttles`). */
  throttles: number;
  /** Invocations whose handler threw (Lambda `Errors`). */
  errors: number;
  /** Most invocations running at once (Lambda `ConcurrentExecutions`, maximum). */
  peakConcurrency: number;
}

export interface LambdaFront {
  readonly url: string;
  readonly counters: FrontCounters;
  /** Resolves once `throttles` has reached `count`. */
  throttled(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A gateway response as API Gateway renders it: static headers unquoted, `$context.requestId` filled in. */
export function renderGatewayResponse(type: apigateway.ResponseType, requestId: string): { status: number; headers: Record<string, string>; body: string } {
  const spec = GATEWAY_ERRORS.find((e) => e.type.responseType === type.responseType);
  if (!spec) throw new Error(`no gateway response of type ${type.responseType}`);
  const unquote = (value: string) => value.replace(/^'|'$/g, '');
  const quoted = { ...SECURITY_RESPONSE_HEADERS, ...spec.headers, 'Content-Type': "'application/json'" };
  return {
    status: Number(spec.statusCode),
    headers: Object.fromEntries(Object.entries(quoted).map(([name, value]) => [name, unquote(value)])),
    body: errorBodyTemplate(spec.code, spec.message).replace('$context.requestId', requestId),
  };
}

export async function startLambdaFront(handler: ProxyHandler, reservedConcurrency: number): Promise<LambdaFront> {
  const counters: FrontCounters = { invocations: 0, throttles: 0, errors: 0, peakConcurrency: 0 };
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let running = 0;

  const send = (res: ServerResponse, status: number, headers: Record<string, string>, body: string) => {
    res.writeHead(status, headers);
    res.end(body);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const requestId = randomUUID();
      // Lambda decides synchronously on arrival: a slot, or TooManyRequestsException.
      if (running >= reservedConcurrency) {
        counters.throttles++;
        for (const waiter of waiters.filter((w) => counters.throttles >= w.count)) waiter.resolve();
        const answer = renderGatewayResponse(apigateway.ResponseType.INTEGRATION_FAILURE, requestId);
        send(res, answer.status, answer.headers, answer.body);
        return;
      }
      running++;
      counters.invocations++;
      counters.peakConcurrency = Math.max(counters.peakConcurrency, running);
      const event = apiEvent(Buffer.concat(chunks).toString('utf8'), {
        requestContext: { requestId, authorizer: { principalId: 'load-test' } } as unknown as APIGatewayProxyEvent['requestContext'],
      });
      const context = { awsRequestId: randomUUID(), functionName: 'model-proxy', getRemainingTimeInMillis: () => 25_000 } as unknown as Context;
      handler(event, context).then(
        (result) => send(res, result.statusCode, { ...(result.headers as Record<string, string>) }, result.body),
        () => {
          // A function error: API Gateway answers with the gateway response of a failed integration.
          counters.errors++;
          const answer = renderGatewayResponse(apigateway.ResponseType.INTEGRATION_FAILURE, requestId);
          send(res, answer.status, answer.headers, answer.body);
        },
      ).finally(() => {
        running--;
      });
    });
  };

  const server = createServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counters,
    throttled: (count) => (counters.throttles >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A model server that holds every call until `release`, so a test decides when generations end, not a clock. */
export interface GatedModel {
  readonly url: string;
  /** Calls received so far. */
  received: number;
  /** Resolves once `count` calls are being held. */
  holding(count: number): Promise<void>;
  /** Answers every held call, and every later one at once. */
  release(): void;
  close(): Promise<void>;
}

export async function startGatedModel(answer: string): Promise<GatedModel> {
  const held: ServerResponse[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let open = false;
  const reply = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ generated_text: answer }));
  };
  const model: GatedModel = {
    url: '',
    received: 0,
    holding: (count) => (held.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    release: () => {
      open = true;
      held.splice(0).forEach(reply);
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      model.received++;
      if (open) return reply(res);
      held.push(res);
      for (const waiter of waiters.filter((w) => held.length >= w.count)) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(model, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}
