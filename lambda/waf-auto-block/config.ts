import {
  AUTO_BLOCK_CONFIG_ENV,
  type AutoBlockConfigJson,
  BLOCK_SECONDS,
  IP_SET_ID,
  IP_SET_NAME,
  IP_SET_SCOPE,
  MAX_ADDRESSES,
  RULE_IDS,
  TABLE_NAME,
  THRESHOLD,
  WINDOW_SECONDS,
} from '../../lib/contracts/waf-auto-block';
import { parseCidr, type Cidr } from './cidr';
import {
  type ConfigIssues,
  type ConfigResult,
  type JsonObject,
  parseConfig,
  readInteger,
  readList,
  readString,
  readStringList,
  rejectUnknownKeys,
} from '../shared/config-reader';

export type { AutoBlockConfigJson };

export interface IpSetRef {
  readonly name: string;
  readonly id: string;
  readonly scope: typeof IP_SET_SCOPE;
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

const KNOWN_KEYS: readonly (keyof AutoBlockConfigJson)[] = [
  'ipSetName', 'ipSetId', 'ipv6IpSetName', 'ipv6IpSetId', 'tableName', 'threshold',
  'windowSeconds', 'blockSeconds', 'allowlist', 'maxAddresses', 'ignoredRuleIds',
];

/** Parses and validates {@link AUTO_BLOCK_CONFIG_ENV}, reporting every problem at once. */
export function parseAutoBlockConfig(raw: string | undefined): ConfigResult<AutoBlockConfig> {
  return parseConfig(raw, AUTO_BLOCK_CONFIG_ENV, readConfig);
}

function readConfig(json: JsonObject, issues: ConfigIssues): AutoBlockConfig {
  rejectUnknownKeys(json, KNOWN_KEYS, '', issues);
  const ipv4IpSet = readIpSet(json, 'ipSetName', 'ipSetId', issues);
  const hasV6 = json.ipv6IpSetName !== undefined || json.ipv6IpSetId !== undefined;
  // Every field is read even after a problem, so one log line lists them all; the result is used only when there is none.
  return {
    ipv4IpSet: ipv4IpSet!,
    ipv6IpSet: hasV6 ? readIpSet(json, 'ipv6IpSetName', 'ipv6IpSetId', issues) : undefined,
    tableName: readString(json, 'tableName', '', issues, { ...TABLE_NAME, required: true })!,
    threshold: readInteger(json, 'threshold', '', issues, { ...THRESHOLD, required: true })!,
    windowSeconds: readInteger(json, 'windowSeconds', '', issues, { ...WINDOW_SECONDS, required: true })!,
    blockSeconds: readInteger(json, 'blockSeconds', '', issues, { ...BLOCK_SECONDS, required: true })!,
    allowlist: readAllowlist(json, issues),
    maxAddresses: readInteger(json, 'maxAddresses', '', issues, MAX_ADDRESSES)!,
    ignoredRuleIds: new Set(readStringList(json, 'ignoredRuleIds', '', issues, RULE_IDS)),
  };
}

function readIpSet(json: JsonObject, nameKey: string, idKey: string, issues: ConfigIssues): IpSetRef | undefined {
  const name = readString(json, nameKey, '', issues, { ...IP_SET_NAME, required: true });
  const id = readString(json, idKey, '', issues, { ...IP_SET_ID, required: true });
  return name === undefined || id === undefined ? undefined : { name, id, scope: IP_SET_SCOPE };
}

/** Required, `[]` for none: an allowlist that went missing must not pass as empty. */
function readAllowlist(json: JsonObject, issues: ConfigIssues): Cidr[] {
  if (!Array.isArray(json.allowlist)) {
    issues.add('allowlist', 'expected an array of CIDRs ([] for none)');
    return [];
  }
  return readList(json, 'allowlist', '', issues, 0, (entry, at) => {
    const cidr = typeof entry === 'string' ? parseCidr(entry) : undefined;
    if (cidr === undefined) issues.add(at, 'expected an IPv4 or IPv6 address or CIDR');
    return cidr;
  });
}
