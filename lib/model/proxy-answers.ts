import { ErrorCode } from '../contracts/error-codes';

/**
 * What a model-proxy route answers besides the gateway's own responses: the
 * catalog documents these, and the proxy's tests hold the handler to them.
 * Messages are fixed strings; nothing the caller or the backend sent appears.
 */
export interface ProxyErrorAnswer {
  readonly statusCode: string;
  readonly code: string;
  readonly message: string;
}

export const MODEL_PROXY_ERRORS: readonly ProxyErrorAnswer[] = [
  { statusCode: '400', code: ErrorCode.BAD_REQUEST, message: 'The request body is not valid JSON, or nests or repeats too much.' },
  { statusCode: '400', code: ErrorCode.INVALID_BODY, message: 'The request body does not match the expected schema.' },
  { statusCode: '413', code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'The request body is too large.' },
  { statusCode: '415', code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'The request body must be application/json.' },
  { statusCode: '422', code: ErrorCode.PROMPT_REJECTED, message: 'The prompt was refused by the prompt-injection guard.' },
  { statusCode: '422', code: ErrorCode.MODEL_REJECTED_INPUT, message: 'The model rejected the request.' },
  { statusCode: '429', code: ErrorCode.THROTTLED, message: 'The model is busy; retry after the Retry-After header.' },
  { statusCode: '500', code: ErrorCode.INTERNAL_ERROR, message: 'Internal server error.' },
  { statusCode: '502', code: ErrorCode.BAD_GATEWAY, message: 'The model backend failed to answer.' },
  { statusCode: '504', code: ErrorCode.GATEWAY_TIMEOUT, message: 'The model backend did not answer in time.' },
];

/** The body of a successful call: `{"model","output"}`, the output masked. */
export const MODEL_PROXY_ANSWER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['model', 'output'],
  properties: {
    model: { type: 'string', description: 'The model that answered.' },
    output: { type: 'string', description: 'The model\'s text, with personal data masked (or the caller\'s own values restored, where configured).' },
  },
} as const;
