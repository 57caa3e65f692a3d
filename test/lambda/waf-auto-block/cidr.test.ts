import fc from 'fast-check';
import {
  canonicalHostOf, cidrContains, formatCidr, isCanonicalIpv4Host, isHostCidr, matchesAny, parseCidr, type Cidr,
} from '../../../lambda/waf-auto-block/cidr';
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

describe('canonicalHostOf', () => {
  /** The same answer the slow way: parse, keep hosts, format. */
  function slowly(entry: string): string | undefined {
    const parsed = parseCidr(entry);
    return parsed !== undefined && isHostCidr(parsed) ? formatCidr(parsed) : undefined;
  }

  it('recognises canonical IPv4 host entries without parsing them', () => {
    for (const entry of ['0.0.0.0/32', '10.0.0.1/32', '255.255.255.255/32', '192.0.2.10/32']) {
      expect(isCanonicalIpv4Host(entry)).toBe(true);
      expect(canonicalHostOf(entry)).toBe(entry);
    }
  });

  it('rejects non-canonical or invalid IPv4 spellings on the fast path and leaves them to the parser', () => {
    const spellings = [
      '010.0.0.1/32', '10.0.0.1', '10.0.0.1/24', '256.0.0.1/32', '10.0.0/32', '10.0.0.1.5/32',
      '10..0.1/32', '1.2.3.4/321', 'a.b.c.d/32', '1000.0.0.1/32', '.1.2.3/32', '1.2.3./32',
    ];
    for (const entry of spellings) {
      expect(isCanonicalIpv4Host(entry)).toBe(false);
    }
    expect(canonicalHostOf('10.0.0.1')).toBe('10.0.0.1/32');
    expect(canonicalHostOf('::ffff:10.0.0.1/128')).toBe('10.0.0.1/32');
    expect(canonicalHostOf('2001:DB8::1/128')).toBe('2001:db8::1/128');
    expect(canonicalHostOf('10.0.0.0/24')).toBeUndefined();
    expect(canonicalHostOf('010.0.0.1/32')).toBeUndefined();
  });

  it('gives the same answer as parsing and formatting for any dotted text (property)', () => {
    const part = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '007', '', 'x', '1000'));
    const suffix = fc.constantFrom('/32', '', '/31', '/0', '/032', '/3', '/33');
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), suffix, (parts, tail) => {
      const entry = `${parts.join('.')}${tail}`;
      expect(canonicalHostOf(entry)).toBe(slowly(entry));
    }), { numRuns: 5000 });
  });
});
