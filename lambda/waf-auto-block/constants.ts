/**
 * Names and limits of the WAF auto-block function that its construct does not
 * need; what both share is in lib/contracts/waf-auto-block.ts.
 */
import { WAF_IP_SET_ADDRESS_LIMIT } from '../../lib/contracts/waf-auto-block';

export const SERVICE_NAME = 'waf-auto-block';

/**
 * Counters are written only while their window is open, but log delivery can
 * lag by minutes; the slack keeps a late event from recreating a counter that
 * TTL already removed.
 */
export const COUNTER_TTL_SLACK_SECONDS = 3600;

/**
 * A block record outlives its block so that a sweep that runs late (or fails
 * for a while) still finds the record and removes the address. DynamoDB TTL
 * deletes lazily, so this is a floor, not an exact lifetime.
 */
export const BLOCK_RECORD_RETENTION_SECONDS = 7 * 24 * 3600;

/** Parallel DynamoDB calls per invocation: enough to hide latency, few enough not to self-throttle. */
export const STATE_CONCURRENCY = 8;

/** BatchGetItem's own limit on keys per call. */
export const BATCH_GET_MAX_KEYS = 100;

/** Optimistic-lock and unprocessed-key retries: full-jitter exponential backoff, bounded. */
export const RETRY = {
  maxAttempts: 6,
  baseDelayMs: 50,
  maxDelayMs: 1000,
  /** Time left for the rest of the invocation; no retry starts inside it. */
  reserveMs: 1500,
} as const;

/** Decompressed size cap for one subscription payload (CloudWatch Logs sends far less). */
export const MAX_DECOMPRESSED_BYTES = 16 * 1024 * 1024;

/** CloudWatch Logs caps one log event at 256 KB; anything larger is not a real event. */
export const MAX_MESSAGE_CHARS = 256 * 1024;

/** How many addresses the summary line lists per category; counts are always complete. */
export const SUMMARY_ADDRESS_LIST_MAX = 25;

/** How long an instance trusts that an address it saw in the IP set is still there. */
export const PRESENCE_TTL_MS = 60_000;

/** Two full IP sets. */
export const PRESENCE_MAX_ENTRIES = 2 * WAF_IP_SET_ADDRESS_LIMIT;
