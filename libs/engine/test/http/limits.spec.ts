import type { ModuleError } from '@integrator/sdk';
import { FakeClock } from '../../src';
import { createHttpClient } from '../../src/http';
import { startServer, type FakeServer } from './fake-server';

let server: FakeServer;
let streamed = 0;
const clock = new FakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true });

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.path === '/declared')
      return void res
        .writeHead(200, { 'content-type': 'text/plain', 'content-length': '2048' })
        .end('x'.repeat(2048));
    if (req.path === '/hang') return; // never answers
    if (req.path === '/stream') {
      // Chunked, no length: the client must count and stop reading.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (streamed < 64 * 1024 * 1024) {
          streamed += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      return pump();
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('small');
  });
});
afterAll(() => server.close());

test('a response over the size limit (declared length) is a clear user error', async () => {
  const client = createHttpClient({ clock, maxResponseBytes: 1024 });
  const err = (await client
    .request({ url: `${server.url}/declared` })
    .catch((e: unknown) => e)) as ModuleError;
  expect(err).toMatchObject({
    kind: 'user',
    type: 'MaxFileSizeExceededError',
    message: 'the response is larger than the limit of 1 KB',
  });
  await expect(client.request({ url: `${server.url}/small` })).resolves.toMatchObject({ body: 'small' });
});

test('a streamed response is cut off once it passes the limit', async () => {
  const client = createHttpClient({ clock, maxResponseBytes: 4096 });
  await expect(client.request({ url: `${server.url}/stream` })).rejects.toMatchObject({
    type: 'MaxFileSizeExceededError',
  });
  expect(streamed).toBeLessThan(64 * 1024 * 1024);
  expect(server.requests.filter((r) => r.path === '/stream')).toHaveLength(1);
});

test('no answer within the timeout is a transient ModuleTimeoutError', async () => {
  const client = createHttpClient({ clock, timeoutMs: 30, retry: false });
  const err = (await client.request({ url: `${server.url}/hang` }).catch((e: unknown) => e)) as ModuleError;
  expect(err).toMatchObject({ kind: 'transient', type: 'ModuleTimeoutError' });
  expect(err.message).toBe(`no response from 127.0.0.1:${server.port} within 0.03 s`);
});

test('a timed-out GET is retried; a request timeout overrides the client one', async () => {
  // Marked so that a request of an earlier test, recorded late on a busy machine, is not counted.
  // The timeout is long enough for each attempt to reach the server on a loaded CI machine (at
  // 20 ms an attempt could time out before it was even connected, and never be recorded).
  const client = createHttpClient({ clock, timeoutMs: 60_000 });
  await expect(
    client.request({ url: `${server.url}/hang?test=retried`, timeoutMs: 400, retry: { retries: 1 } }),
  ).rejects.toMatchObject({ type: 'ModuleTimeoutError' });
  const mine = () => server.requests.filter((r) => r.path === '/hang' && r.query.get('test') === 'retried');
  for (let waited = 0; mine().length < 2 && waited < 2000; waited += 20)
    await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 50)); // a retry arriving late would be a third
  expect(mine()).toHaveLength(2);
});

test('an aborted run cancels the request without retrying', async () => {
  const controller = new AbortController();
  const client = createHttpClient({ clock, signal: controller.signal });
  const pending = client.request({ url: `${server.url}/hang` });
  controller.abort();
  await expect(pending).rejects.toMatchObject({
    kind: 'transient',
    message: expect.stringContaining('cancelled'),
  });
});
