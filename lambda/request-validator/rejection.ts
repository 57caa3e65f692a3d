import { ErrorCode } from '../../lib/contracts/error-codes';
import { HandlerError } from '../shared/errors';

export type RejectionStatus = 400 | 413 | 415 | 422;

/**
 * Why a request was refused. The message is one we wrote: it names at most a
 * field of our own schema and never repeats any part of the input.
 */
export interface Rejection {
  readonly status: RejectionStatus;
  readonly code: string;
  readonly message: string;
}

function rejection(status: RejectionStatus, code: string, message: string): Rejection {
  return Object.freeze({ status, code, message });
}

/** Every fixed rejection, in one place so that tests and docs can list them. */
export const Rejections = {
  unsupportedMediaType: rejection(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'The request body must be application/json (charset utf-8).'),
  payloadTooLarge: rejection(413, ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large.'),
  missingBody: rejection(400, ErrorCode.INVALID_BODY, 'The request body is required.'),
  invalidBase64: rejection(400, ErrorCode.INVALID_BODY, 'The request body is not valid base64.'),
  invalidUtf8: rejection(400, ErrorCode.INVALID_BODY, 'The request body is not valid UTF-8.'),
  loneSurrogate: rejection(400, ErrorCode.INVALID_BODY, 'The request body contains an unpaired UTF-16 surrogate.'),
  tooDeep: rejection(400, ErrorCode.INVALID_BODY, 'The request body is nested too deeply.'),
  tooManyKeys: rejection(400, ErrorCode.INVALID_BODY, 'The request body has too many keys.'),
  duplicateKey: rejection(400, ErrorCode.INVALID_BODY, 'The request body repeats a key.'),
  invalidJson: rejection(400, ErrorCode.INVALID_BODY, 'The request body is not valid JSON.'),
  promptRejected: rejection(422, ErrorCode.PROMPT_REJECTED, 'The prompt was rejected by the prompt-injection guard.'),
} as const;

/** A schema rejection: the message comes from our own field table. */
export function schemaRejection(message: string): Rejection {
  return rejection(400, ErrorCode.INVALID_BODY, message);
}

/** The handler-side error for a rejection, so the proxy answers with the shared error body. */
export function rejectionToError(r: Rejection): HandlerError {
  return new HandlerError(r.status, r.code, r.message);
}
