import type { CachedAnswer, CacheStore, StoredAnswer } from '../../../lambda/response-cache/cache-store';
import { DEFAULT_MEMORY_TIER_LIMITS, memoryTier } from '../../../lambda/response-cache/memory-tier';

/** A table stand-in that honours expiry like the DynamoDB store and counts the reads that reach it. */
class CountingTable implements CacheStore {
  public readonly items = new Map<string, StoredAnswer>();
  public readonly reads: string[] = [];
  public failPuts = false;

  public async get(key: string, nowMs: number): Promise<StoredAnswer | undefined> {
    this.reads.push(key);
    const item = this.items.get(key);
    return item !== undefined && item.expiresAtSeconds * 1000 > nowMs ? item : undefined;
  }

  public async put(key: string, answer: CachedAnswer, expiresAtSeconds: number): Promise<void> {
    if (this.failPuts) throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
    this.items.set(key, { answer, expiresAtSeconds });
  }
}

const answer = (text: string): CachedAnswer => ({ text, finishReason: 'stop', promptTokens: 3, completionTokens: 4, usageEstimated: false });
const NOW = 1_800_000_000_000;
const LATER = NOW / 1000 + 600;

describe('memory tier of the response cache', () => {
  it('serves a stored answer from memory without reading the table, and fills itself on a table hit', async () => {
    const table = new CountingTable();
    const tier = memoryTier(table);
    await tier.put('k1', answer('one'), LATER);
    expect(await tier.get('k1', NOW)).toEqual({ answer: answer('one'), expiresAtSeconds: LATER });
    expect(table.reads).toEqual([]);
    table.items.set('k2', { answer: answer('two'), expiresAtSeconds: LATER });
    expect((await tier.get('k2', NOW))?.answer.text).toBe('two');
    expect((await tier.get('k2', NOW))?.answer.text).toBe('two');
    expect(table.reads).toEqual(['k2']);
  });

  it('never serves an entry at or past its item\'s expiry, and then asks the table', async () => {
    const table = new CountingTable();
    const tier = memoryTier(table);
    await tier.put('k', answer('short'), LATER);
    expect(await tier.get('k', LATER * 1000 - 1)).toBeDefined();
    expect(await tier.get('k', LATER * 1000)).toBeUndefined();
    expect(table.reads).toEqual(['k']);
    expect(tier.size).toBe(0);
  });

  it('does not remember an answer the table refused, and passes the failure on', async () => {
    const table = new CountingTable();
    const tier = memoryTier(table);
    table.failPuts = true;
    await expect(tier.put('k', answer('refused'), LATER)).rejects.toThrow('throttled');
    expect(await tier.get('k', NOW)).toBeUndefined();
    expect(table.reads).toEqual(['k']);
  });

  it('evicts the least recently used entry past the entry limit', async () => {
    const table = new CountingTable();
    const tier = memoryTier(table, { maxEntries: 2, maxBytes: DEFAULT_MEMORY_TIER_LIMITS.maxBytes });
    await tier.put('a', answer('A'), LATER);
    await tier.put('b', answer('B'), LATER);
    await tier.get('a', NOW);
    await tier.put('c', answer('C'), LATER);
    expect(tier.size).toBe(2);
    for (const key of ['a', 'c', 'b']) await tier.get(key, NOW);
    // Only b had gone; reading it back from the table made it most recent and pushed a out.
    expect(table.reads).toEqual(['b']);
    await tier.get('a', NOW);
    expect(table.reads).toEqual(['b', 'a']);
  });

  it('keeps the estimated bytes under the byte limit, evicting oldest first, and never holds an answer bigger than the limit', async () => {
    const table = new CountingTable();
    const maxBytes = 4096;
    const tier = memoryTier(table, { maxEntries: 100, maxBytes });
    for (let i = 0; i < 10; i++) {
      await tier.put(`k${i}`, answer('x'.repeat(700)), LATER);
      expect(tier.bytes).toBeLessThanOrEqual(maxBytes);
    }
    expect(tier.size).toBeGreaterThan(1);
    expect(tier.size).toBeLessThan(10);
    const held = tier.size;
    for (let i = 10 - held; i < 10; i++) await tier.get(`k${i}`, NOW);
    expect(table.reads).toEqual([]);
    await tier.get('k0', NOW);
    expect(table.reads).toEqual(['k0']);
    await tier.put('huge', answer('y'.repeat(maxBytes)), LATER);
    expect(table.items.has('huge')).toBe(true);
    await tier.get('huge', NOW);
    expect(table.reads).toEqual(['k0', 'huge']);
    expect(tier.bytes).toBeLessThanOrEqual(maxBytes);
  });

  it('replaces an entry stored again under its key rather than counting it twice', async () => {
    const tier = memoryTier(new CountingTable());
    await tier.put('k', answer('first'), LATER);
    const bytes = tier.bytes;
    await tier.put('k', answer('again'), LATER + 60);
    expect([tier.size, tier.bytes]).toEqual([1, bytes]);
    expect(await tier.get('k', NOW)).toEqual({ answer: answer('again'), expiresAtSeconds: LATER + 60 });
  });

  it('refuses limits below one', () => {
    expect(() => memoryTier(new CountingTable(), { maxEntries: 0, maxBytes: 1 })).toThrow(RangeError);
    expect(() => memoryTier(new CountingTable(), { maxEntries: 1, maxBytes: Number.NaN })).toThrow(RangeError);
  });
});
