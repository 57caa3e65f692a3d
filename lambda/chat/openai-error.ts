/**
 * Errors in the shape the `openai` SDK surfaces (`error.message`,
 * `error.type`, `error.code`, `error.param`), keeping our stable codes as
 * `code` and our `requestId` next to them, so one body reads right in both
 * vocabularies. The request id also goes in `x-request-id`, where the SDK
 * looks for it. Unknown failures become a bare 500: no message, no stack.
 */
import type { APIGatewayProxyResult } from 'aws-lambda';
import { ErrorCode } from '../../lib/contracts/error-codes';
import { HandlerError } from '../shared/errors';
import { jsonResponse } from '../shared/http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** OpenAI's error types. */
export type OpenAiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'server_error';

export interface OpenAiErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: OpenAiErrorType;
    readonly code: string;
    readonly param: string | null;
    readonly requestId: string;
  };
}

const TYPE_BY_CODE: Readonly<Record<ErrorCode, OpenAiErrorType>> = {
  [ErrorCode.BAD_REQUEST]: 'invalid_request_error',
  [ErrorCode.INVALID_BODY]: 'invalid_request_error',
  [ErrorCode.PAYLOAD_TOO_LARGE]: 'invalid_request_error',
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 'invalid_request_error',
  [ErrorCode.PROMPT_REJECTED]: 'invalid_request_error',
  [ErrorCode.MODEL_REJECTED_INPUT]: 'invalid_request_error',
  [ErrorCode.NOT_IMPLEMENTED]: 'invalid_request_error',
  [ErrorCode.UNAUTHORIZED]: 'authentication_error',
  [ErrorCode.ACCESS_DENIED]: 'permission_error',
  [ErrorCode.NOT_FOUND]: 'not_found_error',
  [ErrorCode.THROTTLED]: 'rate_limit_error',
  [ErrorCode.INTERNAL_ERROR]: 'server_error',
  [ErrorCode.BAD_GATEWAY]: 'server_error',
  [ErrorCode.SERVICE_UNAVAILABLE]: 'server_error',
  [ErrorCode.GATEWAY_TIMEOUT]: 'server_error',
};

function typeOf(code: string, status: number): OpenAiErrorType {
  const known = (TYPE_BY_CODE as Readonly<Record<string, OpenAiErrorType>>)[code];
  if (known) return known;
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

const internal = (): HandlerError => new HandlerError(500, ErrorCode.INTERNAL_ERROR, 'Internal server error.');

/** The handler error to answer with: our own errors as they are, anything else as a bare 500. */
export function asHandlerError(err: unknown): HandlerError {
  return err instanceof HandlerError ? err : internal();
}

export function openAiErrorBody(err: unknown, requestId: string, param: string | null = null): OpenAiErrorBody {
  const e = asHandlerError(err);
  return { error: { message: e.message, type: typeOf(e.code, e.statusCode), code: e.code, param, requestId } };
}

/** A buffered error answer (before any byte of a stream was sent). */
export function openAiErrorResponse(err: unknown, requestId: string, param: string | null = null): APIGatewayProxyResult {
  const e = asHandlerError(err);
  return jsonResponse(e.statusCode, openAiErrorBody(e, requestId, param), { ...e.headers, [REQUEST_ID_HEADER]: requestId });
}
