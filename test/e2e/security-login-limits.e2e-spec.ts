import { databaseTargets } from '../support/databases';
import {
  ADMIN,
  dropSharedDatabase,
  sharedDatabase,
  startTestApp,
  type SharedDatabase,
  type TestApp,
} from '../support/app';

// Hole 3 of issue 13: the login limiter lived in one process's memory, so two API processes
// allowed twice the attempts and a restart reset it.
describe.each(databaseTargets())('login limits shared by every process on $name', (target) => {
  let now = Date.UTC(2026, 0, 5, 9);
  const clock = { now: () => now };
  const apps: TestApp[] = [];
  const databases: SharedDatabase[] = [];
  afterAll(async () => {
    for (const a of apps.reverse()) await a.close();
    for (const d of databases) await dropSharedDatabase(d);
  });

  const attempt = (t: TestApp, password: string, email = ADMIN.email) =>
    t.http().post('/api/auth/login').send({ email, password });

  test('ten failures split over two processes block both; a restart does not reset it; the window does', async () => {
    const shared = sharedDatabase(target);
    databases.push(shared);
    const a = await startTestApp(target, clock, undefined, shared);
    const b = await startTestApp(target, clock, undefined, shared);
    apps.push(a, b);
    const user = { email: 'bea@example.com', password: 'bea-password-1' };
    await a
      .http()
      .post('/api/users')
      .set({ Authorization: `Bearer ${a.token}` })
      .send({ ...user, name: 'Bea', role: 'user' })
      .expect(201);
    for (let i = 0; i < 10; i++)
      expect((await attempt(i % 2 ? a : b, `wrong-${i}`, user.email)).status).toBe(401);
    for (const t of [a, b]) {
      const res = await attempt(t, user.password, user.email);
      expect(res.status).toBe(429); // even the right password: the limit holds before checking it
      expect(res.body.message).toMatch(/too many failed logins/);
    }

    await a.close();
    apps.splice(apps.indexOf(a), 1);
    const restarted = await startTestApp(target, clock, undefined, shared);
    apps.push(restarted);
    expect((await attempt(restarted, user.password, user.email)).status).toBe(429);

    now += 15 * 60 * 1000 + 1;
    expect((await attempt(restarted, user.password, user.email)).status).toBe(200);
  });

  test('per account over many addresses, and per address over many accounts', async () => {
    const shared = sharedDatabase(target);
    databases.push(shared);
    // The same rules with smaller numbers (the defaults are 10, 50 and 50).
    const loginLimits = { perAccountAndAddress: 3, perAccount: 5, perAddress: 5 };
    const t = await startTestApp(target, { ...clock, trustProxy: true, loginLimits }, undefined, shared);
    apps.push(t);
    const from = (ip: string, email: string, password: string) =>
      t.http().post('/api/auth/login').set('x-forwarded-for', ip).send({ email, password });
    // One account guessed from 5 addresses, 1 try each: a 6th address is refused too.
    for (let i = 0; i < 5; i++) expect((await from(`10.0.1.${i}`, ADMIN.email, 'nope')).status).toBe(401);
    expect((await from('10.0.2.1', ADMIN.email, ADMIN.password)).status).toBe(429);
    // One address trying 5 unknown accounts: refused for the next account as well.
    for (let i = 0; i < 5; i++)
      expect((await from('10.9.9.9', `u${i}@example.com`, 'nope')).status).toBe(401);
    expect((await from('10.9.9.9', 'other@example.com', 'nope')).status).toBe(429);
    // What is stored says how often, not who.
    const rows: Array<{ subject: string }> = await t.db().query('SELECT subject FROM login_failures');
    expect(rows.some((r) => /example\.com|10\.9\.9\.9/.test(r.subject))).toBe(false);
  });
});
