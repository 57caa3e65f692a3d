import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ModelProxyConfig } from '../../lib/contracts/model-proxy';
import { ErrorCode } from '../../lib/contracts/error-codes';
import { BadGatewayError, HandlerError } from '../shared/errors';
import { jsonResponse } from '../shared/http';
import type { Logger } from '../shared/logger';
import { safeErrorName } from '../shared/error-name';
import { AUDIT_MESSAGE, AuditRecord, ProxyStep, safeCounts } from './audit';
import { toBackendHandlerError } from './backend-errors';
import type { Guards, MaskedText, PiiCall, PiiCounts } from './guards';
import type { ProxyMetrics } from './metrics';
import { ModelCallError, type ModelClient } from './model-client';
import { callerOf } from '../routing/caller';
import { type RoutedOutcome, routeCall } from '../routing/route-call';
import { createRouter, type Router, type TargetSpec } from '../routing/router';
import { logBreakerChanges, routingAuditFields, routingSample } from '../routing/routing-report';
import { buildRequestBody, extractText, parsePath, type PathStep } from './payload-format';
import { RetryClock, systemClock } from './retry';
import { mapStrings } from './string-fields';
import { BudgetCall, type Usage } from '../budget/budget-call';
import type { BudgetEngine } from '../budget/budget-engine';
import type { BudgetMetrics } from '../budget/budget-metrics';
import { estimateTokens, reserveTokens, TOKENS_PER_TURN } from '../chat/token-estimate';

