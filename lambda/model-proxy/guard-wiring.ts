/**
 * Where the request-validator and pii-masking modules plug into the proxy.
 *
 * Until they are wired here, both guards refuse every request with a 500:
 * the proxy must never forward a prompt it could not validate and mask. The
 * wiring replaces `createGuards` with adapters of the form
 *
 *   request: { check: (input) => verdict of validateRequest(input, policy) },
 *            policy = createValidationPolicy({ maxPromptLength, maxOutputTokens }) built once here
 *   pii:     { maskPrompt: (text) => maskPii(text, { mode: placeholder }) with its restore function,
 *              maskResponse: (text) => maskPii(text, { mode: placeholder }) }
 *
 * returning the shapes declared in guards.ts (finding counts by entity type, never values).
 */
import type { ModelProxyConfig } from '../../lib/model/proxy-config';
import type { Guards } from './guards';

export class GuardUnavailableError extends Error {
  public constructor() {
    super('guard not wired');
    this.name = 'GuardUnavailableError';
  }
}

const unavailable = (): never => {
  throw new GuardUnavailableError();
};

export function createGuards(_config: ModelProxyConfig): Guards {
  return {
    request: { check: unavailable },
    pii: { maskPrompt: unavailable, maskResponse: unavailable },
  };
}
