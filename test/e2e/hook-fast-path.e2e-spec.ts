import { Agent, request as httpRequest } from 'node:http';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';
import { fastPathToken } from '../../apps/api/src/webhooks/hook-fast-path';

// Webhook requests in the common shapes are answered outside Fastify and Nest
// (apps/api/src/webhooks/hook-fast-path.ts). Each request below is sent twice: over a real
// socket, where the fast path takes what it can, and through Fastify's inject(), which always
// goes through the Fastify route. Both answers must be the same, byte for byte.

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

// Headers that differ by carrier or by time, not by what the server decided.
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function comparable(a: Answer): Answer {
  const headers: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a.headers)) if (!TRANSPORT.has(k)) headers[k] = v;
  // An acknowledgement names its own execution: same shape, another id.
  const body = a.body.replace(ID, '<id>');
  if (headers['content-length'] !== undefined && ID.test(a.body)) delete headers['content-length'];
  return { status: a.status, headers, body };
}

describe.each(databaseTargets().filter((t) => t.name === 'sqlite'))(
  'webhook fast path on $name',
  (target) => {
    let t: TestApp;
    let responder: string;
    let textResponder: string;
    let plain: string;

    async function hooked(name: string, after: unknown[], active = true): Promise<string> {
      const h = auth(t.token);
      const { body: hook } = await t.http().post('/api/hooks').set(h).send({ name }).expect(201);
      const blueprint = {
        flow: [{ id: 1, module: 'gateway:CustomWebHook', parameters: { hook: hook.id } }, ...after],
        metadata: {},
      };
      const { body: s } = await t.http().post('/api/scenarios').set(h).send({ name, blueprint }).expect(201);
      if (active) await t.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
      return new URL(hook.url).pathname;
    }

    beforeAll(async () => {
      t = await startTestApp(target);
      responder = await hooked('Quote', [
        {
          id: 2,
          module: 'gateway:WebhookRespond',
          mapper: {
            status: 201,
            body: { n: '{{1.n}}', customer: '{{1.customer}}', list: '{{1.body}}' },
            headers: [{ key: 'X-Quote', value: 'yes' }],
          },
        },
      ]);
      textResponder = await hooked('Page', [
        {
          id: 2,
          module: 'gateway:WebhookRespond',
          mapper: {
            status: 200,
            body: '<p>{{1.n}}</p>',
            headers: [{ key: 'Content-Type', value: 'text/html' }],
          },
        },
      ]);
      plain = await hooked(
        'Queued',
        [{ id: 2, module: 'util:SetVariable2', mapper: { name: 'x', value: 1 } }],
        false,
      );
    });
    afterAll(() => t?.close());

    async function overSocket(
      method: string,
      path: string,
      headers: Record<string, string>,
      body?: string,
    ): Promise<Answer> {
      let req = t
        .http()
        [method.toLowerCase() as 'post'](path)
        .set(headers)
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => done(null, text));
        });
      if (body !== undefined) req = req.send(body);
      const res = await req;
      return {
        status: res.status,
        headers: { ...res.headers },
        body: typeof res.body === 'string' ? res.body : '',
      };
    }

    async function throughFastify(
      method: string,
      path: string,
      headers: Record<string, string>,
      body?: string,
    ): Promise<Answer> {
      const res = await t.app
        .getHttpAdapter()
        .getInstance()
        .inject({ method: method as 'POST', url: path, headers, payload: body });
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(res.headers)) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
      return { status: res.statusCode, headers: out, body: res.body };
    }

    const json = { 'content-type': 'application/json' };
    const cases: Array<[string, string, () => string, Record<string, string>, string | undefined]> = [
      ['a JSON object and a query', 'POST', () => `${responder}?customer=ACME`, json, '{"n":3}'],
      [
        'JSON with its charset',
        'POST',
        () => responder,
        { 'content-type': 'application/json; charset=UTF-8' },
        '{"n":4}',
      ],
      ['a JSON array', 'POST', () => responder, json, '[1,2,3]'],
      ['a JSON string', 'POST', () => responder, json, '"hello"'],
      ['an empty JSON body', 'POST', () => responder, json, ''],
      ['a blank JSON body', 'POST', () => responder, json, '  \n'],
      ['no body and no type', 'POST', () => `${responder}?n=5`, {}, undefined],
      ['a GET with a query', 'GET', () => `${responder}?n=6&customer=a&customer=b`, {}, undefined],
      ['a DELETE without a body', 'DELETE', () => `${responder}?n=7`, {}, undefined],
      ['a HEAD', 'HEAD', () => `${responder}?n=1`, {}, undefined],
      ['an OPTIONS', 'OPTIONS', () => `${responder}?n=2`, {}, undefined],
      ['a PUT with JSON', 'PUT', () => responder, json, '{"n":10}'],
      ['a PATCH with JSON', 'PATCH', () => responder, json, '{"n":11}'],
      ['a text answer under its own type', 'POST', () => textResponder, json, '{"n":"<b>8</b>"}'],
      ['an acknowledgement (queued, scenario off)', 'POST', () => plain, json, '{"a":1}'],
      ['bad JSON', 'POST', () => responder, json, '{"n":'],
      ['a prototype-poisoning body', 'POST', () => responder, json, '{"__proto__":{"x":1}}'],
      [
        'a constructor-poisoning body',
        'POST',
        () => responder,
        json,
        '{"constructor":{"prototype":{"x":1}}}',
      ],
      ['a body nested too deep', 'POST', () => responder, json, '{"a":'.repeat(100) + '1' + '}'.repeat(100)],
      ['an unknown token', 'POST', () => '/hooks/nosuchtokenatall', json, '{"n":1}'],
      ['an unknown token without a body', 'GET', () => '/hooks/nosuchtokenatall?x=1', {}, undefined],
    ];

    test.each(cases)(
      '%s: the same answer through the fast path and through Fastify',
      async (_label, method, path, headers, body) => {
        const fast = comparable(await overSocket(method, path(), headers, body));
        const routed = comparable(await throughFastify(method, path(), headers, body));
        // inject() hands back a HEAD answer's body; on a socket Node never sends one.
        if (method === 'HEAD') routed.body = '';
        expect(fast).toEqual(routed);
        expect(fast.status).toBeLessThan(500);
      },
    );

    test('what the answers say (the fast path is not only consistent but right)', async () => {
      const quote = await overSocket('POST', `${responder}?customer=ACME`, json, '{"n":3}');
      expect([quote.status, JSON.parse(quote.body), quote.headers['x-quote']]).toEqual([
        201,
        { n: 3, customer: 'ACME' },
        'yes',
      ]);
      expect(quote.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(quote.headers['x-content-type-options']).toBe('nosniff');
      const page = await overSocket('POST', textResponder, json, '{"n":9}');
      expect([page.status, page.body, page.headers['content-type']]).toEqual([200, '<p>9</p>', 'text/html']);
      const bad = await overSocket('POST', responder, json, '{"__proto__":{"x":1}}');
      expect(bad.status).toBe(400);
      const deep = await overSocket('POST', responder, json, '['.repeat(100) + ']'.repeat(100));
      expect(JSON.parse(deep.body)).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'the body is nested deeper than 64 levels',
      });
    });

    test("the server keeps Fastify's connection settings (keep-alive 72 s) for every answer", async () => {
      const server = t.app.getHttpServer() as import('node:http').Server;
      expect(server.keepAliveTimeout).toBe(72_000);
      if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const { port } = server.address() as { port: number };
      const agent = new Agent({ keepAlive: true });
      const headerOf = (path: string) =>
        new Promise<string | undefined>((resolve, reject) => {
          const req = httpRequest(
            { agent, port, host: '127.0.0.1', path, method: 'POST', headers: json },
            (res) => {
              res.resume();
              res.on('end', () => resolve(String(res.headers['keep-alive'])));
            },
          );
          req.on('error', reject);
          req.end('{"n":1}');
        });
      expect(await headerOf(responder)).toBe('timeout=72'); // the fast path
      expect(await headerOf('/api/health')).toBe('timeout=72'); // Fastify
      agent.destroy();
      // Opened here, not by Fastify: Fastify's close would leave it listening.
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    });

    test('an idempotency key answers a repeat with the first answer on both carriers', async () => {
      const key = { ...json, 'idempotency-key': 'fast-1' };
      const first = await overSocket('POST', responder, key, '{"n":11}');
      const again = await overSocket('POST', responder, key, '{"n":12}');
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toBe(first.body);
      const routed = await throughFastify('POST', responder, key, '{"n":13}');
      expect(routed.headers['idempotent-replayed']).toBe('true');
      expect(routed.body).toBe(first.body);
    });
  },
);