/** The part of the Lambda context the proxy uses. */
export interface InvocationContext {
  readonly awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

export interface ModelProxyDeps {
  readonly config: ModelProxyConfig;
  readonly guards: Guards;
  /** The targets and their clients (built once per execution environment), or... */
  readonly router?: Router<InvokeTarget>;
  /** ...the one client of a route without `routing`. */
  readonly modelClient?: ModelClient;
  readonly logger: Logger;
  /** Wall clock, sleep and jitter of the retry loop. @default the system's */
  readonly clock?: RetryClock;
  /** Monotonic milliseconds for step latencies. @default performance.now */
  readonly elapsed?: () => number;
  /** Where the per-request counts go (EMF metrics in Lambda). @default - none */
  readonly metrics?: ProxyMetrics;
  /** Routes with a budget: reserves and settles each call's tokens. @default - no limits, no metering */
  readonly budget?: BudgetEngine;
  readonly budgetMetrics?: BudgetMetrics;
}

export type ModelProxy = (event: APIGatewayProxyEvent, context: InvocationContext) => Promise<APIGatewayProxyResult>;

/** A target's client and where its answers keep the text. */
export interface InvokeTarget {
  readonly client: ModelClient;
  readonly textPath: readonly PathStep[];
}

export function invokeTarget(spec: TargetSpec, client: ModelClient): InvokeTarget {
  return { client, textPath: parsePath(spec.responseTextPath) };
}

/** What the caller gets of the backend's answer; everything else in it is dropped. */
interface AnswerFields {
  readonly output: string;
}

/** The body of a successful answer. */
export interface ModelAnswer extends AnswerFields {
  readonly model: string;
}

/** A retry is not worth starting with less time than this left. */
export const MIN_ATTEMPT_MS = 250;

/** A guard broke (threw or answered nonsense): the request fails closed. */
class GuardFailure extends Error {
  public constructor(public readonly step: ProxyStep, public readonly causeName: string) {
    super('guard failure');
  }
}

const INTERNAL = () => new HandlerError(500, ErrorCode.INTERNAL_ERROR, 'Internal server error.');

/**
 * validate → mask the prompt → invoke the model → mask the answer (→ restore
 * the caller's own placeholders) → respond, with one audit line per call.
 * Any guard failure answers 500 and nothing reaches the model or the caller
 * unmasked.
 */
export function createModelProxy(deps: ModelProxyDeps): ModelProxy {
  const { config, guards, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const elapsed = deps.elapsed ?? (() => performance.now());
  const router = deps.router ?? createRouter(config, (spec) => {
    if (deps.modelClient === undefined) throw new Error('the model proxy needs a router or a model client');
    return invokeTarget(spec, deps.modelClient);
  });

  return async (event, context) => {
    const start = elapsed();
    const deadline = clock.now() + context.getRemainingTimeInMillis() - config.timeoutMarginMs;
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    const principalId = event.requestContext?.authorizer?.principalId;
    const audit = new AuditRecord(config.model, config.backend.type, requestId, context.awsRequestId,
      typeof principalId === 'string' ? principalId : null);

    let routed: RoutedOutcome<InvokeTarget, unknown> | undefined;
    const budget = deps.budget ? new BudgetCall(deps.budget, event, config.model, logger, deps.budgetMetrics) : undefined;
    /** What the call used, once the backend was asked; the budget settles it (or releases the reservation if it stays unset). */
    let usage: Usage | undefined;
    let current: ProxyStep = 'validate';
    async function timed<T>(step: ProxyStep, fn: () => T | Promise<T>, guard = true): Promise<T> {
      current = step;
      const t0 = elapsed();
      try {
        return await fn();
      } catch (err) {
        if (guard && !(err instanceof GuardFailure)) throw new GuardFailure(step, safeErrorName(err));
        throw err;
      } finally {
        audit.latencyMs[step] = round(elapsed() - t0);
      }
    }

    function fail(error: HandlerError, step: ProxyStep): APIGatewayProxyResult {
      audit.status = error.statusCode;
      audit.code = error.code;
      audit.failedStep = step;
      return error.toResponse(requestId);
    }

    let response: APIGatewayProxyResult;
    try {
      const check = await timed('validate', () => guards.request.check({
        body: event.body,
        isBase64Encoded: event.isBase64Encoded,
        contentType: headerValue(event.headers, 'content-type'),
      }));
      audit.injectionSuspected = check.injectionSuspected === true;
      if (!check.ok) {
        if (!(check.error instanceof HandlerError)) throw new GuardFailure('validate', 'InvalidVerdict');
        response = fail(check.error, 'validate');
      } else {
        const { prompt } = check.value;
        audit.promptChars = prompt.length;
        const { pii, request } = await timed('maskPrompt', async () => {
          const call = await guards.pii.startCall();
          if (call === null || typeof call !== 'object') throw new GuardFailure('maskPrompt', 'InvalidMaskResult');
          // Every string the model gets, whatever field it is in, goes through the same masker.
          return { pii: call, request: await maskEvery(check.value, (text) => call.maskRequest(text), 'maskPrompt') };
        });
        audit.piiPrompt = request.findings;

        // Each target gets the body in its own format; targets that share a format share the body.
        const bodies = new Map<string, string>();
        const bodyFor = (spec: TargetSpec): string => {
          const key = `${spec.requestFormat}\u0000${spec.requestModelName ?? ''}`;
          let body = bodies.get(key);
          if (body === undefined) {
            body = buildRequestBody(spec.requestFormat, request.value.prompt, request.value.parameters, {
              requestModelName: spec.requestModelName,
              defaultMaxTokens: config.maxOutputTokens,
            });
            bodies.set(key, body);
          }
          return body;
        };
        const refused = budget === undefined ? undefined : await timed('budget', () => budget.reserve({
          promptTokens: reserveTokens(request.value.prompt) + TOKENS_PER_TURN,
          completionTokens: request.value.parameters?.maxTokens ?? config.maxOutputTokens,
        }), false);
        if (refused !== undefined) {
          response = fail(refused, 'budget');
        } else {
        const outcome = await timed('invoke', () => routeCall(router, callerOf(event.requestContext?.authorizer, config.model),
          (target, signal) => target.client.client.invoke({ body: bodyFor(target.spec), signal }),
          { retry: config.retry, deadline, clock, minAttemptMs: MIN_ATTEMPT_MS, elapsed }), false);
        routed = outcome;
        audit.attempts = outcome.attempts;
        // A backend that was asked has read the prompt, whatever it answered.
        if (budget !== undefined && outcome.attempts > 0) usage = invokeUsage(request.value.prompt, outcome.ok ? outcome.value.body : undefined);
        if (outcome.target) audit.backendType = outcome.target.spec.backend.type;
        audit.routing = routingAuditFields(router, outcome);
        logBreakerChanges(logger, config.model, outcome);
        if (!outcome.ok) {
          if (outcome.error instanceof ModelCallError) audit.backend = outcome.error.detail;
          else audit.errorName = safeErrorName(outcome.error);
          response = fail(toBackendHandlerError(outcome.error), 'invoke');
        } else {
          const text = await timed('extract', () => extractText(outcome.value.body, outcome.target.client.textPath), false);
          if (text === undefined) {
            response = fail(new BadGatewayError('The model answered in an unexpected format.'), 'extract');
          } else {
            // The backend's fields the caller gets: each one is masked, as the request's are.
            const returned: AnswerFields = { output: text };
            const answerFields = await timed('maskResponse', async () => {
              const masked = await maskEvery(returned, (t) => pii.maskResponse(t), 'maskResponse');
              audit.piiResponse = masked.findings;
              return config.restorePlaceholders ? restoreEvery(masked.value, pii) : masked.value;
            });
            const output = answerFields.output;
            if (typeof output !== 'string') throw new GuardFailure('maskResponse', 'InvalidRestore');
            audit.outputChars = output.length;
            audit.status = 200;
            const answer: ModelAnswer = { model: config.model, ...answerFields };
            response = jsonResponse(200, answer);
          }
        }
        }
      }
    } catch (err) {
      audit.errorName = err instanceof GuardFailure ? err.causeName : safeErrorName(err);
      response = fail(INTERNAL(), err instanceof GuardFailure ? err.step : current);
    }
    if (budget !== undefined) {
      await budget.finish(usage, routed?.ok ? routed.version?.name : undefined);
      audit.budget = budget.auditFields();
    }
    audit.latencyMs.total = round(elapsed() - start);
    logger.log(audit.status >= 500 ? 'ERROR' : audit.status >= 400 ? 'WARN' : 'INFO', AUDIT_MESSAGE, audit.fields());
    recordMetrics(deps.metrics, event, config.model, audit, logger);
    if (router.routed && routed !== undefined) recordRoutingMetrics(deps.metrics, event, config.model, audit, routed, logger);
    return response;
  };
}

/** Metrics never change the answer: a failure to emit them is logged and ignored. */
function recordMetrics(metrics: ProxyMetrics | undefined, event: APIGatewayProxyEvent, model: string, audit: AuditRecord, logger: Logger): void {
  if (!metrics) return;
  const total = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
  try {
    metrics.record({
      apiId: event.requestContext?.apiId ?? 'unknown',
      model,
      injectionFlagged: audit.injectionSuspected,
      piiFindings: total(audit.piiPrompt) + total(audit.piiResponse),
    });
  } catch (err) {
    logger.log('WARN', 'model proxy metrics not emitted', { errorName: safeErrorName(err) });
  }
}

function recordRoutingMetrics(
  metrics: ProxyMetrics | undefined,
  event: APIGatewayProxyEvent,
  model: string,
  audit: AuditRecord,
  outcome: RoutedOutcome<InvokeTarget, unknown>,
  logger: Logger,
): void {
  const sample = routingSample(outcome, {
    apiId: event.requestContext?.apiId ?? 'unknown', model, status: audit.status, latencyMs: audit.latencyMs.invoke ?? 0,
  });
  if (!metrics?.routing || sample === undefined) return;
  try {
    metrics.routing(sample);
  } catch (err) {
    logger.log('WARN', 'routing metrics not emitted', { errorName: safeErrorName(err) });
  }
}

/** Masks every string of `value`; the findings of all its strings, added up. */
async function maskEvery<T>(value: T, mask: (text: string) => MaskedText | Promise<MaskedText>, step: ProxyStep): Promise<{ value: T; findings: PiiCounts }> {
  const findings: Record<string, number> = {};
  const masked = await mapStrings(value, async (text) => {
    const result = await mask(text);
    if (result === null || typeof result !== 'object' || typeof result.text !== 'string') throw new GuardFailure(step, 'InvalidMaskResult');
    for (const [type, count] of Object.entries(safeCounts(result.findings))) findings[type] = (findings[type] ?? 0) + count;
    return result.text;
  });
  return { value: masked, findings };
}

function restoreEvery<T>(value: T, pii: PiiCall): Promise<T> {
  return mapStrings(value, (text) => {
    const restored = pii.restore(text);
    if (typeof restored !== 'string') throw new GuardFailure('maskResponse', 'InvalidRestore');
    return restored;
  });
}

/** The invoke route's backends report no usage: both sides are estimated from the text. */
function invokeUsage(prompt: string, answer: string | undefined): Usage {
  return { promptTokens: estimateTokens(prompt) + TOKENS_PER_TURN, completionTokens: answer === undefined ? 0 : estimateTokens(answer), estimated: true };
}

function headerValue(headers: APIGatewayProxyEvent['headers'] | null | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key] ?? undefined;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
