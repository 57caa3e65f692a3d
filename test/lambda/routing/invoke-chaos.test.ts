/**
 * Failover of the invoke route (lambda/model-proxy/proxy.ts) under injected
 * faults, through each backend kind's real client: the SageMaker runtime SDK
 * (InvokeEndpoint), the Bedrock runtime SDK (InvokeModel over HTTP/2) and
 * node:http to a self-hosted server, each target its own loopback server.
 * Three targets in three priority groups and `maxAttempts` 2, so the cap is
 * what stops the third. Per fault and kind: with a healthy target left the call
 * succeeds; with none it ends in a clean 429/502/503/504 inside the deadline,
 * with no more requests than `maxAttempts`. The matrix is in
 * docs/model-connectivity.md ("Routing and failover").
 */
import { createModelClient } from '../../../lambda/model-proxy/clients';
import { createGuards } from '../../../lambda/model-proxy/guard-wiring';
import { createModelProxy, invokeTarget } from '../../../lambda/model-proxy/proxy';
import { createRouter, type Router } from '../../../lambda/routing/router';
import type { InvokeTarget } from '../../../lambda/model-proxy/proxy';
import type { BackendConfig, CircuitBreakerConfig, ModelProxyConfig, RequestFormatName, RoutingTargetConfig } from '../../../lib/contracts/model-proxy';
import { startStreamStub, type StreamReply, type StreamStub, type StreamStubRequest } from '../../helpers/event-stream-stub';
import { CREDENTIALS } from '../chat/backends/chat-fixtures';
import { apiEvent, invocationContext, memoryLogger, proxyConfig } from '../model-proxy/fakes';

type Kind = 'sagemaker' | 'bedrock' | 'http';
type Fault = '429' | '500' | '503' | 'timeout' | 'slowFirstByte' | 'reset';
type TargetId = 'first' | 'second' | 'third';
const KINDS: readonly Kind[] = ['sagemaker', 'bedrock', 'http'];
const FAULTS: readonly Fault[] = ['429', '500', '503', 'timeout', 'slowFirstByte', 'reset'];
const IDS: readonly TargetId[] = ['first', 'second', 'third'];
const REMAINING_MS = 4000;
const MARGIN_MS = 500;
const MAX_ATTEMPTS = 2;
const ATTEMPT_TIMEOUT_MS = 1000;
const SLOW_FIRST_BYTE_MS = 1500;
const LENIENT_BREAKER: CircuitBreakerConfig = {
  windowMs: 30_000, minimumCalls: 10, failureRate: 0.5, consecutiveFailures: 5, coolDownMs: 15_000, halfOpenProbes: 1,
};

const errorTypes: Record<Kind, Record<'429' | '500' | '503', [number, string]>> = {
  sagemaker: { 429: [400, 'ThrottlingException'], 500: [500, 'InternalFailure'], 503: [503, 'ServiceUnavailable'] },
  bedrock: { 429: [429, 'ThrottlingException'], 500: [500, 'InternalServerException'], 503: [503, 'ServiceUnavailableException'] },
  http: { 429: [429, 'Throttled'], 500: [500, 'Internal'], 503: [503, 'Unavailable'] },
};

/** The failure kind each fault is classified as, as the audit line's `targetsTried` names it. */
const FAILURE_KIND: Record<Fault, string> = {
  429: 'throttled', 500: 'failed', 503: 'failed', timeout: 'timeout', slowFirstByte: 'timeout', reset: 'failed',
};
// The Bedrock SDK's HTTP/2 handler names a session destroyed before the answer a `TimeoutError`.
const failureKind = (kind: Kind, fault: Fault) => (kind === 'bedrock' && fault === 'reset' ? 'timeout' : FAILURE_KIND[fault]);

/** What the caller gets when every target allowed fails with the fault. */
const ALL_FAILED_STATUS: Record<Fault, number> = {
  // The second attempt is the last and has the whole remaining budget: the stall ends at the deadline.
  429: 429, 500: 502, 503: 502, timeout: 504,
  // ...while a slow first byte is cut by the backend before the deadline: a broken answer.
  slowFirstByte: 502, reset: 502,
};

const allFailedStatus = (kind: Kind, fault: Fault) => (kind === 'bedrock' && fault === 'reset' ? 504 : ALL_FAILED_STATUS[fault]);

const BACKEND_DETAIL = 'backend detail about the prompt';

function specOf(kind: Kind, url: string): { backend: BackendConfig; requestFormat: RequestFormatName; responseTextPath: string } {
  if (kind === 'bedrock') {
    return {
      backend: { type: 'bedrock', modelId: 'anthropic.claude-3-haiku-20240307-v1:0' }, requestFormat: 'ANTHROPIC_MESSAGES', responseTextPath: 'content[0].text',
    };
  }
  if (kind === 'sagemaker') {
    return { backend: { type: 'sagemaker', endpointName: 'claims-llm' }, requestFormat: 'PASSTHROUGH', responseTextPath: 'generated_text' };
  }
  return {
    backend: { type: 'http', url: `${url}/v1/chat/completions`, allowInsecureHttp: true }, requestFormat: 'OPENAI_CHAT',
    responseTextPath: 'choices[0].message.content',
  };
}

