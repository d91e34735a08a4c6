import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { databaseTargets } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';

// Hole 6 of issue 13: the compose file trusted X-Forwarded-For from anyone while the API ports
// were published directly, so a client could pick its own address past IP rules and login limits.
const [sqlite] = databaseTargets();

describe('trusting a proxy', () => {
  test('INTEGRATOR_TRUST_PROXY: true, false, or a list of addresses and CIDR ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ INTEGRATOR_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ INTEGRATOR_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ INTEGRATOR_TRUST_PROXY: '172.28.0.10, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      '172.28.0.10',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(() => loadConfig({ INTEGRATOR_TRUST_PROXY: '172.28.0.10,proxy.local' })).toThrow(
      /INTEGRATOR_TRUST_PROXY: "proxy.local" is not an address or CIDR range/,
    );
    expect(() => loadConfig({ INTEGRATOR_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/not an address or CIDR/);
  });

  const loginLimits = { perAccountAndAddress: 100, perAccount: 100, perAddress: 3 };
  async function failFrom(t: TestApp, forwarded: string) {
    return (
      await t
        .http()
        .post('/api/auth/login')
        .set('x-forwarded-for', forwarded)
        .send({ email: 'nobody@example.com', password: 'x' })
    ).status;
  }

  test('X-Forwarded-For from an address not in the list is ignored: the limit counts the real address', async () => {
    const t = await startTestApp(sqlite, { trustProxy: ['172.28.0.10'], loginLimits });
    try {
      const statuses = [];
      for (const ip of ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4']) statuses.push(await failFrom(t, ip));
      expect(statuses).toEqual([401, 401, 401, 429]); // all four came from 127.0.0.1
    } finally {
      await t.close();
    }
  });

  test('from the trusted proxy the forwarded address counts', async () => {
    const t = await startTestApp(sqlite, { trustProxy: ['127.0.0.0/8'], loginLimits });
    try {
      const statuses = [];
      for (const ip of ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4']) statuses.push(await failFrom(t, ip));
      expect(statuses).toEqual([401, 401, 401, 401]);
    } finally {
      await t.close();
    }
  });

  test('the compose file publishes only the proxy and trusts only its address', async () => {
    const yaml = await import('js-yaml');
    const dir = join(__dirname, '..', '..', 'docker');
    // With merge keys (<<), as Compose reads them: api-1 adds its build to the shared API service.
    const compose = yaml.load(readFileSync(join(dir, 'compose.yaml'), 'utf8'), {
      schema: yaml.CORE_SCHEMA.withTags(yaml.mergeTag),
    }) as {
      services: Record<
        string,
        { ports?: string[]; environment?: Record<string, string>; networks?: unknown }
      >;
    };
    const published = Object.entries(compose.services)
      .filter(([, s]) => s.ports?.length)
      .map(([name]) => name);
    expect(published).toEqual(['proxy']);
    const proxyAddress = (compose.services.proxy.networks as { edge: { ipv4_address: string } }).edge
      .ipv4_address;
    for (const name of ['api-1', 'api-2']) {
      const trust = compose.services[name].environment?.INTEGRATOR_TRUST_PROXY;
      expect([name, trust]).toEqual([name, proxyAddress]);
    }
    const caddyfile = readFileSync(join(dir, 'Caddyfile'), 'utf8');
    expect(caddyfile).toMatch(/reverse_proxy api-1:3000 api-2:3000/);
    expect(caddyfile).toMatch(/respond \/metrics 404/);
  });
});
