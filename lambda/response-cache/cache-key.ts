/**
 * The cache key of one call: HMAC-SHA256, with the tenant's secret, over the
 * canonical encoding of everything that may change the answer or who may
 * see it. The request is the MASKED one (what the model gets), so callers
 * who sent different PII in the same places share an entry, and the table
 * never holds anything derived from a caller's values.
 */
import { createHmac, type KeyObject } from 'node:crypto';
import type { AccessScope } from './access-scope';
import { CanonicalEncoder } from './canonical-encoding';

/** Bumped when the encoding or the meaning of a field changes: old entries are then never read. */
const KEY_FORMAT = 'secure-ai-gateway/response-cache/v1';

export interface CacheableRequest {
  readonly turns: readonly { readonly role: string; readonly text: string }[];
  readonly maxTokens: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stopSequences?: readonly string[];
}

export interface CacheKeyInput {
  readonly scope: AccessScope;
  readonly model: string;
  readonly version: string;
  readonly request: CacheableRequest;
}

export function cacheKeyMaterial(input: CacheKeyInput): Buffer {
  const { scope, request } = input;
  const encoder = new CanonicalEncoder()
    .text(KEY_FORMAT)
    .text(scope.tenant)
    .list(scope.scopes, (s, e) => e.text(s))
    .list(scope.versions, (v, e) => e.text(v))
    .text(input.model)
    .text(input.version)
    .list(request.turns, (t, e) => e.text(t.role).text(t.text))
    .number(request.maxTokens)
    .optionalNumber(request.temperature)
    .optionalNumber(request.topP);
  if (request.stopSequences === undefined) encoder.optionalText(undefined);
  else encoder.list(request.stopSequences, (s, e) => e.text(s));
  return encoder.bytes();
}

/** The table's partition key: base64url of the HMAC. */
export function cacheKey(tenantSecret: KeyObject, input: CacheKeyInput): string {
  return createHmac('sha256', tenantSecret).update(cacheKeyMaterial(input)).digest('base64url');
}
