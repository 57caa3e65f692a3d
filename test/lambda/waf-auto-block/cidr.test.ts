import { cidrContains, formatCidr, matchesAny, parseCidr, type Cidr } from '../../../lambda/waf-auto-block/cidr';
import { parseIp, type IpAddress } from '../../../lambda/waf-auto-block/ip-address';

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

  it('clears host bits', () => {
    expect(formatCidr(cidr('10.1.2.3/8'))).toBe('10.0.0.0/8');
    expect(formatCidr(cidr('2001:db8::1/64'))).toBe('2001:db8::/64');
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

  it('matches any of several ranges', () => {
    const list = [cidr('10.0.0.0/8'), cidr('2001:db8::/32')];
    expect(matchesAny(list, ip('2001:db8::5'))).toBe(true);
    expect(matchesAny(list, ip('192.0.2.1'))).toBe(false);
    expect(matchesAny([], ip('192.0.2.1'))).toBe(false);
  });
});
