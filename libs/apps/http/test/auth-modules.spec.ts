import { importBlueprint, type Blueprint } from '@integrator/engine';
import type { ResolvedConnection } from '@integrator/sdk';
import { json, startServer, type FakeServer } from '../../../engine/test/http/fake-server';
import { registry, runBlueprint } from './run-http';

// Make's authenticated request modules (version 3 keys, and version 4's authentication types)
// import onto http:MakeRequest, marked as needing a connection of the right type; the import
// report says which. Run with such a connection, the request carries the credential.

let server: FakeServer;
beforeAll(async () => {
  server = await startServer((req, res) =>
    json(res, 200, { auth: req.headers.authorization ?? null, key: req.headers['x-api-key'] ?? null }),
  );
});
afterAll(() => server.close());
beforeEach(() => (server.requests.length = 0));
const last = () => server.requests[server.requests.length - 1];

function makeExport(module: Record<string, unknown>) {
  return {
    name: 'From Make',
    flow: [{ id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: { __IMTHOOK__: 1 } }, module],
    metadata: { instant: true, version: 1, scenario: { roundtrips: 1 }, zone: 'eu1.make.com' },
  };
}

// The cases are listed before the server starts: its address is filled in at import time.
const SERVER = 'http://server.invalid';

function importOne(module: Record<string, unknown>) {
  const exported = JSON.parse(
    JSON.stringify(makeExport({ id: 2, ...module })).replaceAll(SERVER, server.url),
  );
  const { blueprint, report } = importBlueprint(exported, registry);
  blueprint.flow[0].parameters = {};
  return { blueprint: blueprint as Blueprint, report };
}

const v3 = (module: string, parameters: Record<string, unknown>) => ({
  module,
  version: 3,
  parameters: { handleErrors: true, ...parameters },
  mapper: {
    url: `${SERVER}/items`,
    method: 'get',
    qs: [{ name: 'page', value: '2' }],
    parseResponse: true,
  },
});

const v4 = (authenticationType: string, parameters: Record<string, unknown> = {}) => ({
  module: 'http:MakeRequest',
  version: 4,
  parameters: { authenticationType, ...parameters },
  mapper: { url: `${SERVER}/items`, method: 'get', parseResponse: true },
});

describe.each([
  [
    'http:ActionSendDataAPIKeyAuth',
    v3('http:ActionSendDataAPIKeyAuth', { auth: 7 }),
    ['apiKey'],
    'parameters.auth',
  ],
  [
    'http:ActionSendDataBasicAuth',
    v3('http:ActionSendDataBasicAuth', { key: 8 }),
    ['basic'],
    'parameters.key',
  ],
  [
    'http:ActionSendDataOAuth',
    v3('http:ActionSendDataOAuth', { account: 9 }),
    ['oauth2AuthorizationCode', 'oauth2ClientCredentials'],
    'parameters.account',
  ],
  [
    'http:ActionSendDataClientCertAuth',
    v3('http:ActionSendDataClientCertAuth', { key: 10 }),
    ['clientCertificate'],
    'parameters.key',
  ],
  ['v4 apiKey', v4('apiKey', { apiKeyKeychain: 3 }), ['apiKey'], 'parameters.apiKeyKeychain'],
  ['v4 basicAuth', v4('basicAuth', { basicAuthKeychain: 4 }), ['basic'], 'parameters.basicAuthKeychain'],
  [
    'v4 oAuth',
    v4('oAuth', { oAuthConnection: 5 }),
    ['oauth2AuthorizationCode', 'oauth2ClientCredentials'],
    'parameters.oAuthConnection',
  ],
])('%s', (_name, module, types, makeParameter) => {
  test('imports onto http:MakeRequest needing a connection; the report names its types', () => {
    const { blueprint, report } = importOne(module);
    expect(report.unknownModules).toEqual([]);
    expect(blueprint.flow[1]).toMatchObject({
      module: 'http:MakeRequest',
      parameters: { connectionRequired: true },
    });
    const entry = report.connectionsToChoose.find((c) => c.id === 2);
    expect(entry).toMatchObject({ module: 'http:MakeRequest', path: 'flow[1]', types, makeParameter });
    if (module.module !== 'http:MakeRequest') expect(entry?.makeModule).toBe(module.module);
    // Make's keychain ids never reach our parameters.
    expect(Object.keys(blueprint.flow[1].parameters ?? {}).sort()).toEqual(['connectionRequired']);
  });

  test('without a connection it fails at run time, naming the module', async () => {
    const { blueprint } = importOne(module);
    const result = await runBlueprint(blueprint);
    const op = result.modules.find((m) => m.id === 2)!.ops[0];
    expect(op.error?.message).toMatch(/module 2 needs a connection/);
    expect(server.requests).toHaveLength(0);
  });
});

