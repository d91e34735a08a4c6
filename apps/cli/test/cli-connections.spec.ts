import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeAfas, type FakeAfas } from '../../../libs/apps/afas/test/fake-afas';

// The CLI resolves connections as the server does: an AFAS OAuth 2.0 connection fetches its
// access token (client credentials) before the first call. Spawned asynchronously so the fake
// server in this process can answer.
const root = join(__dirname, '..', '..', '..');

function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'integrator.js'), ...args], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('npx integrator run with an AFAS OAuth 2.0 connection', () => {
  let fake: FakeAfas;
  beforeAll(async () => {
    fake = await startFakeAfas();
  });
  afterAll(() => fake.close());

  test('obtains the access token at {base}/oauth/token and sends it as a Bearer token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-afas-'));
    const scenario = join(dir, 'scenario.json');
    const connections = join(dir, 'connections.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        name: 'AFAS metainfo',
        flow: [
          { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: {} },
          {
            id: 2,
            module: 'afas:metainfo',
            version: 1,
            parameters: { connection: 'afas' },
            mapper: { type: 'connectors' },
          },
        ],
        metadata: { integrator: { format: 1 } },
      }),
    );
    const clientSecret = 'client-secret-value';
    writeFileSync(
      connections,
      JSON.stringify({
        afas: {
          type: 'afasOAuth2',
          credentials: {
            environmentNumber: '12345',
            clientId: 'integrator-client',
            clientSecret,
            baseUrl: fake.url,
          },
        },
      }),
    );
    const input = join(dir, 'input.json');
    writeFileSync(input, '{}');
    const r = await cli('run', scenario, '--input', input, '--connections', connections);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/ProfitRestServices/oauth/token' });
    const call = fake.requests.at(-1)!;
    expect(call.path).toBe('/ProfitRestServices/metainfo');
    expect(call.headers.authorization).toMatch(/^Bearer \S+$/);
    expect(r.out).not.toContain(clientSecret);
    const result = JSON.parse(r.out);
    expect(result.status).toBe('success');
    expect(result.modules[1].operations).toBe(1);
  });
});
