import { ShadowApiRule } from './shadow-api-rule';

/** The rules that apply to methods and to stages, and how each failure reads; internal to the guard. */
export const METHOD_RULES: readonly ShadowApiRule[] = [ShadowApiRule.METHOD_AUTHORIZATION, ShadowApiRule.METHOD_REQUEST_VALIDATOR];

export const STAGE_RULES: readonly ShadowApiRule[] = [ShadowApiRule.STAGE_ACCESS_LOGGING, ShadowApiRule.STAGE_THROTTLING, ShadowApiRule.STAGE_WEB_ACL];

/** How each failure reads in a synth error. */
export const RULE_FAILURE: Readonly<Record<ShadowApiRule, string>> = {
  [ShadowApiRule.METHOD_AUTHORIZATION]: 'no authorization (AuthorizationType NONE)',
  [ShadowApiRule.METHOD_REQUEST_VALIDATOR]: 'no request validator that checks the body or the parameters',
  [ShadowApiRule.STAGE_ACCESS_LOGGING]: 'no access logging',
  [ShadowApiRule.STAGE_THROTTLING]: 'no default throttling (method settings for * /* with rate and burst limits)',
  [ShadowApiRule.STAGE_WEB_ACL]: 'no WAF web ACL association',
};
