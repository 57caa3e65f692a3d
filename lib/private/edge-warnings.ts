/**
 * Ids of the warnings AiWebAcl adds when a user opts out of a secure default.
 * Users acknowledge them with `Validations.of(scope).acknowledge`.
 */
export const EdgeWarningId = {
  ANONYMOUS_IP_COUNT_ONLY: 'secure-ai-gateway:anonymousIpCountOnly',
  WAF_LOGS_FILTERED: 'secure-ai-gateway:wafLogsFiltered',
  WAF_LOGS_NOT_ENCRYPTED: 'secure-ai-gateway:wafLogsNotEncrypted',
} as const;
