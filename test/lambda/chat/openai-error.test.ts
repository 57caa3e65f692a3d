import { openAiErrorBody, openAiErrorResponse, REQUEST_ID_HEADER } from '../../../lambda/chat/openai-error';
import { streamErrorEvents } from '../../../lambda/chat/stream-events';
import { SseParser } from '../../../lambda/chat/sse-parser';
import { ErrorCode } from '../../../lib/contracts/error-codes';
import { BadGatewayError, BadRequestError, HandlerError, ThrottledError, UnprocessableError } from '../../../lambda/shared/errors';

describe('OpenAI error shape', () => {
  test('our errors keep their code and message, gain a type, and carry the request id', () => {
    const error = new BadRequestError('temperature must be a number from 0 to 2.', ErrorCode.INVALID_BODY);
    const response = openAiErrorResponse(error, 'req-1', 'temperature');
    expect(response.statusCode).toBe(400);
    expect(response.headers).toEqual(expect.objectContaining({
      [REQUEST_ID_HEADER]: 'req-1', 'Content-Type': 'application/json', 'Cache-Control': 'no-store',
    }));
    expect(JSON.parse(response.body)).toEqual({
      error: {
        message: 'temperature must be a number from 0 to 2.', type: 'invalid_request_error', code: 'InvalidRequestBody',
        param: 'temperature', requestId: 'req-1',
      },
    });
  });

  test.each([
    [new UnprocessableError('The prompt was rejected by the prompt-injection guard.'), 'invalid_request_error'],
    [new HandlerError(401, ErrorCode.UNAUTHORIZED, 'Unauthorized'), 'authentication_error'],
    [new HandlerError(403, ErrorCode.ACCESS_DENIED, 'Forbidden'), 'permission_error'],
    [new ThrottledError(3), 'rate_limit_error'],
    [new BadGatewayError(), 'server_error'],
    [new HandlerError(418, 'Teapot', 'No.'), 'invalid_request_error'],
    [new HandlerError(503, 'SomethingNew', 'Later.'), 'server_error'],
  ])('maps %p to %s', (error, type) => {
    expect(openAiErrorBody(error, 'r').error.type).toBe(type);
  });

  test('a throttled answer keeps Retry-After', () => {
    expect(openAiErrorResponse(new ThrottledError(2.5), 'r').headers).toEqual(expect.objectContaining({ 'Retry-After': '3' }));
  });

  test('anything else is a bare 500 that says nothing of the cause', () => {
    const response = openAiErrorResponse(new Error('jane@example.com leaked in a stack'), 'req-2');
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('jane');
    expect(JSON.parse(response.body).error).toEqual({
      message: 'Internal server error.', type: 'server_error', code: 'InternalError', param: null, requestId: 'req-2',
    });
  });

  test('mid-stream, the error is one event in the OpenAI shape and then [DONE]', () => {
    const parser = new SseParser();
    const events = parser.push(streamErrorEvents(new Error('secret detail'), 'req-3'));
    expect(events.map((e) => e.data)).toEqual([
      JSON.stringify({ error: { message: 'Internal server error.', type: 'server_error', code: 'InternalError', param: null, requestId: 'req-3' } }),
      '[DONE]',
    ]);
  });
});
