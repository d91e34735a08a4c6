import { defineConnectionType, field, type Logger, type ModuleError } from '@integrator/sdk';
import { FakeClock } from '../../src';
import { createHttpClient, redact, type HttpLogEntry } from '../../src/http';
import { json, startServer, type FakeServer } from './fake-server';

const SECRET = 's3cr3t/Key+with=chars';
const PASSWORD = 'pw-7781-zz';
const keyType = defineConnectionType({
  key: 'planted',
  label: 'Planted',
  fields: {
    key: field.text({ required: true, secret: true }),
    password: field.text({ secret: true }),
    user: field.text(),
  },
  authenticate: (c, target) => {
    target.headers['X-Api-Key'] = c.key;
    target.query.api_key = c.key;
  },
});
const connection = { id: 1, type: 'planted', credentials: { key: SECRET, password: PASSWORD, user: 'ann' } };

let server: FakeServer;
const entries: HttpLogEntry[] = [];
const logged: unknown[] = [];
const logger: Logger = {
  debug: (m, d) => logged.push([m, d]),
  info: (m, d) => logged.push([m, d]),
  warn: (m, d) => logged.push([m, d]),
  error: (m, d) => logged.push([m, d]),
};

beforeAll(async () => {
  server = await startServer((req, res) => {
    const echoed = {
      headers: req.headers,
      query: Object.fromEntries(req.query),
      note: `your key is ${req.query.get('api_key')}`,
      password: PASSWORD,
    };
    if (req.path === '/echo')
      return json(res, 200, echoed, { 'x-echo': String(req.headers['x-api-key'] ?? '') });
    if (req.path === '/reject')
      return json(res, 400, { message: `key ${req.headers['x-api-key']} is not valid for ${PASSWORD}` });
    if (req.path === '/crash')
      return void res.writeHead(500, { 'content-type': 'text/plain' }).end(`stack: key=${SECRET}`);
    if (req.path === '/binary')
      return void res
        .writeHead(200, { 'content-type': 'application/octet-stream' })
        .end(Buffer.from(`\x00\x01${SECRET}\x02`));
    json(res, 200, {});
  });
});
afterAll(() => server.close());

const client = () =>
  createHttpClient({
    connection,
    connectionType: keyType,
    logger,
    onRequest: (e) => entries.push(e),
    clock: new FakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true }),
    retry: { retries: 1 },
  });

function text(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
  );
}

function expectClean(value: unknown): void {
  const t = text(value);
  for (const form of [
    SECRET,
    encodeURIComponent(SECRET),
    new URLSearchParams({ s: SECRET }).toString().slice(2),
    PASSWORD,
  ]) {
    expect(t).not.toContain(form);
  }
}

test('the secret goes out on the wire but appears in no result, log entry or log line', async () => {
  const res = await client().request({ url: `${server.url}/echo` });
  const wire = server.requests[server.requests.length - 1];
  expect(wire.headers['x-api-key']).toBe(SECRET);
  expect(wire.query.get('api_key')).toBe(SECRET);

  expectClean(res);
  expect(res.url).toBe(`${server.url}/echo?api_key=***`);
  expect(res.headers['x-echo']).toBe('***');
  expect((res.body as { note: string }).note).toBe('your key is ***');
  expectClean(entries);
  expect(entries[entries.length - 1].requestHeaders['x-api-key']).toBe('***');
  expectClean(logged);
});

test('binary responses are redacted too', async () => {
  const res = await client().request({ url: `${server.url}/binary` });
  expectClean(res);
  expect(Buffer.from(res.body as Uint8Array).toString('latin1')).toBe('\x00\x01***\x02');
});

test('errors built from echoing bodies carry no secret, in the message or the details', async () => {
  const rejected = (await client()
    .request({ url: `${server.url}/reject` })
    .catch((e: unknown) => e)) as ModuleError;
  expect(rejected.message).toBe(
    `400 Bad Request from GET ${server.url}/reject: key *** is not valid for ***`,
  );
  expectClean([rejected.message, rejected.details]);

  const crashed = (await client()
    .request({ url: `${server.url}/crash` })
    .catch((e: unknown) => e)) as ModuleError;
  expect(crashed).toMatchObject({ kind: 'transient', status: 500 });
  expectClean([crashed.message, crashed.details]);
  expectClean(entries);
  expectClean(logged);
});

test('network errors and their log entries carry no secret', async () => {
  const gone = await startServer(() => undefined);
  await gone.close();
  const err = (await client()
    .request({ url: `${gone.url}/x` })
    .catch((e: unknown) => e)) as ModuleError;
  expect(err.kind).toBe('transient');
  expectClean([err.message, err.details, entries, logged]);
});

test('requests with auth: false send no credentials and still redact them', async () => {
  const res = await client().request({ url: `${server.url}/echo`, auth: false });
  const wire = server.requests[server.requests.length - 1];
  expect(wire.headers['x-api-key']).toBeUndefined();
  expect((res.body as { password: string }).password).toBe('***');
});

test('redact masks every occurrence', () => {
  expect(redact('a-xy-b-xy', ['xy'])).toBe('a-***-b-***');
  expect(redact('nothing here', [])).toBe('nothing here');
});