describe('which webhook requests the fast path takes', () => {
  const take = (method: string, url: string, headers: Record<string, string> = {}) =>
    fastPathToken({ method, url, headers }, 1000);
  test('JSON bodies within the limit and body-less requests, on a plain token', () => {
    expect(
      take('POST', '/hooks/abc_D-9', { 'content-type': 'application/json', 'content-length': '10' }),
    ).toBe('abc_D-9');
    expect(
      take('POST', '/hooks/abc?x=1', {
        'content-type': 'Application/JSON;charset=utf-8',
        'content-length': '3',
      }),
    ).toBe('abc');
    expect(take('GET', '/hooks/abc?x=1')).toBe('abc');
    expect(take('HEAD', '/hooks/abc')).toBe('abc');
    expect(take('POST', '/hooks/abc', { 'content-length': '0' })).toBe('abc');
  });
  test('everything else goes to the Fastify route, which answers it as before', () => {
    const body = { 'content-length': '5' };
    expect(
      take('POST', '/hooks/abc', { ...body, 'content-type': 'application/x-www-form-urlencoded' }),
    ).toBeUndefined();
    expect(take('POST', '/hooks/abc', { ...body, 'content-type': 'text/plain' })).toBeUndefined();
    expect(
      take('POST', '/hooks/abc', { ...body, 'content-type': 'application/json; charset=latin1' }),
    ).toBeUndefined();
    expect(take('POST', '/hooks/abc', body)).toBeUndefined(); // a body without a type
    expect(
      take('POST', '/hooks/abc', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }),
    ).toBeUndefined();
    expect(
      take('POST', '/hooks/abc', { 'content-type': 'application/json', 'content-length': '1001' }),
    ).toBeUndefined();
    expect(
      take('GET', '/hooks/abc', { 'content-type': 'application/json', 'content-length': '2' }),
    ).toBeUndefined();
    expect(
      take('POST', '/hooks/a%62c', { 'content-type': 'application/json', 'content-length': '2' }),
    ).toBeUndefined();
    expect(take('POST', '/hooks/abc/more')).toBeUndefined();
    expect(take('POST', '/hooks/')).toBeUndefined();
    expect(take('POST', '/hooks/abc;x=1')).toBeUndefined();
    expect(take('POST', '/api/hooks')).toBeUndefined();
    expect(take('GET', '/hooks/abc', { 'content-type': 'text/csv' })).toBeUndefined();
  });
});
