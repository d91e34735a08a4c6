import { builtinApps } from '@integrator/apps/builtin';
import {
  compileBlueprint,
  createHttpClient,
  FakeClock,
  importBlueprint,
  ModuleRegistry,
  runScenario,
  type ModuleNode,
  type RunResult,
} from '@integrator/engine';
import { notionApp, notionConnectionType } from '../src';
import { DATABASE_ID, startFakeNotion, TOKEN, type FakeNotion } from './fake-notion';

// Notion's modules run through the engine against the strict local fake: a webhook (module 1)
// carries the input, the Notion module is module 2.

const registry = new ModuleRegistry([...builtinApps, notionApp]);
let fake: FakeNotion;
let clock: FakeClock;
beforeEach(async () => {
  fake = await startFakeNotion();
  clock = new FakeClock(Date.UTC(2026, 2, 1), { autoAdvance: true });
});
afterEach(() => fake.close());

function run(flow: ModuleNode[], input: unknown = {}): Promise<RunResult> {
  const compiled = compileBlueprint({ flow, metadata: { integrator: { format: 1 } } }, registry);
  if (compiled.issues.length)
    throw new Error(compiled.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return runScenario(compiled, {
    input,
    clock,
    logLimits: { bundlesPerOp: 1000 },
    connections: async () => ({ id: 1, type: 'notion', credentials: { token: TOKEN, baseUrl: fake.url } }),
    http: (connection) => createHttpClient({ connection, connectionType: notionConnectionType, clock }),
  });
}
const one = (module: string, mapper: Record<string, unknown>, input: unknown = {}) =>
  run(
    [
      { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: {} },
      { id: 2, module, version: 1, parameters: { connection: 1 }, mapper },
    ],
    input,
  );
const outputs = (r: RunResult, id = 2) =>
  r.modules.find((m) => m.id === id)!.ops.flatMap((o) => o.output ?? []);
const errorOf = (r: RunResult) => r.modules.find((m) => m.id === 2)!.ops[0]?.error;

describe('Notion', () => {
  test('create a database item: plain values become typed properties, content becomes paragraphs', async () => {
    const result = await one(
      'notion:createDatabaseItem',
      {
        database: `https://www.notion.so/acme/Tasks-${DATABASE_ID}?v=1`,
        properties: {
          Name: '{{1.title}}',
          'U%7CNl': 'Doing',
          Amount: '{{1.amount}}',
          Due: '2026-03-05',
          Tags: 'urgent, billing',
          Done: 'false',
          Notes: 'x'.repeat(2500),
        },
        content: 'First line\nSecond line',
      },
      { title: 'Call Ada', amount: '12.5' },
    );
    expect(result.status).toBe('success');
    const create = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/pages')!;
    expect(create.headers['notion-version']).toBe('2022-06-28');
    expect(create.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const body = create.body as { properties: Record<string, Record<string, unknown>>; children: unknown[] };
    expect(body.properties.Name).toEqual({ title: [{ type: 'text', text: { content: 'Call Ada' } }] });
    expect(body.properties.Status).toEqual({ status: { name: 'Doing' } });
    expect(body.properties.Amount).toEqual({ number: 12.5 });
    expect(body.properties.Due).toEqual({ date: { start: '2026-03-05' } });
    expect(body.properties.Tags).toEqual({ multi_select: [{ name: 'urgent' }, { name: 'billing' }] });
    expect(body.properties.Done).toEqual({ checkbox: false });
    expect((body.properties.Notes.rich_text as unknown[]).length).toBe(2); // 2,500 characters in two pieces
    expect(body.children).toHaveLength(2);
    const [page] = outputs(result) as Array<{ id: string; properties_value: Record<string, unknown> }>;
    expect(page.properties_value.Status).toEqual({ name: 'Doing' });
    expect(page.properties_value.Amount).toBe(12.5);
  });

  test('properties typed into the field as JSON text are read as the collection; other text is an error', async () => {
    const result = await one(
      'notion:createDatabaseItem',
      {
        database: DATABASE_ID,
        properties: '{"Name": "{{1.title}}", "Amount": 3}',
      },
      { title: 'Call Ada' },
    );
    expect(result.status).toBe('success');
    const body = fake.requests.find((r) => r.path === '/v1/pages')!.body as {
      properties: Record<string, unknown>;
    };
    expect(body.properties).toEqual({
      Name: { title: [{ type: 'text', text: { content: 'Call Ada' } }] },
      Amount: { number: 3 },
    });
    const bad = await one('notion:createDatabaseItem', { database: DATABASE_ID, properties: '["Name"]' });
    expect(errorOf(bad)?.message).toMatch(/properties.*collection/);
  });

  test('a property the database lacks, or a value of the wrong type, is a user error naming it', async () => {
    const unknown = await one('notion:createDatabaseItem', {
      database: DATABASE_ID,
      properties: { Colour: 'red' },
    });
    expect(errorOf(unknown)).toMatchObject({ kind: 'user' });
    expect(errorOf(unknown)!.message).toMatch(/properties\.Colour: is not a property of the database/);
    const nan = await one('notion:createDatabaseItem', {
      database: DATABASE_ID,
      properties: { Amount: 'twelve' },
    });
    expect(errorOf(nan)!.message).toMatch(/properties\.Amount: must be a number/);
    const computed = await one('notion:createDatabaseItem', {
      database: DATABASE_ID,
      properties: { Created: 'x' },
    });
    expect(errorOf(computed)!.message).toMatch(/Notion computes/);
    expect(fake.requests.filter((r) => r.path === '/v1/pages')).toHaveLength(0);
  });

  test("Notion's own refusal comes back with its message and code", async () => {
    const result = await one('notion:createDatabaseItem', {
      database: DATABASE_ID,
      properties: { Status: 'Nonexistent' },
    });
    expect(errorOf(result)).toMatchObject({ kind: 'user', status: 400 });
    expect(errorOf(result)!.message).toMatch(/validation_error/);
    const missing = await one('notion:createDatabaseItem', {
      database: 'ffffffffffffffffffffffffffffffff',
      properties: {},
    });
    expect(errorOf(missing)).toMatchObject({ kind: 'user', status: 404 });
    expect(errorOf(missing)!.message).toMatch(/shared with your integration\. \(object_not_found\)/);
  });

  test('update a page, query the database with paging, search, append content', async () => {
    for (const n of [1, 2, 3])
      await one('notion:createDatabaseItem', { database: DATABASE_ID, properties: { Name: `Task ${n}` } });
    const [first] = [...fake.pages.values()] as Array<{ id: string }>;
    const updated = await one('notion:updateDatabaseItem', {
      page: first.id,
      properties: { Status: 'Done' },
      archived: true,
    });
    expect(updated.status).toBe('success');
    const patch = fake.requests.find((r) => r.method === 'PATCH' && r.path.startsWith('/v1/pages/'))!;
    expect(patch.body).toEqual({ properties: { Status: { status: { name: 'Done' } } }, archived: true });

    const queried = await one('notion:queryDatabase', {
      database: DATABASE_ID,
      filter: '{"property":"Status","status":{"equals":"Done"}}',
      limit: 3,
    });
    expect(outputs(queried)).toHaveLength(3);
    const queries = fake.requests.filter((r) => r.path.endsWith('/query'));
    expect(queries[0].body).toMatchObject({ filter: { property: 'Status' }, page_size: 3 });

    const searched = await one('notion:searchObjects', { query: 'task 2', type: 'page' });
    expect(outputs(searched)).toHaveLength(1);
    expect(fake.requests.at(-1)!.body).toMatchObject({
      query: 'task 2',
      filter: { property: 'object', value: 'page' },
    });

    const appended = await one('notion:appendBlocks', { page: first.id, text: 'One\n\nTwo' });
    expect(appended.status).toBe('success');
    expect(fake.blocks.get(first.id.replace(/-/g, ''))).toHaveLength(2);
  });

  test('a page of results past 100 items is read with the cursor', async () => {
    for (let n = 0; n < 105; n++)
      await one('notion:createDatabaseItem', { database: DATABASE_ID, properties: { Name: `T${n}` } });
    const result = await one('notion:queryDatabase', { database: DATABASE_ID, limit: 1000 });
    expect(outputs(result)).toHaveLength(105);
    const queries = fake.requests.filter((r) => r.path.endsWith('/query')).map((r) => r.body);
    expect(queries).toEqual([{ page_size: 100 }, { page_size: 100, start_cursor: '100' }]);
  });

  test('a 429 waits for Retry-After and then goes through', async () => {
    fake.throttle(1);
    const started = clock.now();
    const result = await one('notion:makeApiCall', { url: '/users/me', method: 'GET' });
    expect(result.status).toBe('success');
    expect(clock.now() - started).toBeGreaterThanOrEqual(1000);
    expect(outputs(result)[0]).toMatchObject({ body: { object: 'user', type: 'bot' } });
  });

  test('the connection is verified with GET /users/me; a wrong token is an account error', async () => {
    const good = createHttpClient({
      connection: { id: 1, type: 'notion', credentials: { token: TOKEN, baseUrl: fake.url } },
      connectionType: notionConnectionType,
    });
    await expect(
      notionConnectionType.verify!({ credentials: { token: TOKEN, baseUrl: fake.url }, http: good }),
    ).resolves.toBeUndefined();
    const bad = createHttpClient({
      connection: { id: 1, type: 'notion', credentials: { token: 'nope', baseUrl: fake.url } },
      connectionType: notionConnectionType,
    });
    await expect(
      notionConnectionType.verify!({ credentials: { token: 'nope', baseUrl: fake.url }, http: bad }),
    ).rejects.toMatchObject({
      type: 'AccountValidationError',
    });
  });

  test("Make's exports land on these modules with their settings", () => {
    const make = {
      name: 'Form to Notion',
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: { __IMTHOOK__: 5 } },
        {
          id: 2,
          module: 'notion:createAPage',
          version: 1,
          parameters: { __IMTCONN__: 2882389 },
          mapper: {
            fields: { title: '{{1.Task}}', 'U%7CNl': '{{1.Priority}}' },
            select: 'list',
            database: DATABASE_ID,
          },
        },
        {
          id: 3,
          module: 'notion:searchObjects1',
          version: 1,
          parameters: { __IMTCONN__: 2882389 },
          mapper: { limit: '5', select: 'item', database: DATABASE_ID },
        },
        {
          id: 4,
          module: 'notion:CreateDatabaseItem',
          parameters: { databaseId: DATABASE_ID },
          mapper: { properties: [{ key: 'Notes', type: 'rich_text', rich_text: '{{1.Task}}' }] },
        },
      ],
      metadata: { zone: 'eu1.make.com' },
    };
    const { blueprint, report } = importBlueprint(make, registry);
    expect(report.unknownModules).toEqual([]);
    expect(blueprint.flow[1]).toMatchObject({
      module: 'notion:createDatabaseItem',
      mapper: { database: DATABASE_ID, properties: { title: '{{1.Task}}', 'U%7CNl': '{{1.Priority}}' } },
    });
    expect(blueprint.flow[2]).toMatchObject({
      module: 'notion:queryDatabase',
      mapper: { database: DATABASE_ID, limit: 5 },
    });
    expect(blueprint.flow[3]).toMatchObject({
      mapper: { database: DATABASE_ID, properties: { Notes: '{{1.Task}}' } },
    });
    expect(report.connectionsToChoose.map((c) => c.id)).toEqual([2, 3]);
    expect(
      compileBlueprint(blueprint, registry).issues.filter((i) => !/connection/.test(i.path + i.message)),
    ).toEqual([]);
  });
});
