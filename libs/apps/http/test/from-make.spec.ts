import { importBlueprint, type Blueprint } from '@integrator/engine';
import { json, parseMultipart, startServer, type FakeServer } from '../../../engine/test/http/fake-server';
import { fromMake } from '../src/from-make';
import { registry, runBlueprint } from './run-http';

// Make's HTTP modules exported from Make, imported and run: the requests that reach the server
// are the ones Make would have sent. Make does not document these mappers, so both known shapes
// are covered: version 3 (http:ActionSendData) and version 4 (http:MakeRequest).

let server: FakeServer;
beforeAll(async () => {
  server = await startServer((req, res) => json(res, req.path === '/fail' ? 500 : 200, { ok: true }));
});
afterAll(() => server.close());
beforeEach(() => (server.requests.length = 0));

/** A Make export: an instant webhook, then the given modules. */
function makeExport(...modules: Array<Record<string, unknown>>) {
  return {
    name: 'From Make',
    flow: [
      { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: { __IMTHOOK__: 1 }, mapper: {} },
      ...modules,
    ],
    metadata: { instant: true, version: 1, scenario: { roundtrips: 1 }, zone: 'eu1.make.com' },
  };
}

function imported(...modules: Array<Record<string, unknown>>) {
  const { blueprint, report } = importBlueprint(makeExport(...modules), registry);
  blueprint.flow[0].parameters = {}; // the webhook is chosen here; the run gets its input directly
  return { blueprint: blueprint as Blueprint, report };
}

test('version 3 (http:ActionSendData): method, qs, headers and a raw JSON body arrive as Make sent them', async () => {
  const { blueprint, report } = imported({
    id: 2,
    module: 'http:ActionSendData',
    version: 3,
    parameters: { handleErrors: true, useNewZLibDeCompress: true },
    mapper: {
      url: `${server.url}/orders`,
      method: 'post',
      qs: [{ name: 'source', value: '{{1.source}}' }],
      headers: [{ name: 'X-Order', value: '{{1.id}}' }],
      bodyType: 'raw',
      contentType: 'application/json',
      data: '{"id": {{1.id}}, "name": "{{upper(1.name)}}"}',
      parseResponse: true,
      timeout: '30',
      gzip: true,
      shareCookies: false,
      rejectUnauthorized: true,
      followRedirect: true,
      useMtls: false,
      serializeUrl: false,
    },
  });
  expect(report.unknownModules).toEqual([]);
  expect(blueprint.flow[1]).toMatchObject({ module: 'http:MakeRequest', version: 3 });
  expect(report.notes.filter((n) => n.startsWith('Module 2'))).toEqual([]);

  const result = await runBlueprint(blueprint, { input: { id: 7, name: 'ada', source: 'make' } });
  expect(result.status).toBe('success');
  const [req] = server.requests;
  expect(req).toMatchObject({ method: 'POST', path: '/orders' });
  expect(req.query.get('source')).toBe('make');
  expect(req.headers['x-order']).toBe('7');
  expect(req.headers['content-type']).toBe('application/json');
  expect(req.body.toString()).toBe('{"id": 7, "name": "ADA"}');
  expect(result.modules.find((m) => m.id === 2)?.ops[0].output?.[0]).toMatchObject({ data: { ok: true } });
});

