/**
 * Builds the authorizer from the JSON in `AUTHORIZER_CONFIG` once per cold
 * start. A missing or invalid config does not crash the container (that would
 * crash-loop and surface as 500s); it logs one error line and refuses every
 * call with 401.
 */
import { createJsonLogger } from '../shared/logger';
import { audit } from './audit';
import { type AuthorizerDeps, type AuthorizerHandler, createAuthorizer, LOG_SERVICE, unauthorized } from './authorizer';
import { AUTHORIZER_CONFIG_ENV, AuthorizerConfigError, parseAuthorizerConfig } from './config';
import { Decision, Reason } from './reason-codes';
import { safeErrorName } from '../shared/error-name';

export function createAuthorizerFromEnv(raw: string | undefined, deps: AuthorizerDeps = {}): AuthorizerHandler {
  const logger = deps.logger ?? createJsonLogger({ service: LOG_SERVICE });
  try {
    if (raw === undefined || raw.trim() === '') throw new AuthorizerConfigError([`${AUTHORIZER_CONFIG_ENV}: is not set`]);
    return createAuthorizer(parseAuthorizerConfig(raw), { ...deps, logger });
  } catch (err) {
    const problem = err instanceof AuthorizerConfigError ? err.message : 'unexpected error while building the authorizer';
    const errorName = err instanceof AuthorizerConfigError ? undefined : safeErrorName(err);
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
}
