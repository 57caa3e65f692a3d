import type { IpSetRef } from './config';
import type { AutoBlockDeps } from './deps';
import { hostEntries, planRemovals } from './ip-set-plan';
import { getIpSet, updateIpSet } from './ip-set-update';
import { readBlocks } from './state-store';
import { noteAddresses, noteError, type AutoBlockSummary } from './summary';

/**
 * The scheduled sweep: for each IP set, read the block records of its host
 * entries and remove the addresses whose block has ended, in one UpdateIPSet.
 * Entries without a record (added by hand) and wider ranges stay; an address
 * whose record cannot be read stays until a sweep can read it.
 */
export async function sweepExpiredBlocks(deps: AutoBlockDeps, summary: AutoBlockSummary): Promise<void> {
  const { config } = deps;
  for (const ref of [config.ipv4IpSet, config.ipv6IpSet]) {
    if (ref !== undefined) await sweepIpSet(ref, deps, summary);
  }
}

async function sweepIpSet(ref: IpSetRef, deps: AutoBlockDeps, summary: AutoBlockSummary): Promise<void> {
  const { waf, dynamo, config, env } = deps;
  try {
    const snapshot = await getIpSet(waf, ref);
    const hosts = hostEntries(snapshot.IPSet?.Addresses ?? []);
    const records = await readBlocks(dynamo, config.tableName, hosts, env);
    const nowSeconds = Math.floor(env.now() / 1000);
    const unread = new Set(records.unread);
    const expired = new Set<string>();
    for (const host of hosts) {
      const until = records.blockedUntil.get(host);
      if (until !== undefined && until <= nowSeconds) expired.add(host);
      else if (until === undefined && !unread.has(host)) summary.unmanaged++;
    }
    summary.unread += unread.size;
    summary.expired += expired.size;
    if (expired.size === 0) return;

    const result = await updateIpSet(waf, ref, (current) => planRemovals(current, expired), env, snapshot);
    summary.lockRetries += result.lockRetries;
    if (result.outcome === 'lockExhausted') {
      summary.lockExhausted++;
      return;
    }
    summary.removed += result.detail.removed.length;
    noteAddresses(summary.removedAddresses, result.detail.removed);
  } catch (err) {
    noteError(summary, err);
  }
}
