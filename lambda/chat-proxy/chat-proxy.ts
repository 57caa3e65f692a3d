/**
 * The chat completions route of one model: OpenAI Chat Completions in,
 * buffered or streamed, with the invoke route's guards on every turn and on
 * every character of the answer.
 *
 * check the request → screen user and system turns for injection → mask every
 * turn (one placeholder map) → call the backend (retrying throttling, within
 * the time budget) → mask the answer (→ restore the caller's own values) →
 * answer. A streamed answer sends its status when the backend's first event
 * is in: a failure before that is a plain error answer with its own status;
 * after it, the stream ends with an error event and `[DONE]`. Text leaves only
 * through the masker, which holds back what it cannot yet decide.
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ModelProxyConfig } from '../../lib/contracts/model-proxy';
import { ErrorCode } from '../../lib/contracts/error-codes';
import type { ChatBackend, ChatBackendRequest, ChatStreamEvent } from '../chat/backend';
import { STREAM_INCOMPLETE } from '../chat/backend';
import type { ChatTurn } from '../chat/chat-request';
import { buildCompletion, ChunkBuilder, completionId, type CompletionIdentity, type TokenUsage } from '../chat/completion';
import { openAiErrorResponse, REQUEST_ID_HEADER } from '../chat/openai-error';
import { SSE_CONTENT_TYPE, SSE_DONE } from '../chat/sse-encoder';
import { chunkEvent, streamErrorEvents } from '../chat/stream-events';
import { estimatePromptTokens, estimateTokens, reservePromptTokens } from '../chat/token-estimate';
import { BudgetCall, type Usage } from '../budget/budget-call';
import type { BudgetEngine } from '../budget/budget-engine';
import type { BudgetMetrics } from '../budget/budget-metrics';
import { AUDIT_MESSAGE } from '../model-proxy/audit';
import { toBackendHandlerError } from '../model-proxy/backend-errors';
import { ModelCallError } from '../model-proxy/model-client';
import type { InvocationContext } from '../model-proxy/proxy';
import { MIN_ATTEMPT_MS } from '../model-proxy/proxy';
import { type RetryClock, systemClock } from '../model-proxy/retry';
import { callerOf } from '../routing/caller';
import { type RoutedOutcome, routeChosen } from '../routing/route-call';
import { createRouter, type RouteChoice, type Router } from '../routing/router';
import { CACHE_STATUS_HEADER, type CacheLookup, type CachedAnswer, type ResponseCache } from '../response-cache';
import { logBreakerChanges, routingAuditFields, routingSample } from '../routing/routing-report';
import { Rejections } from '../request-validator/rejection';
import { safeErrorName } from '../shared/error-name';
import { GatewayTimeoutError, HandlerError } from '../shared/errors';
import { jsonResponse, SECURITY_HEADERS } from '../shared/http';
import type { Logger } from '../shared/logger';
import { ChatAuditRecord, type ChatOutcome } from './chat-audit';
import { SCREENED_ROLES, type ChatGuards, type ChatPiiCall } from './chat-guards';
import type { ChatMetrics } from './chat-metrics';
import { renderCachedAnswer, renderCachedStream } from './cached-answer';
import { readChatRequest } from './read-chat-request';
import { sendResult, type ResponseSink } from './response-sink';

export interface ChatProxyDeps {
  readonly config: ModelProxyConfig;
  readonly guards: ChatGuards;
  /** The targets and their backends (built once per execution environment), or... */
  readonly router?: Router<ChatBackend>;
  /** ...the one backend of a route without `routing`. */
  readonly backend?: ChatBackend;
  readonly logger: Logger;
  readonly metrics?: ChatMetrics;
  /** Wall clock, sleep and jitter of the retry loop. @default the system's */
  readonly clock?: RetryClock;
  /** Monotonic milliseconds for latencies. @default performance.now */
  readonly elapsed?: () => number;
  /** The route's response cache (`config.cache`); absent: every call goes to the backend and answers carry no `x-cache`. */
  readonly cache?: ResponseCache;
  /** Routes with a budget: reserves and settles each call's tokens. @default - no limits, no metering */
  readonly budget?: BudgetEngine;
  readonly budgetMetrics?: BudgetMetrics;
}

