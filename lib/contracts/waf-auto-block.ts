/**
 * The contract between `WafAutoBlock` and the auto-block function: the
 * environment variable, the config JSON, the state table's layout and the
 * limits both sides apply, the construct at synth and the function at cold
 * start. Limits are `IntegerLimit`s and name rules `StringRule`s
 * (field-rules.ts). No imports; not exported from the package.
 */

/** The environment variable the construct puts the JSON config in. */
export const AUTO_BLOCK_CONFIG_ENV = 'AUTO_BLOCK_CONFIG';

/** The IP sets are regional: the web ACL they serve protects a regional REST API. */
export const IP_SET_SCOPE = 'REGIONAL';

/** The JSON the construct puts into {@link AUTO_BLOCK_CONFIG_ENV}. */
export interface AutoBlockConfigJson {
  readonly ipSetName: string;
  readonly ipSetId: string;
  readonly ipv6IpSetName?: string;
  readonly ipv6IpSetId?: string;
  readonly tableName: string;
  /** Denied or blocked requests per window that trigger a block. */
  readonly threshold: number;
  readonly windowSeconds: number;
  readonly blockSeconds: number;
  /** CIDRs (or bare addresses) that are never blocked. */
  readonly allowlist: readonly string[];
  /** @default 10000 (the WAF quota per IP set) */
  readonly maxAddresses?: number;
  /**
   * WAF rule ids (`terminatingRuleId`) whose blocks are not counted, e.g. the
   * rule that enforces this IP set, so a block does not renew itself.
   * @default - every WAF block counts
   */
  readonly ignoredRuleIds?: readonly string[];
}

/** AWS WAF's quota of addresses per IP set. */
export const WAF_IP_SET_ADDRESS_LIMIT = 10_000;

const ONE_DAY_SECONDS = 86_400;

export const THRESHOLD = { min: 1, max: 1_000_000, default: 50 } as const;
export const WINDOW_SECONDS = { min: 60, max: ONE_DAY_SECONDS, default: 300 } as const;
export const BLOCK_SECONDS = { min: 60, max: 365 * ONE_DAY_SECONDS, default: 3600 } as const;
export const MAX_ADDRESSES = { min: 1, max: WAF_IP_SET_ADDRESS_LIMIT, default: WAF_IP_SET_ADDRESS_LIMIT } as const;

// Name rules from the WAFv2 and DynamoDB API references.
export const IP_SET_NAME = { maxLength: 128, pattern: /^[\w-]+$/, patternRule: '1-128 characters of [A-Za-z0-9_-]' } as const;
export const IP_SET_ID = {
  maxLength: 36,
  pattern: /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/,
  patternRule: 'a WAF IP set id (a lowercase UUID)',
} as const;
export const TABLE_NAME = { maxLength: 255, pattern: /^[a-zA-Z0-9_.-]{3,}$/, patternRule: '3-255 characters of [a-zA-Z0-9_.-]' } as const;
/** `ignoredRuleIds`: WAF rule names. */
export const RULE_IDS = { minItems: 0, maxLength: 1024 } as const;

/** State table layout: one string partition key, a numeric TTL attribute. */
export const TABLE = {
  partitionKey: 'pk',
  ttl: 'ttl',
  hits: 'hits',
  blockedUntil: 'blockedUntil',
  blockedAt: 'blockedAt',
  counterPrefix: 'count#',
  blockPrefix: 'block#',
} as const;
