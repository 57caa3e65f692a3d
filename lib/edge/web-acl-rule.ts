/**
 * The rules an {@link AiWebAcl} can hold. The value is the rule's name and
 * the name of its CloudWatch metric (dimension `Rule`).
 */
export enum AiWebAclRule {
  /** Blocks every source address outside `allowedIpv4Cidrs` / `allowedIpv6Cidrs`. */
  IP_ALLOW_LIST = 'IpAllowList',
  /** Blocks the addresses in `blockedIpv4Cidrs` / `blockedIpv6Cidrs`. */
  IP_BLOCK_LIST = 'IpBlockList',
  /** Blocks the addresses in IP sets maintained elsewhere (e.g. by an auto-block function). */
  AUTO_BLOCKED_IPS = 'AutoBlockedIps',
  /** Blocks requests from countries outside `allowedCountries` or inside `blockedCountries`. */
  GEO_RESTRICTION = 'GeoRestriction',
  /** Answers 429 to a source address over its request rate. */
  RATE_LIMIT_PER_IP = 'RateLimitPerIp',
  /** Answers 429 to a caller (Authorization or x-api-key value) over its request rate. */
  RATE_LIMIT_PER_CALLER = 'RateLimitPerCaller',
  /** Answers 413 to bodies over the maximum body size, including bodies too large to inspect. */
  BODY_SIZE_LIMIT = 'BodySizeLimit',
  /** AWS managed: Amazon IP reputation list. */
  IP_REPUTATION = 'AWS-AmazonIpReputationList',
  /** AWS managed: anonymous IP list (VPNs, Tor, proxies, hosting providers). */
  ANONYMOUS_IP = 'AWS-AnonymousIpList',
  /** AWS managed: core rule set, with its body rules counted (see BODY_RULES_OUTSIDE_PROMPT_ROUTES). */
  CORE_RULE_SET = 'AWS-CommonRuleSet',
  /** AWS managed: known bad inputs (Log4j, Java deserialization, ...), all blocking. */
  KNOWN_BAD_INPUTS = 'AWS-KnownBadInputsRuleSet',
  /** AWS managed: SQL injection, with its body rules counted (see BODY_RULES_OUTSIDE_PROMPT_ROUTES). */
  SQL_INJECTION = 'AWS-SQLiRuleSet',
  /** AWS managed: Bot Control, common inspection level (opt-in). */
  BOT_CONTROL = 'AWS-BotControlRuleSet',
  /** Blocks on the labels of the counted body rules everywhere except on the prompt routes. */
  BODY_RULES_OUTSIDE_PROMPT_ROUTES = 'BodyRulesOutsidePromptRoutes',
}
