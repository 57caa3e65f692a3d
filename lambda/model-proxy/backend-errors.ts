import { ErrorCode } from '../../lib/contracts/error-codes';
import { BadGatewayError, GatewayTimeoutError, HandlerError, ServiceUnavailableError, ThrottledError, UnprocessableError } from '../shared/errors';
import { CIRCUIT_OPEN, ModelCallError } from './model-client';

/** Retry-After sent to the caller when the backend did not say how long to wait. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * The answer to a failed model call. Messages are fixed strings: nothing the
 * backend said reaches the caller.
 */
export function toBackendHandlerError(err: unknown): HandlerError {
  if (!(err instanceof ModelCallError)) return new BadGatewayError();
  switch (err.kind) {
    case 'rejected':
      return new UnprocessableError('The model rejected the request.', ErrorCode.MODEL_REJECTED_INPUT);
    case 'throttled':
      return new ThrottledError(err.detail.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
    case 'timeout':
      return new GatewayTimeoutError();
    default:
      // Every target's breaker open: no call was made, and the caller can come back once a breaker lets a probe through.
      if (err.detail.backendCode === CIRCUIT_OPEN) return new ServiceUnavailableError(err.detail.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
      return new BadGatewayError();
  }
}