function withConnection(blueprint: Blueprint, id: string): Blueprint {
  blueprint.flow[1].parameters = { ...blueprint.flow[1].parameters, connection: id };
  return blueprint;
}

test('the imported API-key module sends the key in a header or the query, as the connection says', async () => {
  const { blueprint } = importOne(v3('http:ActionSendDataAPIKeyAuth', { auth: 7 }));
  const header: ResolvedConnection = {
    id: 'k1',
    type: 'apiKey',
    credentials: { name: 'X-Api-Key', value: 'key-123', placement: 'header' },
  };
  await runBlueprint(withConnection(blueprint, 'k1'), { connection: header });
  expect(last().headers['x-api-key']).toBe('key-123');
  expect(last().query.get('page')).toBe('2');

  const query: ResolvedConnection = {
    id: 'k2',
    type: 'apiKey',
    credentials: { name: 'api_key', value: 'key-456', placement: 'query' },
  };
  await runBlueprint(withConnection(blueprint, 'k2'), { connection: query });
  expect(last().query.get('api_key')).toBe('key-456');
  expect(last().headers['x-api-key']).toBeUndefined();
});

test('the imported basic-auth and OAuth modules send Basic and Bearer authorization', async () => {
  const basic = importOne(v3('http:ActionSendDataBasicAuth', { key: 8 })).blueprint;
  await runBlueprint(withConnection(basic, 'b'), {
    connection: { id: 'b', type: 'basic', credentials: { username: 'ada', password: 'pw:1' } },
  });
  expect(last().headers.authorization).toBe(`Basic ${Buffer.from('ada:pw:1').toString('base64')}`);

  const oauth = importOne(v4('oAuth')).blueprint;
  const result = await runBlueprint(withConnection(oauth, 'o'), {
    connection: {
      id: 'o',
      type: 'oauth2AuthorizationCode',
      credentials: {
        authorizeUrl: 'https://idp.example/authorize',
        tokenUrl: 'https://idp.example/token',
        clientId: 'c',
        clientSecret: 's',
        accessToken: 'at-789',
      },
    },
  });
  expect(last().headers.authorization).toBe('Bearer at-789');
  // The token is redacted from what the run keeps.
  expect(JSON.stringify(result.modules)).not.toContain('at-789');
});

test('an authentication type Make has and we do not know is named, never dropped', () => {
  const { report, blueprint } = importOne(v4('digestAuth'));
  expect(blueprint.flow[1].parameters).toEqual({ connectionRequired: true });
  expect(report.notes).toContain(
    'Module 2 (http:MakeRequest): its authentication type "digestAuth" is not known here; choose a connection that fits',
  );
  expect(report.connectionsToChoose[0]).toMatchObject({ id: 2, types: [] });
});

test('noAuth and the plain module need no connection', () => {
  const { report, blueprint } = importOne(v4('noAuth'));
  expect(blueprint.flow[1].parameters).toEqual({});
  expect(report.connectionsToChoose).toEqual([]);
});
