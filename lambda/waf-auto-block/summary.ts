import type { LogFields } from '../shared/logger';
import { SUMMARY_ADDRESS_LIST_MAX } from './constants';
import { safeErrorName } from '../shared/error-name';

export type Trigger = 'logs' | 'sweep' | 'unknown';

/**
 * The counts of one invocation, logged as one line. Address lists name only
 * offenders (what gets blocked or unblocked) and are capped; counts are exact.
 */
export interface AutoBlockSummary {
  trigger: Trigger;
  /** Log events read from the payload. */
  events: number;
  /** Payloads or log events that could not be read (bad base64, gzip, JSON, fields). */
  malformed: number;
  /** Denied or blocked requests counted against an address. */
  offenses: number;
  /** Offenses whose source address does not parse. */
  invalidIp: number;
  /** WAF blocks by an ignored rule. */
  ignoredRule: number;
  /** Distinct allowlisted addresses whose offenses were not counted. */
  skippedAllowlisted: number;
  /** Distinct IPv6 addresses not counted because no IPv6 set is configured. */
  skippedNoIpSet: number;
  /** Distinct addresses at or over the threshold in their window. */
  candidates: number;
  /** Block records started by this invocation. */
  newBlocks: number;
  added: number;
  /** Candidates the IP set already covered. */
  alreadyPresent: number;
  /** Candidates left out because the IP set is full. */
  skippedFull: number;
  /** Addresses in the IP set whose block has expired. */
  expired: number;
  removed: number;
  /** Host entries in the IP set with no block record: not written by this function, left alone. */
  unmanaged: number;
  /** Addresses whose block record could not be read in time: left for the next sweep. */
  unread: number;
  lockRetries: number;
  /** IP set updates abandoned after the retry bound. */
  lockExhausted: number;
  /** AWS errors by error name (details are in no log: they may echo input). */
  errors: Record<string, number>;
  addedAddresses: string[];
  removedAddresses: string[];
  skippedFullAddresses: string[];
}

export function createSummary(trigger: Trigger): AutoBlockSummary {
  return {
    trigger, events: 0, malformed: 0, offenses: 0, invalidIp: 0, ignoredRule: 0, skippedAllowlisted: 0,
    skippedNoIpSet: 0, candidates: 0, newBlocks: 0, added: 0, alreadyPresent: 0, skippedFull: 0, expired: 0,
    removed: 0, unmanaged: 0, unread: 0, lockRetries: 0, lockExhausted: 0, errors: {},
    addedAddresses: [], removedAddresses: [], skippedFullAddresses: [],
  };
}

/** Appends to a capped address list. */
export function noteAddresses(list: string[], addresses: readonly string[]): void {
  for (const address of addresses) {
    if (list.length >= SUMMARY_ADDRESS_LIST_MAX) return;
    list.push(address);
  }
}

export function noteError(summary: AutoBlockSummary, err: unknown): void {
  const name = err instanceof Error ? safeErrorName(err, 'UnknownError') : 'UnknownError';
  summary.errors[name] = (summary.errors[name] ?? 0) + 1;
}

export function summaryLogFields(summary: AutoBlockSummary): LogFields {
  const { addedAddresses, removedAddresses, skippedFullAddresses, errors, ...counts } = summary;
  return {
    ...counts,
    errors: { ...errors },
    addedAddresses: addedAddresses.join(' '),
    removedAddresses: removedAddresses.join(' '),
    skippedFullAddresses: skippedFullAddresses.join(' '),
  };
}
