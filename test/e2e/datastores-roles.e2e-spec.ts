import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

describe.each(databaseTargets({ distributed: true }))('data stores and roles on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target);
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  test('a store with a strict structure; scenario writes commit with the cycle and roll back with it', async () => {
    const { body: store } = await t
      .http()
      .post('/api/datastores')
      .set(h)
      .send({
        name: 'Customers',
        strict: true,
        fields: [
          { name: 'email', type: 'text', required: true },
          { name: 'visits', type: 'number', default: 0 },
        ],
      })
      .expect(201);
    const bad = await t
      .http()
      .post(`/api/datastores/${store.id}/records`)
      .set(h)
      .send({ key: 'x', data: { email: 'a@b', extra: 1 } })
      .expect(400);
    expect(bad.body.fields[0].path).toMatch(/^data\.extra/);
    await t
      .http()
      .put(`/api/datastores/${store.id}/records/ada`)
      .set(h)
      .send({ data: { email: 'ada@example.com' } })
      .expect(200);

    const blueprint = (failOn: string) => ({
      flow: [
        { id: 1, module: 'gateway:CustomWebHook' },
        { id: 2, module: 'builtin:BasicFeeder', mapper: { array: '{{1.people}}' } },
        {
          id: 3,
          module: 'datastore:addRecord',
          parameters: { datastore: store.id },
          mapper: { key: '{{2.name}}', data: { email: '{{2.email}}' } },
        },
        { id: 4, module: 'json:ParseJSON', mapper: { json: `{{2.name = '${failOn}' ? 'broken' : '{}'}}` } },
      ],
      metadata: { scenario: { autoCommit: false } },
    });
    const people = {
      people: [
        { name: 'bob', email: 'bob@example.com' },
        { name: 'cy', email: 'cy@example.com' },
      ],
    };
    const { body: failing } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Import people', blueprint: blueprint('cy') })
      .expect(201);
    const run = await t
      .http()
      .post(`/api/scenarios/${failing.id}/run`)
      .set(h)
      .send({ input: people })
      .expect(201);
    expect(run.body.status).toBe('error');
    let records = await t.http().get(`/api/datastores/${store.id}/records`).set(h).expect(200);
    expect(records.body.items.map((r: { key: string }) => r.key)).toEqual(['ada']); // bob's write was rolled back

    await t
      .http()
      .put(`/api/scenarios/${failing.id}`)
      .set(h)
      .send({ blueprint: blueprint('nobody') })
      .expect(200);
    const ok = await t
      .http()
      .post(`/api/scenarios/${failing.id}/run`)
      .set(h)
      .send({ input: people })
      .expect(201);
    expect(ok.body.status).toBe('success');
    records = await t.http().get(`/api/datastores/${store.id}/records?skip=0&take=10`).set(h).expect(200);
    expect(records.body).toMatchObject({ total: 3 });
    expect(records.body.items.find((r: { key: string }) => r.key === 'bob').data).toEqual({
      email: 'bob@example.com',
      visits: 0,
    });
    const listed = await t.http().get('/api/datastores').set(h).expect(200);
    expect(listed.body[0]).toMatchObject({ name: 'Customers', records: 3, usedBytes: expect.any(Number) });
  });

  test('a user builds and runs scenarios but cannot manage users, groups or organisation settings', async () => {
    await t
      .http()
      .post('/api/users')
      .set(h)
      .send({ email: 'user@example.com', name: 'User', password: 'password123', role: 'user' })
      .expect(201);
    const userToken = await t.login('user@example.com', 'password123');
    const u = auth(userToken);
    await t.http().get('/api/users').set(u).expect(403);
    await t
      .http()
      .post('/api/users')
      .set(u)
      .send({ email: 'x@example.com', name: 'X', password: 'password123', role: 'superuser' })
      .expect(403);
    await t.http().post('/api/groups').set(u).send({ name: 'g' }).expect(403);
    await t.http().put('/api/organization').set(u).send({ timezone: 'Europe/Amsterdam' }).expect(403);
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(u)
      .send({
        name: 'Mine',
        blueprint: { flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'a', value: 1 } }] },
      })
      .expect(201);
    const run = await t.http().post(`/api/scenarios/${s.id}/run`).set(u).send({}).expect(201);
    expect(run.body.status).toBe('success');

    const group = await t
      .http()
      .post('/api/groups')
      .set(h)
      .send({ name: 'Outside apps', userIds: [2] })
      .expect(201);
    expect(group.body.userIds).toEqual([2]);
    const org = await t
      .http()
      .put('/api/organization')
      .set(h)
      .send({ timezone: 'Europe/Amsterdam', integrations: { customConnector: true } })
      .expect(200);
    expect(org.body).toMatchObject({ timezone: 'Europe/Amsterdam', integrations: { customConnector: true } });
    // A partial update keeps what it leaves out.
    const renamed = await t.http().put('/api/organization').set(h).send({ name: 'ACME' }).expect(200);
    expect(renamed.body).toMatchObject({
      name: 'ACME',
      timezone: 'Europe/Amsterdam',
      integrations: { customConnector: true },
      executionRetentionDays: 30,
    });
  });

  test('bad input on write routes is a 400 naming the field, and nothing stored is lost', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['post', '/api/users', { email: 'nope', name: 'x', password: 'short', role: 'king' }, 'email'],
      ['post', '/api/groups', { name: '', userIds: [999] }, 'name'],
      ['put', '/api/organization', { timezone: 'Mars/Base' }, 'timezone'],
      ['put', '/api/organization', { executionRetentionDays: 0 }, 'executionRetentionDays'],
      ['post', '/api/connections', { name: 'x', type: 'bearer' }, 'credentials'],
      ['post', '/api/scenarios', { name: 'x', blueprint: [] }, 'blueprint'],
      ['put', '/api/scenarios/1', { folder: 42 }, 'folder'],
      ['post', '/api/scenarios/import', { blueprint: 'text' }, 'blueprint'],
      ['post', '/api/datastores', { name: 'x', fields: [{ name: 'a', type: 'colour' }] }, 'fields.0.type'],
      ['post', '/api/datastores', { name: 'x', maxSizeBytes: -5 }, 'maxSizeBytes'],
    ];
    const before = await t.http().get('/api/scenarios').set(h);
    for (const [method, url, body, field] of cases) {
      const res = await (
        t.http() as unknown as Record<string, (u: string) => ReturnType<ReturnType<TestApp['http']>['get']>>
      )
        [method](url)
        .set(h)
        .send(body as object);
      expect({ url, field, status: res.status }).toEqual({ url, field, status: 400 });
      expect(res.body.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    const after = await t.http().get('/api/scenarios').set(h);
    expect(after.body.items).toEqual(before.body.items);
  });

  test("a user's time zone: set, kept when left out, cleared with null; a bad zone names the field", async () => {
    const { body: created } = await t
      .http()
      .post('/api/users')
      .set(h)
      .send({ email: 'zoned@example.com', name: 'Zoned', password: 'password123', role: 'user' })
      .expect(201);
    const zoneOf = async () =>
      (await t.http().get('/api/users').set(h).expect(200)).body.find(
        (x: { id: number }) => x.id === created.id,
      ).timezone;
    await t.http().put(`/api/users/${created.id}`).set(h).send({ timezone: 'Asia/Tokyo' }).expect(200);
    expect(await zoneOf()).toBe('Asia/Tokyo');
    await t.http().put(`/api/users/${created.id}`).set(h).send({ name: 'Zoned again' }).expect(200);
    expect(await zoneOf()).toBe('Asia/Tokyo');
    await t.http().put(`/api/users/${created.id}`).set(h).send({ timezone: null }).expect(200);
    expect(await zoneOf()).toBeNull();
    const bad = await t
      .http()
      .put(`/api/users/${created.id}`)
      .set(h)
      .send({ timezone: 'Mars/Base' })
      .expect(400);
    expect(bad.body.fields.map((f: { path: string }) => f.path)).toEqual(['timezone']);
    expect(await zoneOf()).toBeNull();
  });
});
