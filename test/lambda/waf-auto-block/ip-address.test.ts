import fc from 'fast-check';
import { formatIp, parseIp, toHostCidr, type IpAddress } from '../../../lambda/waf-auto-block/ip-address';

function canonical(text: string): string | undefined {
  const ip = parseIp(text);
  return ip === undefined ? undefined : toHostCidr(ip);
}

describe('parseIp and toHostCidr', () => {
  it('writes IPv4 addresses as /32', () => {
    expect(canonical('203.0.113.7')).toBe('203.0.113.7/32');
    expect(canonical('0.0.0.0')).toBe('0.0.0.0/32');
    expect(canonical('255.255.255.255')).toBe('255.255.255.255/32');
  });

  it('writes IPv6 addresses as /128 in RFC 5952 form', () => {
    expect(canonical('2001:db8::1')).toBe('2001:db8::1/128');
    expect(canonical('::1')).toBe('::1/128');
    expect(canonical('::')).toBe('::/128');
    expect(canonical('fe80::')).toBe('fe80::/128');
  });

  it('gives expanded, compressed and upper-case spellings of one IPv6 address one form', () => {
    const spellings = [
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      '2001:db8:0:0:0:0:0:1',
      '2001:DB8::1',
      '2001:db8:0::0:1',
    ];
    expect(new Set(spellings.map(canonical))).toEqual(new Set(['2001:db8::1/128']));
  });

  it('compresses the longest zero run, and the first of equal runs', () => {
    expect(canonical('2001:db8:0:0:1:0:0:0')).toBe('2001:db8:0:0:1::/128');
    expect(canonical('2001:0:0:1:0:0:1:1')).toBe('2001::1:0:0:1:1/128');
    expect(canonical('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1/128');
  });

  it('maps IPv4-mapped IPv6 addresses to the IPv4 address they carry', () => {
    expect(canonical('::ffff:198.51.100.9')).toBe('198.51.100.9/32');
    expect(canonical('::FFFF:c633:6409')).toBe('198.51.100.9/32');
    expect(canonical('0:0:0:0:0:ffff:198.51.100.9')).toBe('198.51.100.9/32');
  });

  it('keeps other IPv6 addresses with an IPv4 tail as IPv6', () => {
    expect(canonical('64:ff9b::198.51.100.9')).toBe('64:ff9b::c633:6409/128');
  });

  it.each([
    '', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.4/32', ' 1.2.3.4', '1.2.3.-4',
    '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', ':::', '1:::2', '12345::', 'g::1', 'fe80::1%eth0',
    '::1.2.3', '1.2.3.4::', '1:2:3:4:5:6:7::1.2.3.4', 'x'.repeat(100), 'unknown', '-',
  ])('rejects %j', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });

  it('reads back every IPv6 address it writes, for any address (property)', () => {
    const groups = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });
    fc.assert(fc.property(groups, (g) => {
      const ip: IpAddress = { family: 6, groups: g };
      const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
      expect(parseIp(formatIp(ip))).toEqual(mapped ? { family: 4, groups: g.slice(6) } : ip);
    }));
  });

  it('reads back every IPv4 address it writes (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), (hi, lo) => {
      const ip: IpAddress = { family: 4, groups: [hi, lo] };
      expect(parseIp(formatIp(ip))).toEqual(ip);
    }));
  });

  it('gives every spelling of an IPv6 address the same form (property)', () => {
    const groups = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });
    fc.assert(fc.property(groups, fc.boolean(), (g, upper) => {
      const expanded = g.map((x) => x.toString(16).padStart(4, '0')).join(':');
      const short = g.map((x) => x.toString(16)).join(':');
      const cased = upper ? expanded.toUpperCase() : expanded;
      expect(canonical(cased)).toBe(canonical(short));
      expect(canonical(short)).toBeDefined();
    }));
  });
});
