/**
 * The answers of a refused budget: 429 with `Retry-After` and OpenAI's
 * `x-ratelimit-*-tokens` headers, or 503 when the table cannot answer. The
 * message names the scope and window, never the tenant or principal.
 */
import { ErrorCode } from '../../lib/contracts/error-codes';
import { HandlerError, ServiceUnavailableError } from '../shared/errors';
import type { BudgetExceeded } from './budget-engine';
import { resetDuration } from './windows';

export const RATE_LIMIT_HEADERS = {
  limit: 'x-ratelimit-limit-tokens',
  remaining: 'x-ratelimit-remaining-tokens',
  reset: 'x-ratelimit-reset-tokens',
} as const;

export function budgetExceededError(e: BudgetExceeded): HandlerError {
  const headers: Record<string, string> = { 'Retry-After': String(Math.max(1, Math.ceil(e.retryAfterMs / 1000))) };
  // The token headers speak of tokens only; a cost window says when to retry and nothing more.
  if (e.unit === 'tokens') {
    headers[RATE_LIMIT_HEADERS.limit] = String(e.limit);
    headers[RATE_LIMIT_HEADERS.remaining] = String(e.remaining);
    headers[RATE_LIMIT_HEADERS.reset] = resetDuration(e.retryAfterMs);
  }
  const what = e.unit === 'tokens' ? 'token limit' : 'spending limit';
  return new HandlerError(429, ErrorCode.THROTTLED, `The ${e.scope} ${what} per ${e.window} is reached; retry after the window resets.`, headers);
}

export function budgetUnavailableError(): HandlerError {
  return new ServiceUnavailableError(1, 'The usage budget cannot be checked right now; retry later.');
}
