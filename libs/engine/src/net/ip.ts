import ipaddr from 'ipaddr.js';
import { isIPv4, isIPv6 } from 'node:net';

// One place for IP addresses and ranges (app-connector rules, the private-network guard), on
// ipaddr.js. An IPv4-mapped IPv6 address (::ffff:1.2.3.4) is read as the IPv4 address it
// carries, and a mapped range (::ffff:10.0.0.0/104) as its IPv4 range, so either spelling of a
// client matches either spelling of a rule.

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

export interface IpRange {
  address: IpAddress;
  prefix: number;
}

/** An address (IPv4-mapped read as IPv4; a zone id ignored), or undefined when it is none. */
export function parseAddress(text: string): IpAddress | undefined {
  const plain = text
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%[\w.-]+$/, '');
  if (isIPv4(plain)) return ipaddr.IPv4.parse(plain);
  if (!isIPv6(plain)) return undefined;
  const v6 = ipaddr.IPv6.parse(plain);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/**
 * "1.2.3.4", "10.0.0.0/8", "2001:db8::/32", "::ffff:10.0.0.0/104", and AFAS's form of an IPv4
 * address with a subnet mask: "10.0.0.0 255.0.0.0" or "10.0.0.0/255.0.0.0". Undefined when invalid.
 */
export function parseRange(text: string): IpRange | undefined {
  const trimmed = text.trim();
  const masked = /^(\d+\.\d+\.\d+\.\d+)(?:\s+|\/)(\d+\.\d+\.\d+\.\d+)$/.exec(trimmed);
  if (masked) {
    if (!isIPv4(masked[1]) || !isIPv4(masked[2])) return undefined;
    const prefix = ipaddr.IPv4.parse(masked[2]).prefixLengthFromSubnetMask();
    return prefix === null ? undefined : { address: ipaddr.IPv4.parse(masked[1]), prefix };
  }
  const [addressText, prefixText, extra] = trimmed.split('/');
  if (extra !== undefined || addressText.includes('%')) return undefined;
  const v4 = isIPv4(addressText);
  if (!v4 && !isIPv6(addressText)) return undefined;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const bits = v4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  if (v4) return { address: ipaddr.IPv4.parse(addressText), prefix };
  const v6 = ipaddr.IPv6.parse(addressText);
  if (v6.isIPv4MappedAddress() && prefix >= 96) return { address: v6.toIPv4Address(), prefix: prefix - 96 };
  return { address: v6, prefix };
}

/** The range as CIDR text (a subnet mask becomes a prefix length). */
export function rangeText(range: IpRange): string {
  const bits = range.address.kind() === 'ipv4' ? 32 : 128;
  return range.prefix === bits ? range.address.toString() : `${range.address.toString()}/${range.prefix}`;
}

/** Host bits of the range (10.1.2.3/8) are ignored, as firewalls do. */
export function inRange(range: IpRange, address: IpAddress): boolean {
  if (range.address.kind() !== address.kind()) return false;
  return address.match(range.address, range.prefix);
}

export function inAnyRange(ranges: IpRange[], address: IpAddress): boolean {
  return ranges.some((r) => inRange(r, address));
}

/** Parses a fixed list of CIDR ranges (module constants). */
export function ranges(list: string[]): IpRange[] {
  return list.map((text) => {
    const range = parseRange(text);
    if (!range) throw new Error(`not an IP range: ${text}`);
    return range;
  });
}
