/**
 * Load beyond a model's capacity, through the proxy AS SHIPPED (the bundle
 * assets/model-proxy/index.js; run `npm run build` first) behind a local
 * front that enforces the reserved concurrency the way Lambda does and
 * answers the way API Gateway does (test/helpers/lambda-front.ts). The model
 * holds every call until the test releases it, so which calls find a free
 * slot is decided by arrival, never by a clock.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PII_MASKING, DEFAULT_RETRY, MODEL_PROXY_CONFIG_ENV, type ModelProxyConfig } from '../../lib/contracts/model-proxy';
import { ErrorCode } from '../../lib/contracts/error-codes';
import { AUDIT_MESSAGE } from '../../lambda/model-proxy/audit';
import { captureLogLines, type CapturedOutput } from '../helpers/capture-output';
import { startGatedModel, startLambdaFront, type GatedModel, type LambdaFront, type ProxyHandler } from '../helpers/lambda-front';

const BUNDLE = join(__dirname, '..', '..', 'assets', 'model-proxy', 'index.js');
const RESERVED = 4;
const EXTRA = 7;

function loadBundledHandler(modelUrl: string): ProxyHandler {
  const config: ModelProxyConfig = {
    version: 1, model: 'claims-triage', backend: { type: 'http', url: `${modelUrl}/generate`, allowInsecureHttp: true }, requestFormat: 'PASSTHROUGH',
    responseTextPath: 'generated_text', maxPromptLength: 8_000, maxOutputTokens: 4096, restorePlaceholders: false, maxBodyBytes: 64_000,
    piiMasking: DEFAULT_PII_MASKING, injectionAction: 'block', injectionThreshold: 0.5, retry: DEFAULT_RETRY, timeoutMarginMs: 1000,
      streamIdleTimeoutMs: 60_000,
  };
  const saved = process.env[MODEL_PROXY_CONFIG_ENV];
  process.env[MODEL_PROXY_CONFIG_ENV] = JSON.stringify(config);
  try {
    delete require.cache[BUNDLE];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(BUNDLE) as { handler: ProxyHandler }).handler;
  } finally {
    if (saved === undefined) delete process.env[MODEL_PROXY_CONFIG_ENV];
    else process.env[MODEL_PROXY_CONFIG_ENV] = saved;
  }
}

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: { error?: { code: string; message: string; requestId: string }; output?: string };
}

async function call(url: string, n: number): Promise<Answer> {
  const res = await fetch(`${url}/v1/models/claims-triage/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: `Summarise claim number ${n} in one line.`, parameters: { maxTokens: 32 } }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() as Answer['body'] };
}

describe('a model proxy with reserved concurrency 4 under 11 simultaneous calls', () => {
  let model: GatedModel;
  let front: LambdaFront;
  let output: CapturedOutput;
  let answers: Answer[];

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) throw new Error('assets/model-proxy/index.js is missing: run `npm run build` first');
    model = await startGatedModel('Water damage, covered under section 4.');
    front = await startLambdaFront(loadBundledHandler(model.url), RESERVED);
    output = captureLogLines();
    try {
      const pending = Array.from({ length: RESERVED + EXTRA }, (_, n) => call(front.url, n));
      // Every slot taken and every extra call refused before any generation ends.
      await Promise.all([model.holding(RESERVED), front.throttled(EXTRA)]);
      model.release();
      answers = await Promise.all(pending);
    } finally {
      output.restore();
    }
  });

  afterAll(async () => {
    await front?.close();
    await model?.close();
  });

  test('every call is answered: as many 200s as there are slots, a 429 for each extra call, no 5XX', () => {
    expect(answers).toHaveLength(RESERVED + EXTRA);
    const byStatus = answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 200: RESERVED, 429: EXTRA });
  });

  test('each 429 is in the error shape, with Retry-After and its own request id', () => {
    const busy = answers.filter((a) => a.status === 429);
    for (const answer of busy) {
      expect(answer.retryAfter).toBe('1');
      expect(answer.body).toEqual({ error: { code: ErrorCode.THROTTLED, message: 'The model is busy; retry later.', requestId: expect.any(String) } });
    }
    expect(new Set(busy.map((a) => a.body.error!.requestId)).size).toBe(EXTRA);
  });

  test('the admitted calls got the model\'s answer', () => {
    for (const answer of answers.filter((a) => a.status === 200)) expect(answer.body.output).toBe('Water damage, covered under section 4.');
    expect(model.received).toBe(RESERVED);
  });

  test('the counters account for every call: invocations plus throttles, no errors, never above the reservation', () => {
    expect(front.counters).toEqual({ invocations: RESERVED, throttles: EXTRA, errors: 0, peakConcurrency: RESERVED });
  });

  test('the proxy wrote one audit line per admitted call, each a 200', () => {
    const audits = output.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((r) => r.message === AUDIT_MESSAGE);
    expect(audits.map((a) => a.status)).toEqual(Array(RESERVED).fill(200));
  });

  test('once the generations ended, the model takes calls again', async () => {
    const after = await Promise.all(Array.from({ length: RESERVED }, (_, n) => call(front.url, 100 + n)));
    expect(after.map((a) => a.status)).toEqual(Array(RESERVED).fill(200));
    expect(front.counters.throttles).toBe(EXTRA);
  });
});