/** A healthy target's answer, in its kind's format. */
const healthy = (kind: Kind, text: string) => (_req: StreamStubRequest, reply: StreamReply) => {
  reply.head(200, { 'content-type': 'application/json' });
  if (kind === 'bedrock') reply.end(JSON.stringify({ content: [{ type: 'text', text }], stop_reason: 'end_turn' }));
  else if (kind === 'sagemaker') reply.end(JSON.stringify({ generated_text: text }));
  else reply.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] }));
};

const faulty = (kind: Kind, fault: Fault | 'rejected') => async (req: StreamStubRequest, reply: StreamReply) => {
  switch (fault) {
    case '429': case '500': case '503': {
      const [status, type] = errorTypes[kind][fault];
      reply.head(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
      reply.end(JSON.stringify({ message: BACKEND_DETAIL }));
      return;
    }
    case 'rejected': {
      // The request's own fault: a container's 400 (SageMaker wraps it), Bedrock's validation, a server's 400.
      const [status, type, body] = kind === 'sagemaker'
        ? [424, 'ModelError', { OriginalStatusCode: 400, OriginalMessage: BACKEND_DETAIL, Message: BACKEND_DETAIL }]
        : kind === 'bedrock' ? [400, 'ValidationException', { message: BACKEND_DETAIL }] : [400, 'BadRequest', { message: BACKEND_DETAIL }];
      reply.head(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
      reply.end(JSON.stringify(body));
      return;
    }
    case 'timeout':
      return; // never answers
    case 'slowFirstByte':
      // The status line at once, the body only after the attempt's limit: a buffered call waits for the whole answer.
      reply.head(200, { 'content-type': 'application/json' });
      await new Promise((resolve) => setTimeout(resolve, SLOW_FIRST_BYTE_MS));
      if (!req.closedByClient()) reply.cut();
      return;
    default:
      reply.cut();
  }
};

const stubs = {} as Record<Kind, Record<TargetId, StreamStub>>;
beforeAll(async () => {
  for (const kind of KINDS) {
    const http2 = kind === 'bedrock';
    stubs[kind] = { first: await startStreamStub(() => undefined, { http2 }), second: await startStreamStub(() => undefined, { http2 }),
      third: await startStreamStub(() => undefined, { http2 }) };
  }
});
afterAll(async () => {
  for (const kind of KINDS) for (const id of IDS) await stubs[kind][id].close();
});

/** Which kind of backend serves each target; the priorities fall from first to third. */
type Layout = Record<TargetId, Kind>;
const sameKind = (kind: Kind): Layout => ({ first: kind, second: kind, third: kind });

function configFor(layout: Layout, breaker: CircuitBreakerConfig): ModelProxyConfig {
  const target = (id: TargetId, priority: number): RoutingTargetConfig => ({
    id, ...specOf(layout[id], stubs[layout[id]][id].url), priority, weight: 1,
  });
  return proxyConfig({
    ...specOf(layout.first, stubs[layout.first].first.url),
    timeoutMarginMs: MARGIN_MS,
    routing: {
      versions: [{ name: 'v1', weight: 1, restricted: false, targets: [target('first', 10), target('second', 5), target('third', 1)] }],
      stickinessSeconds: 0, maxAttempts: MAX_ATTEMPTS, attemptTimeoutMs: ATTEMPT_TIMEOUT_MS, breaker,
    },
  });
}

/** The proxy as bootstrap.ts builds it, but each target's SDK client pointed at its own loopback server. */
function proxyFor(layout: Layout, breaker = LENIENT_BREAKER) {
  const config = configFor(layout, breaker);
  const router: Router<InvokeTarget> = createRouter(config, (spec, id) => invokeTarget(spec, createModelClient(spec.backend,
    spec.backend.type === 'http' ? {} : { endpoint: stubs[layout[id as TargetId]][id as TargetId].url, region: 'eu-west-1', credentials: CREDENTIALS })));
  const log = memoryLogger();
  const proxy = createModelProxy({ config, guards: createGuards(config), router, logger: log.logger });
  const call = async () => {
    for (const id of IDS) stubs[layout[id]][id].requests.length = 0;
    const started = Date.now();
    const res = await proxy(apiEvent({ prompt: 'Is water damage covered?', parameters: { maxTokens: 64 } }), invocationContext(REMAINING_MS));
    const counts = IDS.map((id) => stubs[layout[id]][id].requests.length);
    const audits = log.records().filter((r) => r.message === 'model invocation');
    return { res, ms: Date.now() - started, counts, requests: counts.reduce((a, b) => a + b, 0), audit: audits.at(-1), log };
  };
  return { call };
}

/** Nothing of the routing reaches the caller: not in the body, not in a header. */
function expectNoRoutingNames(res: { body: string; headers?: Record<string, unknown> }): void {
  const visible = res.body + JSON.stringify(res.headers ?? {});
  expect(visible).not.toMatch(/first|second|third|"v1"|targetsTried|failover/);
  expect(visible).not.toContain(BACKEND_DETAIL);
}

describe.each(KINDS)('%s targets', (kind) => {
  test.each(FAULTS)('%s on the first target: the second serves, the third is not asked', async (fault) => {
    stubs[kind].first.respond(faulty(kind, fault));
    stubs[kind].second.respond(healthy(kind, 'Covered.'));
    stubs[kind].third.respond(healthy(kind, 'Third.'));
    const r = await proxyFor(sameKind(kind)).call();
    expect(r.res.statusCode).toBe(200);
    expect(JSON.parse(r.res.body)).toEqual({ model: 'claims-triage', output: 'Covered.' });
    expect(r.counts).toEqual([1, 1, 0]);
    expect(r.audit).toMatchObject({
      status: 200, backend: kind, version: 'v1', target: 'second', targetsTried: `first:${failureKind(kind, fault)},second`, failovers: 1, attempts: 2,
    });
    expectNoRoutingNames(r.res);
  });

  test.each(FAULTS)('%s on every target: a clean error inside the deadline, never more than maxAttempts requests', async (fault) => {
    for (const id of IDS) stubs[kind][id].respond(faulty(kind, fault));
    const r = await proxyFor(sameKind(kind)).call();
    expect(r.res.statusCode).toBe(allFailedStatus(kind, fault));
    expect(r.ms).toBeLessThan(REMAINING_MS);
    expect(r.requests).toBe(MAX_ATTEMPTS);
    expect(r.counts[2]).toBe(0);
    expect(r.audit).toMatchObject({ status: allFailedStatus(kind, fault), version: 'v1', attempts: MAX_ATTEMPTS, failovers: 1 });
    expect(String(r.audit?.targetsTried)).toMatch(new RegExp(`^first:${failureKind(kind, fault)},second`));
    // The Bedrock SDK over HTTP/2 reads a body cut after the status line as an empty answer: the client fails the call there.
    expect(r.audit?.failedStep).toBe('invoke');
    expectNoRoutingNames(r.res);
  });

  test('a request the model refuses (4xx) is not sent to another target', async () => {
    stubs[kind].first.respond(faulty(kind, 'rejected'));
    stubs[kind].second.respond(healthy(kind, 'Covered.'));
    const r = await proxyFor(sameKind(kind)).call();
    expect(r.res.statusCode).toBe(422);
    expect(r.counts).toEqual([1, 0, 0]);
    expect(r.audit).toMatchObject({ version: 'v1', targetsTried: 'first:rejected', failovers: 0 });
    expectNoRoutingNames(r.res);
  });

  test('an open breaker skips its target without a call; every breaker open answers 503 with no call at all', async () => {
    const tripOnFirstFailure = { ...LENIENT_BREAKER, consecutiveFailures: 1 };
    const { call } = proxyFor(sameKind(kind), tripOnFirstFailure);
    stubs[kind].first.respond(faulty(kind, '503'));
    stubs[kind].second.respond(healthy(kind, 'Covered.'));
    expect((await call()).counts).toEqual([1, 1, 0]);

    const skipped = await call();
    expect(skipped.res.statusCode).toBe(200);
    expect(skipped.counts).toEqual([0, 1, 0]);
    expect(skipped.audit).toMatchObject({ target: 'second', targetsTried: 'second', failovers: 0 });

    stubs[kind].second.respond(faulty(kind, '503'));
    stubs[kind].third.respond(faulty(kind, '503'));
    await call(); // opens the second's and the third's breakers
    const closed = await call();
    expect(closed.res.statusCode).toBe(503);
    expect(closed.res.headers?.['Retry-After'] ?? closed.res.headers?.['retry-after']).toBeDefined();
    expect(closed.requests).toBe(0);
    expect(closed.log.records().filter((l) => l.message === 'circuit breaker state change').map((l) => [l.target, l.to]))
      .toEqual([['first', 'open'], ['second', 'open'], ['third', 'open']]);
    expectNoRoutingNames(closed.res);
  });
});

describe('targets of different kinds', () => {
  test.each(KINDS.flatMap((a) => KINDS.filter((b) => b !== a).map((b) => [a, b] as const)))(
    'a %s target that fails over to a %s target: the answer is read in the second target\'s format',
    async (failing, serving) => {
      const layout: Layout = { first: failing, second: serving, third: serving };
      stubs[failing].first.respond(faulty(failing, '503'));
      stubs[serving].second.respond(healthy(serving, 'Covered.'));
      const r = await proxyFor(layout).call();
      expect(r.res.statusCode).toBe(200);
      expect(JSON.parse(r.res.body).output).toBe('Covered.');
      expect(r.counts).toEqual([1, 1, 0]);
      expect(r.audit).toMatchObject({ backend: serving, target: 'second', targetsTried: 'first:failed,second', failovers: 1 });
    },
  );
});
