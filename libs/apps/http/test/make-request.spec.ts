import { FakeClock } from '@integrator/engine';
import { json, parseMultipart, startServer, type FakeServer } from '../../../engine/test/http/fake-server';
import { runHttp, START } from './run-http';

let server: FakeServer;
let flaky = 0;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.path === '/missing') return json(res, 404, { message: 'No such item' });
    if (req.path === '/flaky')
      return flaky-- > 0
        ? json(res, 503, { message: 'busy' }, { 'retry-after': '2' })
        : json(res, 200, { ok: true });
    if (req.path === '/text') return void res.writeHead(200, { 'content-type': 'text/csv' }).end('a,b\n1,2');
    json(res, 200, { received: true, auth: req.headers.authorization ?? null });
  });
});
afterAll(() => server.close());
beforeEach(() => (server.requests.length = 0));

const last = () => server.requests[server.requests.length - 1];

test('GET with mapped URL, headers and repeated query keys outputs statusCode, headers and data', async () => {
  const { result, output } = await runHttp({
    input: { id: 42 },
    mapper: {
      url: `${server.url}/items/{{1.id}}`,
      method: 'GET',
      headers: [{ name: 'X-Client', value: 'integrator' }],
      query: [
        { name: 'tag', value: 'a' },
        { name: 'tag', value: 'b' },
        { name: 'page', value: '{{1.id}}' },
      ],
    },
  });
  expect(result.status).toBe('success');
  expect(output).toMatchObject({
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    data: { received: true },
  });
  expect(last()).toMatchObject({ method: 'GET', path: '/items/42' });
  expect(last().query.getAll('tag')).toEqual(['a', 'b']);
  expect(last().query.get('page')).toBe('42');
  expect(last().headers['x-client']).toBe('integrator');
});

test('JSON body from JSON text or a mapped object', async () => {
  await runHttp({ mapper: { url: server.url, method: 'POST', bodyType: 'json', body: '{"a": [1, 2]}' } });
  expect(last().headers['content-type']).toBe('application/json');
  expect(JSON.parse(last().body.toString())).toEqual({ a: [1, 2] });

  await runHttp({
    input: { order: { id: 7, total: 9.5 } },
    mapper: { url: server.url, method: 'PUT', bodyType: 'json', body: '{{1.order}}' },
  });
  expect(last().method).toBe('PUT');
  expect(JSON.parse(last().body.toString())).toEqual({ id: 7, total: 9.5 });
});

test('form fields are URL-encoded, repeated names repeated', async () => {
  await runHttp({
    mapper: {
      url: server.url,
      method: 'POST',
      bodyType: 'form',
      formFields: [
        { name: 'name', value: 'Ann & Bob' },
        { name: 'tag', value: 'x' },
        { name: 'tag', value: 'y' },
      ],
    },
  });
  expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(last().body.toString()).toBe('name=Ann+%26+Bob&tag=x&tag=y');
});

test('multipart fields carry files with names and content types', async () => {
  await runHttp({
    mapper: {
      url: server.url,
      method: 'POST',
      bodyType: 'multipart',
      multipartFields: [
        { name: 'title', value: 'Q1' },
        { name: 'report', value: 'id,total\n1,9.5', filename: 'report.csv', contentType: 'text/csv' },
      ],
    },
  });
  const parts = parseMultipart(last().body, last().headers['content-type']);
  expect(
    parts.map((p) => ({ name: p.name, filename: p.filename, type: p.contentType, data: p.data.toString() })),
  ).toEqual([
    { name: 'title', filename: undefined, type: undefined, data: 'Q1' },
    { name: 'report', filename: 'report.csv', type: 'text/csv', data: 'id,total\n1,9.5' },
  ]);
});

test('raw body with its content type', async () => {
  await runHttp({
    mapper: {
      url: server.url,
      method: 'PATCH',
      bodyType: 'raw',
      body: '<x>1</x>',
      contentType: 'application/xml',
    },
  });
  expect(last()).toMatchObject({ method: 'PATCH' });
  expect(last().headers['content-type']).toBe('application/xml');
  expect(last().body.toString()).toBe('<x>1</x>');
});

test('a non-2xx status fails the module unless error responses are allowed', async () => {
  const failed = await runHttp({ mapper: { url: `${server.url}/missing` } });
  expect(failed.result.status).toBe('error');
  expect(failed.error).toMatchObject({
    kind: 'user',
    type: 'DataError',
    status: 404,
    message: `404 Not Found from GET ${server.url}/missing: No such item`,
  });

  const allowed = await runHttp({ mapper: { url: `${server.url}/missing`, allowNonSuccess: true } });
  expect(allowed.output).toMatchObject({ statusCode: 404, data: { message: 'No such item' } });
});

test('429/503 are retried after Retry-After on the run clock; retries: 0 fails at once', async () => {
  flaky = 1;
  const clock = new FakeClock(START, { autoAdvance: true });
  const ok = await runHttp({ clock, mapper: { url: `${server.url}/flaky`, method: 'POST' } });
  expect(ok.output).toMatchObject({ statusCode: 200, data: { ok: true } });
  expect(clock.now() - START).toBe(2000);

  flaky = 1;
  const failed = await runHttp({ mapper: { url: `${server.url}/flaky`, retries: 0 } });
  expect(failed.error).toMatchObject({ kind: 'transient', type: 'ConnectionError', status: 503 });
});

test('parse response off keeps text as text', async () => {
  const { output } = await runHttp({ mapper: { url: server.url, parseResponse: false } });
  expect(typeof output!.data).toBe('string');
  expect(JSON.parse(output!.data as string)).toMatchObject({ received: true });
  const csv = await runHttp({ mapper: { url: `${server.url}/text`, parseResponse: false } });
  expect(csv.output!.data).toBe('a,b\n1,2');
});

test('bad input is an error naming the field', async () => {
  const url = await runHttp({ mapper: { url: 'not a url' } });
  expect(url.error).toMatchObject({
    kind: 'user',
    field: 'url',
    message: 'url: is not a valid URL (got "not a url")',
  });
  const scheme = await runHttp({ mapper: { url: 'file:///etc/passwd' } });
  expect(scheme.error).toMatchObject({
    field: 'url',
    message: 'url: must start with http:// or https:// (got file:)',
  });
  const timeout = await runHttp({ input: { t: 900 }, mapper: { url: server.url, timeout: '{{1.t}}' } });
  expect(timeout.error).toMatchObject({ field: 'timeout', message: 'timeout: must be at most 300' });
  const body = await runHttp({
    mapper: { url: server.url, method: 'POST', bodyType: 'json', body: '{oops' },
  });
  expect(body.error).toMatchObject({
    field: 'body',
    message: expect.stringMatching(/^body: is not valid JSON/),
  });
  const header = await runHttp({
    input: { headers: [{ value: 'x' }] },
    mapper: { url: server.url, headers: '{{1.headers}}' },
  });
  expect(header.error).toMatchObject({ message: 'headers[0].name: is required' });
  expect(server.requests).toHaveLength(0);
});

test('blueprint versions 3 and 4 are accepted', async () => {
  for (const version of [3, 4]) {
    const { output } = await runHttp({ version, mapper: { url: server.url } });
    expect(output!.statusCode).toBe(200);
  }
});
