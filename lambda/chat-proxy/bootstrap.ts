import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { budgetEngineFor } from '../budget/budget-client';
import type { BudgetMetrics } from '../budget/budget-metrics';
import { ErrorCode } from '../../lib/contracts/error-codes';
import { MODEL_PROXY_CONFIG_ENV, type ModelProxyConfig } from '../../lib/contracts/model-proxy';
import type { ChatBackend } from '../chat/backend';
import { openAiErrorResponse } from '../chat/openai-error';
import { preloadTokenizer } from '../chat/token-estimate';
import { AUDIT_MESSAGE } from '../model-proxy/audit';
import { parseProxyConfig } from '../model-proxy/config';
import type { RetryClock } from '../model-proxy/retry';
import { safeErrorName } from '../shared/error-name';
import { HandlerError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import type { ChatGuards } from './chat-guards';
import type { ChatMetrics } from './chat-metrics';
import { createChatProxy, type ChatProxy } from './chat-proxy';
import { sendResult } from './response-sink';
import { createRouter, type TargetSpec } from '../routing/router';
import { defaultCacheClients, responseCacheFromConfig, type CacheClients } from '../response-cache/from-config';

export interface ChatEnvironmentDeps {
  /** The budget table's client settings (tests point it at a local server). @default - the region's DynamoDB endpoint */
  readonly budgetClient?: DynamoDBClientConfig;
  readonly budgetMetrics?: BudgetMetrics;
  readonly logger: Logger;
  readonly guards: (config: ModelProxyConfig) => ChatGuards;
  /** Builds one target's backend client; called once per target at cold start. */
  readonly backend: (spec: TargetSpec) => ChatBackend;
  readonly metrics?: ChatMetrics;
  readonly clock?: RetryClock;
  /** The DynamoDB and KMS clients of a route with `cache`. @default clients of the function's region */
  readonly cacheClients?: () => CacheClients;
}

/**
 * The chat route as the handler builds it at cold start, from the same
 * configuration as the invoke route. A broken configuration does not crash
 * the function: it is logged once (field names only) and every call answers 500.
 */
export function createChatProxyFromEnvironment(env: Readonly<Record<string, string | undefined>>, deps: ChatEnvironmentDeps): ChatProxy {
  const parsed = parseProxyConfig(env[MODEL_PROXY_CONFIG_ENV]);
  if (!parsed.success) {
    deps.logger.log('ERROR', 'chat proxy configuration rejected', { problem: parsed.errors.join('; ') });
    return misconfigured(deps.logger);
  }
  try {
    const router = createRouter(parsed.data, (spec) => deps.backend(spec));
    // Only Bedrock Converse and OpenAI-compatible servers report usage: for the others every call needs the estimate.
    const estimates = router.versions.some((v) => v.groups.some((g) => g.some((t) => (
      t.spec.backend.type !== 'bedrock' && t.spec.requestFormat !== 'OPENAI_CHAT'))));
    if (estimates) preloadTokenizer();
    return createChatProxy({
      config: parsed.data,
      guards: deps.guards(parsed.data),
      router,
      logger: deps.logger,
      budget: budgetEngineFor(parsed.data, deps.budgetClient),
      budgetMetrics: deps.budgetMetrics,
      metrics: deps.metrics,
      clock: deps.clock,
      ...(parsed.data.cache === undefined ? {} : {
        cache: responseCacheFromConfig(parsed.data.cache, (deps.cacheClients ?? defaultCacheClients)(), deps.logger),
      }),
    });
  } catch (err) {
    deps.logger.log('ERROR', 'chat proxy could not start', { errorName: safeErrorName(err) });
    return misconfigured(deps.logger);
  }
}

function misconfigured(logger: Logger): ChatProxy {
  return async (event, sink, context) => {
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    logger.log('ERROR', AUDIT_MESSAGE, {
      requestId, invocationId: context.awsRequestId, route: 'chat', status: 500, code: ErrorCode.INTERNAL_ERROR, failedStep: 'configuration',
    });
    await sendResult(sink, openAiErrorResponse(new HandlerError(500, ErrorCode.INTERNAL_ERROR, 'Internal server error.'), requestId));
  };
}
