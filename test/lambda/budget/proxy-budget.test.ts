import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { BudgetConfig } from '../../../lib/contracts/model-proxy';
import { BudgetMetricName } from '../../../lib/contracts/metric-names';
import { createBudgetEngine } from '../../../lambda/budget/budget-engine';
import type { BudgetMetrics, MeterSample } from '../../../lambda/budget/budget-metrics';
import { budgetItemKey } from '../../../lambda/budget/item-key';
import { createChatGuards } from '../../../lambda/chat-proxy/chat-guards';
import { createChatProxy } from '../../../lambda/chat-proxy/chat-proxy';
import { estimatePromptTokens, estimateTokens } from '../../../lambda/chat/token-estimate';
import { createModelProxy } from '../../../lambda/model-proxy/proxy';
import { answer, apiEvent, fakeGuards, invocationContext, memoryLogger, proxyConfig, ScriptedModel } from '../model-proxy/fakes';
import { chatEvent, end, MemorySink, ScriptedBackend, text } from '../chat-proxy/fakes';
import { closedEndpoint, type LocalTable, startLocalTable, TEST_CLIENT } from './dynalite-server';

let table: LocalTable;
beforeAll(async () => {
  table = await startLocalTable();
});
afterAll(async () => {
  await table.close();
});

let tenants = 0;
const month = () => new Date().toISOString().slice(0, 7);
const tenantKey = (tenant: string) => budgetItemKey('claims-triage', 'tenant', tenant, month());

function withTenant<T extends APIGatewayProxyEvent>(event: T, tenant: string): T {
  return { ...event, requestContext: { ...event.requestContext, authorizer: { principalId: 'user-7f3a', tenant, tier: 'basic' } } };
}

function recordingMetrics() {
  const meters: MeterSample[] = [];
  const counts: string[] = [];
  const metrics: BudgetMetrics = { meter: (s) => meters.push(s), count: (e) => counts.push(e) };
  return { metrics, meters, counts };
}

function budgetOf(budget: Partial<BudgetConfig>, client?: DynamoDBClient) {
  const config: BudgetConfig = { tableName: table.tableName, defaults: { tenant: { tokensPerMinute: 100_000 } }, failOpen: false, ...budget };
  return createBudgetEngine({ config, model: 'claims-triage', client: client ?? table.client() });
}

function chatSetup(answers: ConstructorParameters<typeof ScriptedBackend>[0], budget: Partial<BudgetConfig>, client?: DynamoDBClient) {
  const config = proxyConfig({ streamIdleTimeoutMs: 60_000 });
  const log = memoryLogger();
  const m = recordingMetrics();
  const backend = new ScriptedBackend(answers);
  const proxy = createChatProxy({
    config, guards: createChatGuards(config), backend, logger: log.logger, budget: budgetOf(budget, client), budgetMetrics: m.metrics,
  });
  const tenant = `chat-${++tenants}`;
  const call = async (body: unknown, sink = new MemorySink()) => {
    await proxy(withTenant(chatEvent(body), tenant), sink, invocationContext());
    return sink;
  };
  const audit = () => log.records().filter((r) => r.message === 'model invocation').at(-1) as Record<string, unknown>;
  return { call, audit, backend, tenant, ...m };
}

const user = (content: string, extra: Record<string, unknown> = {}) => ({ messages: [{ role: 'user', content }], ...extra });

