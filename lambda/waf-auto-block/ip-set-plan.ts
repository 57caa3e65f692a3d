import { canonicalHostOf, matchesAny, parseCidr, type Cidr } from './cidr';
import { WAF_IP_SET_ADDRESS_LIMIT } from '../../lib/contracts/waf-auto-block';
import { toHostCidr, type IpAddress } from './ip-address';
import type { IpSetPlan } from './ip-set-update';

export interface AdditionDetail {
  readonly added: readonly string[];
  /** Candidates the set already covers, as a host entry or inside a wider range. */
  readonly alreadyPresent: number;
  /** Candidates left out because the set is full, in the order given. */
  readonly skippedFull: readonly string[];
}

export interface RemovalDetail {
  readonly removed: readonly string[];
}

/** The current entries, indexed: host entries by canonical form, wider ranges in a list. */
interface IpSetIndex {
  readonly hosts: ReadonlySet<string>;
  readonly ranges: readonly Cidr[];
}

function indexEntries(current: readonly string[]): IpSetIndex {
  const hosts = new Set<string>();
  const ranges: Cidr[] = [];
  for (const entry of current) {
    const host = canonicalHostOf(entry);
    if (host !== undefined) {
      hosts.add(host);
      continue;
    }
    // Wider ranges (hand-written, few) are parsed a second time here.
    const cidr = parseCidr(entry);
    if (cidr !== undefined) ranges.push(cidr);
  }
  return { hosts, ranges };
}

/**
 * Adds the candidates the set does not already cover, in the given order
 * (worst offenders first), while the set stays within `maxAddresses` and the
 * WAF quota. Nothing already in the set is evicted. Entries are kept exactly
 * as written; new ones are canonical host CIDRs.
 */
export function planAdditions(
  current: readonly string[],
  candidates: readonly IpAddress[],
  maxAddresses: number,
): IpSetPlan<AdditionDetail> {
  const index = indexEntries(current);
  let room = Math.max(0, Math.min(maxAddresses, WAF_IP_SET_ADDRESS_LIMIT) - current.length);
  const added: string[] = [];
  const skippedFull: string[] = [];
  const seen = new Set<string>();
  let alreadyPresent = 0;
  for (const ip of candidates) {
    const host = toHostCidr(ip);
    if (seen.has(host)) continue;
    seen.add(host);
    if (index.hosts.has(host) || matchesAny(index.ranges, ip)) {
      alreadyPresent++;
    } else if (room > 0) {
      added.push(host);
      room--;
    } else {
      skippedFull.push(host);
    }
  }
  return {
    addresses: added.length === 0 ? undefined : [...current, ...added],
    detail: { added, alreadyPresent, skippedFull },
  };
}

/**
 * Removes the host entries whose canonical form is in `expired`, whatever
 * spelling the set holds them in. Wider ranges are never touched: this
 * function does not write them.
 */
export function planRemovals(current: readonly string[], expired: ReadonlySet<string>): IpSetPlan<RemovalDetail> {
  const kept: string[] = [];
  const removed: string[] = [];
  for (const entry of current) {
    const host = canonicalHostOf(entry);
    if (host !== undefined && expired.has(host)) removed.push(host);
    else kept.push(entry);
  }
  return { addresses: removed.length === 0 ? undefined : kept, detail: { removed } };
}

/** Canonical host forms of the set's host entries (wider ranges are not ours to expire). */
export function hostEntries(current: readonly string[]): string[] {
  return [...indexEntries(current).hosts];
}
