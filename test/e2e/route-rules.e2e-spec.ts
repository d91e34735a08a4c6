import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppTokenEntity, CheckInEntity, IncompleteExecutionEntity } from '@integrator/persistence';
import { IS_PUBLIC, SUPERUSER_ONLY } from '../../apps/api/src/auth/current-user';
import { ACCESS_RULE, type AccessRule } from '../../apps/api/src/teams/access-rules';
import { ROUTE_RULES } from '../support/route-rules';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

/**
 * Every route of the OpenAPI document, called by a user of each role: the rule each route
 * declares must be the one listed in test/support/route-rules.ts (a new route without a rule,
 * or one whose rule changed, fails here), and the guard must enforce it.
 */
type Role =
  'owner' | 'orgAdmin' | 'teamAdmin' | 'member' | 'operator' | 'monitoring' | 'outsider' | 'outsiderInA';
const ROLES: Role[] = [
  'monitoring',
  'operator',
  'member',
  'teamAdmin',
  'orgAdmin',
  'owner',
  'outsider',
  'outsiderInA',
];
const TEAM_LEVEL: Record<string, number> = { monitoring: 0, operator: 1, member: 2, admin: 3 };
const ROLE_LEVEL: Partial<Record<Role, number>> = {
  monitoring: 0,
  operator: 1,
  member: 2,
  teamAdmin: 3,
  orgAdmin: 3,
  owner: 3,
};

/**
 * Records with a personal owner: a team member who is not that owner may not change them (the
 * fixtures belong to the organisation owner); team admins may.
 */
const OWNER_RESTRICTED = new Set([
  'PUT /api/custom-connectors/{id}',
  'DELETE /api/custom-connectors/{id}',
  'PUT /api/objectives/{id}',
  'DELETE /api/objectives/{id}',
  'PUT /api/key-results/{id}',
  'DELETE /api/key-results/{id}',
  'POST /api/key-results/{id}/automated-check-in',
  'POST /api/check-ins/{id}/confirm',
  'POST /api/check-ins/{id}/discard',
]);

/** What the rule says this role gets: 'allowed', or the refusal's status. */
function expected(key: string, rule: string, role: Role): 'allowed' | 403 | 404 {
  const [kind, level, resource] = rule.split(':');
  if (OWNER_RESTRICTED.has(key) && role === 'member') return 403;
  if (kind === 'auth') return 'allowed';
  if (kind === 'org') return role === 'owner' || (level === 'admin' && role === 'orgAdmin') ? 'allowed' : 403;
  if (role === 'outsiderInA') return 404;
  if (role === 'outsider') return resource ? 404 : 'allowed'; // acts in their own team B
  return ROLE_LEVEL[role]! >= TEAM_LEVEL[level] ? 'allowed' : 403;
}

function ruleText(rule: AccessRule | undefined, isPublic: boolean, legacy: boolean): string | undefined {
  if (isPublic) return 'public';
  if (legacy && !rule) return 'org:admin';
  if (!rule) return undefined;
  if (rule.kind === 'authenticated') return 'auth';
  if (rule.kind === 'org') return `org:${rule.role}`;
  return ['team', rule.role, rule.resource, rule.resource && rule.param !== 'id' ? rule.param : undefined]
    .filter(Boolean)
    .join(':');
}

