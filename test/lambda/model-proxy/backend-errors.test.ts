import { classifyBedrockError } from '../../../lambda/model-proxy/bedrock-client';
import { classifyHttpStatus } from '../../../lambda/model-proxy/http-client';
import { parseRetryAfter } from '../../../lambda/model-proxy/model-client';
import { classifySageMakerError } from '../../../lambda/model-proxy/sagemaker-client';

const sdkError = (name: string, httpStatusCode: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error('message that may echo the prompt'), { name, $metadata: { httpStatusCode }, ...extra });

describe('SageMaker runtime errors', () => {
  test.each([
    ['ModelError with the container\'s 400', sdkError('ModelError', 424, { OriginalStatusCode: 400 }), 'rejected', 400],
    ['ModelError with the container\'s 422', sdkError('ModelError', 424, { OriginalStatusCode: 422 }), 'rejected', 422],
    ['ModelError with the container\'s 429', sdkError('ModelError', 424, { OriginalStatusCode: 429 }), 'throttled', 429],
    ['ModelError with the container\'s 504', sdkError('ModelError', 424, { OriginalStatusCode: 504 }), 'timeout', 504],
    ['ModelError with the container\'s 500', sdkError('ModelError', 424, { OriginalStatusCode: 500 }), 'failed', 500],
    ['ThrottlingException', sdkError('ThrottlingException', 400), 'throttled', 400],
    ['a bare 429', sdkError('SageMakerRuntimeServiceException', 429), 'throttled', 429],
    ['ModelNotReadyException', sdkError('ModelNotReadyException', 429), 'throttled', 429],
    ['ValidationError (endpoint missing)', sdkError('ValidationError', 400), 'failed', 400],
    ['ServiceUnavailable', sdkError('ServiceUnavailable', 503), 'failed', 503],
    ['an abort', Object.assign(new Error('aborted'), { name: 'AbortError' }), 'timeout', undefined],
  ])('%s is %s', (_what, err, kind, status) => {
    const classified = classifySageMakerError(err);
    expect(classified.kind).toBe(kind);
    expect(classified.detail.backendStatus).toBe(status);
    expect(classified.message).not.toContain('prompt');
  });
});

describe('Bedrock runtime errors', () => {
  test.each([
    ['ValidationException', 400, 'rejected'],
    ['ThrottlingException', 429, 'throttled'],
    ['ServiceQuotaExceededException', 400, 'throttled'],
    ['ModelTimeoutException', 408, 'timeout'],
    ['ModelNotReadyException', 429, 'throttled'],
    ['ModelErrorException', 424, 'failed'],
    ['AccessDeniedException', 403, 'failed'],
    ['ResourceNotFoundException', 404, 'failed'],
    ['ServiceUnavailableException', 503, 'failed'],
  ])('%s is %s', (name, status, kind) => {
    expect(classifyBedrockError(sdkError(name, status)).kind).toBe(kind);
  });
});

describe('self-hosted HTTP statuses', () => {
  test.each([
    [400, 'rejected'], [413, 'rejected'], [422, 'rejected'],
    [429, 'throttled'],
    [408, 'timeout'], [504, 'timeout'],
    [401, 'failed'], [403, 'failed'], [404, 'failed'],
    [500, 'failed'], [502, 'failed'], [503, 'failed'], [302, 'failed'],
  ])('%i is %s', (status, kind) => {
    expect(classifyHttpStatus(status).kind).toBe(kind);
  });

  test('keeps the Retry-After of a 429 in seconds, ignoring dates', () => {
    expect(classifyHttpStatus(429, '3').detail.retryAfterSeconds).toBe(3);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
    expect(parseRetryAfter(['12'])).toBe(12);
  });
});
