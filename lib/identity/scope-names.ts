/** Identifier of the resource server when none is given: the prefix of every scope. */
export const DEFAULT_RESOURCE_SERVER_ID = 'ai-gateway';
/** Name of the scope that grants every model, within the resource server. */
export const ADMIN_SCOPE_NAME = 'admin';
/** What Cognito accepts as a resource server identifier, narrowed to characters safe in a scope string. */
export const RESOURCE_SERVER_ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** The scope name of a model within the resource server. */
export function modelScopeName(model: string): string {
  return `${model}.invoke`;
}
