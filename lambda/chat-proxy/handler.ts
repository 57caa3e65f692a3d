/**
 * The chat completions function of one model (OpenAI Chat Completions API,
 * buffered or streamed). Under construction: answers 501 until wired.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ErrorCode } from '../../lib/contracts/error-codes';
import { HandlerError } from '../shared/errors';

export function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return Promise.resolve(new HandlerError(501, ErrorCode.NOT_IMPLEMENTED, 'Not implemented.').toResponse(event.requestContext?.requestId ?? 'unknown'));
}
