import { AiWebAclRule } from './web-acl-rule';

/**
 * Evaluation order. A rule's priority is its index here times ten, so
 * priorities are unique and stay the same whichever optional rules are on.
 * Address and rate rules come first so that abusive sources are stopped
 * before the managed groups spend work on them; the label rule must come
 * after the groups that add the labels it reads.
 */
export const RULE_ORDER: readonly AiWebAclRule[] = [
  AiWebAclRule.IP_ALLOW_LIST,
  AiWebAclRule.IP_BLOCK_LIST,
  AiWebAclRule.AUTO_BLOCKED_IPS,
  AiWebAclRule.GEO_RESTRICTION,
  AiWebAclRule.RATE_LIMIT_PER_IP,
  AiWebAclRule.RATE_LIMIT_PER_CALLER,
  AiWebAclRule.BODY_SIZE_LIMIT,
  AiWebAclRule.IP_REPUTATION,
  AiWebAclRule.ANONYMOUS_IP,
  AiWebAclRule.CORE_RULE_SET,
  AiWebAclRule.KNOWN_BAD_INPUTS,
  AiWebAclRule.SQL_INJECTION,
  AiWebAclRule.BOT_CONTROL,
  AiWebAclRule.BODY_RULES_OUTSIDE_PROMPT_ROUTES,
];

export function rulePriority(rule: AiWebAclRule): number {
  return RULE_ORDER.indexOf(rule) * 10;
}
