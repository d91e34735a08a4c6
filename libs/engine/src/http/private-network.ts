import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { inAnyRange, parseAddress, ranges } from '../net/ip';
import type { HostLookup, ResolvedAddress } from './types';

// The private-network guard (hosted installations): a module must not reach the machine it runs
// on, the internal network or the cloud metadata service. The check runs inside the socket's own
// lookup, so the address checked is the address connected to (no DNS-rebinding window).

export class PrivateNetworkError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      address === host
        ? `${host} is a private, loopback or link-local address, which this installation does not allow`
        : `${host} resolves to ${address}, a private, loopback or link-local address, which this installation does not allow`,
    );
    this.name = 'PrivateNetworkError';
  }
}

const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);

const BLOCKED_V4 = ranges([
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '224.0.0.0/4',
  '240.0.0.0/4',
]);

const BLOCKED_V6 = ranges(['::/128', '::1/128', 'fe80::/10', 'fc00::/7', 'ff00::/8']);

/** True for loopback, private, link-local, CGNAT, multicast, reserved and unspecified addresses. */
export function isBlockedAddress(address: string): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  if (parsed.kind() === 'ipv4') return inAnyRange(BLOCKED_V4, parsed);
  const embedded = embeddedV4(parsed.toByteArray());
  if (embedded) return inAnyRange(BLOCKED_V4, ipaddr.fromByteArray(embedded));
  return inAnyRange(BLOCKED_V6, parsed);
}

/** Host names refused without resolving them. */
export function isBlockedHostName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return METADATA_HOSTS.has(host) || host === 'localhost' || host.endsWith('.localhost');
}

export interface GuardSettings {
  /** Lower-case host names or IP literals let through. */
  allow: ReadonlySet<string>;
}

export function guardSettings(allow: string[] = []): GuardSettings {
  return { allow: new Set(allow.map((h) => bareHost(h).toLowerCase())) };
}

function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '');
}

/** Refuses a URL host before connecting: IP literals never reach a lookup, names may be known bad. */
export function checkHost(hostname: string, guard: GuardSettings): void {
  const bare = bareHost(hostname);
  if (guard.allow.has(bare.toLowerCase())) return;
  if (isBlockedHostName(bare) || (isIP(bare) && isBlockedAddress(bare)))
    throw new PrivateNetworkError(bare, bare);
}

export const systemLookup: HostLookup = async (hostname) => {
  const found = await dns.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A net.connect lookup: resolves with `resolve`, refuses blocked addresses when guarded. */
export function connectLookup(resolve: HostLookup, guard: GuardSettings | undefined) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname)
      .then((found) => {
        if (guard && !guard.allow.has(hostname.toLowerCase())) {
          if (isBlockedHostName(hostname)) throw new PrivateNetworkError(hostname, hostname);
          const bad = found.find((a) => isBlockedAddress(a.address));
          if (bad) throw new PrivateNetworkError(hostname, bad.address);
        }
        const wanted =
          options.family === 4 || options.family === 6
            ? found.filter((a) => a.family === options.family)
            : found;
        if (!wanted.length)
          throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
            code: 'ENOTFOUND',
            hostname,
          });
        if (options.all) callback(null, wanted.map(toLookupAddress));
        else callback(null, wanted[0].address, wanted[0].family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, ''));
  };
}

function toLookupAddress(a: ResolvedAddress): LookupAddress {
  return { address: a.address, family: a.family };
}

/** IPv4 hidden in IPv6 (mapped is read as IPv4 already): compatible (::a.b.c.d), NAT64 and 6to4. */
function embeddedV4(b: number[]): number[] | undefined {
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 12) && !zeros(12, 15)) return b.slice(12);
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12)) return b.slice(12);
  if (b[0] === 0x20 && b[1] === 0x02) return b.slice(2, 6);
  return undefined;
}
