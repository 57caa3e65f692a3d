import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { SECURITY_RESPONSE_HEADERS } from '../api/error-shape';
import { GATEWAY_ERRORS } from '../api/gateway-responses';

/** The custom responses our own rules answer with. */
export enum BlockResponse {
  ACCESS_DENIED = 'AccessDenied',
  THROTTLED = 'Throttled',
  PAYLOAD_TOO_LARGE = 'PayloadTooLarge',
}

/**
 * Each WAF answer mirrors the gateway response API Gateway itself gives for
 * the same refusal, so clients see one status code, code and message
 * whichever layer refused them.
 */
const MIRRORED_GATEWAY_RESPONSE: Readonly<Record<BlockResponse, apigateway.ResponseType>> = {
  [BlockResponse.ACCESS_DENIED]: apigateway.ResponseType.WAF_FILTERED,
  [BlockResponse.THROTTLED]: apigateway.ResponseType.THROTTLED,
  [BlockResponse.PAYLOAD_TOO_LARGE]: apigateway.ResponseType.REQUEST_TOO_LARGE,
};

/**
 * WAF cannot template a body, so `requestId` is an empty string: the field
 * keeps its type for clients that parse it, and carries nothing made up.
 */
export const WAF_REQUEST_ID = '';

function gatewayError(response: BlockResponse) {
  const type = MIRRORED_GATEWAY_RESPONSE[response];
  const spec = GATEWAY_ERRORS.find((candidate) => candidate.type.responseType === type.responseType);
  if (!spec) throw new Error(`no gateway response of type ${type.responseType}`);
  return spec;
}

export function blockResponseBody(response: BlockResponse): string {
  const { code, message } = gatewayError(response);
  return JSON.stringify({ error: { code, message, requestId: WAF_REQUEST_ID } });
}

export function blockResponseStatus(response: BlockResponse): number {
  return Number(gatewayError(response).statusCode);
}

/** The `customResponseBodies` of the web ACL, one per {@link BlockResponse}. */
export function customResponseBodies(): Record<string, wafv2.CfnWebACL.CustomResponseBodyProperty> {
  return Object.fromEntries(Object.values(BlockResponse).map((response) => [
    response,
    { contentType: 'APPLICATION_JSON', content: blockResponseBody(response) },
  ]));
}

/** SECURITY_RESPONSE_HEADERS are written for API Gateway mappings, with the values in single quotes. */
const WAF_RESPONSE_HEADERS: wafv2.CfnWebACL.CustomHTTPHeaderProperty[] = Object.entries(SECURITY_RESPONSE_HEADERS)
  .map(([name, quoted]) => ({ name, value: quoted.replace(/^'|'$/g, '') }));

/** A block action that answers with one of our custom responses. */
export function blockWith(response: BlockResponse): wafv2.CfnWebACL.RuleActionProperty {
  return {
    block: {
      customResponse: {
        responseCode: blockResponseStatus(response),
        customResponseBodyKey: response,
        responseHeaders: WAF_RESPONSE_HEADERS,
      },
    },
  };
}
