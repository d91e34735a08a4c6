import { defineConnectionType, field, ModuleError, type HttpClient } from '@integrator/sdk';
import { createHttpClient } from '../../src/http';
import { json, parseMultipart, startServer, type FakeServer } from './fake-server';

let server: FakeServer;
let http: HttpClient;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.path === '/echo') return json(res, 200, { method: req.method });
    if (req.path === '/text')
      return void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('héllo');
    if (req.path === '/bad-json')
      return void res.writeHead(200, { 'content-type': 'application/json' }).end('{not json');
    if (req.path === '/png')
      return void res
        .writeHead(200, { 'content-type': 'image/png' })
        .end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    if (req.path === '/missing') return json(res, 404, { detail: 'Plan gold does not exist.' });
    if (req.path === '/denied') return json(res, 401, { message: 'Invalid token' });
    if (req.path === '/html-error')
      return void res
        .writeHead(422, { 'content-type': 'text/html' })
        .end(`<h1>Bad</h1><p>${'x'.repeat(600)}</p>`);
    if (req.path === '/big' && req.method === 'HEAD') {
      return void res
        .writeHead(200, { 'content-type': 'application/zip', 'content-length': String(50 * 1024 * 1024) })
        .end();
    }
    if (req.path === '/headers')
      return void res.writeHead(200, { 'X-Mixed-Case': 'yes', 'content-type': 'application/json' }).end('[]');
    return json(res, 200, {});
  });
  http = createHttpClient();
});
afterAll(() => server.close());
beforeEach(() => (server.requests.length = 0));

const last = () => server.requests[server.requests.length - 1];

test('query arrays repeat the key, null and undefined are skipped, headers are case-insensitive', async () => {
  await http.request({
    url: `${server.url}/echo?fixed=1`,
    query: { tag: ['a', 'b'], n: 2, yes: true, none: null, gone: undefined },
    headers: { 'X-Trace': 'first', 'x-trace': 'second', Accept: 'application/json' },
  });
  const req = last();
  expect(req.method).toBe('GET');
  expect(req.path).toBe('/echo');
  expect([...req.query.entries()]).toEqual([
    ['fixed', '1'],
    ['tag', 'a'],
    ['tag', 'b'],
    ['n', '2'],
    ['yes', 'true'],
  ]);
  expect(req.headers['x-trace']).toBe('second');
  expect(req.headers.accept).toBe('application/json');
});

test('a JSON body is sent as application/json', async () => {
  await http.request({
    method: 'post',
    url: `${server.url}/echo`,
    body: { type: 'json', data: { name: 'Ünïcode', n: [1, 2] } },
  });
  const req = last();
  expect(req.method).toBe('POST');
  expect(req.headers['content-type']).toBe('application/json');
  expect(req.body.toString('utf8')).toBe('{"name":"Ünïcode","n":[1,2]}');
  expect(Number(req.headers['content-length'])).toBe(req.body.length);
});

test('a form body is URL-encoded with repeated keys for arrays', async () => {
  await http.request({
    method: 'PUT',
    url: `${server.url}/echo`,
    body: { type: 'form', data: { a: 'x y&z', list: [1, 2], skip: null, obj: { k: 1 } } },
  });
  const req = last();
  expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(req.body.toString()).toBe('a=x+y%26z&list=1&list=2&obj=%7B%22k%22%3A1%7D');
});

test('a multipart body carries names, filenames, content types and bytes', async () => {
  const bytes = new Uint8Array([0, 1, 2, 255, 13, 10]);
  await http.request({
    method: 'POST',
    url: `${server.url}/echo`,
    body: {
      type: 'multipart',
      parts: [
        { name: 'title', value: 'Report "Q1"' },
        { name: 'file', value: bytes, filename: 'data.bin', contentType: 'application/x-custom' },
        { name: 'note', value: 'plain', filename: 'note.txt' },
      ],
    },
  });
  const req = last();
  expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  const parts = parseMultipart(req.body, req.headers['content-type']);
  expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
    ['title', undefined, undefined],
    ['file', 'data.bin', 'application/x-custom'],
    ['note', 'note.txt', 'application/octet-stream'],
  ]);
  expect(parts[0].data.toString()).toBe('Report "Q1"');
  expect([...parts[1].data]).toEqual([...bytes]);
});

test('multipart bytes or a typed text without a file name are file parts named after their field', async () => {
  await http.request({
    method: 'POST',
    url: `${server.url}/echo`,
    body: {
      type: 'multipart',
      parts: [
        { name: 'blob', value: new Uint8Array([1, 2]) },
        { name: 'meta', value: '{"a":1}', contentType: 'application/json' },
      ],
    },
  });
  const req = last();
  const parts = parseMultipart(req.body, req.headers['content-type']);
  expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
    ['blob', 'blob', 'application/octet-stream'],
    ['meta', 'meta', 'application/json'],
  ]);
  expect(parts[1].data.toString()).toBe('{"a":1}');
});

test('a multipart name with quotes and line breaks is escaped', async () => {
  await http.request({
    method: 'POST',
    url: `${server.url}/echo`,
    body: { type: 'multipart', parts: [{ name: 'a"b\r\nc', value: 'v' }] },
  });
  expect(last().body.toString()).toContain('name="a%22b%0D%0Ac"');
});

