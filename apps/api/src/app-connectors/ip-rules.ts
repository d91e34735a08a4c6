import { inRange, parseAddress, parseRange, rangeText } from '@integrator/engine';

// Framework-free: app-connector IP rules (IPv4, IPv6, CIDR ranges, or an IPv4 address with a
// subnet mask as AFAS writes them), parsed and matched by the engine's one IP module.

export type IpMode = 'off' | 'allow' | 'deny';

export interface IpPolicy {
  mode: IpMode;
  rules: string[];
}

export interface IpRuleProblem {
  path: string;
  message: string;
}

export const MAX_IP_RULES = 200;

/** Whether a client address may use the connector; an unreadable address is refused (fail closed). */
export function ipAllowed(policy: IpPolicy, clientAddress: string): boolean {
  if (policy.mode === 'off') return true;
  const address = parseAddress(clientAddress);
  if (address === undefined) return false;
  const hit = policy.rules.some((rule) => {
    const range = parseRange(rule);
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
    const range = typeof entry === 'string' ? parseRange(entry) : undefined;
    if (!range)
      problems.push({
        path: `${listPath}[${i}]`,
        message: 'not an IPv4/IPv6 address, CIDR range, or IPv4 address with a subnet mask',
      });
    // Stored as CIDR whichever form was sent (a mask becomes a prefix length).
    return range ? rangeText(range) : '';
  });
  return { policy: { mode, rules }, problems };
}

/** The API shape of a stored policy. */
export function ipRulesView(policy: IpPolicy): { allow: string[] } | { deny: string[] } | null {
  if (policy.mode === 'allow') return { allow: policy.rules };
  if (policy.mode === 'deny') return { deny: policy.rules };
  return null;
}
