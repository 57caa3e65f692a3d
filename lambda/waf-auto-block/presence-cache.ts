/**
 * Addresses this function instance recently found in (or put into) an IP
 * set. An address under a running block keeps offending (WAF now blocks all of
 * its requests), and re-offering it on every delivery would cost a GetIPSet
 * per invocation; within the TTL it is taken as present. New blocks always go
 * to WAF, so the cache can only delay healing a lost entry, by at most the TTL.
 */
export class PresenceCache {
  private readonly expiresAt = new Map<string, number>();

  public constructor(private readonly ttlMs: number, private readonly maxEntries: number) {}

  public has(host: string, nowMs: number): boolean {
    const expiry = this.expiresAt.get(host);
    if (expiry === undefined) return false;
    if (expiry > nowMs) return true;
    this.expiresAt.delete(host);
    return false;
  }

  public remember(hosts: Iterable<string>, nowMs: number): void {
    for (const host of hosts) {
      // Re-insert so that Map order stays oldest-first for eviction.
      this.expiresAt.delete(host);
      this.expiresAt.set(host, nowMs + this.ttlMs);
    }
    for (const host of this.expiresAt.keys()) {
      if (this.expiresAt.size <= this.maxEntries) break;
      this.expiresAt.delete(host);
    }
  }

  public get size(): number {
    return this.expiresAt.size;
  }
}
