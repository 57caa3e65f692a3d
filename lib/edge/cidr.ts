import { isIPv4, isIPv6 } from 'node:net';

export type IpVersion = 'IPV4' | 'IPV6';

const ADDRESS_BITS: Readonly<Record<IpVersion, number>> = { IPV4: 32, IPV6: 128 };

/**
 * Why a CIDR is not one AWS WAF accepts for the given IP version, or
 * undefined when it is. WAF takes prefixes /1 to /32 (v4) and /1 to /128
 * (v6); host bits must be zero so that what is blocked is what was written.
 */
export function cidrProblem(cidr: string, version: IpVersion): string | undefined {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (!match) return 'an address and a prefix length, e.g. 192.0.2.0/24 or 2001:db8::/32';
  const [, address, prefixText] = match;
  const isVersion = version === 'IPV4' ? isIPv4(address) : isIPv6(address) && !address.includes('%');
  if (!isVersion) return `an ${version === 'IPV4' ? 'IPv4' : 'IPv6'} address before the prefix length`;
  const bits = ADDRESS_BITS[version];
  const prefix = Number(prefixText);
  if (prefix < 1 || prefix > bits) return `a prefix length from 1 to ${bits}`;
  const value = version === 'IPV4' ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  if ((value & hostMask) !== 0n) return 'no host bits set after the prefix (use the network address of the range)';
  return undefined;
}

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((acc, part) => (acc << 8n) + BigInt(Number(part)), 0n);
}

/** Expects an address that `isIPv6` accepted; handles `::` and an embedded IPv4 tail. */
function ipv6ToBigInt(address: string): bigint {
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4ToBigInt(tail);
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  let groups = text.split(':');
  if (text.includes('::')) {
    const [left, right] = text.split('::');
    const leftGroups = left === '' ? [] : left.split(':');
    const rightGroups = right === '' ? [] : right.split(':');
    groups = [...leftGroups, ...Array<string>(8 - leftGroups.length - rightGroups.length).fill('0'), ...rightGroups];
  }
  return groups.reduce((acc, group) => (acc << 16n) + BigInt(parseInt(group, 16)), 0n);
}
