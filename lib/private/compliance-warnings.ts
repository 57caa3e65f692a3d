/**
 * Ids of the warnings the compliance constructs add. Users acknowledge them
 * with `Validations.of(scope).acknowledge`.
 */
export const ComplianceWarningId = {
  SHADOW_API_EXEMPTED: 'secure-ai-gateway:shadowApiExempted',
  SHADOW_API_GUARD_DISABLED: 'secure-ai-gateway:shadowApiGuardDisabled',
} as const;
