import { familyBits, formatIp, parseIp, type IpAddress, type IpFamily } from './ip-address';

export interface Cidr {
  readonly family: IpFamily;
  /** The network address with host bits cleared, as 16-bit groups (see IpAddress). */
  readonly network: readonly number[];
  readonly prefix: number;
}

const PREFIX_PATTERN = /^\d{1,3}$/;
/** `::ffff:0:0/96` holds the IPv4-mapped addresses. */
const MAPPED_PREFIX_BITS = 96;

/**
 * Parses `address/prefix`; a bare address is a host (`/32`, `/128`). Host bits
 * are cleared rather than refused, as WAF does. An IPv4-mapped IPv6 range of
 * /96 or longer becomes the IPv4 range it covers, because parseIp maps those
 * addresses to IPv4 too; a shorter one, which would straddle both families, is
 * refused.
 */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  const mapped = addressText.includes(':');
  const address = parseIp(addressText);
  if (address === undefined) return undefined;
  const bits = familyBits(address.family);
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!PREFIX_PATTERN.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (mapped && address.family === 4) {
      // Written as IPv6: the prefix counts IPv6 bits.
      if (prefix > 128 || prefix < MAPPED_PREFIX_BITS) return undefined;
      prefix -= MAPPED_PREFIX_BITS;
    }
    if (prefix > bits) return undefined;
  }
  return { family: address.family, network: address.groups.map((group, i) => maskGroup(group, i, prefix)), prefix };
}

/** Group `index` with the bits past `prefix` cleared. */
function maskGroup(group: number, index: number, prefix: number): number {
  const kept = prefix - 16 * index;
  if (kept >= 16) return group;
  if (kept <= 0) return 0;
  return group & ((0xffff << (16 - kept)) & 0xffff);
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.family !== ip.family) return false;
  return ip.groups.every((group, i) => maskGroup(group, i, cidr.prefix) === cidr.network[i]);
}

export function isHostCidr(cidr: Cidr): boolean {
  return cidr.prefix === familyBits(cidr.family);
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp({ family: cidr.family, groups: cidr.network })}/${cidr.prefix}`;
}

/** Membership in a list of ranges; lists here are short (an allowlist), so a scan is enough. */
export function matchesAny(cidrs: readonly Cidr[], ip: IpAddress): boolean {
  return cidrs.some((cidr) => cidrContains(cidr, ip));
}

/**
 * True when `text` is an IPv4 host entry already in the canonical form this
 * function writes (`a.b.c.d/32`, no leading zeros, octets ≤ 255). Nearly every
 * entry of a set we maintain is one; recognising them without parsing keeps
 * planning against a full set of 10,000 entries cheap.
 */
export function isCanonicalIpv4Host(text: string): boolean {
  const n = text.length;
  if (n < 10 || n > 18 || text.charCodeAt(n - 3) !== 47 /* / */ || text.charCodeAt(n - 2) !== 51 /* 3 */ || text.charCodeAt(n - 1) !== 50 /* 2 */) {
    return false;
  }
  let octets = 0;
  let i = 0;
  const end = n - 3;
  while (i < end) {
    const start = i;
    let value = 0;
    while (i < end && i - start < 4) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
      i++;
    }
    const digits = i - start;
    if (digits === 0 || digits > 3 || value > 255 || (digits > 1 && text.charCodeAt(start) === 48)) return false;
    octets++;
    if (i === end) break;
    if (text.charCodeAt(i) !== 46 /* . */ || octets === 4) return false;
    i++;
  }
  return octets === 4 && i === end;
}

/**
 * The canonical host form of an IP set entry, `undefined` for a wider range or
 * an entry that is not an address.
 */
export function canonicalHostOf(entry: string): string | undefined {
  if (isCanonicalIpv4Host(entry)) return entry;
  const cidr = parseCidr(entry);
  return cidr !== undefined && isHostCidr(cidr) ? formatCidr(cidr) : undefined;
}
