import { gunzipSync } from 'node:zlib';
import { MAX_DECOMPRESSED_BYTES } from './constants';

/** One entry of a CloudWatch Logs subscription payload's `logEvents`. */
export interface SubscriptionLogEvent {
  readonly message: string;
  /** Milliseconds since the epoch, as the producer reported it. */
  readonly timestamp?: number;
}

export type DecodedPayload =
  /** `malformed` counts entries of `logEvents` that were not log events. */
  | { readonly kind: 'data'; readonly logEvents: readonly SubscriptionLogEvent[]; readonly malformed: number }
  /** CloudWatch Logs checks that the destination is reachable with these; they carry no events. */
  | { readonly kind: 'control' }
  | { readonly kind: 'malformed'; readonly reason: 'base64' | 'gzip' | 'json' | 'shape' };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes `awslogs.data` (base64 of gzip of JSON). Never throws: a payload
 * that cannot be read is reported as malformed so the caller can count it.
 */
export function decodeSubscriptionData(data: unknown): DecodedPayload {
  // Buffer.from(..., 'base64') silently drops bad characters; check first so garbage is named as such.
  if (typeof data !== 'string' || data.length === 0 || data.length % 4 !== 0 || !BASE64.test(data)) {
    return { kind: 'malformed', reason: 'base64' };
  }
  let text: string;
  try {
    text = gunzipSync(Buffer.from(data, 'base64'), { maxOutputLength: MAX_DECOMPRESSED_BYTES }).toString('utf8');
  } catch {
    return { kind: 'malformed', reason: 'gzip' };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return { kind: 'malformed', reason: 'json' };
  }
  if (typeof payload !== 'object' || payload === null) return { kind: 'malformed', reason: 'shape' };
  const { messageType, logEvents } = payload as { messageType?: unknown; logEvents?: unknown };
  if (messageType === 'CONTROL_MESSAGE') return { kind: 'control' };
  if (!Array.isArray(logEvents)) return { kind: 'malformed', reason: 'shape' };

  const events: SubscriptionLogEvent[] = [];
  let malformed = 0;
  for (const entry of logEvents as unknown[]) {
    const event = entry as { message?: unknown; timestamp?: unknown } | null;
    if (typeof event !== 'object' || event === null || typeof event.message !== 'string') {
      malformed++;
      continue;
    }
    const timestamp = typeof event.timestamp === 'number' && Number.isFinite(event.timestamp) ? event.timestamp : undefined;
    events.push({ message: event.message, timestamp });
  }
  return { kind: 'data', logEvents: events, malformed };
}