test('raw bodies: text with its content type, bytes as octet-stream, a caller Content-Type wins', async () => {
  await http.request({
    method: 'POST',
    url: `${server.url}/echo`,
    body: { type: 'raw', data: '<a/>', contentType: 'application/xml' },
  });
  expect(last().headers['content-type']).toBe('application/xml');
  expect(last().body.toString()).toBe('<a/>');

  await http.request({
    method: 'POST',
    url: `${server.url}/echo`,
    body: { type: 'raw', data: new Uint8Array([7, 8, 9]) },
  });
  expect(last().headers['content-type']).toBe('application/octet-stream');
  expect([...last().body]).toEqual([7, 8, 9]);

  await http.request({
    method: 'POST',
    url: `${server.url}/echo`,
    headers: { 'Content-Type': 'application/vnd.api+json' },
    body: { type: 'json', data: {} },
  });
  expect(last().headers['content-type']).toBe('application/vnd.api+json');
});

test('responses: JSON parsed, invalid JSON kept as text, text decoded, other types as bytes', async () => {
  const ok = await http.request({ url: `${server.url}/echo` });
  expect(ok).toMatchObject({ status: 200, body: { method: 'GET' }, url: `${server.url}/echo` });
  expect((await http.request({ url: `${server.url}/bad-json` })).body).toBe('{not json');
  expect((await http.request({ url: `${server.url}/text` })).body).toBe('héllo');
  const png = await http.request({ url: `${server.url}/png` });
  expect(png.body).toBeInstanceOf(Uint8Array);
  expect([...(png.body as Uint8Array)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  expect((await http.request({ url: `${server.url}/text`, responseType: 'binary' })).body).toBeInstanceOf(
    Uint8Array,
  );
  await expect(http.request({ url: `${server.url}/bad-json`, responseType: 'json' })).rejects.toThrow(
    'not valid JSON',
  );
});

test('response headers are lower-cased', async () => {
  const res = await http.request({ url: `${server.url}/headers` });
  expect(res.headers['x-mixed-case']).toBe('yes');
  expect(Object.keys(res.headers).every((k) => k === k.toLowerCase())).toBe(true);
});

test('4xx is a user error with the status and the readable part of the body', async () => {
  const err = (await http.request({ url: `${server.url}/missing` }).catch((e: unknown) => e)) as ModuleError;
  expect(err).toBeInstanceOf(ModuleError);
  expect(err).toMatchObject({ kind: 'user', type: 'DataError', status: 404 });
  expect(err.message).toBe(`404 Not Found from GET ${server.url}/missing: Plan gold does not exist.`);

  const denied = (await http
    .request({ url: `${server.url}/denied` })
    .catch((e: unknown) => e)) as ModuleError;
  expect(denied).toMatchObject({ kind: 'user', type: 'AccountValidationError', status: 401 });
  expect(denied.message).toContain('Invalid token');

  const html = (await http
    .request({ url: `${server.url}/html-error` })
    .catch((e: unknown) => e)) as ModuleError;
  expect(html.message).toMatch(/^422 Unprocessable Entity from GET .*: Bad x+…$/);
  expect(html.message.length).toBeLessThan(400);
});

test('throwOnError: false returns the non-2xx response', async () => {
  const res = await http.request({ url: `${server.url}/missing`, throwOnError: false });
  expect(res).toMatchObject({ status: 404, body: { detail: 'Plan gold does not exist.' } });
});

test('relative URLs resolve against the connection type base URL, path joined', async () => {
  const type = defineConnectionType({
    key: 'based',
    label: 'Based',
    fields: { baseUrl: field.text() },
    baseUrl: (c) => c.baseUrl,
  });
  const client = createHttpClient({
    connection: { id: 1, type: 'based', credentials: { baseUrl: `${server.url}/v2/` } },
    connectionType: type,
  });
  await client.request({ url: '/plans', query: { a: 1 } });
  expect(last().path).toBe('/v2/plans');
  expect(last().query.get('a')).toBe('1');
});

test('bad requests are user errors naming the field', async () => {
  await expect(http.request({ url: 'plans' })).rejects.toMatchObject({
    kind: 'user',
    field: 'url',
    message: expect.stringMatching(/^url: .*relative/),
  });
  await expect(http.request({ url: 'http://exa mple.com' })).rejects.toMatchObject({
    field: 'url',
    message: expect.stringContaining('is not a valid URL'),
  });
  await expect(http.request({ url: 'ftp://example.com/x' })).rejects.toMatchObject({
    field: 'url',
    message: 'url: must be an http or https URL (got ftp:)',
  });
  await expect(http.request({ url: server.url, headers: { 'bad name': 'x' } })).rejects.toMatchObject({
    field: 'headers',
  });
  await expect(
    http.request({ url: server.url, headers: { ok: 'a\r\nInjected: yes' } }),
  ).rejects.toMatchObject({ field: 'headers' });
  await expect(http.request({ url: server.url, method: 'GE T' })).rejects.toMatchObject({ field: 'method' });
  expect(server.requests).toHaveLength(0);
});

test('HEAD reads no body whatever Content-Length says; framing headers are set by the client', async () => {
  const head = await createHttpClient({ maxResponseBytes: 1024 }).request({
    method: 'HEAD',
    url: `${server.url}/big`,
  });
  expect(head).toMatchObject({
    status: 200,
    body: '',
    headers: { 'content-length': String(50 * 1024 * 1024) },
  });

  await http.request({
    method: 'POST',
    url: `${server.url}/echo`,
    headers: { 'Content-Length': '999', Connection: 'close', Expect: '100-continue' },
    body: { type: 'raw', data: 'abc' },
  });
  expect(last().headers['content-length']).toBe('3');
  expect(last().headers.expect).toBeUndefined();
});
