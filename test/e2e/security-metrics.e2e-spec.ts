import type { AddressInfo } from 'node:net';
import { Metrics } from '../../apps/api/src/observability/metrics';
import { serveMetrics } from '../../apps/api/src/observability/metrics-server';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// Hole 4 of issue 13: /metrics was open to anyone on the public port.
const [sqlite] = databaseTargets();

describe('metrics are not public', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  test('without a token the public port does not serve them, even to a logged-in user', async () => {
    t = await startTestApp(sqlite);
    const res = await t.http().get('/metrics').expect(404);
    expect(res.body.message).toMatch(/INTEGRATOR_METRICS_PORT/);
    await t.http().get('/metrics').set(auth(t.token)).expect(404);
  });

  test('with INTEGRATOR_METRICS_TOKEN only that bearer token reads them', async () => {
    t = await startTestApp(sqlite, { metricsToken: 's3cret-token' });
    await t.http().get('/metrics').expect(401);
    await t.http().get('/metrics').set(auth('wrong')).expect(401);
    await t.http().get('/metrics').set(auth(t.token)).expect(401); // a session is not the metrics token
    const ok = await t.http().get('/metrics').set(auth('s3cret-token')).expect(200);
    expect(ok.text).toMatch(/integrator_queue_depth/);
  });

  test('the metrics port binds to loopback by default and serves only /metrics', async () => {
    t = await startTestApp(sqlite);
    const config = loadConfig({});
    expect(config.metricsHost).toBe('127.0.0.1');
    expect(config.metricsPort).toBe(9464);
    const server = await serveMetrics(t.app.get(Metrics).registry, 0, config.metricsHost!, (m) => {
      throw new Error(m);
    });
    try {
      const { address, port } = server.address() as AddressInfo;
      expect(address).toBe('127.0.0.1');
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/integrator_queue_depth/);
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(404);
    } finally {
      server.close();
    }
  });

  test('the token and host are read from the environment', () => {
    const c = loadConfig({ INTEGRATOR_METRICS_TOKEN: 'x', INTEGRATOR_METRICS_HOST: '0.0.0.0' });
    expect(c).toMatchObject({ metricsToken: 'x', metricsHost: '0.0.0.0' });
  });
});
