import { MAX_MESSAGE_CHARS } from './constants';
import { parseIp, type IpAddress } from './ip-address';
import { isJsonRecord } from '../shared/json-record';

/** What one log line means for the source address it names. */
export type LogVerdict =
  /** A request that WAF blocked or the authorizer refused: it counts against the address. */
  | { readonly kind: 'offense'; readonly ip: IpAddress; readonly timestampMs: number }
  /** A request that was let through, only counted, or challenged. */
  | { readonly kind: 'benign' }
  /** A WAF block by a rule configured not to count (`ignoredRuleIds`). */
  | { readonly kind: 'ignoredRule' }
  /** An offense whose source address does not parse. */
  | { readonly kind: 'invalidIp' }
  /** Not JSON, neither format, a value we do not know, or a missing field. */
  | { readonly kind: 'malformed' };

// A challenge is not a verdict: the client may well solve it.
const WAF_BENIGN_ACTIONS = new Set(['ALLOW', 'COUNT', 'CAPTCHA', 'CHALLENGE']);
const WAF_OFFENSE_ACTION = 'BLOCK';
const AUTHORIZER_OFFENSE_DECISIONS = new Set(['Deny', 'Unauthorized']);
const AUTHORIZER_BENIGN_DECISION = 'Allow';

const MALFORMED: LogVerdict = { kind: 'malformed' };
const BENIGN: LogVerdict = { kind: 'benign' };

/**
 * Reads one log line: an AWS WAF log record (`action`, `httpRequest.clientIp`,
 * `terminatingRuleId`) or an authorizer audit line (`decision`, `sourceIp`).
 * The event time is the log event's timestamp, else the record's own.
 */
export function classifyLogMessage(
  message: string,
  eventTimestampMs: number | undefined,
  ignoredRuleIds: ReadonlySet<string>,
): LogVerdict {
  if (message.length > MAX_MESSAGE_CHARS) return MALFORMED;
  let record: unknown;
  try {
    record = JSON.parse(message);
  } catch {
    return MALFORMED;
  }
  if (!isJsonRecord(record)) return MALFORMED;
  if (typeof record.action === 'string' && isJsonRecord(record.httpRequest)) {
    return classifyWafRecord(record, record.httpRequest, eventTimestampMs, ignoredRuleIds);
  }
  if (typeof record.decision === 'string') {
    return classifyAuthorizerRecord(record, eventTimestampMs);
  }
  return MALFORMED;
}

function classifyWafRecord(
  record: Record<string, unknown>,
  httpRequest: Record<string, unknown>,
  eventTimestampMs: number | undefined,
  ignoredRuleIds: ReadonlySet<string>,
): LogVerdict {
  const action = record.action as string;
  if (WAF_BENIGN_ACTIONS.has(action)) return BENIGN;
  if (action !== WAF_OFFENSE_ACTION) return MALFORMED;
  if (typeof record.terminatingRuleId === 'string' && ignoredRuleIds.has(record.terminatingRuleId)) {
    return { kind: 'ignoredRule' };
  }
  return offense(httpRequest.clientIp, eventTimestampMs ?? timestampOf(record.timestamp));
}

function classifyAuthorizerRecord(record: Record<string, unknown>, eventTimestampMs: number | undefined): LogVerdict {
  const decision = record.decision as string;
  if (decision === AUTHORIZER_BENIGN_DECISION) return BENIGN;
  if (!AUTHORIZER_OFFENSE_DECISIONS.has(decision)) return MALFORMED;
  return offense(record.sourceIp, eventTimestampMs ?? timestampOf(record.timestamp));
}

function offense(source: unknown, timestampMs: number | undefined): LogVerdict {
  if (typeof source !== 'string' || timestampMs === undefined) return MALFORMED;
  const ip = parseIp(source);
  return ip === undefined ? { kind: 'invalidIp' } : { kind: 'offense', ip, timestampMs };
}

/** WAF writes epoch milliseconds; our own logger writes ISO 8601. */
function timestampOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