describe('chat route with a budget', () => {
  it('settles a buffered call to the usage the backend reported and meters it per tenant', async () => {
    const { call, tenant, meters, audit } = chatSetup([{ text: 'Fine.', finishReason: 'stop', usage: { promptTokens: 12, completionTokens: 3 } }], {});
    const sink = await call(user('How is the claim?', { max_tokens: 100 }));
    expect(sink.head?.statusCode).toBe(200);
    expect(await table.item(tenantKey(tenant))).toMatchObject({ admitted: 1, settled: 1, reserved: 0, usedTokens: 15, monthTokens: 15 });
    expect(meters).toEqual([expect.objectContaining({ tenant, model: 'claims-triage', promptTokens: 12, completionTokens: 3 })]);
    expect(audit()).toMatchObject({ budgetDecision: 'admitted', budgetTenant: tenant, budgetSettle: 'ok', budgetSettledTokens: 15 });
  });

  it('settles what a stream generated before the client went away (estimated: the backend never reported)', async () => {
    const words = 'The adjuster approved the claim on Monday.\n\n';
    const script = [text(words), text(words), text(words), { stall: true as const }, end({ promptTokens: 1, completionTokens: 1 })];
    const { call, tenant, audit, backend } = chatSetup([script], {});
    const sink = new MemorySink();
    // The caller leaves as soon as the stream opens: the backend has sent its first paragraph, and is stopped.
    sink.onWrite = (s) => s.hangUp();
    await call(user('Summarise the claim.', { stream: true, max_tokens: 2000 }), sink);
    expect(backend.aborted[0]).toBe(true);
    const item = await table.item(tenantKey(tenant));
    expect(item).toMatchObject({ admitted: 1, settled: 1, reserved: 0 });
    // Nothing of the 2000-token reservation is left: the prompt and the one paragraph generated are counted.
    expect(item?.usedTokens).toBe(estimatePromptTokens([{ text: 'Summarise the claim.' }]) + estimateTokens(words));
    expect(item?.monthTokens).toBe(item?.usedTokens);
    expect(audit()).toMatchObject({ outcome: 'clientDisconnected', budgetSettle: 'ok', budgetUsageEstimated: true });
  });

  it('answers 429 in the OpenAI error shape with Retry-After and x-ratelimit headers', async () => {
    const { call, audit, counts, backend } = chatSetup([{ text: 'ok', finishReason: 'stop', usage: { promptTokens: 1, completionTokens: 1 } }],
      { defaults: { tenant: { tokensPerMinute: 500 } } });
    const sink = await call(user('hello', { max_tokens: 1000 }));
    expect(sink.head?.statusCode).toBe(429);
    const headers = sink.head?.headers ?? {};
    expect(Number(headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(Number(headers['Retry-After'])).toBeLessThanOrEqual(60);
    expect(headers['x-ratelimit-limit-tokens']).toBe('500');
    expect(headers['x-ratelimit-remaining-tokens']).toBe('500');
    expect(headers['x-ratelimit-reset-tokens']).toMatch(/^\d+(ms|s)$/);
    expect(JSON.parse(sink.body)).toMatchObject({ error: { type: 'rate_limit_error', code: 'Throttled' } });
    expect(backend.requests).toHaveLength(0);
    expect(counts).toEqual([BudgetMetricName.BUDGET_EXCEEDED]);
    expect(audit()).toMatchObject({ status: 429, failedStep: 'budget', budgetDecision: 'exceeded', budgetWindow: 'minute', budgetLimit: 500 });
  });

  it('fails closed with 503 when the table cannot be reached, and passes with failOpen (a metric each time)', async () => {
    const unreachable = new DynamoDBClient({ ...TEST_CLIENT, endpoint: await closedEndpoint(), maxAttempts: 1 });
    try {
      const ok = { text: 'ok', finishReason: 'stop' as const, usage: { promptTokens: 1, completionTokens: 1 } };
      const closed = chatSetup([ok], {}, unreachable);
      const refused = await closed.call(user('hello'));
      expect(refused.head?.statusCode).toBe(503);
      expect(closed.backend.requests).toHaveLength(0);
      expect(closed.counts).toEqual([BudgetMetricName.BUDGET_UNAVAILABLE]);

      const open = chatSetup([ok], { failOpen: true }, unreachable);
      expect((await open.call(user('hello'))).head?.statusCode).toBe(200);
      expect((await open.call(user('hello again'))).head?.statusCode).toBe(200);
      expect(open.counts).toEqual([BudgetMetricName.BUDGET_FAIL_OPEN, BudgetMetricName.BUDGET_FAIL_OPEN]);
      expect(open.audit()).toMatchObject({ budgetDecision: 'failOpen', budgetErrorName: expect.any(String) });
    } finally {
      unreachable.destroy();
    }
  });
});

describe('invoke route with a budget', () => {
  function invokeSetup(model: ScriptedModel, budget: Partial<BudgetConfig>) {
    const log = memoryLogger();
    const m = recordingMetrics();
    const proxy = createModelProxy({
      config: proxyConfig(), guards: fakeGuards(), modelClient: model, logger: log.logger, budget: budgetOf(budget), budgetMetrics: m.metrics,
    });
    const tenant = `invoke-${++tenants}`;
    const call = (body: unknown) => proxy(withTenant(apiEvent(body), tenant), invocationContext());
    return { call, tenant, ...m, audit: () => log.records().filter((r) => r.message === 'model invocation').at(-1) as Record<string, unknown> };
  }

  it('reserves prompt bytes plus max tokens and settles the estimate of prompt and answer', async () => {
    const { call, tenant, meters } = invokeSetup(new ScriptedModel([answer('The claim is approved.')]), {});
    const res = await call({ prompt: 'Is the claim approved?', parameters: { maxTokens: 300 } });
    expect(res.statusCode).toBe(200);
    const item = await table.item(tenantKey(tenant));
    expect(item).toMatchObject({ admitted: 1, settled: 1, reserved: 0 });
    expect(item?.usedTokens).toBeGreaterThan(5);
    expect(item?.usedTokens).toBeLessThan(40);
    expect(meters[0]).toMatchObject({ tenant, promptTokens: expect.any(Number), completionTokens: expect.any(Number) });
  });

  it('answers 429 in its own error shape with the rate-limit headers, and never calls the model', async () => {
    const model = new ScriptedModel([answer('unused')]);
    const { call, audit } = invokeSetup(model, { defaults: { tenant: { tokensPerDay: 100 } } });
    const res = await call({ prompt: 'Is the claim approved?', parameters: { maxTokens: 300 } });
    expect(res.statusCode).toBe(429);
    expect(res.headers).toMatchObject({ 'x-ratelimit-limit-tokens': '100', 'x-ratelimit-remaining-tokens': '100' });
    expect(res.headers?.['x-ratelimit-reset-tokens']).toMatch(/^(\d+h)?(\d+m)?\d+s$/);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'Throttled' } });
    expect(model.requests).toHaveLength(0);
    expect(audit()).toMatchObject({ failedStep: 'budget', budgetDecision: 'exceeded', budgetWindow: 'day' });
  });

  it('settles the prompt of a call whose backend failed, leaving no reservation behind', async () => {
    const { call, tenant } = invokeSetup(new ScriptedModel([() => {
      throw new Error('connection reset');
    }]), {});
    const res = await call({ prompt: 'Is the claim approved?', parameters: { maxTokens: 300 } });
    expect(res.statusCode).toBeGreaterThanOrEqual(500);
    expect(await table.item(tenantKey(tenant))).toMatchObject({ admitted: 1, settled: 1, reserved: 0 });
  });
});
