import { databaseTargets } from '../support/databases';
import { ADMIN, auth, startTestApp, type TestApp } from '../support/app';

const SECRET = 'AUDIT-SECRET-91be';

describe.each(databaseTargets())('audit log on $name', (target) => {
  let t: TestApp;
  let owner: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(target);
    owner = auth(t.token);
  });
  afterAll(() => t?.close());

  const audit = async (who: Record<string, string>, query = '') =>
    (await t.http().get(`/api/audit${query}`).set(who).expect(200)).body as {
      items: Array<{
        action: string;
        actorEmail: string;
        teamId: number | null;
        targetId: string | null;
        details: Record<string, unknown>;
      }>;
      total: number;
    };

  test('logins, memberships, roles, connections and scenarios are recorded; admins read them, paged and filtered', async () => {
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: ADMIN.email, password: 'wrong password' })
      .expect(401);
    const teamA = (await t.http().post('/api/teams').set(owner).send({ name: 'A' }).expect(201)).body.id;
    const teamB = (await t.http().post('/api/teams').set(owner).send({ name: 'B' }).expect(201)).body.id;
    const mk = async (email: string, teamId: number, teamRole: string) => {
      const id = (
        await t
          .http()
          .post('/api/users')
          .set(owner)
          .send({ email, name: email, password: 'password123', role: 'user', teamId, teamRole })
          .expect(201)
      ).body.id as number;
      return { id, h: auth(await t.login(email, 'password123')) };
    };
    const alice = await mk('alice@example.com', teamA, 'admin');
    const carl = await mk('carl@example.com', teamA, 'member');
    const bob = await mk('bob@example.com', teamB, 'admin');
    await t
      .http()
      .put(`/api/teams/${teamA}/members/${carl.id}`)
      .set(alice.h)
      .send({ role: 'operator' })
      .expect(200);
    await t.http().put(`/api/users/${carl.id}`).set(owner).send({ role: 'admin' }).expect(200);
    await t.http().put(`/api/users/${carl.id}`).set(owner).send({ role: 'user' }).expect(200);

    const conn = (
      await t
        .http()
        .post('/api/connections')
        .set(alice.h)
        .send({ name: 'API', type: 'bearer', credentials: { token: SECRET } })
        .expect(201)
    ).body.id;
    await t
      .http()
      .put(`/api/connections/${conn}`)
      .set(alice.h)
      .send({ credentials: { token: `${SECRET}2` } })
      .expect(200);
    const flow = [
      {
        id: 1,
        module: 'http:MakeRequest',
        version: 4,
        parameters: { connection: conn },
        mapper: { url: 'http://127.0.0.1:9/', method: 'GET' },
      },
    ];
    const scenario = (
      await t.http().post('/api/scenarios').set(alice.h).send({ name: 'S', blueprint: { flow } }).expect(201)
    ).body.id;
    await t.http().put(`/api/scenarios/${scenario}`).set(alice.h).send({ name: 'S2' }).expect(200); // same connection: not "used" again
    await t.http().post(`/api/scenarios/${scenario}/activate`).set(alice.h).expect(200);

    const all = await audit(owner, '?pageSize=200');
    const actions = all.items.map((i) => i.action);
    for (const a of [
      'login',
      'login.failed',
      'team.created',
      'user.created',
      'team.member_set',
      'user.role_changed',
      'connection.created',
      'connection.changed',
      'scenario.saved',
      'connection.used',
      'scenario.activated',
    ])
      expect(actions).toContain(a);
    expect(actions.filter((a) => a === 'connection.used')).toHaveLength(1);
    expect(all.items.find((i) => i.action === 'login.failed')).toMatchObject({ actorEmail: ADMIN.email });
    expect(
      all.items.find((i) => i.action === 'team.member_set' && i.targetId === String(carl.id)),
    ).toMatchObject({
      actorEmail: 'alice@example.com',
      teamId: teamA,
      details: { role: 'operator', previous: 'member' },
    });
    expect(all.items.filter((i) => i.action === 'user.role_changed').map((i) => i.details)).toEqual([
      { from: 'admin', to: 'user' }, // newest first
      { from: 'user', to: 'admin' },
    ]);
    expect(all.items.find((i) => i.action === 'connection.changed')?.details).toEqual({
      name: 'API',
      credentialFields: ['token'],
    });
    expect(JSON.stringify(await t.db().query('SELECT * FROM audit_log'))).not.toContain(SECRET);

    // Filters and paging.
    const used = await audit(owner, `?action=connection.used&team=${teamA}`);
    expect(used.items).toEqual([
      expect.objectContaining({ action: 'connection.used', details: { connectionId: conn, name: 'S' } }),
    ]);
    const page = await audit(owner, '?pageSize=2&page=2');
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(all.total);
    await t.http().get('/api/audit?pageSize=500').set(owner).expect(400);

    // A team admin reads their team's events only; members and operators not at all.
    const mine = await audit(alice.h, '?pageSize=200');
    expect(mine.items.length).toBeGreaterThan(3);
    expect(mine.items.every((i) => i.teamId === teamA)).toBe(true);
    const bobs = await audit(bob.h, '?pageSize=200');
    expect(bobs.items.every((i) => i.teamId === teamB)).toBe(true);
    await t.http().get('/api/audit').set(carl.h).expect(403);
  });
});
