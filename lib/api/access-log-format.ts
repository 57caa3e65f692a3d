import * as apigateway from 'aws-cdk-lib/aws-apigateway';

/**
 * The fields of every access log line, and the `$context` variable each one
 * holds. Fixed and documented so log queries, metric filters and the WAF
 * auto-block function can rely on them. No request body, header value or
 * token ever goes in here.
 */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = Object.freeze({
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTimeEpoch',
  sourceIp: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  principalId: '$context.authorizer.principalId',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integration.latency',
  integrationStatus: '$context.integration.status',
  authorizerError: '$context.authorizer.error',
  authorizerStatus: '$context.authorizer.status',
  wafStatus: '$context.waf.status',
  wafResponseCode: '$context.wafResponseCode',
  apiKeyId: '$context.identity.apiKeyId',
  errorType: '$context.error.responseType',
  tlsVersion: '$context.tlsVersion',
  cipherSuite: '$context.cipherSuite',
});

/** One JSON object per request; every value quoted so an empty variable (`-`) still parses. */
export function accessLogFormat(): apigateway.AccessLogFormat {
  return apigateway.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS));
}
