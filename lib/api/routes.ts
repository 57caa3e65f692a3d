/**
 * The route layout of the gateway, in one place. The authorizer's policy and
 * the API catalog derive their paths from here. No imports, so handler
 * bundles can include this file as it is.
 */
export const MODEL_ROUTE_METHOD = 'POST';

/**
 * The one rule for model names. A name is a path segment of its route, part of
 * an OAuth scope, of resource names and of IAM resource ARNs, so wildcards,
 * slashes and capitals are out.
 */
export const MODEL_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** What {@link MODEL_NAME_PATTERN} admits, in words for error messages. */
export const MODEL_NAME_RULE = '1-64 characters of [a-z0-9-], starting and ending with a letter or digit';

/** Path segments above a model's own resource. */
export const MODEL_ROUTE_PREFIX = ['v1', 'models'] as const;

/** Path segment below a model's own resource. */
export const MODEL_ROUTE_ACTION = 'invoke';

/** The resource path of a model's route, e.g. `/v1/models/chat/invoke`. */
export function modelRoutePath(model: string): string {
  return `/${[...MODEL_ROUTE_PREFIX, model, MODEL_ROUTE_ACTION].join('/')}`;
}

/** The route in the form an execute-api ARN ends with, `{model}` left as a placeholder. */
export const MODEL_ROUTE_TEMPLATE = `${MODEL_ROUTE_METHOD}${modelRoutePath('{model}')}`;
