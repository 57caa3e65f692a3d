/**
 * IP addresses as numbers, so that every spelling of one address (IPv6
 * compressed or expanded, upper or lower case, IPv4-mapped IPv6) compares equal
 * and has one canonical text form.
 */
export type IpFamily = 4 | 6;

export interface IpAddress {
  readonly family: IpFamily;
  /** The address as an unsigned integer of 32 (IPv4) or 128 (IPv6) bits. */
  readonly value: bigint;
}

/** The longest valid spelling: a fully expanded IPv6 address with an embedded IPv4 tail. */
const MAX_ADDRESS_CHARS = 45;
const IPV4_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const IPV4_MAPPED_PREFIX = 0xffffn;

export function familyBits(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

/**
 * Parses one address. IPv4-mapped IPv6 (`::ffff:1.2.3.4`) becomes the IPv4
 * address it carries: a client reaching us over either stack is one client.
 * Returns undefined for anything else, including zone ids and IPv4 with
 * leading zeros (which some parsers read as octal).
 */
export function parseIp(text: string): IpAddress | undefined {
  if (text.length === 0 || text.length > MAX_ADDRESS_CHARS) return undefined;
  if (text.includes(':')) {
    const value = parseIpv6(text);
    if (value === undefined) return undefined;
    if (value >> 32n === IPV4_MAPPED_PREFIX) return { family: 4, value: value & 0xffffffffn };
    return { family: 6, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { family: 4, value };
}

function parseIpv4(text: string): bigint | undefined {
  const match = IPV4_PATTERN.exec(text);
  if (match === null) return undefined;
  let value = 0n;
  for (const part of match.slice(1)) {
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1], true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const explicit = head.length + tail.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return undefined;
  const groups = [...head, ...new Array<number>(8 - explicit).fill(0), ...tail];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

/** Groups of one side of `::`; only the last group of the address may be a dotted IPv4 tail. */
function parseGroups(side: string, mayEndWithIpv4: boolean): number[] | undefined {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (HEX_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else if (mayEndWithIpv4 && i === parts.length - 1) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** Canonical text: dotted quad, or RFC 5952 (lower case, longest zero run compressed). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  const run = longestZeroRun(groups);
  const hex = groups.map((g) => g.toString(16));
  if (run.length < 2) return hex.join(':');
  return `${hex.slice(0, run.start).join(':')}::${hex.slice(run.start + run.length).join(':')}`;
}

function longestZeroRun(groups: readonly number[]): { start: number; length: number } {
  let best = { start: 0, length: 0 };
  let start = -1;
  for (let i = 0; i <= groups.length; i++) {
    if (i < groups.length && groups[i] === 0) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start > best.length) best = { start, length: i - start };
      start = -1;
    }
  }
  return best;
}

/** The IP set entry for one address: `/32` for IPv4, `/128` for IPv6. */
export function toHostCidr(ip: IpAddress): string {
  return `${formatIp(ip)}/${familyBits(ip.family)}`;
}
