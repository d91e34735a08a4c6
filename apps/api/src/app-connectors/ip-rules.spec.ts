import { parseRange as parseIpRange } from '@integrator/engine';
import { ipAllowed, ipRulesView, readIpRules } from './ip-rules';

describe('IP rules', () => {
  test('reads addresses and CIDR ranges of both families', () => {
    for (const ok of [
      '1.2.3.4',
      '10.0.0.0/8',
      '0.0.0.0/0',
      '192.168.1.7/32',
      '2001:db8::1',
      '2001:db8::/32',
      '::/0',
      '::1',
      '::ffff:10.0.0.0/104',
      ' 172.16.0.0/12 ',
      '10.0.0.0 255.0.0.0',
      '192.168.1.0/255.255.255.0',
    ]) {
      expect({ ok, parsed: parseIpRange(ok) !== undefined }).toEqual({ ok, parsed: true });
    }
    for (const bad of [
      '',
      'localhost',
      '1.2.3',
      '1.2.3.4/33',
      '10.0.0.0/-1',
      '10.0.0.0/',
      '10.0.0.0/8/8',
      '2001:db8::/129',
      '2001:db8:::1',
      'fe80::1%eth0',
      '256.1.1.1',
      '1.2.3.4/ 8',
      '1.2.3.4/0x8',
      '10.0.0.0 255.0.255.0',
      '10.0.0.0 255.0.0',
      '2001:db8:: ffff::',
    ]) {
      expect({ bad, parsed: parseIpRange(bad) }).toEqual({ bad, parsed: undefined });
    }
  });

  test('an allow-list admits only addresses in its ranges', () => {
    const policy = { mode: 'allow' as const, rules: ['10.0.0.0/8', '192.168.1.7', '2001:db8:abcd::/48'] };
    expect(ipAllowed(policy, '10.255.3.4')).toBe(true);
    expect(ipAllowed(policy, '11.0.0.1')).toBe(false);
    expect(ipAllowed(policy, '192.168.1.7')).toBe(true);
    expect(ipAllowed(policy, '192.168.1.8')).toBe(false);
    expect(ipAllowed(policy, '2001:db8:abcd:12::5')).toBe(true);
    expect(ipAllowed(policy, '2001:db8:abce::5')).toBe(false);
    expect(ipAllowed(policy, 'not an address')).toBe(false);
  });

  test('a deny-list refuses its ranges and admits the rest', () => {
    const policy = { mode: 'deny' as const, rules: ['203.0.113.0/24', '2001:db8::/32'] };
    expect(ipAllowed(policy, '203.0.113.99')).toBe(false);
    expect(ipAllowed(policy, '198.51.100.1')).toBe(true);
    expect(ipAllowed(policy, '2001:db8:1::1')).toBe(false);
    expect(ipAllowed(policy, '2001:db9::1')).toBe(true);
  });

  test('IPv4-mapped IPv6 addresses match IPv4 rules and the other way round', () => {
    expect(ipAllowed({ mode: 'allow', rules: ['192.168.0.0/16'] }, '::ffff:192.168.4.5')).toBe(true);
    expect(ipAllowed({ mode: 'allow', rules: ['192.168.0.0/16'] }, '::ffff:c0a8:0405')).toBe(true);
    expect(ipAllowed({ mode: 'deny', rules: ['::ffff:10.0.0.0/104'] }, '10.9.8.7')).toBe(false);
    expect(ipAllowed({ mode: 'allow', rules: ['1.2.3.4'] }, '::ffff:1.2.3.4')).toBe(true);
  });

  test("AFAS's address-and-subnet-mask form is accepted and stored as CIDR", () => {
    const { policy, problems } = readIpRules({
      allow: ['10.0.0.0 255.0.0.0', '192.168.1.0/255.255.255.0', ' 1.2.3.4 '],
    });
    expect(problems).toEqual([]);
    expect(policy.rules).toEqual(['10.0.0.0/8', '192.168.1.0/24', '1.2.3.4']);
    expect(ipAllowed(policy, '10.20.30.40')).toBe(true);
    expect(ipAllowed(policy, '192.168.2.1')).toBe(false);
    expect(readIpRules({ allow: ['10.0.0.0 255.0.255.0'] }).problems).toEqual([
      { path: 'ipRules.allow[0]', message: expect.stringContaining('subnet mask') },
    ]);
  });

  test('host bits in a range are ignored; a zone id on the client address is ignored', () => {
    expect(ipAllowed({ mode: 'allow', rules: ['10.1.2.3/8'] }, '10.200.0.1')).toBe(true);
    expect(ipAllowed({ mode: 'allow', rules: ['fe80::/10'] }, 'fe80::1%eth0')).toBe(true);
  });

  test('no restriction admits everybody', () => {
    expect(ipAllowed({ mode: 'off', rules: [] }, 'garbage')).toBe(true);
  });

  test('the API shape: one list, each bad entry named', () => {
    expect(readIpRules(null)).toEqual({ policy: { mode: 'off', rules: [] }, problems: [] });
    expect(readIpRules({})).toEqual({ policy: { mode: 'off', rules: [] }, problems: [] });
    expect(readIpRules({ deny: [' 10.0.0.0/8'] }).policy).toEqual({ mode: 'deny', rules: ['10.0.0.0/8'] });
    expect(readIpRules({ allow: ['1.2.3.4', '::1', 'nope', 7] }).problems).toEqual([
      {
        path: 'ipRules.allow[2]',
        message: 'not an IPv4/IPv6 address, CIDR range, or IPv4 address with a subnet mask',
      },
      {
        path: 'ipRules.allow[3]',
        message: 'not an IPv4/IPv6 address, CIDR range, or IPv4 address with a subnet mask',
      },
    ]);
    expect(readIpRules({ allow: ['1.2.3.4'], deny: ['5.6.7.8'] }).problems).toEqual([
      { path: 'ipRules', message: 'use either an allow-list or a deny-list, not both' },
    ]);
    expect(readIpRules({ allow: [] }).problems[0].path).toBe('ipRules.allow');
    expect(readIpRules({ allow: '1.2.3.4' }).problems[0].path).toBe('ipRules.allow');
    expect(readIpRules({ block: [] }).problems[0].path).toBe('ipRules.block');
    expect(readIpRules(['1.2.3.4']).problems[0].path).toBe('ipRules');
    expect(readIpRules({ allow: Array(201).fill('1.2.3.4') }).problems[0].message).toMatch(/at most 200/);
  });

  test('the view gives back the list under its mode', () => {
    expect(ipRulesView({ mode: 'allow', rules: ['1.2.3.4'] })).toEqual({ allow: ['1.2.3.4'] });
    expect(ipRulesView({ mode: 'deny', rules: ['::1'] })).toEqual({ deny: ['::1'] });
    expect(ipRulesView({ mode: 'off', rules: [] })).toBeNull();
  });
});
