/**
 * A bounded LRU of verified tokens, so a warm container skips the signature
 * check for a token it has already seen. Keys are SHA-256 digests of the
 * token: the raw token is never stored. An entry lives no longer than the
 * token's own `exp`.
 */
import { hash } from 'node:crypto';

export function tokenCacheKey(token: string): string {
  // One-shot hash: half the cost of createHash().update().digest() on the hot path.
  return hash('sha256', token, 'base64');
}

export class DecisionCache<V> {
  private readonly entries = new Map<string, { readonly value: V; readonly expiresAtMs: number }>();

  public constructor(private readonly maxEntries: number, private readonly now: () => number) {}

  public get size(): number {
    return this.entries.size;
  }

  public get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert to mark as most recently used: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  public set(key: string, value: V, expiresAtMs: number): void {
    if (this.maxEntries === 0 || expiresAtMs <= this.now()) return;
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAtMs });
  }
}
