/**
 * Ids of the warnings the network and model constructs add when a user opts
 * out of a secure default. Users acknowledge them with
 * `Validations.of(scope).acknowledge`.
 */
export const ModelWarningId = {
  FLOW_LOGS_DISABLED: 'secure-ai-gateway:flowLogsDisabled',
  SUBNETS_NOT_ISOLATED: 'secure-ai-gateway:modelSubnetsNotIsolated',
  PLAIN_HTTP_MODEL_SERVER: 'secure-ai-gateway:plainHttpModelServer',
  PII_MASKING_BYPASSED: 'secure-ai-gateway:piiMaskingBypassed',
  DEFAULT_SECURITY_GROUP_OPEN: 'secure-ai-gateway:defaultSecurityGroupOpen',
  INJECTION_GUARD_OFF: 'secure-ai-gateway:injectionGuardOff',
  PII_TYPES_NOT_MASKED: 'secure-ai-gateway:piiTypesNotMasked',
  AVAILABILITY_ZONES_LOOKUP: 'secure-ai-gateway:availabilityZonesLookup',
} as const;
