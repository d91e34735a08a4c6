import type { ModuleError } from '@integrator/sdk';
import { FakeClock } from '../../src';
import { createHttpClient, isBlockedAddress, type HostLookup } from '../../src/http';
import { json, startServer, type FakeServer } from './fake-server';

const clock = new FakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true });
let server: FakeServer;
const lookups: string[] = [];
// Simulated DNS: every *.test name points at the fake server's loopback address.
const lookup: HostLookup = async (hostname) => {
  lookups.push(hostname);
  if (hostname === 'mixed.test')
    return [
      { address: '93.184.216.34', family: 4 },
      { address: '10.1.2.3', family: 4 },
    ];
  return [{ address: '127.0.0.1', family: 4 }];
};

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.path === '/to-loopback')
      return void res.writeHead(302, { location: `http://127.0.0.1:${server.port}/inside` }).end();
    if (req.path === '/to-name')
      return void res.writeHead(307, { location: `http://internal.test:${server.port}/inside` }).end();
    json(res, 200, { path: req.path });
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  lookups.length = 0;
});

test.each([
  ['127.0.0.1', true],
  ['127.255.0.9', true],
  ['10.0.0.1', true],
  ['172.16.0.1', true],
  ['172.31.255.255', true],
  ['172.32.0.1', false],
  ['192.168.1.1', true],
  ['169.254.169.254', true],
  ['100.64.0.1', true],
  ['100.100.100.200', true],
  ['100.128.0.1', false],
  ['0.0.0.0', true],
  ['8.8.8.8', false],
  ['93.184.216.34', false],
  ['::1', true],
  ['::', true],
  ['fe80::1', true],
  ['fe80::1%eth0', true],
  ['fd00:ec2::254', true],
  ['fc00::1', true],
  ['::ffff:127.0.0.1', true],
  ['::ffff:7f00:1', true],
  ['::ffff:a00:1', true],
  ['::ffff:808:808', false],
  ['64:ff9b::a9fe:a9fe', true],
  ['2002:c0a8:101::1', true],
  ['2606:4700:4700::1111', false],
  ['2001:db8::ffff:127.0.0.1', false],
])('isBlockedAddress(%s) is %s', (address, blocked) => {
  expect(isBlockedAddress(address)).toBe(blocked);
});

describe('guard on', () => {
  const guarded = (extra: { allowPrivateHosts?: string[] } = {}) =>
    createHttpClient({ clock, blockPrivateNetworks: true, lookup, ...extra });

  test.each([
    ['an IPv4 loopback literal', (port: number) => `http://127.0.0.1:${port}/x`, '127.0.0.1'],
    ['an IPv6 loopback literal', (port: number) => `http://[::1]:${port}/x`, '::1'],
    [
      'an IPv4-mapped loopback literal',
      (port: number) => `http://[::ffff:127.0.0.1]:${port}/x`,
      '::ffff:7f00:1',
    ],
    ['localhost', (port: number) => `http://localhost:${port}/x`, 'localhost'],
    [
      'a metadata host name',
      () => 'http://metadata.google.internal/computeMetadata/v1/',
      'metadata.google.internal',
    ],
  ])('refuses %s as a user error naming the host', async (_label, url, host) => {
    const err = (await guarded()
      .request({ url: url(server.port) })
      .catch((e: unknown) => e)) as ModuleError;
    expect(err).toMatchObject({ kind: 'user', type: 'InvalidConfigurationError' });
    expect(err.message).toContain(`${host} is a private, loopback or link-local address`);
    expect(server.requests).toHaveLength(0);
  });

  test('refuses a host name that resolves to loopback, checked in the connect-time lookup', async () => {
    const err = (await guarded()
      .request({ url: `http://app.test:${server.port}/x` })
      .catch((e: unknown) => e)) as ModuleError;
    expect(err).toMatchObject({
      kind: 'user',
      message:
        'app.test resolves to 127.0.0.1, a private, loopback or link-local address, which this installation does not allow',
    });
    expect(lookups).toEqual(['app.test']);
    expect(server.requests).toHaveLength(0);
  });

  test('refuses a name when any of its addresses is private', async () => {
    await expect(guarded().request({ url: 'http://mixed.test/x' })).rejects.toThrow(
      'mixed.test resolves to 10.1.2.3',
    );
  });

  test('checks every redirect hop: a trusted host redirecting to loopback is refused', async () => {
    const client = guarded({ allowPrivateHosts: ['public.test'] });
    await expect(client.request({ url: `http://public.test:${server.port}/x` })).resolves.toMatchObject({
      body: { path: '/x' },
    });

    server.requests.length = 0;
    await expect(client.request({ url: `http://public.test:${server.port}/to-loopback` })).rejects.toThrow(
      '127.0.0.1 is a private',
    );
    await expect(client.request({ url: `http://public.test:${server.port}/to-name` })).rejects.toThrow(
      'internal.test resolves to 127.0.0.1',
    );
    expect(server.requests.map((r) => r.path)).toEqual(['/to-loopback', '/to-name']);
  });
});

describe('guard off (self-hosting default)', () => {
  test('loopback literals and names resolving to loopback are allowed', async () => {
    const client = createHttpClient({ clock, lookup });
    await expect(client.request({ url: `${server.url}/a` })).resolves.toMatchObject({ status: 200 });
    await expect(client.request({ url: `http://app.test:${server.port}/b` })).resolves.toMatchObject({
      body: { path: '/b' },
    });
    expect(server.requests.map((r) => r.path)).toEqual(['/a', '/b']);
  });
});
