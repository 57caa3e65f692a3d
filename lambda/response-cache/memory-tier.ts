/**
 * A bounded in-memory first level in front of the cache table, one per
 * execution environment. A hit from the table costs a network round trip
 * before the answer's first byte; a hit from memory costs none. It holds
 * what the table holds, under the same key (the tenant's HMAC, so tenant
 * and access-scope isolation are the key's, unchanged) and with the same
 * value (the masked answer): it is filled after a successful table write
 * and on a table hit, and each entry expires at its table item's own
 * expiry, so memory never serves an answer the table would not.
 *
 * Bounded by entry count and by the estimated bytes of its entries; the
 * least recently used entries go first. A Map keeps insertion order, so
 * moving an entry to the end on every hit makes the first one the LRU.
 */
import type { CacheStore, StoredAnswer } from './cache-store';

export interface MemoryTierLimits {
  readonly maxEntries: number;
  /** Estimated bytes of keys and answers together. */
  readonly maxBytes: number;
}

/**
 * 500 answers or 16 MB, whichever comes first: small beside the proxy's
 * smallest memory size (128 MB) with the SDK and the masking state, large
 * enough for the repeated prompts that make a cache worth having.
 */
export const DEFAULT_MEMORY_TIER_LIMITS: MemoryTierLimits = { maxEntries: 500, maxBytes: 16 * 1024 * 1024 };
/** Object headers, the answer's other fields and the Map slot, roughly. */
const ENTRY_OVERHEAD_BYTES = 256;

interface Entry {
  readonly stored: StoredAnswer;
  readonly bytes: number;
}

export interface MemoryTier extends CacheStore {
  /** Entries held now; for metrics and tests. */
  readonly size: number;
  readonly bytes: number;
}

export function memoryTier(table: CacheStore, limits: MemoryTierLimits = DEFAULT_MEMORY_TIER_LIMITS): MemoryTier {
  if (!(limits.maxEntries >= 1) || !(limits.maxBytes >= 1)) throw new RangeError('memory tier limits must be at least 1');
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  // No expiry check here: a table hit is unexpired, a fresh write is, and every read checks anyway.
  const remember = (key: string, stored: StoredAnswer) => {
    drop(key);
    // UTF-16 in memory: two bytes a code unit.
    const size = 2 * (key.length + stored.answer.text.length + stored.answer.finishReason.length) + ENTRY_OVERHEAD_BYTES;
    if (size > limits.maxBytes) return;
    while (entries.size >= limits.maxEntries || bytes + size > limits.maxBytes) drop(entries.keys().next().value as string);
    entries.set(key, { stored: { answer: Object.freeze({ ...stored.answer }), expiresAtSeconds: stored.expiresAtSeconds }, bytes: size });
    bytes += size;
  };
  return {
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
    async get(key, nowMs) {
      const entry = entries.get(key);
      if (entry !== undefined) {
        if (entry.stored.expiresAtSeconds * 1000 > nowMs) {
          entries.delete(key);
          entries.set(key, entry);
          return entry.stored;
        }
        drop(key);
      }
      const stored = await table.get(key, nowMs);
      if (stored !== undefined) remember(key, stored);
      return stored;
    },
    async put(key, answer, expiresAtSeconds) {
      await table.put(key, answer, expiresAtSeconds);
      // After the write, so memory never holds what the table refused.
      remember(key, { answer, expiresAtSeconds });
    },
  };
}