export type ChatProxy = (event: APIGatewayProxyEvent, sink: ResponseSink, context: InvocationContext) => Promise<void>;

const internal = (): HandlerError => new HandlerError(500, ErrorCode.INTERNAL_ERROR, 'Internal server error.');

/** A guard broke: the call fails closed with a bare 500 (or an in-band 500 on a stream). */
class GuardFailure extends Error {
  public constructor(public readonly causeName: string) {
    super('guard failure');
  }
}

/** The call ended without an answer to send: the error (and OpenAI `param`) to answer with. */
class Refusal extends Error {
  public constructor(public readonly error: HandlerError, public readonly param: string | null, public readonly outcome: ChatOutcome) {
    super('refused');
  }
}

/** Why our own abort fired, so the failure can be named for the caller and the audit line. */
type AbortCause = 'idle' | 'deadline' | 'client';

export function createChatProxy(deps: ChatProxyDeps): ChatProxy {
  const { config, guards, logger } = deps;
  const router = deps.router ?? createRouter(config, () => {
    if (deps.backend === undefined) throw new Error('the chat proxy needs a router or a backend');
    return deps.backend;
  });
  const clock = deps.clock ?? systemClock;
  const elapsed = deps.elapsed ?? (() => performance.now());
  const round = (ms: number) => Math.round(ms * 100) / 100;

  return async (event, sink, context) => {
    const start = elapsed();
    const deadline = clock.now() + context.getRemainingTimeInMillis() - config.timeoutMarginMs;
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    const principalId = event.requestContext?.authorizer?.principalId;
    const audit = new ChatAuditRecord(config.model, config.backend.type, requestId, context.awsRequestId,
      typeof principalId === 'string' ? principalId : null);
    const since = () => round(elapsed() - start);
    const caller = callerOf(event.requestContext?.authorizer, config.model);
    let routed: RoutedOutcome<ChatBackend, unknown> | undefined;
    const budget = deps.budget ? new BudgetCall(deps.budget, event, config.model, logger, deps.budgetMetrics) : undefined;
    /** What the backend was sent and has produced so far: a stream cut short settles what it generated. */
    const spent: { turns: readonly ChatTurn[] | undefined; text: string; usage: TokenUsage | undefined } = { turns: undefined, text: '', usage: undefined };
    /** What the audit line and the logs learn from the routed call. */
    const noteRouting = (outcome: RoutedOutcome<ChatBackend, unknown>) => {
      routed = outcome;
      if (budget !== undefined && outcome.attempts > 0) spent.turns = bodyTurns;
      audit.attempts = outcome.attempts;
      if (outcome.target) audit.backendType = outcome.target.spec.backend.type;
      audit.routing = routingAuditFields(router, outcome);
      logBreakerChanges(logger, config.model, outcome);
    };
    const failoverOptions = () => ({
      retry: config.retry, deadline, clock, minAttemptMs: MIN_ATTEMPT_MS, elapsed, cancelled: () => sink.closed.aborted,
    });

    function guarded<T>(fn: () => T): T {
      try {
        return fn();
      } catch (err) {
        throw new GuardFailure(safeErrorName(err));
      }
    }

    /** Screens and masks the conversation; the backend request. */
    function prepare(turns: readonly ChatTurn[], rawTurns: readonly ChatTurn[], pii: ChatPiiCall, stop: readonly string[] | undefined) {
      const t0 = elapsed();
      if (guards.injectionAction !== 'off') {
        for (let i = 0; i < rawTurns.length; i++) {
          if (!SCREENED_ROLES.has(rawTurns[i].role)) continue;
          const verdict = guarded(() => guards.inspect(rawTurns[i].text, rawTurns[i].role));
          if (verdict?.flagged !== true) continue;
          audit.injectionSuspected = true;
          if (guards.injectionAction === 'block') {
            const r = Rejections.promptRejected;
            throw new Refusal(new HandlerError(r.status, r.code, r.message), `messages[${i}].content`, 'refused');
          }
        }
      }
      audit.latencyMs.validate = round(elapsed() - t0);
      const t1 = elapsed();
      const findings: Record<string, number> = {};
      const mask = (text: string): string => {
        const result = guarded(() => pii.maskRequest(text));
        if (result === null || typeof result !== 'object' || typeof result.text !== 'string') throw new GuardFailure('InvalidMaskResult');
        for (const [type, n] of Object.entries(result.findings)) findings[type] = (findings[type] ?? 0) + n;
        return result.text;
      };
      const masked = turns.map((turn) => ({ role: turn.role, text: mask(turn.text) }));
      const stopSequences = stop?.map(mask);
      audit.piiPrompt = findings;
      audit.latencyMs.maskPrompt = round(elapsed() - t1);
      return { turns: masked, stopSequences };
    }

    /** The masked turns of the backend request, once built. */
    let bodyTurns: readonly ChatTurn[] | undefined;
    try {
      const checked = readChatRequest(event, {
        model: config.model, maxBodyBytes: config.maxBodyBytes, maxTotalChars: config.maxPromptLength, maxOutputTokens: config.maxOutputTokens,
      });
      if (!checked.ok) throw new Refusal(checked.refusal.error, checked.refusal.param, 'refused');
      const { request, rawTurns } = checked.value;
      audit.stream = request.stream;
      audit.turns = request.turns.length;
      audit.promptChars = request.turns.reduce((sum, turn) => sum + turn.text.length, 0);
      const pii = guarded(() => guards.startCall());
      const prepared = prepare(request.turns, rawTurns, pii, request.parameters.stopSequences);
      const { temperature, topP } = request.parameters;
      // Field by field: nothing of the caller's parameters reaches the backend unless named here (stop sequences masked).
      const backendRequest: Omit<ChatBackendRequest, 'signal'> = {
        turns: prepared.turns,
        parameters: {
          maxTokens: request.parameters.maxTokens ?? config.maxOutputTokens,
          ...(temperature !== undefined && { temperature }),
          ...(topP !== undefined && { topP }),
          ...(prepared.stopSequences !== undefined && { stopSequences: prepared.stopSequences }),
        },
      };
      bodyTurns = backendRequest.turns;
      if (budget !== undefined) {
        const t = elapsed();
        const refused = await budget.reserve({
          promptTokens: reservePromptTokens(backendRequest.turns), completionTokens: backendRequest.parameters.maxTokens,
        });
        audit.latencyMs.budget = round(elapsed() - t);
        if (refused !== undefined) {
          audit.failedStep = 'budget';
          throw new Refusal(refused, null, 'refused');
        }
      }
      const identity: CompletionIdentity = { id: completionId(requestId), created: Math.floor(clock.now() / 1000), model: config.model };
      // Chosen once: the cache keys on the version, and the call must go to the same one.
      const choice = router.choose(caller, clock.now(), clock.random);
      const cached = await lookUp(backendRequest, choice);
      const cacheHeaders: Record<string, string> = cached === undefined ? {} : { [CACHE_STATUS_HEADER]: cached.status };
      if (cached?.status === 'hit') {
        await (request.stream
          ? streamCached(cached.answer, pii, identity, request.includeUsage, cacheHeaders)
          : bufferedCached(cached.answer, pii, identity, cacheHeaders));
      } else {
        const key = cached?.status === 'miss' ? cached.key : undefined;
        const answer = request.stream
          ? await streamAnswer(backendRequest, choice, pii, identity, request.includeUsage, cacheHeaders)
          : await bufferedAnswer(backendRequest, choice, pii, identity, cacheHeaders);
        if (key !== undefined && answer !== undefined) await storeAnswer(key, answer);
      }
    } catch (err) {
      await failure(err);
    } finally {
      await settleBudget();
    }
    audit.latencyMs.total = since();
    logger.log(audit.status >= 500 ? 'ERROR' : audit.status >= 400 || audit.outcome !== 'completed' ? 'WARN' : 'INFO', AUDIT_MESSAGE, audit.fields());
    recordMetrics();

    async function lookUp(req: Omit<ChatBackendRequest, 'signal'>, choice: RouteChoice<ChatBackend> | undefined): Promise<CacheLookup | undefined> {
      if (deps.cache === undefined) return undefined;
      const t0 = elapsed();
      const { maxTokens, temperature, topP, stopSequences } = req.parameters;
      const lookup = await deps.cache.lookup({
        authorizer: event.requestContext?.authorizer,
        headers: event.headers,
        multiValueHeaders: event.multiValueHeaders,
        model: config.model,
        version: choice?.version.name,
        request: { turns: req.turns, maxTokens, temperature, topP, stopSequences },
      });
      audit.cache = lookup.status;
      if (lookup.status === 'bypass') {
        audit.cacheBypass = lookup.reason;
        if (lookup.reason === 'unavailable') audit.cacheErrors++;
      }
      audit.latencyMs.cacheRead = round(elapsed() - t0);
      return lookup;
    }

    /** Only complete answers of unflagged conversations are kept; a content filter's verdict is not an answer to reuse. */
    async function storeAnswer(key: string, answer: CachedAnswer): Promise<void> {
      if (audit.outcome !== 'completed' || audit.injectionSuspected || answer.finishReason === 'content_filter') return;
      const t0 = elapsed();
      audit.cacheStored = await deps.cache!.store(key, answer);
      if (!audit.cacheStored) audit.cacheErrors++;
      audit.latencyMs.cacheWrite = round(elapsed() - t0);
    }

    function cachedUsage(answer: CachedAnswer): TokenUsage {
      const usage: TokenUsage = { promptTokens: answer.promptTokens, completionTokens: answer.completionTokens, estimated: answer.usageEstimated };
      audit.promptTokens = usage.promptTokens;
      audit.completionTokens = usage.completionTokens;
      audit.usageEstimated = usage.estimated;
      return usage;
    }

    async function bufferedCached(answer: CachedAnswer, pii: ChatPiiCall, identity: CompletionIdentity, headers: Record<string, string>): Promise<void> {
      const t0 = elapsed();
      const rendered = guarded(() => renderCachedAnswer(pii, answer.text));
      audit.piiResponse = rendered.findings;
      audit.latencyMs.maskResponse = round(elapsed() - t0);
      audit.outputChars = rendered.text.length;
      const completion = buildCompletion(identity, rendered.text, answer.finishReason, cachedUsage(answer));
      await sendResult(sink, jsonResponse(200, completion, { [REQUEST_ID_HEADER]: requestId, ...headers }));
      audit.status = 200;
      audit.outcome = 'completed';
    }

    async function streamCached(
      answer: CachedAnswer, pii: ChatPiiCall, identity: CompletionIdentity, includeUsage: boolean, headers: Record<string, string>,
    ): Promise<void> {
      const t0 = elapsed();
      const rendered = guarded(() => renderCachedStream(pii, answer.text));
      audit.piiResponse = rendered.findings;
      audit.latencyMs.maskResponse = round(elapsed() - t0);
      const chunks = new ChunkBuilder(identity, includeUsage);
      sink.open({ statusCode: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': SSE_CONTENT_TYPE, [REQUEST_ID_HEADER]: requestId, ...headers } });
      audit.status = 200;
      const opened = elapsed();
      audit.firstByteMs = since();
      await sink.write(chunkEvent(chunks.role()));
      for (const piece of rendered.pieces) {
        if (sink.closed.aborted) break;
        audit.firstTextMs ??= since();
        audit.outputChars += piece.length;
        await sink.write(chunkEvent(chunks.content(piece)));
      }
      if (!sink.closed.aborted) {
        await sink.write(chunkEvent(chunks.finish(answer.finishReason)));
        if (includeUsage) await sink.write(chunkEvent(chunks.usage(cachedUsage(answer))));
        await sink.write(SSE_DONE);
      }
      await sink.end();
      audit.streamMs = round(elapsed() - opened);
      audit.outcome = sink.closed.aborted ? 'clientDisconnected' : 'completed';
    }

    async function bufferedAnswer(
      req: Omit<ChatBackendRequest, 'signal'>, choice: RouteChoice<ChatBackend> | undefined, pii: ChatPiiCall, identity: CompletionIdentity,
      headers: Record<string, string>,
    ): Promise<CachedAnswer> {
      const t0 = elapsed();
      const outcome = await routeChosen(router, choice,
        (target, signal) => target.client.complete({ ...req, signal: AbortSignal.any([signal, sink.closed]) }), failoverOptions());
      noteRouting(outcome);
      audit.latencyMs.invoke = round(elapsed() - t0);
      if (!outcome.ok) throw backendRefusal(outcome.error, sink.closed.aborted ? 'client' : undefined);
      const answer = outcome.value;
      if (answer === null || typeof answer !== 'object' || typeof answer.text !== 'string') {
        throw new Refusal(toBackendHandlerError(new ModelCallError('failed', { backendCode: 'InvalidAnswer' })), null, 'backendError');
      }
      const t1 = elapsed();
      const masked = guarded(() => pii.maskAnswer(answer.text));
      audit.piiResponse = masked.findings;
      const content = pii.restores ? guarded(() => pii.restore(masked.text)) : masked.text;
      audit.latencyMs.maskResponse = round(elapsed() - t1);
      spent.text = answer.text;
      const usage = usageOf(req.turns, answer.text, answer.usage);
      audit.outputChars = content.length;
      await sendResult(sink, jsonResponse(200, buildCompletion(identity, content, answer.finishReason, usage), { [REQUEST_ID_HEADER]: requestId, ...headers }));
      audit.status = 200;
      audit.outcome = 'completed';
      return cacheEntry(masked.text, answer.finishReason, usage);
    }

    /**
     * The streamed answer; what the cache may keep of it (the masked text,
     * before restoring) when it completed.
     */
    async function streamAnswer(
      req: Omit<ChatBackendRequest, 'signal'>, choice: RouteChoice<ChatBackend> | undefined, pii: ChatPiiCall, identity: CompletionIdentity,
      includeUsage: boolean, headers: Record<string, string>,
    ): Promise<CachedAnswer | undefined> {
      let maskedAnswer = '';
      let entry: CachedAnswer | undefined;
      const ours = new AbortController();
      let cause: AbortCause | undefined;
      const abort = (why: AbortCause) => {
        if (!ours.signal.aborted) {
          cause = why;
          ours.abort();
        }
      };
      const onClientGone = () => abort('client');
      if (sink.closed.aborted) onClientGone();
      sink.closed.addEventListener('abort', onClientGone, { once: true });
      const deadlineTimer = setTimeout(() => abort('deadline'), Math.max(0, deadline - clock.now()));
      let idleTimer: ReturnType<typeof setTimeout> | undefined;
      /**
       * The next event, or a timeout if the backend sends nothing for the idle
       * time (`onIdle` aborts `stopOn`): before the first event that ends one
       * attempt, which may fail over; after it, the whole stream.
       */
      // The abort settles the wait even if a backend were to ignore its signal: a stalled stream never hangs the function.
      const next = (it: AsyncIterator<ChatStreamEvent>, stopOn: AbortSignal, onIdle: () => void): Promise<IteratorResult<ChatStreamEvent>> => (
        new Promise((resolve, reject) => {
          const stop = () => reject(new ModelCallError('timeout', { backendCode: 'Aborted' }));
          if (stopOn.aborted) {
            stop();
            return;
          }
          idleTimer = setTimeout(onIdle, config.streamIdleTimeoutMs);
          stopOn.addEventListener('abort', stop, { once: true });
          it.next().then(resolve, reject).finally(() => {
            clearTimeout(idleTimer);
            stopOn.removeEventListener('abort', stop);
          });
        }));
      const streamIdle = () => abort('idle');
      let iterator: AsyncIterator<ChatStreamEvent> | undefined;
      let opened = 0;
      try {
        const t0 = elapsed();
        let openedIdle = false;
        // An attempt is the stream up to its first event: the caller has seen nothing yet, so another target may take over.
        const outcome = await routeChosen(router, choice, async (target, signal) => {
          const attempt = new AbortController();
          const stopOn = AbortSignal.any([signal, ours.signal, attempt.signal]);
          openedIdle = false;
          const it = target.client.stream({ ...req, signal: stopOn })[Symbol.asyncIterator]();
          try {
            return { it, first: await next(it, stopOn, () => {
              openedIdle = true;
              attempt.abort();
            }) };
          } catch (err) {
            void it.return?.()?.catch(() => undefined);
            throw err;
          }
        }, { ...failoverOptions(), cancelled: () => sink.closed.aborted || cause === 'client' });
        noteRouting(outcome);
        audit.latencyMs.invoke = round(elapsed() - t0);
        if (!outcome.ok) throw backendRefusal(outcome.error, cause ?? (openedIdle ? 'idle' : undefined));
        iterator = outcome.value.it;
        let result = outcome.value.first;

        const chunks = new ChunkBuilder(identity, includeUsage);
        const masker = guarded(() => pii.answerMasker());
        const restorer = guarded(() => pii.restorer());
        sink.open({ statusCode: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': SSE_CONTENT_TYPE, [REQUEST_ID_HEADER]: requestId, ...headers } });
        audit.status = 200;
        opened = elapsed();
        audit.firstByteMs = since();
        await sink.write(chunkEvent(chunks.role()));
        let maskMs = 0;
        const release = async (text: string, last: boolean) => {
          const t = elapsed();
          let out: string;
          try {
            const masked = last ? masker.push(text) + masker.flush() : masker.push(text);
            maskedAnswer += masked;
            out = restorer.push(masked);
            if (last) out += restorer.flush();
          } catch (err) {
            throw new GuardFailure(safeErrorName(err));
          } finally {
            maskMs += elapsed() - t;
          }
          if (out === '') return;
          audit.outputChars += out.length;
          audit.firstTextMs ??= since();
          await sink.write(chunkEvent(chunks.content(out)));
        };
        for (;;) {
          if (result.done === true) throw new ModelCallError('failed', { backendCode: STREAM_INCOMPLETE });
          const e = result.value;
          if (e.type === 'end') {
            await release('', true);
            audit.piiResponse = masker.findings;
            audit.latencyMs.maskResponse = round(maskMs);
            const usage = usageOf(req.turns, spent.text, e.usage);
            await sink.write(chunkEvent(chunks.finish(e.finishReason)));
            if (includeUsage) await sink.write(chunkEvent(chunks.usage(usage)));
            await sink.write(SSE_DONE);
            await sink.end();
            audit.outcome = sink.closed.aborted ? 'clientDisconnected' : 'completed';
            entry = cacheEntry(maskedAnswer, e.finishReason, usage);
            break;
          }
          if (typeof e.text === 'string' && e.text !== '') {
            spent.text += e.text;
            await release(e.text, false);
          }
          if (sink.closed.aborted) throw new ModelCallError('failed', { backendCode: 'ClientDisconnected' });
          result = await next(iterator, ours.signal, streamIdle);
        }
      } catch (err) {
        if (!sink.opened) throw err instanceof Refusal || err instanceof GuardFailure ? err : backendRefusal(err, cause);
        // After the first byte the status is sent: the failure goes in-band, and nothing of the held-back text is sent.
        audit.failedMidStream = true;
        const outcome: ChatOutcome = cause === 'client' || sink.closed.aborted ? 'clientDisconnected'
          : err instanceof GuardFailure ? 'guardError' : cause === 'idle' ? 'idleTimeout' : cause === 'deadline' ? 'deadline' : 'backendError';
        audit.outcome = outcome;
        const error = err instanceof GuardFailure ? internal() : outcome === 'idleTimeout' || outcome === 'deadline'
          ? new GatewayTimeoutError() : toBackendHandlerError(err);
        audit.code = error.code;
        audit.failedStep = err instanceof GuardFailure ? 'maskResponse' : 'invoke';
        if (err instanceof ModelCallError) audit.backend = err.detail;
        else audit.errorName = err instanceof GuardFailure ? err.causeName : safeErrorName(err);
        if (outcome !== 'clientDisconnected') await sink.write(streamErrorEvents(error, requestId));
        await sink.end();
      } finally {
        clearTimeout(deadlineTimer);
        clearTimeout(idleTimer);
        sink.closed.removeEventListener('abort', onClientGone);
        if (iterator) void Promise.resolve(iterator.return?.()).catch(() => undefined);
        if (opened > 0) audit.streamMs = round(elapsed() - opened);
        if (sink.closed.aborted && audit.outcome !== 'completed') abort('client');
      }
      return entry;
    }

    function cacheEntry(text: string, finishReason: CachedAnswer['finishReason'], usage: TokenUsage): CachedAnswer {
      return { text, finishReason, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, usageEstimated: usage.estimated };
    }

    /** Settles what the backend was asked for and produced; a call that never reached it gives its reservation back. */
    async function settleBudget(): Promise<void> {
      if (budget === undefined) return;
      const usage: Usage | undefined = spent.usage
        ?? (spent.turns === undefined ? undefined
          : { promptTokens: estimatePromptTokens(spent.turns), completionTokens: estimateTokens(spent.text), estimated: true });
      await budget.finish(usage, routed?.ok ? routed.version?.name : undefined);
      audit.budget = budget.auditFields();
    }

    function backendRefusal(err: unknown, why: AbortCause | undefined): Refusal {
      if (err instanceof ModelCallError) audit.backend = err.detail;
      else audit.errorName = safeErrorName(err);
      if (why === 'client') return new Refusal(new HandlerError(499, ErrorCode.BAD_REQUEST, 'The client closed the request.'), null, 'clientDisconnected');
      if (why === 'idle') return new Refusal(new GatewayTimeoutError(), null, 'idleTimeout');
      if (why === 'deadline') return new Refusal(new GatewayTimeoutError(), null, 'deadline');
      return new Refusal(toBackendHandlerError(err), null, 'backendError');
    }

    async function failure(err: unknown): Promise<void> {
      const refusal = err instanceof Refusal ? err : undefined;
      const error = refusal?.error ?? internal();
      audit.outcome = refusal?.outcome ?? 'guardError';
      if (!refusal) audit.errorName = err instanceof GuardFailure ? err.causeName : safeErrorName(err);
      audit.status = error.statusCode;
      audit.code = error.code;
      audit.failedStep ??= refusal?.outcome === 'refused' ? 'validate' : refusal ? 'invoke' : 'maskPrompt';
      if (sink.opened) return;
      if (refusal?.outcome === 'clientDisconnected') {
        await sink.end();
        return;
      }
      await sendResult(sink, openAiErrorResponse(error, requestId, refusal?.param ?? null));
    }

    function recordMetrics(): void {
      if (!deps.metrics) return;
      const total = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((sum, n) => sum + n, 0);
      try {
        deps.metrics.record({
          apiId: event.requestContext?.apiId ?? 'unknown',
          model: config.model,
          injectionFlagged: audit.injectionSuspected,
          piiFindings: total(audit.piiPrompt) + total(audit.piiResponse),
          // A hit used no model tokens: the token metrics count what the backends were asked for.
          promptTokens: audit.cache === 'hit' ? 0 : audit.promptTokens,
          completionTokens: audit.cache === 'hit' ? 0 : audit.completionTokens,
          timeToFirstTokenMs: audit.stream ? audit.firstTextMs : undefined,
          streamDurationMs: audit.streamMs,
          streamFailed: audit.failedMidStream && audit.outcome !== 'clientDisconnected',
          clientDisconnected: audit.outcome === 'clientDisconnected',
          ...(audit.cache === undefined ? {} : { cache: audit.cache, cacheErrors: audit.cacheErrors }),
        });
        const sample = router.routed && routed !== undefined
          ? routingSample(routed, {
            apiId: event.requestContext?.apiId ?? 'unknown', model: config.model, status: audit.status, latencyMs: audit.latencyMs.invoke ?? 0,
          })
          : undefined;
        if (sample !== undefined) deps.metrics.routing?.(sample);
      } catch (err) {
        logger.log('WARN', 'chat metrics not emitted', { errorName: safeErrorName(err) });
      }
    }

    function usageOf(turns: readonly ChatTurn[], answer: string, reported: { promptTokens: number; completionTokens: number } | undefined): TokenUsage {
      const usage: TokenUsage = reported !== undefined && Number.isFinite(reported.promptTokens) && Number.isFinite(reported.completionTokens)
        ? { promptTokens: reported.promptTokens, completionTokens: reported.completionTokens, estimated: false }
        : { promptTokens: estimatePromptTokens(turns), completionTokens: estimateTokens(answer), estimated: true };
      audit.promptTokens = usage.promptTokens;
      audit.completionTokens = usage.completionTokens;
      audit.usageEstimated = usage.estimated;
      spent.usage = usage;
      return usage;
    }
  };
}
