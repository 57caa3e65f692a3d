import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { ErrorCode } from '../contracts/error-codes';
import { errorBodyTemplate, SECURITY_RESPONSE_HEADERS } from './error-shape';

interface GatewayErrorSpec {
  readonly type: apigateway.ResponseType;
  readonly statusCode: string;
  readonly code: string;
  readonly message: string;
  /** Headers besides the security headers, in API Gateway's quoted form. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Seconds a throttled caller should wait. A gateway response's headers are
 * static; one second is when the token bucket of a throttled method has
 * refilled by its rate, and a slot of a saturated model may have freed.
 */
export const RETRY_AFTER_SECONDS = 1;
const RETRY_AFTER = { 'Retry-After': `'${RETRY_AFTER_SECONDS}'` };

/**
 * What API Gateway answers when it refuses a call itself. Messages are fixed:
 * API Gateway's own `$context.error.message` and validation strings can echo
 * parts of the request, so none of them is used.
 */
export const GATEWAY_ERRORS: readonly GatewayErrorSpec[] = [
  { type: apigateway.ResponseType.DEFAULT_4XX, statusCode: '400', code: ErrorCode.BAD_REQUEST, message: 'The request was rejected.' },
  { type: apigateway.ResponseType.DEFAULT_5XX, statusCode: '500', code: ErrorCode.INTERNAL_ERROR, message: 'Internal server error.' },
  {
    type: apigateway.ResponseType.BAD_REQUEST_BODY, statusCode: '400', code: ErrorCode.INVALID_BODY,
    message: 'The request body does not match the expected schema.',
  },
  {
    type: apigateway.ResponseType.BAD_REQUEST_PARAMETERS, statusCode: '400', code: ErrorCode.BAD_REQUEST,
    message: 'A required request header or parameter is missing.',
  },
  {
    type: apigateway.ResponseType.UNSUPPORTED_MEDIA_TYPE, statusCode: '415', code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    message: 'The request body must be application/json.',
  },
  { type: apigateway.ResponseType.REQUEST_TOO_LARGE, statusCode: '413', code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'The request body is too large.' },
  { type: apigateway.ResponseType.UNAUTHORIZED, statusCode: '401', code: ErrorCode.UNAUTHORIZED, message: 'Authentication is required.' },
  { type: apigateway.ResponseType.ACCESS_DENIED, statusCode: '403', code: ErrorCode.ACCESS_DENIED, message: 'The caller may not use this model.' },
  { type: apigateway.ResponseType.EXPIRED_TOKEN, statusCode: '401', code: ErrorCode.UNAUTHORIZED, message: 'Authentication is required.' },
  { type: apigateway.ResponseType.INVALID_SIGNATURE, statusCode: '401', code: ErrorCode.UNAUTHORIZED, message: 'Authentication is required.' },
  { type: apigateway.ResponseType.INVALID_API_KEY, statusCode: '403', code: ErrorCode.ACCESS_DENIED, message: 'A valid API key is required.' },
  { type: apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN, statusCode: '404', code: ErrorCode.NOT_FOUND, message: 'No such route.' },
  { type: apigateway.ResponseType.RESOURCE_NOT_FOUND, statusCode: '404', code: ErrorCode.NOT_FOUND, message: 'No such route.' },
  { type: apigateway.ResponseType.WAF_FILTERED, statusCode: '403', code: ErrorCode.ACCESS_DENIED, message: 'The request was blocked.' },
  { type: apigateway.ResponseType.THROTTLED, statusCode: '429', code: ErrorCode.THROTTLED, message: 'Too many requests; retry later.', headers: RETRY_AFTER },
  { type: apigateway.ResponseType.QUOTA_EXCEEDED, statusCode: '429', code: ErrorCode.THROTTLED, message: 'The usage quota is exhausted.' },
  { type: apigateway.ResponseType.AUTHORIZER_FAILURE, statusCode: '500', code: ErrorCode.INTERNAL_ERROR, message: 'Internal server error.' },
  { type: apigateway.ResponseType.AUTHORIZER_CONFIGURATION_ERROR, statusCode: '500', code: ErrorCode.INTERNAL_ERROR, message: 'Internal server error.' },
  { type: apigateway.ResponseType.API_CONFIGURATION_ERROR, statusCode: '500', code: ErrorCode.INTERNAL_ERROR, message: 'Internal server error.' },
  // A Lambda proxy integration whose function Lambda throttles (reserved concurrency used up, TooManyRequestsException)
  // ends here; API Gateway's default would be a 5XX. The type also covers other failures to get an answer from the
  // integration (README, "When a model is busy"); the proxy answers its own errors, so those are deployment faults
  // that the function alarms report, not a caller's.
  {
    type: apigateway.ResponseType.INTEGRATION_FAILURE, statusCode: '429', code: ErrorCode.THROTTLED,
    message: 'The model is busy; retry later.', headers: RETRY_AFTER,
  },
  {
    type: apigateway.ResponseType.INTEGRATION_TIMEOUT, statusCode: '504', code: ErrorCode.GATEWAY_TIMEOUT,
    message: 'The model backend did not answer in time.',
  },
];

/** Adds the JSON gateway responses with security headers to a REST API. */
export function addGatewayResponses(api: apigateway.RestApi): void {
  for (const spec of GATEWAY_ERRORS) {
    api.addGatewayResponse(`GatewayResponse${spec.type.responseType}`, {
      type: spec.type,
      statusCode: spec.statusCode,
      responseHeaders: { ...SECURITY_RESPONSE_HEADERS, ...spec.headers, 'Content-Type': "'application/json'" },
      templates: { 'application/json': errorBodyTemplate(spec.code, spec.message) },
    });
  }
}
