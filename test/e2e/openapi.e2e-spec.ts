import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// The API contract (issue 16): the served document is complete, is the committed
// docs/openapi.json, and describes what the server really answers.

type Operation = {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
};
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
// The routes marked @Public() (session-free): login, health, OTP and the OAuth callback.
const PUBLIC = [
  'auth_login',
  'health_health',
  'health_ready',
  'appApi_otpRequest',
  'appApi_otpValidation',
  'oAuth_callback',
  'hooks_receive',
  'hooks_receiveGet',
];
const APP_TOKEN = ['appApi_schema', 'appApi_run', 'appApi_records'];

const blueprint = {
  name: 'Contract',
  flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'x', value: '1' } }],
  metadata: { integrator: { format: 1 }, scenario: { roundtrips: 1 } },
};

describe.each(databaseTargets())('the API contract on $name', (target) => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; servers: unknown[]; components: object };
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m] })),
    );
  beforeAll(async () => {
    t = await startTestApp(target);
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t?.close());

  test('the served document is the committed docs/openapi.json (run scripts/openapi.js when not)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8'));
    expect(doc).toEqual(committed);
  });

  test('every operation: a unique id, a 2xx with a schema (or none by design), errors, security', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.length).toBeGreaterThan(100);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of operations()) {
      const where = `${method.toUpperCase()} ${path} (${op.operationId})`;
      expect([where, op.operationId]).toEqual([
        where,
        expect.stringMatching(/^[a-z][A-Za-z]*_[a-z][A-Za-z]*$/),
      ]);
      const success = Object.entries(op.responses).filter(([s]) => /^[23]/.test(s));
      expect([where, success.length > 0]).toEqual([where, true]);
      for (const [status, response] of success) {
        // 204, a 202 acknowledgement with no body and the OAuth redirect carry no body.
        const bodiless = status === '204' || status === '303' || op.operationId === 'appApi_otpRequest';
        const schema = Object.values(response.content ?? {})[0]?.schema;
        expect([where, status, Boolean(schema)]).toEqual([where, status, !bodiless]);
      }
      const isPublic = PUBLIC.includes(op.operationId!);
      if (op.operationId !== 'health_health') {
        const errors = Object.keys(op.responses).filter((s) => /^[45]/.test(s));
        expect([where, errors.length > 0]).toEqual([where, true]);
      }
      const expected = APP_TOKEN.includes(op.operationId!)
        ? [{ appToken: [] }]
        : isPublic
          ? []
          : [{ bearer: [] }];
      expect([where, op.security]).toEqual([where, expected]);
      if (!isPublic) {
        expect([where, op.responses['401']?.$ref]).toEqual([where, '#/components/responses/Unauthorized']);
      }
    }
    expect(doc.servers).toEqual([{ url: 'http://localhost:3000', description: 'This installation' }]);
  });

  test('a bad request answers the shared Error schema, with its fields', async () => {
    const res = await t.http().post('/api/scenarios').set(auth(t.token)).send({ name: 5 }).expect(400);
    const validate = validator('Error');
    expect(validate(res.body)).toBe(true);
    expect(res.body.fields).toContainEqual({ path: 'name', message: 'must be a string' });
  });

  test('real answers match their declared schemas', async () => {
    const h = auth(t.token);
    const created = await t.http().post('/api/scenarios').set(h).send({ name: 'Contract', blueprint });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const hook = (await t.http().post('/api/hooks').set(h).send({ name: 'W' })).body;
    const checks: Array<[string, unknown]> = [
      ['Scenario', created.body],
      ['Scenario', (await t.http().get(`/api/scenarios/${id}`).set(h)).body],
      ['ScenarioList', (await t.http().get('/api/scenarios').set(h)).body],
      ['User', (await t.http().get('/api/auth/me').set(h)).body],
      ['Organization', (await t.http().get('/api/organization').set(h)).body],
      ['Execution', (await t.http().post(`/api/scenarios/${id}/run`).set(h).send({})).body],
      ['ExecutionPage', (await t.http().get('/api/executions').set(h)).body],
      ['DayStats', (await t.http().get('/api/executions/stats').set(h)).body[0]],
      ['ScenarioVersion', (await t.http().get(`/api/scenarios/${id}/versions`).set(h)).body[0]],
      ['NextRuns', (await t.http().get(`/api/scenarios/${id}/schedule/preview`).set(h)).body],
      ['User', (await t.http().get('/api/users').set(h)).body[0]],
      ['Group', (await t.http().post('/api/groups').set(h).send({ name: 'G', userIds: [] })).body],
      ['AppMetadata', (await t.http().get('/api/apps').set(h)).body[0]],
      ['ConnectionTypeMetadata', (await t.http().get('/api/connection-types').set(h)).body[0]],
      ['DataStore', (await t.http().post('/api/datastores').set(h).send({ name: 'D' })).body],
      ['Webhook', hook],
      ['WebhookAck', (await t.http().post(new URL(hook.url).pathname).send({ a: 1 }).expect(202)).body],
      [
        'Objective',
        (
          await t
            .http()
            .post('/api/objectives')
            .set(h)
            .send({ name: 'O', periodStart: '2026-01-01', periodEnd: '2026-12-31' })
        ).body,
      ],
    ];
    for (const [name, body] of checks) {
      const validate = validator(name);
      expect([name, validate(body), validate.errors]).toEqual([name, true, null]);
    }
  });

  test('a body-less POST sent as application/json is no body, not a 400', async () => {
    const h = { ...auth(t.token), 'content-type': 'application/json' };
    const created = await t
      .http()
      .post('/api/scenarios')
      .set(auth(t.token))
      .send({ name: 'Empty', blueprint });
    const id = created.body.id;
    const on = await t.http().post(`/api/scenarios/${id}/activate`).set(h);
    expect([on.status, on.body.active]).toEqual([200, true]);
    const off = await t.http().post(`/api/scenarios/${id}/deactivate`).set(h).send('');
    expect([off.status, off.body.active]).toEqual([200, false]);
    // A route that needs a body still names what is missing, and bad JSON is still a 400.
    const missing = await t.http().post('/api/scenarios').set(h);
    expect(missing.status).toBe(400);
    expect(missing.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'name' })]));
    const bad = await t.http().post('/api/scenarios').set(h).send('{"name":');
    expect(bad.status).toBe(400);
  });

  function validator(name: string) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...doc, $id: 'doc' } as object);
    return ajv.compile({ $ref: `doc#/components/schemas/${name}` });
  }
});
