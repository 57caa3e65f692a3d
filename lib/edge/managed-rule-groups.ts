import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { AiWebAclRule } from './web-acl-rule';

/** How an AWS managed rule group is used in the web ACL. */
export interface ManagedGroupSpec {
  readonly rule: AiWebAclRule;
  /** The group's name (vendor AWS). */
  readonly groupName: string;
  /** Rules inside the group switched to Count; each still adds its label. */
  readonly countedRules: readonly string[];
  readonly config?: wafv2.CfnWebACL.ManagedRuleGroupConfigProperty;
}

const CORE_RULE_SET_LABELS = 'awswaf:managed:aws:core-rule-set';
const SQL_DATABASE_LABELS = 'awswaf:managed:aws:sql-database';

/**
 * Body rules that misfire on prompts. A prompt is free text that often
 * contains code, HTML, SQL, file paths and URLs, so these rules are counted
 * in their groups and blocked by our label rule on every route except the
 * prompt routes. The prompt routes keep the header, cookie, query string and
 * URI rules of the same groups, and the prompt-injection checks of the model
 * proxy inspect the prompt itself.
 * - SizeRestrictions_BODY blocks bodies over 8 KB; our BodySizeLimit rule
 *   enforces the configured maximum instead.
 * - CrossSiteScripting_BODY: prompts with HTML or JavaScript (`<script>`).
 * - GenericLFI_BODY: prompts with paths such as `../../etc/passwd`.
 * - GenericRFI_BODY: prompts with URLs that contain an IPv4 address.
 * - EC2MetaDataSSRF_BODY: prompts that mention 169.254.169.254; the model
 *   proxy fetches no URL taken from a prompt.
 * - SQLi_BODY, SQLiExtendedPatterns_BODY: prompts with SQL; the prompt never
 *   reaches a database.
 */
export const CORE_RULE_SET_PROMPT_BODY_RULES = [
  'SizeRestrictions_BODY',
  'CrossSiteScripting_BODY',
  'GenericLFI_BODY',
  'GenericRFI_BODY',
  'EC2MetaDataSSRF_BODY',
] as const;

export const SQLI_PROMPT_BODY_RULES = ['SQLi_BODY', 'SQLiExtendedPatterns_BODY'] as const;

/** The labels the counted body rules add; the label rule blocks on them outside the prompt routes. */
export const PROMPT_BODY_RULE_LABELS: readonly string[] = [
  `${CORE_RULE_SET_LABELS}:SizeRestrictions_Body`,
  `${CORE_RULE_SET_LABELS}:CrossSiteScripting_Body`,
  `${CORE_RULE_SET_LABELS}:GenericLFI_Body`,
  `${CORE_RULE_SET_LABELS}:GenericRFI_Body`,
  `${CORE_RULE_SET_LABELS}:EC2MetaDataSSRF_Body`,
  `${SQL_DATABASE_LABELS}:SQLi_Body`,
  `${SQL_DATABASE_LABELS}:SQLiExtendedPatterns_Body`,
];

/**
 * Known bad inputs keeps every rule blocking, prompts included: its body
 * rules (Log4JRCE_BODY, JavaDeserializationRCE_BODY) match exploit strings
 * such as `${jndi:ldap://...}` that honest prompts rarely contain, and model
 * servers may be Java programs (DJL Serving in SageMaker's large model
 * inference containers) that log what they receive.
 */
export const KNOWN_BAD_INPUTS_GROUP: ManagedGroupSpec = {
  rule: AiWebAclRule.KNOWN_BAD_INPUTS,
  groupName: 'AWSManagedRulesKnownBadInputsRuleSet',
  countedRules: [],
};

export const CORE_RULE_SET_GROUP: ManagedGroupSpec = {
  rule: AiWebAclRule.CORE_RULE_SET,
  groupName: 'AWSManagedRulesCommonRuleSet',
  countedRules: CORE_RULE_SET_PROMPT_BODY_RULES,
};

export const SQLI_GROUP: ManagedGroupSpec = {
  rule: AiWebAclRule.SQL_INJECTION,
  groupName: 'AWSManagedRulesSQLiRuleSet',
  countedRules: SQLI_PROMPT_BODY_RULES,
};

export const IP_REPUTATION_GROUP: ManagedGroupSpec = {
  rule: AiWebAclRule.IP_REPUTATION,
  groupName: 'AWSManagedRulesAmazonIpReputationList',
  countedRules: [],
};

/**
 * HostingProviderIPList blocks cloud and hosting providers other than AWS.
 * An inference API is mostly called by servers, many of which run there, so
 * the rule counts unless `blockHostingProviderIps` is set.
 */
export function anonymousIpGroup(blockHostingProviders: boolean): ManagedGroupSpec {
  return {
    rule: AiWebAclRule.ANONYMOUS_IP,
    groupName: 'AWSManagedRulesAnonymousIpList',
    countedRules: blockHostingProviders ? [] : ['HostingProviderIPList'],
  };
}

/**
 * Bot Control at the common level. API callers are programs, so the rules
 * that flag HTTP libraries, non-browser user agents and data-centre sources
 * would block legitimate clients; they count. Scrapers, automated browsers
 * and unverified crawlers stay blocked.
 */
export const BOT_CONTROL_GROUP: ManagedGroupSpec = {
  rule: AiWebAclRule.BOT_CONTROL,
  groupName: 'AWSManagedRulesBotControlRuleSet',
  countedRules: ['CategoryHttpLibrary', 'SignalNonBrowserUserAgent', 'SignalKnownBotDataCenter'],
  config: { awsManagedRulesBotControlRuleSet: { inspectionLevel: 'COMMON' } },
};

/** The statement of a managed group rule. */
export function managedGroupStatement(spec: ManagedGroupSpec): wafv2.CfnWebACL.StatementProperty {
  return {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name: spec.groupName,
      ruleActionOverrides: spec.countedRules.length > 0
        ? spec.countedRules.map((name) => ({ name, actionToUse: { count: {} } }))
        : undefined,
      managedRuleGroupConfigs: spec.config ? [spec.config] : undefined,
    },
  };
}