test('version 3: URL-encoded and multipart fields; an unparsed response by default; errors as output when asked', async () => {
  const { blueprint } = imported(
    {
      id: 2,
      module: 'http:ActionSendData',
      version: 3,
      parameters: { handleErrors: false },
      mapper: {
        url: `${server.url}/fail`,
        method: 'post',
        bodyType: 'x_www_form_urlencoded',
        data: [
          { name: 'email', value: '{{1.email}}' },
          { name: 'plan', value: 'pro' },
        ],
      },
    },
    {
      id: 3,
      module: 'http:ActionSendData',
      version: 3,
      mapper: {
        url: `${server.url}/upload`,
        method: 'put',
        bodyType: 'multipart_form_data',
        data: [
          { key: 'note', type: 'text', value: 'hello' },
          { key: 'file', type: 'file', fileName: 'a.txt', data: 'file body' },
        ],
        parseResponse: false,
      },
    },
  );
  const result = await runBlueprint(blueprint, { input: { email: 'ada@example.com' } });
  expect(result.status).toBe('success');
  const [formReq, multipartReq] = server.requests;
  expect(formReq.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(new URLSearchParams(formReq.body.toString()).get('email')).toBe('ada@example.com');
  // handleErrors false: the 500 is output, not an error (Make's "evaluate all states as errors" off).
  expect(result.modules.find((m) => m.id === 2)?.ops[0].output?.[0]).toMatchObject({ statusCode: 500 });

  expect(multipartReq.method).toBe('PUT');
  const parts = parseMultipart(multipartReq.body, multipartReq.headers['content-type']);
  expect(parts.map((p) => [p.name, p.filename ?? null, p.data.toString()])).toEqual([
    ['note', null, 'hello'],
    ['file', 'a.txt', 'file body'],
  ]);
  // Make's version 3 leaves the response unparsed unless asked.
  const output = result.modules.find((m) => m.id === 3)?.ops[0].output?.[0] as { data: unknown };
  expect(typeof output.data).toBe('string');
});

test('version 4 (http:MakeRequest): queryParameters, a JSON string body, stopOnHttpError', async () => {
  const { blueprint, report } = imported({
    id: 2,
    module: 'http:MakeRequest',
    version: 4,
    parameters: { authenticationType: 'noAuth', tlsType: '', proxyKeychain: '' },
    mapper: {
      url: `${server.url}/fail`,
      method: 'patch',
      headers: [],
      queryParameters: [{ name: 'dry', value: 'no' }],
      contentType: 'json',
      inputMethod: 'jsonString',
      jsonStringBodyContent: '{"seats": {{1.seats}}}',
      parseResponse: true,
      stopOnHttpError: false,
      allowRedirects: true,
      shareCookies: false,
      requestCompressedContent: true,
    },
  });
  expect(report.notes.filter((n) => n.startsWith('Module 2'))).toEqual([]);
  const result = await runBlueprint(blueprint, { input: { seats: 12 } });
  expect(result.status).toBe('success');
  const [req] = server.requests;
  expect(req).toMatchObject({ method: 'PATCH', path: '/fail' });
  expect(req.query.get('dry')).toBe('no');
  expect(req.headers['content-type']).toBe('application/json');
  expect(JSON.parse(req.body.toString())).toEqual({ seats: 12 });
  expect(result.modules.find((m) => m.id === 2)?.ops[0].output?.[0]).toMatchObject({ statusCode: 500 });
});

test('version 4: a data-structure JSON body and URL-encoded fields; the older guessed "body" key too', async () => {
  const { blueprint } = imported(
    {
      id: 2,
      module: 'http:MakeRequest',
      version: 4,
      mapper: {
        url: `${server.url}/a`,
        method: 'post',
        contentType: 'json',
        inputMethod: 'dataStructure',
        dataStructureBodyContent: { name: '{{1.name}}', tags: ['x'] },
      },
    },
    {
      id: 3,
      module: 'http:MakeRequest',
      version: 4,
      mapper: {
        url: `${server.url}/b`,
        method: 'post',
        contentType: 'urlEncoded',
        formDataFields: [{ key: 'q', value: '{{1.name}}' }],
      },
    },
    {
      id: 4,
      module: 'http:MakeRequest',
      version: 4,
      mapper: { url: `${server.url}/c`, method: 'post', contentType: 'json', body: '{"n": 1}' },
    },
  );
  const result = await runBlueprint(blueprint, { input: { name: 'Ada' } });
  expect(result.status).toBe('success');
  const [a, b, c] = server.requests;
  expect(JSON.parse(a.body.toString())).toEqual({ name: 'Ada', tags: ['x'] });
  expect(b.body.toString()).toBe('q=Ada');
  expect(c.body.toString()).toBe('{"n": 1}');
});

test('what has no counterpart is named in a note, by name only; credentials are never imported', () => {
  const converted = fromMake({
    id: 5,
    module: 'http:ActionSendData',
    version: 3,
    parameters: { handleErrors: true, mysteryParameter: 'on' },
    mapper: {
      url: 'https://api.example.com',
      method: 'get',
      authUser: 'ada',
      authPass: 's3cret-pass',
      shareCookies: true,
      useMtls: true,
      ca: '-----BEGIN CERTIFICATE-----',
      gzip: true,
      followAllRedirects: true,
    },
  });
  expect(converted.mapper).toEqual({
    url: 'https://api.example.com',
    method: 'GET',
    parseResponse: false,
    allowNonSuccess: false,
  });
  expect(converted.parameters).toEqual({ connectionRequired: true });
  expect(converted.connection).toEqual({ types: ['basic'], makeParameter: 'mapper.authUser' });
  expect(converted.notes).toEqual([
    'Make followed redirects of every method; here only GET and HEAD redirects are followed',
    'it also presented a client certificate (mutual TLS); one connection here does one kind of authentication',
    'it used Basic authentication in Make; choose or create a connection of type basic here (credentials are not imported)',
    'mapper.shareCookies has no counterpart here and was not imported',
    'mapper.ca has no counterpart here and was not imported',
    'parameters.mysteryParameter has no counterpart here and was not imported',
  ]);
  expect(JSON.stringify(converted)).not.toContain('s3cret-pass');
  expect(JSON.stringify(converted)).not.toContain('BEGIN CERTIFICATE');
});

test('the import reports those notes against the module, and a body type it does not know', () => {
  const { report, blueprint } = imported({
    id: 2,
    module: 'http:MakeRequest',
    version: 4,
    parameters: { authenticationType: 'apiKey', apiKeyKeychain: 991 },
    mapper: {
      url: 'https://api.example.com',
      method: 'post',
      contentType: 'graphql',
      graphqlQuery: '{ me }',
    },
  });
  expect(report.notes).toEqual(
    expect.arrayContaining([
      'Module 2 (http:MakeRequest): its body type has no counterpart here; set the body again',
      'Module 2 (http:MakeRequest): it used API key authentication in Make; choose or create a connection of type apiKey here (credentials are not imported)',
      'Module 2 (http:MakeRequest): mapper.graphqlQuery has no counterpart here and was not imported',
    ]),
  );
  expect(blueprint.flow[1].parameters).toEqual({ connectionRequired: true });
  expect(report.connectionsToChoose).toEqual([
    {
      id: 2,
      module: 'http:MakeRequest',
      path: 'flow[1]',
      types: ['apiKey'],
      makeParameter: 'parameters.apiKeyKeychain',
    },
  ]);
});

test("Make's key for the classic module is named in its notes", () => {
  const { report } = imported({
    id: 2,
    module: 'http:ActionSendData',
    version: 3,
    mapper: { url: 'https://api.example.com', method: 'get', shareCookies: true },
  });
  expect(report.notes).toContain(
    "Module 2 (Make's http:ActionSendData, imported as http:MakeRequest): mapper.shareCookies has no counterpart here and was not imported",
  );
});
