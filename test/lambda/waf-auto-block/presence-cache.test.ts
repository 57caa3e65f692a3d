import { PresenceCache } from '../../../lambda/waf-auto-block/presence-cache';

describe('PresenceCache', () => {
  it('vouches for an address until its TTL has passed', () => {
    const cache = new PresenceCache(1000, 10);
    cache.remember(['192.0.2.1/32'], 5000);
    expect(cache.has('192.0.2.1/32', 5999)).toBe(true);
    expect(cache.has('192.0.2.1/32', 6000)).toBe(false);
    expect(cache.has('192.0.2.2/32', 5000)).toBe(false);
  });

  it('evicts the oldest entries beyond its size bound', () => {
    const cache = new PresenceCache(1000, 2);
    cache.remember(['a'], 0);
    cache.remember(['b'], 1);
    cache.remember(['a'], 2);
    cache.remember(['c'], 3);
    expect(cache.size).toBe(2);
    expect(cache.has('b', 4)).toBe(false);
    expect(cache.has('a', 4)).toBe(true);
    expect(cache.has('c', 4)).toBe(true);
  });
});
