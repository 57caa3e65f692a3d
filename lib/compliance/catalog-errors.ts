import { ErrorCode } from '../contracts/error-codes';
import { SECURITY_RESPONSE_HEADERS } from '../api/error-shape';
import { GATEWAY_ERRORS } from '../api/gateway-responses';
import { compact, ERROR_CODES_EXTENSION, JsonObject } from './catalog-json';

/** What decides whether API Gateway can give a gateway response on an operation. */
export interface OperationTraits {
  readonly authorized: boolean;
  readonly iamAuthorized: boolean;
  readonly validatesBody: boolean;
  readonly validatesParameters: boolean;
  readonly apiKeyRequired: boolean;
  readonly behindWebAcl: boolean;
}

/**
 * The gateway responses that only some operations can get; every other type
 * applies to all of them. Unknown routes (404) belong to no operation.
 */
const APPLIES: Readonly<Record<string, (t: OperationTraits) => boolean>> = {
  BAD_REQUEST_BODY: (t) => t.validatesBody,
  UNSUPPORTED_MEDIA_TYPE: (t) => t.validatesBody,
  BAD_REQUEST_PARAMETERS: (t) => t.validatesParameters,
  UNAUTHORIZED: (t) => t.authorized,
  ACCESS_DENIED: (t) => t.authorized,
  AUTHORIZER_FAILURE: (t) => t.authorized && !t.iamAuthorized,
  AUTHORIZER_CONFIGURATION_ERROR: (t) => t.authorized && !t.iamAuthorized,
  EXPIRED_TOKEN: (t) => t.iamAuthorized,
  INVALID_SIGNATURE: (t) => t.iamAuthorized,
  INVALID_API_KEY: (t) => t.apiKeyRequired,
  QUOTA_EXCEEDED: (t) => t.apiKeyRequired,
  WAF_FILTERED: (t) => t.behindWebAcl,
  MISSING_AUTHENTICATION_TOKEN: () => false,
  RESOURCE_NOT_FOUND: () => false,
};

export const ERROR_SCHEMA_REF = '#/components/schemas/Error';

/** `{"error":{"code","message","requestId"}}`, the one shape of every error answer. */
export function errorSchema(): JsonObject {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'message', 'requestId'],
        properties: {
          code: { type: 'string', enum: Object.values(ErrorCode), description: 'Stable; clients may branch on it.' },
          message: { type: 'string', description: 'A fixed text; never echoes the request.' },
          requestId: { type: 'string', description: 'API Gateway request id; empty when the web ACL answered.' },
        },
      },
    },
  };
}

/** The security headers of every error answer, as OpenAPI header objects. */
export function securityHeaders(): JsonObject {
  return Object.fromEntries(Object.entries(SECURITY_RESPONSE_HEADERS).map(([name, quoted]) => [name, {
    schema: { type: 'string', const: quoted.replace(/^'|'$/g, '') },
  }]));
}

function headerRefs(): JsonObject {
  return Object.fromEntries(Object.keys(SECURITY_RESPONSE_HEADERS).map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}

/** Throttled and busy answers say when to retry; an exhausted usage quota (QuotaExceeded's message) does not. */
const RETRY_AFTER_HEADER: JsonObject = {
  'Retry-After': { description: 'Seconds to wait before retrying; absent when the usage quota is exhausted.', schema: { type: 'integer', minimum: 1 } },
};

export interface ErrorAnswer {
  readonly statusCode: string;
  readonly code: string;
  readonly message: string;
}

/** One response per status code, listing each code and message that can come with it. */
export function errorResponses(answers: readonly ErrorAnswer[]): JsonObject {
  const byStatus = new Map<string, ErrorAnswer[]>();
  for (const answer of answers) byStatus.set(answer.statusCode, [...byStatus.get(answer.statusCode) ?? [], answer]);
  return Object.fromEntries([...byStatus].map(([status, list]) => {
    const unique = list.filter((a, i) => list.findIndex((b) => b.code === a.code && b.message === a.message) === i);
    return [status, compact({
      description: unique.map((a) => `${a.code}: ${a.message}`).join(' | '),
      headers: status === '429' ? { ...headerRefs(), ...RETRY_AFTER_HEADER } : headerRefs(),
      content: { 'application/json': { schema: { $ref: ERROR_SCHEMA_REF } } },
      [ERROR_CODES_EXTENSION]: [...new Set(unique.map((a) => a.code))],
    })];
  }));
}

/** The gateway responses an operation with these traits can get. */
export function gatewayAnswersFor(traits: OperationTraits): ErrorAnswer[] {
  return GATEWAY_ERRORS
    .filter((spec) => (APPLIES[spec.type.responseType] ?? (() => true))(traits))
    .map((spec) => ({ statusCode: spec.statusCode, code: spec.code, message: spec.message }));
}

/** Every gateway response, for the document's root: what API Gateway answers when it refuses a call. */
export function gatewayResponseTable(): JsonObject[] {
  return GATEWAY_ERRORS.map((spec) => ({ type: spec.type.responseType, statusCode: spec.statusCode, code: spec.code, message: spec.message }));
}
