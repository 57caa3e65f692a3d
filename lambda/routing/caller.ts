/**
 * Who is calling, as far as routing cares: the principal (for sticky
 * versions) and the restricted versions the caller may use. Both come from
 * the API Gateway authorizer's output (`event.requestContext.authorizer`):
 * `principalId`, and the context field `versions`, a comma-separated list of
 * version names (`v2,v3-rc`) or model-qualified names (`claims-triage:v2`,
 * what the JWT authorizer writes: its context is cached per token and serves
 * every model's routes, so a grant names its model). A qualified name of
 * another model, and anything that is not a version id, is ignored.
 */
import { ROUTING_ID } from '../../lib/contracts/model-proxy';

export const VERSIONS_CONTEXT_FIELD = 'versions';
/** More names than any route has versions: a longer list is cut, not trusted. */
const MAX_LISTED_VERSIONS = 16;

export interface Caller {
  readonly principal: string | undefined;
  readonly versions: ReadonlySet<string>;
}

export const ANONYMOUS: Caller = { principal: undefined, versions: new Set() };

export function callerOf(authorizer: Readonly<Record<string, unknown>> | null | undefined, model?: string): Caller {
  if (!authorizer) return ANONYMOUS;
  const principal = typeof authorizer.principalId === 'string' && authorizer.principalId !== '' ? authorizer.principalId : undefined;
  const listed = authorizer[VERSIONS_CONTEXT_FIELD];
  const versions = new Set<string>();
  if (typeof listed === 'string' && listed !== '') {
    for (const name of listed.split(',').slice(0, MAX_LISTED_VERSIONS)) {
      const trimmed = name.trim();
      const colon = trimmed.indexOf(':');
      if (colon >= 0 && trimmed.slice(0, colon) !== model) continue;
      const version = trimmed.slice(colon + 1);
      if (version.length <= ROUTING_ID.maxLength && ROUTING_ID.pattern.test(version)) versions.add(version);
    }
  }
  return principal === undefined && versions.size === 0 ? ANONYMOUS : { principal, versions };
}