describe.each(databaseTargets())('route rules on $name', (target) => {
  let t: TestApp;
  let owner: Record<string, string>;
  const tokens = {} as Record<Role, Record<string, string>>;
  const fixture: Record<string, number | string> = {};
  let teamA = 0;
  let upstream: Server;
  let upstreamUrl = '';
  const operations: Array<{ method: string; path: string; rule: string | undefined; key: string }> = [];

  const as = (who: Record<string, string>, method: string, url: string, body?: unknown) => {
    const req = (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)
      [method](url)
      .set(who);
    return body === undefined ? req : req.send(body as object);
  };
  const asOwner = (method: string, url: string, body?: unknown) =>
    as({ ...owner, 'X-Team-Id': String(teamA) }, method, url, body);

  beforeAll(async () => {
    t = await startTestApp(target);
    owner = auth(t.token);
    upstream = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":3}'),
    );
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    teamA = (await as(owner, 'post', '/api/teams', { name: 'Team A' }).expect(201)).body.id;
    const teamB = (await as(owner, 'post', '/api/teams', { name: 'Team B' }).expect(201)).body.id;
    const user = async (role: Role, orgRole: string, teamId: number, teamRole: string) => {
      const email = `${role.toLowerCase()}@example.com`;
      await as(owner, 'post', '/api/users', {
        email,
        name: role,
        password: 'password123',
        role: orgRole,
        teamId,
        teamRole,
      }).expect(201);
      return auth(await t.login(email, 'password123'));
    };
    const roleOf: Record<string, string> = {
      teamAdmin: 'admin',
      member: 'member',
      operator: 'operator',
      monitoring: 'monitoring',
    };
    for (const role of ['teamAdmin', 'member', 'operator', 'monitoring'] as Role[])
      tokens[role] = { ...(await user(role, 'user', teamA, roleOf[role])), 'X-Team-Id': String(teamA) };
    tokens.orgAdmin = { ...(await user('orgAdmin', 'admin', teamB, 'member')), 'X-Team-Id': String(teamA) };
    tokens.owner = { ...owner, 'X-Team-Id': String(teamA) };
    tokens.outsider = await user('outsider', 'user', teamB, 'admin');
    tokens.outsiderInA = { ...tokens.outsider, 'X-Team-Id': String(teamA) };
    await as(owner, 'put', '/api/organization', { integrations: { customConnector: true } }).expect(200);

    const doc = SwaggerModule.createDocument(t.app, new DocumentBuilder().build());
    const handlers = new Map<string, { rule?: AccessRule; isPublic: boolean; legacy: boolean }>();
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const cls = wrapper.metatype as (new (...a: unknown[]) => unknown) | undefined;
        if (!cls) continue;
        for (const name of Object.getOwnPropertyNames(cls.prototype)) {
          const fn = (cls.prototype as Record<string, unknown>)[name];
          if (name === 'constructor' || typeof fn !== 'function') continue;
          const meta = <T>(key: string) =>
            (Reflect.getMetadata(key, fn) ?? Reflect.getMetadata(key, cls)) as T;
          handlers.set(`${cls.name}_${name}`, {
            rule: meta<AccessRule | undefined>(ACCESS_RULE),
            isPublic: Boolean(meta<boolean>(IS_PUBLIC)),
            legacy: Boolean(meta<boolean>(SUPERUSER_ONLY)),
          });
        }
      }
    }
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of ['get', 'post', 'put', 'delete', 'patch'] as const) {
        const op = (item as Record<string, { operationId?: string } | undefined>)[method];
        if (!op) continue;
        const h = handlers.get(op.operationId ?? '');
        operations.push({
          method,
          path,
          key: `${method.toUpperCase()} ${path}`,
          rule: h && ruleText(h.rule, h.isPublic, h.legacy),
        });
      }
    }
    await makeFixtures();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    upstream?.close();
  });

  async function makeFixtures() {
    const post = async (url: string, body: object) => (await asOwner('post', url, body).expect(201)).body;
    fixture.scenario = (await post('/api/scenarios', { name: 'S' })).id;
    fixture.connection = (
      await post('/api/connections', { name: 'C', type: 'bearer', credentials: { token: 'x' } })
    ).id;
    fixture.webhook = (await post('/api/hooks', { name: 'W' })).id;
    fixture.datastore = (await post('/api/datastores', { name: 'D' })).id;
    await asOwner('put', `/api/datastores/${fixture.datastore}/records/k`, { data: {} }).expect(200);
    fixture.customConnector = (
      await post('/api/custom-connectors', { name: 'CC', url: `${upstreamUrl}/v`, fieldPath: 'value' })
    ).id;
    fixture.objective = (
      await post('/api/objectives', { name: 'O', periodStart: '2026-01-01', periodEnd: '2026-03-31' })
    ).id;
    fixture.keyResult = (
      await post('/api/key-results', {
        objectiveId: fixture.objective,
        name: 'K',
        type: 'increase',
        startValue: 0,
        targetValue: 10,
      })
    ).id;
    const run = await asOwner('post', `/api/scenarios/${fixture.scenario}/run`, {}).expect(201);
    fixture.execution = run.body.id;
    const group = (await post('/api/groups', { name: 'G', userIds: [] })).id;
    fixture.group = group;
    fixture.appConnector = (await post('/api/app-connectors', { description: 'A', groupId: group })).id;
    fixture.user = (
      await post('/api/users', {
        email: 'plain@example.com',
        name: 'p',
        password: 'password123',
        role: 'user',
        teamId: teamA,
      })
    ).id;
    fixture.team = teamA;
    fixture.checkIn = await insertCheckIn();
    fixture.incomplete = await insertIncomplete();
    fixture.appToken = await insertAppToken();
  }

  async function insertCheckIn() {
    const repo = t.db().getRepository(CheckInEntity);
    return (
      await repo.save(
        repo.create({
          keyResultId: Number(fixture.keyResult),
          value: 1,
          takenAt: 1,
          source: 'manual',
          status: 'pending',
          createdAt: 1,
        } as unknown as CheckInEntity),
      )
    ).id;
  }
  async function insertIncomplete() {
    const repo = t.db().getRepository(IncompleteExecutionEntity);
    const row = {
      scenarioId: Number(fixture.scenario),
      scenarioVersion: 1,
      executionId: String(fixture.execution),
      moduleId: 1,
      record: {},
      status: 'unresolved',
      createdAt: 1,
      updatedAt: 1,
    };
    return (await repo.save(repo.create(row as unknown as IncompleteExecutionEntity))).id;
  }
  async function insertAppToken() {
    const repo = t.db().getRepository(AppTokenEntity);
    const row = {
      connectorId: Number(fixture.appConnector),
      userId: Number(fixture.user),
      tokenHash: `h${Math.random()}`,
      createdAt: 1,
    };
    return (await repo.save(repo.create(row as unknown as AppTokenEntity))).id;
  }

  /** A fresh record for a call that deletes it, so every role meets an existing one. */
  async function fresh(rule: string, path: string): Promise<number | string | undefined> {
    const resource = rule.split(':')[2];
    const post = async (url: string, body: object) => (await asOwner('post', url, body).expect(201)).body.id;
    const n = Math.random().toString(36).slice(2, 8);
    if (path === '/api/teams/{id}') return post('/api/teams', { name: `T${n}` });
    if (path === '/api/users/{id}')
      return post('/api/users', {
        email: `u${n}@example.com`,
        name: 'u',
        password: 'password123',
        role: 'user',
      });
    if (path === '/api/groups/{id}') return post('/api/groups', { name: `G${n}` });
    switch (resource) {
      case 'scenario':
        return post('/api/scenarios', { name: `S${n}` });
      case 'connection':
        return post('/api/connections', { name: 'C', type: 'bearer', credentials: { token: 'x' } });
      case 'webhook':
        return post('/api/hooks', { name: 'W' });
      case 'datastore':
        return post('/api/datastores', { name: `D${n}` });
      case 'customConnector':
        return post('/api/custom-connectors', { name: 'CC', url: `${upstreamUrl}/v` });
      case 'objective':
        return post('/api/objectives', { name: 'O', periodStart: '2026-01-01', periodEnd: '2026-03-31' });
      case 'keyResult':
        return post('/api/key-results', {
          objectiveId: fixture.objective,
          name: 'K',
          type: 'increase',
          startValue: 0,
          targetValue: 10,
        });
      case 'appConnector':
        return post('/api/app-connectors', { description: 'A', groupId: fixture.group });
      case 'incomplete':
        return insertIncomplete();
      default:
        return undefined;
    }
  }

  async function urlFor(op: (typeof operations)[number], role: Role): Promise<string> {
    const [, , resource, param] = (op.rule ?? '').split(':');
    let id: number | string | undefined = resource ? fixture[resource] : undefined;
    if (op.method === 'delete' && (op.path.endsWith('{id}') || op.path.endsWith('{userId}')))
      id = (await fresh(op.rule ?? '', op.path)) ?? id;
    if (op.path === '/api/users/{id}' && op.method !== 'delete') id = fixture.user;
    if (op.path === '/api/groups/{id}' && op.method !== 'delete') id = fixture.group;
    if (op.path.includes('{userId}') && op.method === 'delete') {
      // Someone to remove from team A.
      const u = await fresh('', '/api/users/{id}');
      await asOwner('put', `/api/teams/${teamA}/members/${u}`, { role: 'member' }).expect(200);
      return op.path.replace('{id}', String(teamA)).replace('{userId}', String(u));
    }
    void role;
    return op.path
      .replace(`{${param ?? 'id'}}`, String(id ?? 999_999))
      .replace('{id}', String(id ?? 999_999))
      .replace('{version}', '1')
      .replace('{key}', 'k')
      .replace('{userId}', String(fixture.user))
      .replace('{teamId}', String(fixture.team))
      .replace('{token}', 'x');
  }

  test('every route states a rule, and it is the one listed', () => {
    expect(operations.length).toBeGreaterThan(90);
    const missing = operations.filter((o) => !o.rule).map((o) => o.key);
    expect(missing).toEqual([]);
    const declared = Object.fromEntries(operations.map((o) => [o.key, o.rule]));
    expect(declared).toEqual(ROUTE_RULES);
  });

  test('each role gets exactly what the rule allows', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      if (!op.rule || op.rule === 'public') continue;
      for (const role of ROLES) {
        if (op.key === 'POST /api/auth/logout') continue; // would end the session the other calls use
        const url = await urlFor(op, role);
        const res = await as(
          tokens[role],
          op.method,
          url,
          op.method === 'get' || op.method === 'delete' ? undefined : {},
        );
        const want = expected(op.key, op.rule, role);
        const guardMissing =
          res.status === 404 &&
          /^[a-z -]+ \S+ not found$/.test(String(res.body?.message)) &&
          !/no version|is not a member/.test(res.body?.message);
        const got =
          res.status === 403
            ? 403
            : guardMissing && want !== 'allowed'
              ? 404
              : res.status === 401
                ? 401
                : 'allowed';
        const ok = want === 'allowed' ? got === 'allowed' && !guardMissing : res.status === want;
        if (!ok)
          wrong.push(
            `${op.key} as ${role}: wanted ${want}, got ${res.status} ${JSON.stringify(res.body?.message ?? '')}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});
