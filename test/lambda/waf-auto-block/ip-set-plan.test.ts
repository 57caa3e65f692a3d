import { parseIp, type IpAddress } from '../../../lambda/waf-auto-block/ip-address';
import { hostEntries, planAdditions, planRemovals } from '../../../lambda/waf-auto-block/ip-set-plan';

function ips(...texts: string[]): IpAddress[] {
  return texts.map((t) => {
    const ip = parseIp(t);
    if (ip === undefined) throw new Error(`bad address in test: ${t}`);
    return ip;
  });
}

/** n distinct IPv4 host entries in 10.0.0.0/8. */
function fullSet(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `10.${(i >> 16) & 0xff}.${(i >> 8) & 0xff}.${i & 0xff}/32`);
}

describe('planAdditions', () => {
  it('appends new addresses as canonical host CIDRs and keeps existing entries as written', () => {
    const plan = planAdditions(['192.0.2.1/32', '2001:DB8::1/128'], ips('198.51.100.7', '2001:db8::2'), 10_000);
    expect(plan.addresses).toEqual(['192.0.2.1/32', '2001:DB8::1/128', '198.51.100.7/32', '2001:db8::2/128']);
    expect(plan.detail).toEqual({ added: ['198.51.100.7/32', '2001:db8::2/128'], alreadyPresent: 0, skippedFull: [] });
  });

  it('changes nothing for an address already present in another spelling', () => {
    const plan = planAdditions(['2001:0DB8:0000:0000:0000:0000:0000:0001/128'], ips('2001:db8::1'), 10_000);
    expect(plan.addresses).toBeUndefined();
    expect(plan.detail.alreadyPresent).toBe(1);
  });

  it('changes nothing for an address inside a wider range already in the set', () => {
    const plan = planAdditions(['198.51.100.0/24'], ips('198.51.100.7'), 10_000);
    expect(plan.addresses).toBeUndefined();
    expect(plan.detail.alreadyPresent).toBe(1);
  });

  it('adds a candidate listed twice once', () => {
    const plan = planAdditions([], ips('198.51.100.7', '::ffff:198.51.100.7'), 10_000);
    expect(plan.addresses).toEqual(['198.51.100.7/32']);
  });

  it('never exceeds the 10,000 address quota, even when maxAddresses is higher', () => {
    const current = fullSet(9_999);
    const plan = planAdditions(current, ips('198.51.100.1', '198.51.100.2', '198.51.100.3'), 20_000);
    expect(plan.addresses).toHaveLength(10_000);
    expect(plan.detail.added).toEqual(['198.51.100.1/32']);
    expect(plan.detail.skippedFull).toEqual(['198.51.100.2/32', '198.51.100.3/32']);
  });

  it('sends no update when the set is full, and evicts nothing', () => {
    const plan = planAdditions(fullSet(10_000), ips('198.51.100.1'), 10_000);
    expect(plan.addresses).toBeUndefined();
    expect(plan.detail.skippedFull).toEqual(['198.51.100.1/32']);
  });

  it('respects a lower maxAddresses and a set already over it', () => {
    expect(planAdditions(fullSet(4), ips('198.51.100.1', '198.51.100.2'), 5).detail.added).toEqual(['198.51.100.1/32']);
    expect(planAdditions(fullSet(8), ips('198.51.100.1'), 5).detail.skippedFull).toEqual(['198.51.100.1/32']);
  });
});

describe('planRemovals', () => {
  it('removes expired hosts in whatever spelling the set holds them and keeps everything else', () => {
    const current = ['192.0.2.1/32', '2001:0db8::0001/128', '198.51.100.0/24', '192.0.2.2/32'];
    const plan = planRemovals(current, new Set(['192.0.2.1/32', '2001:db8::1/128', '198.51.100.0/32']));
    expect(plan.addresses).toEqual(['198.51.100.0/24', '192.0.2.2/32']);
    expect(plan.detail.removed).toEqual(['192.0.2.1/32', '2001:db8::1/128']);
  });

  it('changes nothing when no entry has expired', () => {
    expect(planRemovals(['192.0.2.1/32'], new Set(['192.0.2.9/32'])).addresses).toBeUndefined();
  });
});

describe('hostEntries', () => {
  it('lists host entries canonically and leaves out wider ranges', () => {
    expect(hostEntries(['192.0.2.1/32', '2001:DB8::1/128', '10.0.0.0/8'])).toEqual(['192.0.2.1/32', '2001:db8::1/128']);
  });
});
