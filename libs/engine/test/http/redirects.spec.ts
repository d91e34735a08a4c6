import { defineConnectionType, field } from '@integrator/sdk';
import { createHttpClient } from '../../src/http';
import { json, startServer, type FakeServer } from './fake-server';

const SECRET = 'tok-3f9a1c';
const tokenType = defineConnectionType({
  key: 'token',
  label: 'Token',
  fields: { token: field.text({ required: true, secret: true }) },
  authenticate: (c, target) => {
    target.headers.Authorization = `Bearer ${c.token}`;
    target.query.key = c.token;
  },
});
const connection = { id: 9, type: 'token', credentials: { token: SECRET } };

let a: FakeServer;
let b: FakeServer;

beforeAll(async () => {
  b = await startServer((req, res) => {
    if (req.path === '/back') return void res.writeHead(302, { location: `${a.url}/final` }).end();
    json(res, 200, { at: 'b' });
  });
  a = await startServer((req, res) => {
    const hop = /^\/(\d{3})$/.exec(req.path);
    if (hop)
      return void res
        .writeHead(Number(hop[1]), { location: '/final', 'content-type': 'text/plain' })
        .end('moved');
    if (req.path === '/away')
      return void res.writeHead(302, { location: `${b.url}/landing?key=${SECRET}&x=1` }).end();
    if (req.path === '/away-and-back') return void res.writeHead(307, { location: `${b.url}/back` }).end();
    if (req.path === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
    json(res, 200, { at: 'a', method: req.method });
  });
});
afterAll(async () => {
  await a.close();
  await b.close();
});
beforeEach(() => {
  a.requests.length = 0;
  b.requests.length = 0;
});

const client = () => createHttpClient({ connection, connectionType: tokenType });

test.each([301, 302, 307, 308])(
  '%i is followed for GET and keeps the credentials on the same origin',
  async (code) => {
    const res = await client().request({ url: `${a.url}/${code}` });
    expect(res).toMatchObject({
      status: 200,
      body: { at: 'a', method: 'GET' },
      url: `${a.url}/final?key=***`,
    });
    expect(a.requests.map((r) => r.path)).toEqual([`/${code}`, '/final']);
    expect(a.requests[1].headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(a.requests[1].query.get('key')).toBe(SECRET);
  },
);

test('303 after a POST continues as a GET without the body', async () => {
  await client().request({ method: 'POST', url: `${a.url}/303`, body: { type: 'json', data: { a: 1 } } });
  const [first, second] = a.requests;
  expect([first.method, second.method]).toEqual(['POST', 'GET']);
  expect(second.body.length).toBe(0);
  expect(second.headers['content-type']).toBeUndefined();
});

test('307 and 308 repeat the method and the body', async () => {
  for (const code of [307, 308]) {
    a.requests.length = 0;
    await client().request({
      method: 'POST',
      url: `${a.url}/${code}`,
      body: { type: 'raw', data: 'payload', contentType: 'text/plain' },
    });
    expect(a.requests[1]).toMatchObject({ method: 'POST', path: '/final' });
    expect(a.requests[1].body.toString()).toBe('payload');
    expect(a.requests[1].headers['content-type']).toBe('text/plain');
  }
});

test('a redirect to another origin drops Authorization, cookies and the connection query secret', async () => {
  const res = await client().request({ url: `${a.url}/away`, headers: { Cookie: 'sid=1', 'X-Keep': 'yes' } });
  expect(res.body).toEqual({ at: 'b' });
  expect(res.url).toBe(`${b.url}/landing?x=1`);
  const landed = b.requests[0];
  expect(landed.headers.authorization).toBeUndefined();
  expect(landed.headers.cookie).toBeUndefined();
  expect(landed.headers['x-keep']).toBe('yes');
  expect(landed.query.get('key')).toBeNull();
  expect(landed.query.get('x')).toBe('1');
});

test('credentials stay dropped when the chain comes back to the first origin', async () => {
  await client().request({ url: `${a.url}/away-and-back` });
  const final = a.requests.find((r) => r.path === '/final')!;
  expect(final.headers.authorization).toBeUndefined();
  expect(final.query.get('key')).toBeNull();
});

test('followRedirects: false returns the redirect itself', async () => {
  const res = await client().request({ url: `${a.url}/302`, followRedirects: false });
  expect(res).toMatchObject({ status: 302, headers: { location: '/final' }, body: 'moved' });
  expect(a.requests).toHaveLength(1);
});

test('a redirect loop stops after maxRedirects with a user error', async () => {
  await expect(client().request({ url: `${a.url}/loop` })).rejects.toMatchObject({
    kind: 'user',
    message: 'stopped after 5 redirects',
  });
  expect(a.requests).toHaveLength(6);
  a.requests.length = 0;
  await expect(client().request({ url: `${a.url}/loop`, maxRedirects: 1 })).rejects.toThrow(
    'stopped after 1 redirects',
  );
  expect(a.requests).toHaveLength(2);
});
