import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Ids of the warnings our constructs add when a user opts out of a secure
 * default. Users acknowledge them with `Validations.of(scope).acknowledge`.
 */
export const WarningId = {
  AUTHORIZATION_DISABLED: 'secure-ai-gateway:authorizationDisabled',
  WAF_DISABLED: 'secure-ai-gateway:wafDisabled',
  EXECUTE_API_ENDPOINT_ENABLED: 'secure-ai-gateway:executeApiEndpointEnabled',
  LOG_GROUP_DESTROYED_WITH_STACK: 'secure-ai-gateway:logGroupDestroyedWithStack',
  SHORT_LOG_RETENTION: 'secure-ai-gateway:shortLogRetention',
  THREAT_PROTECTION_REDUCED: 'secure-ai-gateway:threatProtectionReduced',
  USER_POOL_DESTROYED_WITH_STACK: 'secure-ai-gateway:userPoolDestroyedWithStack',
  AUDIENCE_CHECK_SKIPPED: 'secure-ai-gateway:audienceCheckSkipped',
  PROMPT_EXCEEDS_BODY_LIMIT: 'secure-ai-gateway:promptExceedsBodyLimit',
} as const;

export function warnOptOut(scope: IConstruct, id: string, message: string): void {
  Annotations.of(scope).addWarningV2(id, message);
}
