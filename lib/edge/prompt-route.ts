import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { MODEL_ROUTE_METHOD, MODEL_ROUTE_PREFIX, PROMPT_ROUTE_ACTIONS } from '../contracts/routes';
import { PATH_SAFE_NAME } from '../private/validation';

const NO_TRANSFORMATION: wafv2.CfnWebACL.TextTransformationProperty[] = [{ priority: 0, type: 'NONE' }];

/**
 * The URI path of a prompt route (a model's invoke or chat completions route)
 * as WAF sees it. WAF sees the path the client
 * sent, so a stage name (`/prod`) or a custom domain base path may come
 * first; those leading segments may not start with a dot, so `.`/`..`
 * segments never make a path look like a prompt route. The model name has
 * the same syntax the gateway enforces. No text transformation: a path that
 * is percent-encoded or has a trailing slash does not match, and is then
 * inspected as a non-prompt request (the strict side).
 */
export function promptRoutePathRegex(): string {
  const prefix = MODEL_ROUTE_PREFIX.map((segment) => `/${segment}`).join('');
  const model = PATH_SAFE_NAME.source.replace(/^\^/, '').replace(/\$$/, '');
  const actions = PROMPT_ROUTE_ACTIONS.map((segments) => segments.join('/')).join('|');
  return `^(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*${prefix}/${model}/(?:${actions})$`;
}

/** Matches inference calls: `POST .../v1/models/<model>/invoke` and `POST .../v1/models/<model>/chat/completions`. */
export function promptRouteStatement(): wafv2.CfnWebACL.StatementProperty {
  return {
    andStatement: {
      statements: [
        {
          byteMatchStatement: {
            fieldToMatch: { method: {} },
            positionalConstraint: 'EXACTLY',
            searchString: MODEL_ROUTE_METHOD,
            textTransformations: NO_TRANSFORMATION,
          },
        },
        {
          regexMatchStatement: {
            fieldToMatch: { uriPath: {} },
            regexString: promptRoutePathRegex(),
            textTransformations: NO_TRANSFORMATION,
          },
        },
      ],
    },
  };
}
