import type { IpSetRef } from './config';
import { matchesAny } from './cidr';
import { mapWithConcurrency } from './concurrency';
import { STATE_CONCURRENCY } from './constants';
import type { AutoBlockDeps } from './deps';
import { toHostCidr, type IpAddress, type IpFamily } from './ip-address';
import { planAdditions } from './ip-set-plan';
import { updateIpSet } from './ip-set-update';
import { decodeSubscriptionData, type SubscriptionLogEvent } from './log-payload';
import { classifyLogMessage } from './log-verdict';
import { addHits, recordBlock } from './state-store';
import { noteAddresses, noteError, type AutoBlockSummary } from './summary';

/** Offenses of one address in one window, summed in memory so each pair costs one write. */
interface Tally {
  readonly ip: IpAddress;
  readonly host: string;
  readonly windowStart: number;
  hits: number;
}

interface Candidate {
  readonly ip: IpAddress;
  readonly host: string;
  readonly hits: number;
}

interface BlockedCandidate extends Candidate {
  /** The block was already running before this invocation. */
  readonly running: boolean;
}

/**
 * One CloudWatch Logs subscription delivery: count offenses per address and
 * window in DynamoDB, start a block for every address at or over the
 * threshold, and make sure each blocked address is in its IP set. Failures
 * are counted in the summary; none fails the batch, because a retried batch
 * would count its offenses twice.
 */
export async function ingestLogs(data: unknown, deps: AutoBlockDeps, summary: AutoBlockSummary): Promise<void> {
  const decoded = decodeSubscriptionData(data);
  if (decoded.kind === 'malformed') {
    summary.malformed++;
    return;
  }
  if (decoded.kind === 'control') return;
  summary.events += decoded.logEvents.length + decoded.malformed;
  summary.malformed += decoded.malformed;

  const tallies = tallyOffenses(decoded.logEvents, deps, summary);
  const candidates = await countInTable(tallies, deps, summary);
  summary.candidates = candidates.length;
  const blocked = await recordBlocks(candidates, deps, summary);
  const nowMs = deps.env.now();
  const toOffer = blocked.filter((c) => !(c.running && deps.presence.has(c.host, nowMs)));
  summary.alreadyPresent += blocked.length - toOffer.length;
  for (const family of [4, 6] as const) {
    const ref = ipSetFor(family, deps);
    const members = toOffer.filter((c) => c.ip.family === family);
    if (ref !== undefined && members.length > 0) await addToIpSet(ref, members, deps, summary);
  }
}

function tallyOffenses(events: readonly SubscriptionLogEvent[], deps: AutoBlockDeps, summary: AutoBlockSummary): Tally[] {
  const { config, env } = deps;
  const nowMs = env.now();
  const tallies = new Map<string, Tally>();
  const allowlisted = new Set<string>();
  const noIpSet = new Set<string>();
  for (const event of events) {
    const verdict = classifyLogMessage(event.message, event.timestamp, config.ignoredRuleIds);
    if (verdict.kind === 'malformed') summary.malformed++;
    else if (verdict.kind === 'invalidIp') summary.invalidIp++;
    else if (verdict.kind === 'ignoredRule') summary.ignoredRule++;
    if (verdict.kind !== 'offense') continue;

    const host = toHostCidr(verdict.ip);
    if (matchesAny(config.allowlist, verdict.ip)) {
      allowlisted.add(host);
      continue;
    }
    if (ipSetFor(verdict.ip.family, deps) === undefined) {
      noIpSet.add(host);
      continue;
    }
    summary.offenses++;
    // A clock ahead of ours must not push counts into a window that has not started.
    const seconds = Math.floor(Math.min(verdict.timestampMs, nowMs) / 1000);
    const windowStart = seconds - (seconds % config.windowSeconds);
    const key = `${host}#${windowStart}`;
    const tally = tallies.get(key);
    if (tally !== undefined) tally.hits++;
    else tallies.set(key, { ip: verdict.ip, host, windowStart, hits: 1 });
  }
  summary.skippedAllowlisted += allowlisted.size;
  summary.skippedNoIpSet += noIpSet.size;
  return [...tallies.values()];
}

/** Writes the tallies; returns the addresses at or over the threshold, worst first. */
async function countInTable(tallies: readonly Tally[], deps: AutoBlockDeps, summary: AutoBlockSummary): Promise<Candidate[]> {
  const { dynamo, config } = deps;
  const totals = await mapWithConcurrency(tallies, STATE_CONCURRENCY, async (tally) => {
    try {
      return await addHits(dynamo, config.tableName, tally.host, tally.windowStart, config.windowSeconds, tally.hits);
    } catch (err) {
      noteError(summary, err);
      return 0;
    }
  });
  const candidates = new Map<string, Candidate>();
  tallies.forEach((tally, i) => {
    const hits = totals[i];
    const known = candidates.get(tally.host);
    if (hits >= config.threshold && (known === undefined || known.hits < hits)) {
      candidates.set(tally.host, { ip: tally.ip, host: tally.host, hits });
    }
  });
  return [...candidates.values()].sort((a, b) => b.hits - a.hits || a.host.localeCompare(b.host));
}

/**
 * Starts blocks (or finds them running). An address whose record could not be
 * written is not added to the IP set: without a record no sweep would ever
 * remove it.
 */
async function recordBlocks(candidates: readonly Candidate[], deps: AutoBlockDeps, summary: AutoBlockSummary): Promise<BlockedCandidate[]> {
  const { dynamo, config, env } = deps;
  const nowSeconds = Math.floor(env.now() / 1000);
  const recorded = await mapWithConcurrency(candidates, STATE_CONCURRENCY, async (candidate): Promise<BlockedCandidate | undefined> => {
    try {
      const outcome = await recordBlock(dynamo, config.tableName, candidate.host, nowSeconds, config.blockSeconds);
      if (outcome === 'blocked') summary.newBlocks++;
      return { ...candidate, running: outcome === 'alreadyBlocked' };
    } catch (err) {
      noteError(summary, err);
      return undefined;
    }
  });
  return recorded.filter((c): c is BlockedCandidate => c !== undefined);
}

/**
 * Running blocks are re-offered on offense (unless the presence cache vouches
 * for them), so an address whose earlier IP set update failed (lock
 * contention, a full set) gets in on a later offense; one already present
 * costs a GetIPSet and no UpdateIPSet.
 */
async function addToIpSet(ref: IpSetRef, members: readonly Candidate[], deps: AutoBlockDeps, summary: AutoBlockSummary): Promise<void> {
  const { waf, config, env } = deps;
  const ips = members.map((m) => m.ip);
  try {
    const result = await updateIpSet(waf, ref, (current) => planAdditions(current, ips, config.maxAddresses), env);
    summary.lockRetries += result.lockRetries;
    if (result.outcome === 'lockExhausted') {
      summary.lockExhausted++;
      return;
    }
    const { added, alreadyPresent, skippedFull } = result.detail;
    const skipped = new Set(skippedFull);
    deps.presence.remember(members.map((m) => m.host).filter((host) => !skipped.has(host)), env.now());
    summary.added += added.length;
    summary.alreadyPresent += alreadyPresent;
    summary.skippedFull += skippedFull.length;
    noteAddresses(summary.addedAddresses, added);
    noteAddresses(summary.skippedFullAddresses, skippedFull);
  } catch (err) {
    noteError(summary, err);
  }
}

function ipSetFor(family: IpFamily, deps: AutoBlockDeps): IpSetRef | undefined {
  return family === 4 ? deps.config.ipv4IpSet : deps.config.ipv6IpSet;
}
