import { gzipSync } from 'node:zlib';

/** A CloudWatch Logs subscription event as Lambda receives it. */
export function logsEvent(messages: readonly string[], timestampMs = 1_700_000_000_000): { awslogs: { data: string } } {
  return encodeLogsPayload({
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: 'aws-waf-logs-gateway',
    logStream: 'stream',
    subscriptionFilters: ['auto-block'],
    logEvents: messages.map((message, i) => ({ id: String(i), timestamp: timestampMs, message })),
  });
}

export function encodeLogsPayload(payload: unknown): { awslogs: { data: string } } {
  return { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(payload))).toString('base64') } };
}

/** One AWS WAF log record, trimmed to the fields the function reads plus some it must ignore. */
export function wafLog(clientIp: string, action = 'BLOCK', terminatingRuleId = 'AWS-AWSManagedRulesCommonRuleSet'): string {
  return JSON.stringify({
    timestamp: 1_700_000_000_000,
    formatVersion: 1,
    webaclId: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/gateway/abc',
    terminatingRuleId,
    terminatingRuleType: 'MANAGED_RULE_GROUP',
    action,
    httpSourceName: 'APIGW',
    httpRequest: {
      clientIp,
      country: 'NL',
      headers: [{ name: 'authorization', value: 'Bearer secret-token-value' }],
      uri: '/v1/infer',
      httpMethod: 'POST',
      requestId: 'req-1',
    },
  });
}

export function authorizerLine(sourceIp: string, decision = 'Deny'): string {
  return JSON.stringify({
    level: 'INFO',
    message: 'authorization decision',
    service: 'authorizer',
    timestamp: '2023-11-14T22:13:20.000Z',
    decision,
    reason: 'token expired',
    sourceIp,
  });
}

export function scheduledEvent(): Record<string, unknown> {
  return {
    version: '0',
    id: 'e1',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: '2023-11-14T22:15:00Z',
    region: 'eu-west-1',
    resources: ['arn:aws:events:eu-west-1:123456789012:rule/sweep'],
    detail: {},
  };
}
