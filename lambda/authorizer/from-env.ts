/**
 * Builds the authorizer from the JSON in `AUTHORIZER_CONFIG` once per cold
 * start. A missing or invalid config does not crash the container (that would
 * crash-loop and surface as 500s); it logs one error line and refuses every
 * call with 401.
 */
import { createJsonLogger, type Logger } from '../shared/logger';
import { audit } from './audit';
import { type AuthorizerDeps, type AuthorizerHandler, createAuthorizer, LOG_SERVICE, unauthorized } from './authorizer';
import { parseAuthorizerConfig } from './config';
import { Decision, Reason } from './reason-codes';
import { safeErrorName } from '../shared/error-name';

export function createAuthorizerFromEnv(raw: string | undefined, deps: AuthorizerDeps = {}): AuthorizerHandler {
  const logger = deps.logger ?? createJsonLogger({ service: LOG_SERVICE });
  const parsed = parseAuthorizerConfig(raw);
  if (!parsed.success) return refuseEveryCall(logger, `Invalid authorizer config: ${parsed.errors.join('; ')}`);
  try {
    return createAuthorizer(parsed.data, { ...deps, logger });
  } catch (err) {
    return refuseEveryCall(logger, 'unexpected error while building the authorizer', safeErrorName(err));
  }
}

function refuseEveryCall(logger: Logger, problem: string, errorName?: string): AuthorizerHandler {
  try {
    logger.log('ERROR', 'authorizer disabled: every call is refused', { reason: Reason.CONFIG_ERROR, problem, errorName });
  } catch {
    // Nothing left to tell; the handler below still fails closed.
  }
  return async (event) => {
    audit(logger, event, { decision: Decision.UNAUTHORIZED, reason: Reason.CONFIG_ERROR, latencyMs: 0, cached: false });
    throw unauthorized();
  };
}
