/**
 * Stable error codes that clients may branch on. The API Gateway gateway
 * responses (gateway-responses.ts) and the handlers use the same names,
 * so a client sees one vocabulary whichever layer refused the call. No
 * imports, so handler bundles include this file as it is.
 */
export const ErrorCode = {
  BAD_REQUEST: 'BadRequest',
  INVALID_BODY: 'InvalidRequestBody',
  UNAUTHORIZED: 'Unauthorized',
  ACCESS_DENIED: 'AccessDenied',
  NOT_FOUND: 'NotFound',
  PAYLOAD_TOO_LARGE: 'PayloadTooLarge',
  UNSUPPORTED_MEDIA_TYPE: 'UnsupportedMediaType',
  PROMPT_REJECTED: 'PromptRejected',
  MODEL_REJECTED_INPUT: 'ModelRejectedInput',
  THROTTLED: 'Throttled',
  NOT_IMPLEMENTED: 'NotImplemented',
  INTERNAL_ERROR: 'InternalError',
  BAD_GATEWAY: 'BadGateway',
  SERVICE_UNAVAILABLE: 'ServiceUnavailable',
  GATEWAY_TIMEOUT: 'GatewayTimeout',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
