/**
 * Ids of the warnings the observability constructs add when a user opts out
 * of a secure default. Users acknowledge them with `Validations.of(scope).acknowledge`.
 */
export const ObservabilityWarningId = {
  ALARMS_DISABLED: 'secure-ai-gateway:alarmsDisabled',
} as const;
