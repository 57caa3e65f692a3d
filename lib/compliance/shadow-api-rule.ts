/**
 * The checks of the {@link ShadowApiGuard}. The value is the rule's id in
 * synth errors, exemptions and the API catalog.
 */
export enum ShadowApiRule {
  /** A method other than OPTIONS has an authorizer or IAM authorization (its AuthorizationType is not NONE). */
  METHOD_AUTHORIZATION = 'MethodAuthorization',
  /** A method other than OPTIONS has a request validator that checks its body, its parameters or both. */
  METHOD_REQUEST_VALIDATOR = 'MethodRequestValidator',
  /** A stage writes access logs. */
  STAGE_ACCESS_LOGGING = 'StageAccessLogging',
  /** A stage throttles every method by default (method settings for `*` on `/*` with a rate and a burst limit). */
  STAGE_THROTTLING = 'StageThrottling',
  /** A stage is associated with a WAF web ACL (a `CfnWebACLAssociation` whose resourceArn is the stage's ARN). */
  STAGE_WEB_ACL = 'StageWebAcl',
}

/** What a rule says about one resource. */
export enum RuleStatus {
  /** The resource passes the rule. */
  COMPLIANT = 'COMPLIANT',
  /** The resource fails the rule. */
  NON_COMPLIANT = 'NON_COMPLIANT',
  /** The rule does not apply to the resource (e.g. authorization of an OPTIONS method). */
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}
