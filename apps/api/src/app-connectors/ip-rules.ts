import { isIPv4, isIPv6 } from 'node:net';

// Framework-free: parsing and matching of app-connector IP rules (IPv4, IPv6, CIDR ranges).
// Every address lives in the IPv6 space, IPv4 as its v4-mapped form (::ffff:a.b.c.d), so an
// IPv4 rule matches a client seen as ::ffff:1.2.3.4 and the other way round.

export type IpMode = 'off' | 'allow' | 'deny';

export interface IpPolicy {
  mode: IpMode;
  rules: string[];
}

export interface IpRange {
  network: bigint;
  /** Prefix length in the 128-bit space. */
  prefix: number;
}

export interface IpRuleProblem {
  path: string;
  message: string;
}

const MAPPED = 0xffffn << 32n;
const ALL = (1n << 128n) - 1n;
export const MAX_IP_RULES = 200;

function v4Value(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6Value(text: string): bigint {
  let body = text;
  const lastColon = body.lastIndexOf(':');
  const tail = body.slice(lastColon + 1);
  if (tail.includes('.')) {
    // Embedded IPv4 (::ffff:1.2.3.4): rewrite as two hex groups.
    const v4 = v4Value(tail);
    body = `${body.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [left, right] = body.includes('::') ? body.split('::') : [body, undefined];
  const head = left ? left.split(':') : [];
  const rest = right ? right.split(':') : [];
  const groups =
    right === undefined
      ? head
      : [...head, ...Array<string>(8 - head.length - rest.length).fill('0'), ...rest];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** An address as a 128-bit number (IPv4 mapped), or undefined when it is not an address. */
export function addressValue(text: string): bigint | undefined {
  const plain = text.trim().replace(/%[\w.-]+$/, ''); // a zone id (fe80::1%eth0) does not change the address
  if (isIPv4(plain)) return MAPPED | v4Value(plain);
  if (isIPv6(plain)) return v6Value(plain);
  return undefined;
}

/** "1.2.3.4", "10.0.0.0/8", "2001:db8::/32", "::ffff:10.0.0.0/104"; undefined when invalid. */
export function parseIpRange(text: string): IpRange | undefined {
  const [address, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined || address.includes('%')) return undefined;
  const v4 = isIPv4(address);
  if (!v4 && !isIPv6(address)) return undefined;
  const bits = v4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const own = prefixText === undefined ? bits : Number(prefixText);
  if (own > bits) return undefined;
  const prefix = v4 ? own + 96 : own;
  const mask = prefix === 0 ? 0n : (ALL << BigInt(128 - prefix)) & ALL;
  // Host bits in a range (10.1.2.3/8) are ignored, as most firewalls do.
  return { network: addressValue(address)! & mask, prefix };
}

export function inRange(range: IpRange, address: bigint): boolean {
  const shift = BigInt(128 - range.prefix);
  return address >> shift === range.network >> shift;
}

/** Whether a client address may use the connector; an unreadable address is refused (fail closed). */
export function ipAllowed(policy: IpPolicy, clientAddress: string): boolean {
  if (policy.mode === 'off') return true;
  const address = addressValue(clientAddress);
  if (address === undefined) return false;
  const hit = policy.rules.some((rule) => {
    const range = parseIpRange(rule);
    return range !== undefined && inRange(range, address);
  });
  return policy.mode === 'allow' ? hit : !hit;
}

/**
 * Reads the API shape `{ allow: [...] }` or `{ deny: [...] }` (null or {} = no restriction).
 * Allow and deny together are refused: AFAS, like us, keeps one list per connector.
 */
export function readIpRules(
  value: unknown,
  path = 'ipRules',
): { policy: IpPolicy; problems: IpRuleProblem[] } {
  const off: IpPolicy = { mode: 'off', rules: [] };
  if (value === null || value === undefined) return { policy: off, problems: [] };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return {
      policy: off,
      problems: [{ path, message: 'must be { allow: [addresses] } or { deny: [addresses] }' }],
    };
  }
  const record = value as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((k) => k !== 'allow' && k !== 'deny');
  if (unknownKeys.length)
    return {
      policy: off,
      problems: unknownKeys.map((k) => ({
        path: `${path}.${k}`,
        message: 'is not allowed (use allow or deny)',
      })),
    };
  if ('allow' in record && 'deny' in record) {
    return {
      policy: off,
      problems: [{ path, message: 'use either an allow-list or a deny-list, not both' }],
    };
  }
  const mode: IpMode = 'allow' in record ? 'allow' : 'deny' in record ? 'deny' : 'off';
  if (mode === 'off') return { policy: off, problems: [] };
  const list = record[mode];
  const listPath = `${path}.${mode}`;
  if (!Array.isArray(list))
    return {
      policy: off,
      problems: [{ path: listPath, message: 'must be a list of addresses or CIDR ranges' }],
    };
  if (list.length === 0)
    return {
      policy: off,
      problems: [
        { path: listPath, message: 'must hold at least one address (send ipRules: null for no restriction)' },
      ],
    };
  if (list.length > MAX_IP_RULES)
    return {
      policy: off,
      problems: [{ path: listPath, message: `may hold at most ${MAX_IP_RULES} entries` }],
    };
  const problems: IpRuleProblem[] = [];
  const rules = list.map((entry, i) => {
    if (typeof entry !== 'string' || !parseIpRange(entry))
      problems.push({ path: `${listPath}[${i}]`, message: 'not an IPv4/IPv6 address or CIDR range' });
    return typeof entry === 'string' ? entry.trim() : '';
  });
  return { policy: { mode, rules }, problems };
}

/** The API shape of a stored policy. */
export function ipRulesView(policy: IpPolicy): { allow: string[] } | { deny: string[] } | null {
  if (policy.mode === 'allow') return { allow: policy.rules };
  if (policy.mode === 'deny') return { deny: policy.rules };
  return null;
}
