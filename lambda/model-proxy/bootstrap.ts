import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { budgetEngineFor } from '../budget/budget-client';
import type { BudgetMetrics } from '../budget/budget-metrics';
import { ErrorCode } from '../../lib/contracts/error-codes';
import { MODEL_PROXY_CONFIG_ENV, ModelProxyConfig } from '../../lib/contracts/model-proxy';
import { HandlerError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { safeErrorName } from '../shared/error-name';
import { AUDIT_MESSAGE } from './audit';
import { createModelClient, SdkClientOverrides } from './clients';
import { parseProxyConfig } from './config';
import type { Guards } from './guards';
import type { ProxyMetrics } from './metrics';
import { createModelProxy, invokeTarget, ModelProxy } from './proxy';
import { createRouter } from '../routing/router';
import type { RetryClock } from './retry';

export interface ProxyEnvironmentDeps {
  /** The budget table's client settings (tests point it at a local server). @default - the region's DynamoDB endpoint */
  readonly budgetClient?: DynamoDBClientConfig;
  readonly budgetMetrics?: BudgetMetrics;
  readonly logger: Logger;
  /** Builds the guards for the parsed configuration. */
  readonly guards: (config: ModelProxyConfig) => Guards;
  readonly sdk?: SdkClientOverrides;
  readonly clock?: RetryClock;
  readonly metrics?: ProxyMetrics;
}

/**
 * The proxy as the handler builds it at cold start. A broken configuration
 * does not crash the function: it is logged once (field names only) and every
 * call answers 500.
 */
export function createProxyFromEnvironment(env: Readonly<Record<string, string | undefined>>, deps: ProxyEnvironmentDeps): ModelProxy {
  const parsed = parseProxyConfig(env[MODEL_PROXY_CONFIG_ENV]);
  if (!parsed.success) {
    deps.logger.log('ERROR', 'model proxy configuration rejected', { problem: parsed.errors.join('; ') });
    return misconfiguredProxy(deps.logger);
  }
  try {
    return createModelProxy({
      config: parsed.data,
      guards: deps.guards(parsed.data),
      router: createRouter(parsed.data, (spec) => invokeTarget(spec, createModelClient(spec.backend, deps.sdk))),
      logger: deps.logger,
      budget: budgetEngineFor(parsed.data, deps.budgetClient),
      budgetMetrics: deps.budgetMetrics,
      clock: deps.clock,
      metrics: deps.metrics,
    });
  } catch (err) {
    deps.logger.log('ERROR', 'model proxy could not start', { errorName: safeErrorName(err) });
    return misconfiguredProxy(deps.logger);
  }
}

function misconfiguredProxy(logger: Logger): ModelProxy {
  return async (event, context) => {
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    logger.log('ERROR', AUDIT_MESSAGE, {
      requestId,
      invocationId: context.awsRequestId,
      status: 500,
      code: ErrorCode.INTERNAL_ERROR,
      failedStep: 'configuration',
    });
    return new HandlerError(500, ErrorCode.INTERNAL_ERROR, 'Internal server error.').toResponse(requestId);
  };
}
