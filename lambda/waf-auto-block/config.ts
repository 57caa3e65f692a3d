import { parseCidr, type Cidr } from './cidr';
import { WAF_IP_SET_ADDRESS_LIMIT } from './constants';
import { isJsonRecord } from '../shared/json-record';

export type IpSetScope = 'REGIONAL' | 'CLOUDFRONT';

/** The JSON the deployment puts into `AUTO_BLOCK_CONFIG`. */
export interface AutoBlockConfigJson {
  readonly ipSetName: string;
  readonly ipSetId: string;
  readonly ipSetScope: IpSetScope;
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

export interface IpSetRef {
  readonly name: string;
  readonly id: string;
  readonly scope: IpSetScope;
}

/** The validated configuration the function runs with. */
export interface AutoBlockConfig {
  readonly ipv4IpSet: IpSetRef;
  /** Absent when no IPv6 set is configured: IPv6 offenders are then skipped. */
  readonly ipv6IpSet?: IpSetRef;
  readonly tableName: string;
  readonly threshold: number;
  readonly windowSeconds: number;
  readonly blockSeconds: number;
  readonly allowlist: readonly Cidr[];
  readonly maxAddresses: number;
  readonly ignoredRuleIds: ReadonlySet<string>;
}

export type ConfigParseResult =
  | { readonly success: true; readonly data: AutoBlockConfig }
  | { readonly success: false; readonly errors: readonly string[] };

// Patterns from the WAFv2 and DynamoDB API references.
const IP_SET_NAME = /^[\w-]{1,128}$/;
const IP_SET_ID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/;
const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
const RULE_ID = /^.{1,1024}$/s;

const KNOWN_KEYS = new Set<string>([
  'ipSetName', 'ipSetId', 'ipSetScope', 'ipv6IpSetName', 'ipv6IpSetId', 'tableName', 'threshold',
  'windowSeconds', 'blockSeconds', 'allowlist', 'maxAddresses', 'ignoredRuleIds',
]);

const ONE_DAY = 86_400;
const ONE_YEAR = 365 * ONE_DAY;

/**
 * Parses and validates `AUTO_BLOCK_CONFIG`. Returns every problem at once;
 * messages name fields and rules, never echo values.
 */
export function parseAutoBlockConfig(raw: string | undefined): ConfigParseResult {
  if (raw === undefined || raw.trim() === '') return fail(['the configuration is empty']);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return fail(['the configuration is not valid JSON']);
  }
  if (!isJsonRecord(json)) return fail(['the configuration must be a JSON object']);

  const errors: string[] = [];
  for (const key of Object.keys(json)) {
    if (!KNOWN_KEYS.has(key)) errors.push(`unknown field "${key.slice(0, 64)}"`);
  }
  const ipSetName = pattern(json, 'ipSetName', IP_SET_NAME, errors);
  const ipSetId = pattern(json, 'ipSetId', IP_SET_ID, errors);
  const scope = json.ipSetScope;
  if (scope !== 'REGIONAL' && scope !== 'CLOUDFRONT') errors.push('ipSetScope must be "REGIONAL" or "CLOUDFRONT"');
  const hasV6 = json.ipv6IpSetName !== undefined || json.ipv6IpSetId !== undefined;
  const ipv6Name = hasV6 ? pattern(json, 'ipv6IpSetName', IP_SET_NAME, errors) : undefined;
  const ipv6Id = hasV6 ? pattern(json, 'ipv6IpSetId', IP_SET_ID, errors) : undefined;
  const tableName = pattern(json, 'tableName', TABLE_NAME, errors);
  const threshold = integer(json, 'threshold', 1, 1_000_000_000, errors);
  const windowSeconds = integer(json, 'windowSeconds', 1, ONE_DAY, errors);
  const blockSeconds = integer(json, 'blockSeconds', 1, ONE_YEAR, errors);
  const maxAddresses = json.maxAddresses === undefined
    ? WAF_IP_SET_ADDRESS_LIMIT
    : integer(json, 'maxAddresses', 1, WAF_IP_SET_ADDRESS_LIMIT, errors);
  const allowlist = cidrList(json.allowlist, errors);
  const ignoredRuleIds = json.ignoredRuleIds === undefined ? [] : stringList(json.ignoredRuleIds, 'ignoredRuleIds', RULE_ID, errors);

  if (errors.length > 0) return fail(errors);
  const ipSetScope = scope as IpSetScope;
  return {
    success: true,
    data: {
      ipv4IpSet: { name: ipSetName!, id: ipSetId!, scope: ipSetScope },
      ipv6IpSet: hasV6 ? { name: ipv6Name!, id: ipv6Id!, scope: ipSetScope } : undefined,
      tableName: tableName!,
      threshold: threshold!,
      windowSeconds: windowSeconds!,
      blockSeconds: blockSeconds!,
      allowlist,
      maxAddresses: maxAddresses!,
      ignoredRuleIds: new Set(ignoredRuleIds),
    },
  };
}

function fail(errors: readonly string[]): ConfigParseResult {
  return { success: false, errors };
}


function pattern(json: Record<string, unknown>, key: string, re: RegExp, errors: string[]): string | undefined {
  const value = json[key];
  if (typeof value === 'string' && re.test(value)) return value;
  errors.push(`${key} must be a string matching ${re.source}`);
  return undefined;
}

function integer(json: Record<string, unknown>, key: string, min: number, max: number, errors: string[]): number | undefined {
  const value = json[key];
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  errors.push(`${key} must be an integer from ${min} to ${max}`);
  return undefined;
}

function stringList(value: unknown, key: string, re: RegExp, errors: string[]): string[] {
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string' && re.test(v))) return value;
  errors.push(`${key} must be an array of non-empty strings`);
  return [];
}

function cidrList(value: unknown, errors: string[]): Cidr[] {
  if (!Array.isArray(value)) {
    errors.push('allowlist must be an array of CIDRs (use [] for none)');
    return [];
  }
  const cidrs: Cidr[] = [];
  for (const [i, entry] of value.entries()) {
    const cidr = typeof entry === 'string' ? parseCidr(entry) : undefined;
    if (cidr === undefined) errors.push(`allowlist[${i}] is not an IPv4 or IPv6 CIDR`);
    else cidrs.push(cidr);
  }
  return cidrs;
}
