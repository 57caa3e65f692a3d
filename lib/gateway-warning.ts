/**
 * Ids of the warnings the constructs add when a secure default is turned off
 * or a setting weakens what the gateway guarantees. Each warning names its id
 * in `[ack: <id>]`; once you have judged it acceptable, acknowledge it on the
 * construct (or a scope above it) so that `cdk synth --strict` passes:
 *
 * ```ts
 * Validations.of(gateway).acknowledge({ id: GatewayWarning.ALARMS_DISABLED, reason: 'Monitored by the platform team' });
 * ```
 *
 * The README lists every id with when it fires and what to do.
 */
export enum GatewayWarning {
  /**
   * `disableWebAcl` is set on the gateway: no managed rules, rate limits or
   * body size limit protect the API. Acknowledge only when another WAF-protected
   * entry point (CloudFront, a shared ALB) is the only way in.
   */
  WAF_DISABLED = 'secure-ai-gateway:wafDisabled',
  /**
   * An EncryptedLogGroup's `removalPolicy` is not RETAIN: the log group (and
   * its key, when created here) is deleted with the stack. Keep RETAIN for
   * audit logs; acknowledge for throw-away environments.
   */
  LOG_GROUP_DESTROYED_WITH_STACK = 'secure-ai-gateway:logGroupDestroyedWithStack',
  /**
   * An EncryptedLogGroup keeps events for less than 365 days. Raise `retention`
   * (or the construct's `logRetention`), or acknowledge when no audit standard
   * applies to the environment.
   */
  SHORT_LOG_RETENTION = 'secure-ai-gateway:shortLogRetention',
  /**
   * AiIdentity's `threatProtection` is AUDIT_ONLY or OFF: risky sign-ins are not
   * blocked. Use ENFORCED unless the Plus feature plan's cost rules it out.
   */
  THREAT_PROTECTION_REDUCED = 'secure-ai-gateway:threatProtectionReduced',
  /**
   * AiIdentity's `removalPolicy` is DESTROY: the user pool and its users are
   * deleted with the stack. Acknowledge for test stacks only.
   */
  USER_POOL_DESTROYED_WITH_STACK = 'secure-ai-gateway:userPoolDestroyedWithStack',
  /**
   * A JWT issuer has `skipAudienceCheck`, so tokens minted for any application of
   * that issuer are accepted. List the accepted audiences instead.
   */
  AUDIENCE_CHECK_SKIPPED = 'secure-ai-gateway:audienceCheckSkipped',
  /**
   * The longest prompt a model accepts can take more UTF-8 bytes than the web
   * ACL's `maxBodySize`, so long prompts in non-Latin scripts get 413. Lower
   * `maxPromptLength` or raise `webAclProps.maxBodySize`.
   */
  PROMPT_EXCEEDS_BODY_LIMIT = 'secure-ai-gateway:promptExceedsBodyLimit',
  /**
   * AiWebAcl's `anonymousIpAction` is COUNT: requests from VPNs, Tor exit nodes
   * and open proxies are no longer blocked. Acknowledge when legitimate callers
   * come through such networks.
   */
  ANONYMOUS_IP_COUNT_ONLY = 'secure-ai-gateway:anonymousIpCountOnly',
  /**
   * AiWebAcl's `logOnlyBlockedAndCounted` is set: allowed requests leave no WAF
   * log record. Acknowledge when the access log is enough for investigations.
   */
  WAF_LOGS_FILTERED = 'secure-ai-gateway:wafLogsFiltered',
  /**
   * The web ACL logs into an `existingLogGroup` without a customer-managed KMS
   * key. Give a log group encrypted with your key, or let the construct create one.
   */
  WAF_LOGS_NOT_ENCRYPTED = 'secure-ai-gateway:wafLogsNotEncrypted',
  /**
   * ModelNetwork's `flowLogs` is false: traffic in the model network is not
   * recorded. Keep flow logs on, or acknowledge when the VPC's owner logs it.
   */
  FLOW_LOGS_DISABLED = 'secure-ai-gateway:flowLogsDisabled',
  /**
   * The model network's subnets are not isolated: the model functions have a
   * route to the internet, around the endpoint policies. Select isolated subnets.
   */
  SUBNETS_NOT_ISOLATED = 'secure-ai-gateway:modelSubnetsNotIsolated',
  /**
   * A self-hosted backend or an UnmaskedVpcLinkIntegration uses `http:`
   * (`allowInsecureHttp`): prompts and answers cross the VPC unencrypted. Serve
   * the model over HTTPS.
   */
  PLAIN_HTTP_MODEL_SERVER = 'secure-ai-gateway:plainHttpModelServer',
  /**
   * Every UnmaskedVpcLinkIntegration: the route skips the model proxy, so
   * prompts and answers are not masked and model errors reach callers unmapped.
   * Use a `backend` instead, or acknowledge for a model that sees no personal data.
   */
  PII_MASKING_BYPASSED = 'secure-ai-gateway:piiMaskingBypassed',
  /**
   * ModelNetwork's `restrictDefaultSecurityGroup` is false: the new VPC's default
   * security group keeps its allow-all rules. Keep the default (true).
   */
  DEFAULT_SECURITY_GROUP_OPEN = 'secure-ai-gateway:defaultSecurityGroupOpen',
  /**
   * A model's `injectionAction` is OFF: its prompts are not screened for prompt
   * injection. Use FLAG to observe without blocking.
   */
  INJECTION_GUARD_OFF = 'secure-ai-gateway:injectionGuardOff',
  /**
   * A model's `piiMasking.entityTypes` leaves out built-in PII types (the
   * warning names them): the proxy passes them to the model, and back to the
   * caller, in clear. List every type the model may not see, or acknowledge
   * when the left-out types are known not to occur in its prompts.
   */
  PII_TYPES_NOT_MASKED = 'secure-ai-gateway:piiTypesNotMasked',
  /**
   * A new model VPC in a stack with an explicit account and region: its zones
   * are looked up with AWS credentials at synth. Put the zones into cdk.json's
   * context under the key the warning names, or leave `env` out of the stack.
   */
  AVAILABILITY_ZONES_LOOKUP = 'secure-ai-gateway:availabilityZonesLookup',
  /**
   * An imported model network was asked to admit a role through one of its
   * interface or S3 gateway endpoints: the endpoint's policy belongs to the
   * network's owner and is not changed here. Make sure it admits what the
   * warning lists, then acknowledge.
   */
  IMPORTED_ENDPOINT_POLICY_UNCHANGED = 'secure-ai-gateway:importedEndpointPolicyUnchanged',
  /**
   * The gateway's `disableAlarms` is set: nothing alarms on errors, latency,
   * attacks or failing functions. Acknowledge when another system monitors the gateway.
   */
  ALARMS_DISABLED = 'secure-ai-gateway:alarmsDisabled',
  /**
   * A method or stage was exempted from ShadowApiGuard rules
   * (`ShadowApiGuard.exempt`, `exemptStage`). Review the reason the warning quotes.
   */
  SHADOW_API_EXEMPTED = 'secure-ai-gateway:shadowApiExempted',
  /**
   * The gateway's `shadowApiGuard` is false: unprotected methods and stages in
   * the stack no longer fail synthesis. Keep the guard on and exempt single
   * methods instead.
   */
  SHADOW_API_GUARD_DISABLED = 'secure-ai-gateway:shadowApiGuardDisabled',
  /**
   * The gateway's functions reserve more concurrency than an account with
   * Lambda's default quota can (1,000, of which 100 stay unreserved), or its
   * model routes admit more than API Gateway's default 10,000 requests/s
   * (bursts of 5,000) per region. Request the higher quotas, then acknowledge.
   */
  CAPACITY_ABOVE_ACCOUNT_DEFAULTS = 'secure-ai-gateway:capacityAboveAccountDefaults',
  /**
   * A model's `capacity.generationSeconds` is longer than its invoke proxy's
   * timeout: typical buffered calls would answer 504. Stream long generations
   * through the chat completions route, or acknowledge when only it is used.
   */
  GENERATION_EXCEEDS_INVOKE_TIMEOUT = 'secure-ai-gateway:generationExceedsInvokeTimeout',
  /**
   * A usage tier allows a key more requests per second (or a larger burst) on
   * a model than the model's capacity admits, so the model's route answers 429
   * first. Give the tier `modelThrottles` within the capacity, or raise it.
   */
  TIER_ABOVE_MODEL_CAPACITY = 'secure-ai-gateway:tierAboveModelCapacity',
  /**
   * A model's `budget.failOpen` is set: when the budget table cannot be reached,
   * its calls pass unmetered and unlimited (the `BudgetFailOpen` metric counts
   * them). Keep the default (refuse with 503) unless availability matters more than spend.
   */
  BUDGET_FAIL_OPEN = 'secure-ai-gateway:budgetFailOpen',
  /**
   * A model's budget names a tier that is not one of the gateway's usage tiers:
   * its limits apply only if the authorizer's tier claim carries that name.
   * Check the spelling, or acknowledge when the tier claim has names of its own.
   */
  BUDGET_TIER_UNKNOWN = 'secure-ai-gateway:budgetTierUnknown',
  /**
   * A model has a budget or a response cache, but the gateway's authorization
   * sets no `tenantClaim`: every caller shares the tenant `-` (one budget for
   * all) and the cache never serves (callers without a tenant are not cached).
   * Set `authorization.tenantClaim`.
   */
  COST_CONTROL_WITHOUT_TENANT = 'secure-ai-gateway:costControlWithoutTenant',
  /**
   * A model's `routing.attemptTimeout` is not shorter than its invoke function's
   * time budget: on the invoke route a target that hangs uses up the whole call,
   * and no other target is tried. Lower `attemptTimeout`, or acknowledge when the
   * model is called through its chat completions route only.
   */
  ATTEMPT_TIMEOUT_EXCEEDS_INVOKE_TIMEOUT = 'secure-ai-gateway:attemptTimeoutExceedsInvokeTimeout',
  /**
   * A routed model has a restricted version (a canary for testers) that no
   * access rule grants, or the gateway authorizes in COGNITO mode, which grants
   * no versions: no caller can reach it. Grant it with `versionAccess` in JWT
   * mode, or make it unrestricted.
   */
  RESTRICTED_VERSION_UNREACHABLE = 'secure-ai-gateway:restrictedVersionUnreachable',
}
