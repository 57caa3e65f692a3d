/**
 * Simple stand-ins for the proxy's dependencies. The e2e tests use the same
 * guards, so the real request-validator and pii-masking modules can replace
 * them in one place (`fakeGuards`).
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { DEFAULT_PII_MASKING, DEFAULT_RETRY, ModelProxyConfig } from '../../../lib/contracts/model-proxy';
import { BadRequestError } from '../../../lambda/shared/errors';
import { createJsonLogger } from '../../../lambda/shared/logger';
import type { Guards, MaskedText, PiiCall, PiiCounts, PiiGuard, RequestCheck, RequestInput } from '../../../lambda/model-proxy/guards';
import type { ModelClient, ModelRequest, ModelResponse } from '../../../lambda/model-proxy/model-client';
import type { InvocationContext } from '../../../lambda/model-proxy/proxy';
import type { RetryClock } from '../../../lambda/model-proxy/retry';

export function proxyConfig(overrides: Partial<ModelProxyConfig> = {}): ModelProxyConfig {
  return {
    version: 1,
    model: 'claims-triage',
    backend: { type: 'sagemaker', endpointName: 'claims-llm' },
    requestFormat: 'PASSTHROUGH',
    responseTextPath: 'generated_text',
    maxPromptLength: 262_144,
    maxOutputTokens: 4096,
    restorePlaceholders: false,
    piiMasking: DEFAULT_PII_MASKING,
    maxBodyBytes: 2_000_000,
    injectionAction: 'block',
    injectionThreshold: 0.5,
    retry: DEFAULT_RETRY,
    timeoutMarginMs: 1000,
    streamIdleTimeoutMs: 60_000,
    ...overrides,
  };
}

const INJECTION = /ignore (all )?previous instructions/i;

/** Parses the payload and checks the prompt: a small subset of what the request-validator does. */
export function fakeRequestGuard(maxPromptLength = 262_144) {
  return {
    check(input: RequestInput): RequestCheck {
      let payload: { prompt?: unknown; parameters?: Record<string, unknown> };
      try {
        payload = JSON.parse(input.body ?? '');
      } catch {
        return { ok: false, error: new BadRequestError('The request body is not valid JSON.'), injectionSuspected: false };
      }
      if (typeof payload.prompt !== 'string' || payload.prompt.length === 0 || payload.prompt.length > maxPromptLength) {
        return { ok: false, error: new BadRequestError('The prompt is missing or too long.'), injectionSuspected: false };
      }
      return { ok: true, value: { prompt: payload.prompt, parameters: payload.parameters ?? {} }, injectionSuspected: INJECTION.test(payload.prompt) };
    },
  };
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PLACEHOLDER = /\[EMAIL_(\d+)\]/g;

/**
 * Masks e-mail addresses with numbered placeholders, a small subset of
 * pii-masking's placeholder mode. One map per call; the answer continues the
 * request's numbering; restore knows only the request's placeholders.
 */
export function fakePiiGuard(): PiiGuard & { startCall(): PiiCall } {
  return {
    startCall(): PiiCall {
      const known = new Map<string, string>();
      let requestOnly: Map<string, string> | undefined;
      const mask = (text: string): MaskedText => {
        const byValue = new Map([...known].map(([placeholder, value]) => [value, placeholder]));
        let count = 0;
        const masked = text.replace(EMAIL, (value) => {
          count++;
          let placeholder = byValue.get(value);
          if (placeholder === undefined) {
            placeholder = `[EMAIL_${known.size + 1}]`;
            known.set(placeholder, value);
            byValue.set(value, placeholder);
          }
          return placeholder;
        });
        const findings: PiiCounts = count > 0 ? { EMAIL: count } : {};
        return { text: masked, findings };
      };
      return {
        maskRequest: mask,
        maskResponse(text: string): MaskedText {
          requestOnly ??= new Map(known);
          return mask(text);
        },
        restore: (answer) => answer.replace(PLACEHOLDER, (p) => (requestOnly ?? known).get(p) ?? p),
      };
    },
  };
}

export function fakeGuards(maxPromptLength?: number): Guards {
  return { request: fakeRequestGuard(maxPromptLength), pii: fakePiiGuard() };
}

/** A model client that records requests and answers from a script. */
export class ScriptedModel implements ModelClient {
  public readonly requests: ModelRequest[] = [];
  public constructor(private readonly script: Array<(request: ModelRequest) => Promise<ModelResponse> | ModelResponse>) {}

  public async invoke(request: ModelRequest): Promise<ModelResponse> {
    this.requests.push(request);
    const step = this.script[Math.min(this.requests.length, this.script.length) - 1];
    return step(request);
  }
}

export const answer = (text: string) => (): ModelResponse => ({ body: JSON.stringify({ generated_text: text }) });

/** A clock whose sleeps advance time instantly; records every sleep. */
export function manualClock(start = 1_700_000_000_000, random = () => 0.5): RetryClock & { sleeps: number[]; advance(ms: number): void } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random,
    advance: (ms) => {
      now += ms;
    },
  };
}

export function invocationContext(remainingMs = 25_000, clock?: { now(): number }): InvocationContext {
  const start = clock?.now() ?? 0;
  return {
    awsRequestId: 'lambda-req-1',
    getRemainingTimeInMillis: () => remainingMs - ((clock?.now() ?? 0) - start),
  };
}

export function apiEvent(body: unknown, overrides: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  return {
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
    multiValueHeaders: {},
    httpMethod: 'POST',
    isBase64Encoded: false,
    path: '/v1/models/claims-triage/invoke',
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    resource: '/v1/models/claims-triage/invoke',
    requestContext: {
      requestId: 'apigw-req-1',
      authorizer: { principalId: 'user-7f3a' },
    } as unknown as APIGatewayProxyEvent['requestContext'],
    ...overrides,
  };
}

/** The project's JSON logger, writing into an array. */
export function memoryLogger() {
  const lines: string[] = [];
  return {
    lines,
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    logger: createJsonLogger({ service: 'model-proxy', write: (line) => lines.push(line) }),
  };
}
