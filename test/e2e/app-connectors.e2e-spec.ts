import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type CapturedLogs, type TestApp } from '../support/app';

const WRONG = 'the code is wrong or has expired; request a new one';
const HOME = '198.51.100.10';

const orderSchema = {
  type: 'object',
  required: ['email', 'amount'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email' },
    amount: { type: 'number', minimum: 1 },
    note: { type: 'string' },
  },
};
const blueprint = {
  flow: [
    { id: 1, module: 'gateway:CustomWebHook', parameters: {} },
    { id: 2, module: 'util:SetVariable2', mapper: { name: 'greeting', value: 'Order from {{1.email}}' } },
  ],
};

describe.each(databaseTargets())('app connectors on $name', (target) => {
  let t: TestApp & { logs: CapturedLogs };
  let h: Record<string, string>;
  let now = Date.UTC(2026, 10, 23, 9, 0, 0);
  const ids = { ada: 0, group: 0, orders: 0, other: 0, draft: 0, store: 0, otherStore: 0, cy: 0 };
  let connector: { id: number; key: string };
  const issued: string[] = [];

  const from = (address: string) => ({ 'X-Forwarded-For': address });
  const bearer = (token: string, address = HOME) => ({ Authorization: `Bearer ${token}`, ...from(address) });

  async function outbox(): Promise<Array<{ id: number; to: string; subject: string; text: string }>> {
    return (await t.http().get('/api/outbox').set(h).expect(200)).body.items;
  }

  async function requestCode(key: string, user: string, address = HOME): Promise<string | undefined> {
    const newest = (await outbox())[0]?.id ?? 0;
    const res = await t
      .http()
      .post('/api/app/otp-request')
      .set(from(address))
      .send({ key, user })
      .expect(202);
    expect(res.text).toBe('');
    const mail = (await outbox())[0];
    return mail && mail.id > newest ? /\b(\d{8})\b/.exec(mail.text)?.[1] : undefined;
  }

  async function tokenFor(email: string, address = HOME): Promise<string> {
    now += 150_000; // stay under the per-user limit of five codes in ten minutes
    const code = await requestCode(connector.key, email, address);
    const res = await t
      .http()
      .post('/api/app/otp-validation')
      .set(from(address))
      .send({ key: connector.key, user: email, code })
      .expect(200);
    issued.push(res.body.token);
    return res.body.token;
  }

  beforeAll(async () => {
    t = await startTestApp(target, { trustProxy: true, now: () => now });
    h = auth(t.token);
    const user = async (email: string) =>
      (
        await t
          .http()
          .post('/api/users')
          .set(h)
          .send({ email, name: email, password: 'password123', role: 'user' })
          .expect(201)
      ).body.id as number;
    ids.ada = await user('ada@example.com');
    await user('bob@example.com');
    ids.cy = await user('cy@example.com');
    ids.group = (
      await t
        .http()
        .post('/api/groups')
        .set(h)
        .send({ name: 'Web shop', userIds: [ids.ada, ids.cy] })
        .expect(201)
    ).body.id;
    const scenario = async (name: string, active: boolean, inputSchema?: object) => {
      const { body } = await t
        .http()
        .post('/api/scenarios')
        .set(h)
        .send({ name, blueprint, inputSchema })
        .expect(201);
      if (active) await t.http().post(`/api/scenarios/${body.id}/activate`).set(h).expect(200);
      return body.id as number;
    };
    ids.orders = await scenario('Order intake', true, orderSchema);
    ids.other = await scenario('Payroll', true);
    ids.draft = await scenario('Draft', false);
    ids.store = (
      await t.http().post('/api/datastores').set(h).send({ name: 'Products' }).expect(201)
    ).body.id;
    ids.otherStore = (
      await t.http().post('/api/datastores').set(h).send({ name: 'Salaries' }).expect(201)
    ).body.id;
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      await t
        .http()
        .put(`/api/datastores/${ids.store}/records/${key}`)
        .set(h)
        .send({ data: { sku: key.toUpperCase() } })
        .expect(200);
    }
  });
  afterAll(() => t?.close());

  test('a new connector is blocked and refuses everything until a super user unblocks it', async () => {
    const created = await t
      .http()
      .post('/api/app-connectors')
      .set(h)
      .send({
        description: 'Web shop',
        groupId: ids.group,
        scenarioIds: [ids.orders, ids.draft],
        dataStoreIds: [ids.store],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      blocked: true,
      ipRules: null,
      scenarioIds: [ids.orders, ids.draft],
      key: expect.stringMatching(/^ac_[\w-]{32}$/),
    });
    connector = created.body;
    const refused = await t
      .http()
      .post('/api/app/otp-request')
      .send({ key: connector.key, user: 'ada@example.com' })
      .expect(403);
    expect(refused.body.message).toMatch(/blocked/);
    await t
      .http()
      .post('/api/app/otp-validation')
      .send({ key: connector.key, user: 'ada@example.com', code: '12345678' })
      .expect(403);
    expect(await outbox()).toEqual([]);

    const unblocked = await t
      .http()
      .put(`/api/app-connectors/${connector.id}`)
      .set(h)
      .send({ blocked: false })
      .expect(200);
    expect(unblocked.body.blocked).toBe(false);
    const token = await tokenFor('ada@example.com');
    await t.http().put(`/api/app-connectors/${connector.id}`).set(h).send({ blocked: true }).expect(200);
    const blocked = await t
      .http()
      .get(`/api/app/scenarios/${ids.orders}/schema`)
      .set(bearer(token))
      .expect(403);
    expect(blocked.body.message).toMatch(/blocked/);
    await t.http().put(`/api/app-connectors/${connector.id}`).set(h).send({ blocked: false }).expect(200);
    await t.http().get(`/api/app/scenarios/${ids.orders}/schema`).set(bearer(token)).expect(200);
  });

  test('bad connector settings are a 400 naming each field; only super users manage connectors', async () => {
    const bad = await t
      .http()
      .post('/api/app-connectors')
      .set(h)
      .send({
        description: 'x',
        groupId: 999,
        scenarioIds: [ids.orders, 4242],
        ipRules: { allow: ['10.0.0.0/8', '2001:db8::/32', '10.0.0.300'] },
      })
      .expect(400);
    expect(bad.body.fields).toEqual([
      { path: 'groupId', message: 'user group 999 does not exist' },
      { path: 'scenarioIds[1]', message: 'scenario 4242 does not exist' },
      {
        path: 'ipRules.allow[2]',
        message: 'not an IPv4/IPv6 address, CIDR range, or IPv4 address with a subnet mask',
      },
    ]);
    const both = await t
      .http()
      .put(`/api/app-connectors/${connector.id}`)
      .set(h)
      .send({ ipRules: { allow: ['1.2.3.4'], deny: ['5.6.7.8'] } })
      .expect(400);
    expect(both.body.fields).toEqual([
      { path: 'ipRules', message: 'use either an allow-list or a deny-list, not both' },
    ]);
    await t.http().post('/api/app-connectors').set(h).send({ groupId: ids.group }).expect(400);
    await t.http().put(`/api/app-connectors/${connector.id}`).set(h).send({ key: 'mine' }).expect(400);

    const userToken = await t.login('ada@example.com', 'password123');
    for (const url of ['/api/app-connectors', `/api/app-connectors/${connector.id}/tokens`, '/api/outbox']) {
      await t.http().get(url).set(auth(userToken)).expect(403);
    }
    expect((await t.http().get('/api/app-connectors').set(h).expect(200)).body).toHaveLength(1);
  });

  test('OTP self-registration end to end through the outbox; only hashes are stored', async () => {
    now += 600_000;
    const code = await requestCode(connector.key, 'ada@example.com');
    expect(code).toMatch(/^\d{8}$/);
    const mail = (await outbox())[0];
    expect(mail).toMatchObject({ to: 'ada@example.com', subject: 'Web shop: your one-time code' });
    expect(t.logs.lines.join('\n')).toContain('kept in the outbox');

    const res = await t
      .http()
      .post('/api/app/otp-validation')
      .set(from(HOME))
      .send({ key: connector.key, user: 'ada@example.com', code })
      .expect(200);
    expect(res.body.token).toMatch(/^itgapp_/);
    issued.push(res.body.token);
    const run = await t
      .http()
      .post(`/api/app/scenarios/${ids.orders}/run`)
      .set(bearer(res.body.token))
      .send({ input: { email: 'zoe@example.com', amount: 3 } })
      .expect(201);
    expect(run.body).toMatchObject({
      status: 'success',
      trigger: 'api',
      input: { email: 'zoe@example.com', amount: 3 },
    });
    expect(run.body.modules.find((m: { id: number }) => m.id === 2).ops[0].output).toEqual([
      { greeting: 'Order from zoe@example.com' },
    ]);

    const tokens = await t.http().get(`/api/app-connectors/${connector.id}/tokens`).set(h).expect(200);
    expect(tokens.body.at(-1)).toMatchObject({
      userEmail: 'ada@example.com',
      active: true,
      revokedAt: null,
      lastUsedAt: now,
    });
    const stored = JSON.stringify([
      await t.db().query('SELECT * FROM app_tokens'),
      await t.db().query('SELECT * FROM app_otps'),
    ]);
    for (const secret of [...issued, code!]) expect(stored).not.toContain(secret);
  });

  test('the OTP request answers the same for a wrong key, an unknown user and a user outside the group', async () => {
    const before = (await outbox())[0]?.id;
    for (const body of [
      { key: 'ac_wrong', user: 'ada@example.com' },
      { key: connector.key, user: 'nobody@example.com' },
      { key: connector.key, user: 'bob@example.com' },
    ]) {
      const res = await t.http().post('/api/app/otp-request').set(from(HOME)).send(body).expect(202);
      expect(res.text).toBe('');
    }
    expect((await outbox())[0]?.id).toBe(before);
    const bob = await t
      .http()
      .post('/api/app/otp-validation')
      .set(from(HOME))
      .send({ key: connector.key, user: 'bob@example.com', code: '00000000' })
      .expect(401);
    expect(bob.body.message).toBe(WRONG);
  });

  test('wrong, reused and expired codes fail alike; attempts and requests are limited', async () => {
    const validate = (code: string | undefined, key = connector.key) =>
      t.http().post('/api/app/otp-validation').set(from(HOME)).send({ key, user: 'ada@example.com', code });
    now += 600_000;
    const code = await requestCode(connector.key, 'ada@example.com');
    const wrong = code === '00000000' ? '00000001' : '00000000';
    expect((await validate(wrong).expect(401)).body.message).toBe(WRONG);
    expect((await validate(code, 'ac_wrong').expect(401)).body.message).toBe(WRONG);
    issued.push((await validate(code).expect(200)).body.token);
    expect((await validate(code).expect(401)).body.message).toBe(WRONG); // reused

    const late = await requestCode(connector.key, 'ada@example.com');
    now += 10 * 60_000 + 1;
    expect((await validate(late).expect(401)).body.message).toBe(WRONG); // expired

    const guessed = await requestCode(connector.key, 'ada@example.com');
    for (let i = 0; i < 5; i++) await validate(wrong).expect(401);
    expect((await validate(guessed).expect(401)).body.message).toBe(WRONG); // attempts used up

    now += 10 * 60_000 + 1;
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(await requestCode(connector.key, 'ada@example.com'));
    expect(codes.filter(Boolean)).toHaveLength(5);
    expect(codes[5]).toBeUndefined();
    expect((await validate(codes[3]).expect(401)).body.message).toBe(WRONG); // only the newest code counts
    issued.push((await validate(codes[4]).expect(200)).body.token);
  });

  test('input schema: published, enforced with every failing field named; sync and async runs', async () => {
    now += 600_000;
    const token = await tokenFor('ada@example.com');
    const schema = await t
      .http()
      .get(`/api/app/scenarios/${ids.orders}/schema`)
      .set(bearer(token))
      .expect(200);
    expect(schema.body).toEqual(orderSchema);
    const bad = await t
      .http()
      .post(`/api/app/scenarios/${ids.orders}/run`)
      .set(bearer(token))
      .send({ input: { email: 'not-mail', amount: 0, colour: 'red' } })
      .expect(400);
    expect(bad.body.fields).toEqual(
      expect.arrayContaining([
        { path: 'input.email', message: 'must match format "email"' },
        { path: 'input.amount', message: 'must be >= 1' },
        { path: 'input.colour', message: 'is not allowed' },
      ]),
    );
    const missing = await t
      .http()
      .post(`/api/app/scenarios/${ids.orders}/run`)
      .set(bearer(token))
      .send({})
      .expect(400);
    expect(missing.body.fields.map((f: { path: string }) => f.path)).toEqual(['input.email', 'input.amount']);
    const queued = await t
      .http()
      .post(`/api/app/scenarios/${ids.orders}/run?async=true`)
      .set(bearer(token))
      .send({ input: { email: 'a@example.com', amount: 1 } })
      .expect(202);
    expect(queued.body.executionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('disallowed scenarios and data stores are refused; inactive scenarios do not run; data store paging', async () => {
    const token = await tokenFor('ada@example.com');
    const other = await t
      .http()
      .post(`/api/app/scenarios/${ids.other}/run`)
      .set(bearer(token))
      .send({ input: {} })
      .expect(403);
    expect(other.body.message).toBe(`this app connector may not run scenario ${ids.other}`);
    await t.http().get(`/api/app/scenarios/${ids.other}/schema`).set(bearer(token)).expect(403);
    const draft = await t
      .http()
      .post(`/api/app/scenarios/${ids.draft}/run`)
      .set(bearer(token))
      .send({ input: {} })
      .expect(409);
    expect(draft.body.message).toMatch(/not active/);
    expect(
      (await t.http().get(`/api/app/scenarios/${ids.draft}/schema`).set(bearer(token)).expect(200)).body,
    ).toEqual({});
    const salaries = await t
      .http()
      .get(`/api/app/datastores/${ids.otherStore}/records`)
      .set(bearer(token))
      .expect(403);
    expect(salaries.body.message).toBe(`this app connector may not read data store ${ids.otherStore}`);

    const page = await t
      .http()
      .get(`/api/app/datastores/${ids.store}/records?skip=1&take=2`)
      .set(bearer(token))
      .expect(200);
    expect(page.body).toMatchObject({ total: 5, skip: 1, take: 2 });
    expect(page.body.items.map((r: { key: string; data: { sku: string } }) => [r.key, r.data.sku])).toEqual([
      ['b', 'B'],
      ['c', 'C'],
    ]);
    const last = await t
      .http()
      .get(`/api/app/datastores/${ids.store}/records?skip=4&take=2`)
      .set(bearer(token))
      .expect(200);
    expect(last.body.items.map((r: { key: string }) => r.key)).toEqual(['e']);
    const badPage = await t
      .http()
      .get(`/api/app/datastores/${ids.store}/records?take=0`)
      .set(bearer(token))
      .expect(400);
    expect(badPage.body.fields[0].path).toBe('take');
  });

  test('IP allow- and deny-lists: IPv4, IPv6, CIDR and IPv4-mapped addresses', async () => {
    const token = await tokenFor('ada@example.com');
    const schemaFrom = (address: string) =>
      t.http().get(`/api/app/scenarios/${ids.orders}/schema`).set(bearer(token, address));
    const allow = await t
      .http()
      .put(`/api/app-connectors/${connector.id}`)
      .set(h)
      .send({ ipRules: { allow: ['203.0.113.0/24', '2001:db8::/32', '192.0.2.7'] } })
      .expect(200);
    expect(allow.body.ipRules).toEqual({ allow: ['203.0.113.0/24', '2001:db8::/32', '192.0.2.7'] });
    for (const ok of ['203.0.113.5', '192.0.2.7', '2001:db8::42', '::ffff:203.0.113.9'])
      await schemaFrom(ok).expect(200);
    for (const refused of ['192.0.2.8', '2001:db9::1', '::ffff:198.51.100.7']) {
      expect((await schemaFrom(refused).expect(403)).body.message).toBe(
        `requests from ${refused} are not allowed for this app connector`,
      );
    }
    await t
      .http()
      .post('/api/app/otp-request')
      .set(from('192.0.2.8'))
      .send({ key: connector.key, user: 'ada@example.com' })
      .expect(403);

    await t
      .http()
      .put(`/api/app-connectors/${connector.id}`)
      .set(h)
      .send({ ipRules: { deny: ['::ffff:198.51.100.0/120', '2001:db8:bad::/48'] } })
      .expect(200);
    for (const refused of ['198.51.100.7', '::ffff:198.51.100.200', '2001:db8:bad::1'])
      await schemaFrom(refused).expect(403);
    for (const ok of ['192.0.2.8', '2001:db8::1', '203.0.113.5']) await schemaFrom(ok).expect(200);
    await t.http().put(`/api/app-connectors/${connector.id}`).set(h).send({ ipRules: null }).expect(200);
    await schemaFrom(HOME).expect(200);
  });

  test('revoked tokens and tokens of users who left the group stop working', async () => {
    const ada = await tokenFor('ada@example.com');
    const cy = await tokenFor('cy@example.com');
    const list = await t.http().get(`/api/app-connectors/${connector.id}/tokens`).set(h).expect(200);
    const adaToken = list.body.filter((x: { userEmail: string }) => x.userEmail === 'ada@example.com').at(-1);
    await t.http().delete(`/api/app-tokens/${adaToken.id}`).set(h).expect(204);
    const revoked = await t
      .http()
      .get(`/api/app/scenarios/${ids.orders}/schema`)
      .set(bearer(ada))
      .expect(401);
    expect(revoked.body.message).toMatch(/revoked/);
    const after = await t.http().get(`/api/app-connectors/${connector.id}/tokens`).set(h).expect(200);
    expect(after.body.find((x: { id: number }) => x.id === adaToken.id)).toMatchObject({
      active: false,
      revokedAt: now,
    });

    await t.http().get(`/api/app/scenarios/${ids.orders}/schema`).set(bearer(cy)).expect(200);
    await t
      .http()
      .put(`/api/groups/${ids.group}`)
      .set(h)
      .send({ userIds: [ids.ada] })
      .expect(200);
    const left = await t.http().get(`/api/app/scenarios/${ids.orders}/schema`).set(bearer(cy)).expect(403);
    expect(left.body.message).toMatch(/no longer a member/);
    expect(await requestCode(connector.key, 'cy@example.com')).toBeUndefined();
  });

  test('app tokens and session tokens do not mix; deleting a connector ends its tokens; no token is logged', async () => {
    const token = await tokenFor('ada@example.com');
    const missing = await t.http().get(`/api/app/scenarios/${ids.orders}/schema`).expect(401);
    expect(missing.body.message).toMatch(/app token is required/);
    const session = await t
      .http()
      .get(`/api/app/scenarios/${ids.orders}/schema`)
      .set(auth(t.token))
      .expect(401);
    expect(session.body.message).toMatch(/not an app token/);
    await t.http().get('/api/scenarios').set(auth(token)).expect(401);
    await t.http().get(`/api/app/scenarios/${ids.orders}/schema`).set(bearer('itgapp_forged')).expect(401);

    await t.http().delete(`/api/app-connectors/${connector.id}`).set(h).expect(204);
    await t.http().get(`/api/app/scenarios/${ids.orders}/schema`).set(bearer(token)).expect(401);
    await t.http().get(`/api/app-connectors/${connector.id}`).set(h).expect(404);
    const logged = t.logs.lines.join('\n');
    for (const secret of issued) expect(logged).not.toContain(secret);
  });
});
