import fc from 'fast-check';
import { cidrContains, formatCidr, matchesAny, parseCidr, type Cidr } from '../../../lambda/waf-auto-block/cidr';
import { formatIp, parseIp, type IpAddress } from '../../../lambda/waf-auto-block/ip-address';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (parsed === undefined) throw new Error(`bad CIDR in test: ${text}`);
  return parsed;
}

function ip(text: string): IpAddress {
  const parsed = parseIp(text);
  if (parsed === undefined) throw new Error(`bad address in test: ${text}`);
  return parsed;
}

describe('parseCidr', () => {
  it('reads IPv4 and IPv6 ranges and bare addresses as hosts', () => {
    expect(formatCidr(cidr('10.0.0.0/8'))).toBe('10.0.0.0/8');
    expect(formatCidr(cidr('10.1.2.3'))).toBe('10.1.2.3/32');
    expect(formatCidr(cidr('2001:DB8::/32'))).toBe('2001:db8::/32');
    expect(formatCidr(cidr('2001:db8::1'))).toBe('2001:db8::1/128');
    expect(formatCidr(cidr('0.0.0.0/0'))).toBe('0.0.0.0/0');
  });

  it('clears host bits, also inside a 16-bit group', () => {
    expect(formatCidr(cidr('10.1.2.3/8'))).toBe('10.0.0.0/8');
    expect(formatCidr(cidr('10.1.31.3/20'))).toBe('10.1.16.0/20');
    expect(formatCidr(cidr('2001:db8::1/64'))).toBe('2001:db8::/64');
    expect(formatCidr(cidr('2001:db8:abcd:12ff::1/56'))).toBe('2001:db8:abcd:1200::/56');
    expect(formatCidr(cidr('2001:db8::1/0'))).toBe('::/0');
  });

  it('reads an IPv4-mapped IPv6 range as the IPv4 range it covers', () => {
    expect(formatCidr(cidr('::ffff:10.0.0.0/104'))).toBe('10.0.0.0/8');
    expect(formatCidr(cidr('::ffff:10.1.2.3/128'))).toBe('10.1.2.3/32');
  });

  it.each(['10.0.0.0/33', '2001:db8::/129', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/8/8', '10.0.0/8', 'abc/8', '::ffff:10.0.0.0/64', '10.0.0.0/ 8'])(
    'rejects %j', (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );
});

describe('cidrContains', () => {
  it('matches addresses inside the range and not outside', () => {
    expect(cidrContains(cidr('10.0.0.0/8'), ip('10.255.255.255'))).toBe(true);
    expect(cidrContains(cidr('10.0.0.0/8'), ip('11.0.0.0'))).toBe(false);
    expect(cidrContains(cidr('2001:db8::/32'), ip('2001:db8:ffff::1'))).toBe(true);
    expect(cidrContains(cidr('2001:db8::/32'), ip('2001:db9::1'))).toBe(false);
  });

  it('never matches across families', () => {
    expect(cidrContains(cidr('0.0.0.0/0'), ip('::1'))).toBe(false);
    expect(cidrContains(cidr('::/0'), ip('1.2.3.4'))).toBe(false);
  });

  it('matches an IPv4-mapped client address against an IPv4 range', () => {
    expect(cidrContains(cidr('192.0.2.0/24'), ip('::ffff:192.0.2.77'))).toBe(true);
  });

  it('draws the boundary inside a 16-bit group exactly', () => {
    expect(cidrContains(cidr('10.1.16.0/20'), ip('10.1.31.255'))).toBe(true);
    expect(cidrContains(cidr('10.1.16.0/20'), ip('10.1.32.0'))).toBe(false);
    expect(cidrContains(cidr('10.1.16.0/20'), ip('10.1.15.255'))).toBe(false);
  });

  it('contains an address when only bits past the prefix differ, and not when a bit inside it does (property)', () => {
    const family = fc.constantFrom(4 as const, 6 as const);
    fc.assert(fc.property(family, fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }), fc.nat(), fc.nat(), (fam, raw, p, b) => {
      const bits = fam === 4 ? 32 : 128;
      const groups = raw.slice(0, bits / 16);
      const prefix = p % (bits + 1);
      const range = cidr(`${formatIp({ family: fam, groups })}/${prefix}`);
      const flip = (bit: number): IpAddress => ({
        family: fam,
        groups: groups.map((g, i) => (i === Math.floor(bit / 16) ? g ^ (0x8000 >> (bit % 16)) : g)),
      });
      expect(cidrContains(range, { family: fam, groups })).toBe(true);
      if (prefix < bits) expect(cidrContains(range, flip(prefix + (b % (bits - prefix))))).toBe(true);
      if (prefix > 0) expect(cidrContains(range, flip(b % prefix))).toBe(false);
    }));
  });

  it('matches any of several ranges', () => {
    const list = [cidr('10.0.0.0/8'), cidr('2001:db8::/32')];
    expect(matchesAny(list, ip('2001:db8::5'))).toBe(true);
    expect(matchesAny(list, ip('192.0.2.1'))).toBe(false);
    expect(matchesAny([], ip('192.0.2.1'))).toBe(false);
  });
});
