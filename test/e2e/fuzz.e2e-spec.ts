import type { DataSource } from 'typeorm';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type CapturedLogs, type TestApp } from '../support/app';
import { fuzzBody, pathValue, queryString, rng, type FuzzBody, type Random } from '../support/fuzz';

// Issue 13: 2,000 requests with bodies of random shape, depth, size and encoding, on every route
// of the OpenAPI document (and the webhook address), signed in as the super user and not at all.
// None may answer 500, and the stored data must be unchanged: every body is invalid by
// construction (an undeclared field, a wrong type, a path id that does not exist), so nothing
// may be written. A fixed seed makes every failure reproducible.
const SEED = 20261204;
const REQUESTS = 2000;

// Rows that requests may write without changing data: sessions, failed logins, migrations.
const VOLATILE = new Set(['sessions', 'login_failures', 'migrations', 'sqlite_sequence', 'workers']);

interface Route {
  method: string;
  path: string;
}

const [sqlite] = databaseTargets();

describe('fuzzing the API', () => {
  let t: TestApp & { logs: CapturedLogs };
  let routes: Route[];
  beforeAll(async () => {
    t = await startTestApp(sqlite);
    const h = auth(t.token);
    // Something to protect: a scenario, a connection, a data store, a hook whose requests all
    // lack a required field (so webhook bodies are parsed and checked, never stored).
    await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Kept', blueprint: { flow: [] } })
      .expect(201);
    await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({ name: 'Kept', type: 'bearer', credentials: { token: 'kept' } })
      .expect(201);
    const hook = await t
      .http()
      .post('/api/hooks')
      .set(h)
      .send({ name: 'Fuzzed', requiredFields: ['never.sent.field'] })
      .expect(201);
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    );
    routes.push(
      { method: 'POST', path: new URL(hook.body.url).pathname },
      { method: 'POST', path: '/hooks/{token}' },
    );
  });
  afterAll(() => t?.close());

  test(`${REQUESTS} fuzzed requests: no 500, and the stored data is unchanged`, async () => {
    expect(routes.length).toBeGreaterThan(60);
    const before = await snapshot(t.db());
    // Planned in full first: the seed alone decides every request, whatever the timing.
    const random = rng(SEED);
    const plan = Array.from({ length: REQUESTS }, (_, n) => planOne(routes, random, n));
    const failures: string[] = [];
    let next = 0;
    // A few at a time: realistic interleaving, and the suite stays well under a minute.
    const worker = async () => {
      while (next < plan.length) {
        const failure = await send(t, plan[next++]);
        if (failure) failures.push(failure);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(failures.slice(0, 20)).toEqual([]);
    const after = await snapshot(t.db());
    for (const table of Object.keys(before)) expect([table, after[table]]).toEqual([table, before[table]]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(t.logs.lines.filter((l) => /Internal Server Error|"level":50/.test(l)).slice(0, 5)).toEqual([]);
  }, 120_000);
});

interface Planned {
  n: number;
  method: string;
  url: string;
  signedIn: boolean;
  token?: string;
  idempotencyKey?: string;
  body: FuzzBody;
}

function planOne(routes: Route[], random: Random, n: number): Planned {
  const route = routes[random.int(routes.length)];
  // Logging out signed in would end the session the rest of the run uses.
  const signedIn = route.path !== '/api/auth/logout' && random.chance(0.6);
  const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(pathValue(random)));
  return {
    n,
    method: route.method,
    url: path + queryString(random),
    signedIn,
    token: !signedIn && random.chance(0.1) ? 'itg_' + 'x'.repeat(random.int(80)) : undefined,
    idempotencyKey: random.chance(0.05) ? 'k'.repeat(random.int(300)) : undefined,
    // An update with no body at all is a valid empty update (it only touches updatedAt).
    body: fuzzBody(random, { required: route.method === 'PUT' || route.method === 'PATCH' }),
  };
}

async function send(t: TestApp, p: Planned): Promise<string | undefined> {
  let req = t.http()[p.method.toLowerCase() as 'post'](p.url);
  if (p.signedIn) req = req.set(auth(t.token));
  else if (p.token) req = req.set(auth(p.token));
  if (p.body.contentType) req = req.set('content-type', p.body.contentType);
  if (p.idempotencyKey) req = req.set('idempotency-key', p.idempotencyKey);
  const res = p.body.payload === undefined ? await req : await req.send(p.body.payload);
  if (res.status >= 500)
    return `#${p.n} ${p.method} ${p.url.slice(0, 120)} (${p.signedIn ? 'signed in' : 'anonymous'}, ${p.body.kind}): ${res.status} ${res.text.slice(0, 200)}`;
  return undefined;
}

/** Every table's rows, in a stable order (the data the fuzzing must not change). */
async function snapshot(db: DataSource): Promise<Record<string, unknown[]>> {
  const tables: Array<{ name: string }> = await db.query(
    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
  );
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    if (VOLATILE.has(name)) continue;
    const rows: Array<Record<string, unknown>> = await db.query(`SELECT * FROM "${name}"`);
    out[name] = rows.map((r) => JSON.stringify(name === 'users' ? { ...r, lastLoginAt: null } : r)).sort();
  }
  return out;
}
