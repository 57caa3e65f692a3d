/**
 * IP addresses as numbers, so that every spelling of one address (IPv6
 * compressed or expanded, upper or lower case, IPv4-mapped IPv6) compares equal
 * and has one canonical text form.
 */
export type IpFamily = 4 | 6;

export interface IpAddress {
  readonly family: IpFamily;
  /**
   * The address as 16-bit groups, most significant first: 2 for IPv4, 8 for
   * IPv6. Plain numbers rather than one bigint: a full IP set is parsed on
   * every update, and bigint arithmetic made that several times slower.
   */
  readonly groups: readonly number[];
}

/** The longest valid spelling: a fully expanded IPv6 address with an embedded IPv4 tail. */
const MAX_ADDRESS_CHARS = 45;
const IPV4_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

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
    const groups = parseIpv6(text);
    if (groups === undefined) return undefined;
    if (isIpv4Mapped(groups)) return { family: 4, groups: groups.slice(6) };
    return { family: 6, groups };
  }
  const groups = parseIpv4(text);
  return groups === undefined ? undefined : { family: 4, groups };
}

/** `::ffff:0:0/96`: five zero groups, then 0xffff. */
function isIpv4Mapped(groups: readonly number[]): boolean {
  return groups[5] === 0xffff && groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0;
}

function parseIpv4(text: string): number[] | undefined {
  const match = IPV4_PATTERN.exec(text);
  if (match === null) return undefined;
  const octets: number[] = [];
  for (let i = 1; i <= 4; i++) {
    const part = match[i];
    if (part.length > 1 && part.charCodeAt(0) === 48 /* '0' */) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    octets.push(octet);
  }
  return [(octets[0] << 8) | octets[1], (octets[2] << 8) | octets[3]];
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1], true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const explicit = head.length + tail.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return undefined;
  return [...head, ...new Array<number>(8 - explicit).fill(0), ...tail];
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
      groups.push(...v4);
    } else {
      return undefined;
    }
  }
  return groups;
}

/** Canonical text: dotted quad, or RFC 5952 (lower case, longest zero run compressed). */
export function formatIp(ip: IpAddress): string {
  const g = ip.groups;
  if (ip.family === 4) return `${g[0] >> 8}.${g[0] & 0xff}.${g[1] >> 8}.${g[1] & 0xff}`;
  const run = longestZeroRun(g);
  const hex = g.map((group) => group.toString(16));
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
