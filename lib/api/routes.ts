/**
 * The route layout of the gateway, in one place. The authorizer's policy and
 * the API catalog derive their paths from here. No imports, so handler
 * bundles can include this file as it is.
 */
export const MODEL_ROUTE_METHOD = 'POST';

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
