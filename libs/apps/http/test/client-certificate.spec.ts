import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { createHttpClient, FakeClock } from '@integrator/engine';
import { ModuleError, type ResolvedConnection } from '@integrator/sdk';
import { clientCertificateConnection } from '../src';
import { runHttp, START } from './run-http';

// Mutual TLS against a local HTTPS server that demands a client certificate signed by the
// test CA (fixtures/tls: test-only material).

const pem = (name: string) => readFileSync(join(__dirname, 'fixtures/tls', name), 'utf8');
const CA = pem('ca.pem');
const CLIENT = { cert: pem('client.pem'), key: pem('client.key'), passphrase: 'test-passphrase', ca: CA };

let server: Server;
let url: string;
const seen: Array<{ cn: unknown; authorized: boolean }> = [];

beforeAll(async () => {
  server = createServer(
    { key: pem('server.key'), cert: pem('server.pem'), ca: CA, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      const cn = socket.getPeerCertificate().subject?.CN;
      seen.push({ cn, authorized: socket.authorized });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ cn }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/me`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const connection = (credentials: Record<string, unknown>): ResolvedConnection => ({
  id: `cert-${seen.length}-${Math.random()}`,
  type: 'clientCertificate',
  credentials,
});

test('a request with a client-certificate connection presents the certificate', async () => {
  const { output, error } = await runHttp({ mapper: { url }, connection: connection(CLIENT) });
  expect(error).toBeUndefined();
  expect(output?.data).toEqual({ cn: 'integrator-client' });
  expect(seen.at(-1)).toEqual({ cn: 'integrator-client', authorized: true });
});

test('a certificate the server does not trust is refused in the handshake; no request arrives', async () => {
  const before = seen.length;
  const { error } = await runHttp({
    mapper: { url, retries: 0 },
    connection: connection({ cert: pem('rogue.pem'), key: pem('rogue.key'), ca: CA }),
  });
  expect(error?.message).toMatch(/127\.0\.0\.1/);
  expect(seen.length).toBe(before);
});

test("without the connection's CA the server's self-signed certificate is not trusted", async () => {
  const { error } = await runHttp({
    mapper: { url, retries: 0 },
    connection: connection({ ...CLIENT, ca: '' }),
  });
  expect(error?.message).toMatch(/self-signed certificate/);
});

test('a missing key is a user error naming the field, before anything is sent', async () => {
  const { error } = await runHttp({ mapper: { url }, connection: connection({ cert: CLIENT.cert }) });
  expect(error?.message).toMatch(/the connection has no key/);
});

test('verify: checks that the key opens with the passphrase and belongs to the certificate', async () => {
  const http = createHttpClient({ clock: new FakeClock(START) });
  const verify = (credentials: Record<string, unknown>) =>
    clientCertificateConnection.verify!({ credentials: credentials as never, http });
  await expect(verify(CLIENT)).resolves.toBeUndefined();
  await expect(verify({ ...CLIENT, passphrase: 'wrong' })).rejects.toThrow(
    /the passphrase is wrong or missing/,
  );
  await expect(verify({ ...CLIENT, key: pem('server.key'), passphrase: '' })).rejects.toThrow(
    /does not belong to the certificate/,
  );
  const err = await verify({ ...CLIENT, passphrase: 'wrong' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ModuleError);
  expect((err as Error).message).not.toContain('PRIVATE KEY');
});
