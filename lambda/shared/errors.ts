import type { APIGatewayProxyResult } from 'aws-lambda';
import { ErrorCode } from '../../lib/contracts/error-codes';
import { jsonResponse } from './http';

/** The body of every error answer: `{"error":{"code","message","requestId"}}`. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly requestId: string };
}

/**
 * Root of every error a handler answers with on purpose. The message is meant
 * for the client: it must never contain input, tokens, PII or internal detail.
 */
export class HandlerError extends Error {
  public constructor(
    public readonly statusCode: number,
    public readonly code: string,
    message: string,
    public readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  public toBody(requestId: string): ErrorBody {
    return { error: { code: this.code, message: this.message, requestId } };
  }

  public toResponse(requestId: string): APIGatewayProxyResult {
    return jsonResponse(this.statusCode, this.toBody(requestId), { ...this.headers });
  }
}

export class BadRequestError extends HandlerError {
  public constructor(message = 'The request is not valid.', code: string = ErrorCode.BAD_REQUEST) {
    super(400, code, message);
  }
}

export class PayloadTooLargeError extends HandlerError {
  public constructor(message = 'The request body is too large.') {
    super(413, ErrorCode.PAYLOAD_TOO_LARGE, message);
  }
}

export class UnsupportedMediaTypeError extends HandlerError {
  public constructor(message = 'The request body must be application/json.') {
    super(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, message);
  }
}

export class UnprocessableError extends HandlerError {
  public constructor(message: string, code: string = ErrorCode.PROMPT_REJECTED) {
    super(422, code, message);
  }
}

export class ThrottledError extends HandlerError {
  public constructor(retryAfterSeconds: number, message = 'Too many requests; retry later.') {
    super(429, ErrorCode.THROTTLED, message, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}

export class BadGatewayError extends HandlerError {
  public constructor(message = 'The model backend failed to answer.') {
    super(502, ErrorCode.BAD_GATEWAY, message);
  }
}

/** Nothing could take the call now (every backend of the model is cooling down); `Retry-After` says when to try again. */
export class ServiceUnavailableError extends HandlerError {
  public constructor(retryAfterSeconds: number, message = 'The model is temporarily unavailable.') {
    super(503, ErrorCode.SERVICE_UNAVAILABLE, message, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
  }
}

export class GatewayTimeoutError extends HandlerError {
  public constructor(message = 'The model backend did not answer in time.') {
    super(504, ErrorCode.GATEWAY_TIMEOUT, message);
  }
}

/**
 * Turns anything thrown into a response. Errors we did not raise on purpose
 * become a bare 500 carrying only the request id: no message, no stack.
 */
export function toErrorResponse(err: unknown, requestId: string): APIGatewayProxyResult {
  if (err instanceof HandlerError) {
    return err.toResponse(requestId);
  }
  return new HandlerError(500, ErrorCode.INTERNAL_ERROR, 'Internal server error.').toResponse(requestId);
}
