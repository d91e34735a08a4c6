import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allApps } from '@integrator/apps';
import { MemoryDataStoreService } from '@integrator/apps/datastore';
import {
  compileBlueprint,
  createHttpClientFactory,
  FakeClock,
  importBlueprint,
  ModuleRegistry,
  runScenario,
  type Blueprint,
  type HostLookup,
  type RunOptions,
  type RunResult,
} from '@integrator/engine';
import { json, startServer, type FakeServer, type Received } from '../../libs/engine/test/http/fake-server';

// Make's 10 published pattern blueprints (integromat/make-blueprints, verbatim in
// test/fixtures/make-patterns) imported as a user would, validated, and run against a local echo
// server: the requests must carry the methods, headers and bodies their mappers describe.
// The patterns call outside hosts; after import every HTTP module's URL is pointed at the echo
// server (same path), and any other host name fails to resolve, so nothing leaves the machine.

/**
 * Patterns that cannot pass on today's code, with what each needs. Their tests keep their full
 * expectations and run as `test.failing`: when the missing piece lands, the test starts to pass,
 * jest reports it, and the entry is removed here. Empty: every pattern runs.
 */
export const AWAITING_MERGE = new Map<string, string>([]);

const DIR = join(__dirname, '..', 'fixtures', 'make-patterns');
const registry = new ModuleRegistry(allApps);
const START = Date.UTC(2026, 2, 14, 9, 30, 0);

let server: FakeServer;
/** What the echo server answers; a test may change it before its run. */
let answer: (req: Received) => { status: number; body: unknown };
const echo = (req: Received) => ({ status: 200, body: { ok: true, path: req.path } });

beforeAll(async () => {
  server = await startServer((req, res) => {
    const { status, body } = answer(req);
    json(res, status, body);
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  answer = echo;
});

const noDns: HostLookup = async (host) => {
  throw new Error(`tests do not reach the network (${host})`);
};

/** Every module of a flow: routes, error handlers and If-else branches included. */
function modules(flow: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(flow)) return [];
  return (flow as Array<Record<string, unknown>>).flatMap((node) => [
    node,
    ...[...((node.routes as unknown[]) ?? []), ...((node.branches as unknown[]) ?? [])].flatMap((r) =>
      modules((r as { flow?: unknown }).flow),
    ),
    ...modules(node.onerror),
  ]);
}

/** Points every absolute URL a module maps at the echo server, keeping the path. */
function pointAtEcho(blueprint: Blueprint): string[] {
  const hosts: string[] = [];
  for (const node of modules(blueprint.flow)) {
    const mapper = node.mapper as Record<string, unknown> | null | undefined;
    if (typeof mapper?.url !== 'string') continue;
    mapper.url = mapper.url.replace(/^https?:\/\/([^/]+)/, (_, host: string) => {
      hosts.push(host);
      return server.url;
    });
  }
  return hosts;
}

interface PatternRun {
  result: RunResult;
  requests: Received[];
  hosts: string[];
  /** Bounds of the run on its injected clock, which IML's `now` reads. */
  wall: { from: number; to: number };
}

/** Imports the pattern file with every app (nothing unknown, all IML translated), validates it, runs it once. */
async function runPattern(
  file: string,
  input: unknown,
  setup: (blueprint: Blueprint) => void = () => undefined,
  services: RunOptions['services'] = {},
): Promise<PatternRun> {
  const { blueprint, report } = importBlueprint(readFileSync(join(DIR, file), 'utf8'), registry);
  expect(report.unknownModules).toEqual([]);
  expect(report.untranslatable).toEqual([]);
  const hosts = pointAtEcho(blueprint);
  setup(blueprint);
  const compiled = compileBlueprint(blueprint, registry);
  expect(compiled.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([]);
  const clock = new FakeClock(START, { autoAdvance: true });
  const before = server.requests.length;
  const from = clock.now();
  const result = await runScenario(compiled, {
    input,
    clock,
    services,
    http: createHttpClientFactory({ registry, clock, lookup: noDns, retry: false }),
  });
  return { result, requests: server.requests.slice(before), hosts, wall: { from, to: clock.now() } };
}

function pattern(file: string, name: string, body: () => Promise<void>): void {
  const awaiting = AWAITING_MERGE.get(file);
  if (awaiting) test.failing(`${file}: ${name} (awaiting merge: see AWAITING_MERGE)`, body);
  else test(`${file}: ${name}`, body);
}

/** A request as the assertions read it: method, path, content type and the body's exact text. */
function sent(req: Received) {
  return {
    method: req.method,
    path: req.path,
    contentType: req.headers['content-type'],
    body: req.body.toString('utf8'),
  };
}

/** `formatDate(now; "YYYY-MM-DDTHH:mm:ssZ")` in UTC (the import notes it), taken during the run. */
function expectNowInUtc(text: string, wall: PatternRun['wall']): void {
  expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  const at = Date.parse(text);
  expect(at).toBeGreaterThanOrEqual(Math.floor(wall.from / 1000) * 1000);
  expect(at).toBeLessThanOrEqual(wall.to);
}

const outputOf = (result: RunResult, id: number) =>
  result.modules.find((m) => m.id === id)?.ops.flatMap((op) => op.output ?? []);

test('every pattern file in the fixture folder has a case here', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
  expect(files.sort()).toEqual([...CASES].sort());
  for (const file of AWAITING_MERGE.keys()) expect(files).toContain(file);
});

const CASES = new Set<string>();
const covers = (file: string) => CASES.add(file) && file;

pattern(
  covers('webhook-to-http.json'),
  'the webhook payload is POSTed as the JSON text of the mapper',
  async () => {
    const { result, requests, hosts } = await runPattern('webhook-to-http.json', {
      email: 'ada@example.com',
      name: 'Ada Lovelace',
    });
    expect(result.status).toBe('success');
    expect(hosts).toEqual(['api.example.com']);
    expect(requests.map(sent)).toEqual([
      {
        method: 'POST',
        path: '/leads',
        contentType: 'application/json',
        body: '{"email": "ada@example.com", "name": "Ada Lovelace"}',
      },
    ]);
  },
);

pattern(covers('filter-gate.json'), 'a hot lead passes the filter, a cold one sends nothing', async () => {
  const hot = await runPattern('filter-gate.json', { email: 'hot@example.com', score: 75 });
  expect(hot.result.status).toBe('success');
  expect(hot.requests.map(sent)).toEqual([
    {
      method: 'POST',
      path: '/hot-leads',
      contentType: 'application/json',
      body: '{"email": "hot@example.com", "score": 75}',
    },
  ]);
  const cold = await runPattern('filter-gate.json', { email: 'cold@example.com', score: 50 });
  expect(cold.result.status).toBe('success');
  expect(cold.requests).toEqual([]);
});

pattern(
  covers('error-handler-fallback.json'),
  'a failing order call is logged by the error route, then ignored',
  async () => {
    answer = (req) =>
      req.path === '/orders' ? { status: 400, body: { error: 'amount must be positive' } } : echo(req);
    const { result, requests } = await runPattern('error-handler-fallback.json', {
      orderId: 'A-17',
      amount: -5,
    });
    // Ignore: the error is handled, the run succeeds (make-semantics: directives).
    expect(result.status).toBe('success');
    const [order, log] = requests.map(sent);
    expect(order).toEqual({
      method: 'POST',
      path: '/orders',
      contentType: 'application/json',
      body: '{"orderId": "A-17", "amount": -5}',
    });
    const message = result.modules.find((m) => m.id === 2)?.ops[0].error?.message;
    expect(message).toMatch(/400/);
    expect(log).toMatchObject({ method: 'POST', path: '/logs', contentType: 'application/json' });
    expect(log.body).toBe(`{"level": "error", "message": "${message}", "orderId": "A-17"}`);
    expect(requests).toHaveLength(2);
  },
);

pattern(covers('if-else-merge.json'), 'exactly one branch runs and the merged message is sent', async () => {
  const high = await runPattern('if-else-merge.json', { orderId: 'A-1', priority: 'high' });
  expect(high.result.status).toBe('success');
  expect(high.requests.map(sent)).toEqual([
    {
      method: 'POST',
      path: '/notifications',
      contentType: 'application/json',
      body: '{"orderId": "A-1", "message": "Expedited: order A-1 ships today"}',
    },
  ]);
  const low = await runPattern('if-else-merge.json', { orderId: 'B-2', priority: 'low' });
  expect(low.requests.map((r) => r.body.toString())).toEqual([
    '{"orderId": "B-2", "message": "Standard: order B-2 ships within 5 days"}',
  ]);
});

pattern(
  covers('iterator-aggregator.json'),
  'items are composed one by one and sent as one summary',
  async () => {
    const { result, requests } = await runPattern('iterator-aggregator.json', {
      items: [
        { name: 'Widget', qty: 2 },
        { name: 'Gadget', qty: 1 },
      ],
    });
    expect(result.status).toBe('success');
    expect(requests.map(sent)).toEqual([
      {
        method: 'POST',
        path: '/order-summaries',
        contentType: 'application/json',
        body: '{"summary": "Widget × 2, Gadget × 1"}',
      },
    ]);
  },
);

pattern(covers('rate-limited-loop.json'), 'one PUT per item, a pause between them', async () => {
  const { result, requests } = await runPattern('rate-limited-loop.json', {
    items: [
      { id: 7, email: 'a@example.com' },
      { id: 8, email: 'b@example.com' },
    ],
  });
  expect(result.status).toBe('success');
  expect(requests.map(sent)).toEqual([
    { method: 'PUT', path: '/items/7', contentType: 'application/json', body: '{"email": "a@example.com"}' },
    { method: 'PUT', path: '/items/8', contentType: 'application/json', body: '{"email": "b@example.com"}' },
  ]);
  // util:FunctionSleep waited its second per item on the injected clock.
  expect(result.modules.find((m) => m.id === 3)?.operations).toBe(2);
  expect(result.finishedAt - result.startedAt).toBeGreaterThanOrEqual(2000);
});

pattern(covers('scheduled-http-poll.json'), 'a degraded status raises an alert; ok stays quiet', async () => {
  answer = (req) =>
    req.path === '/api/v2/status.json' ? { status: 200, body: { status: 'degraded' } } : echo(req);
  const degraded = await runPattern('scheduled-http-poll.json', {});
  expect(degraded.result.status).toBe('success');
  expect(degraded.hosts.sort()).toEqual(['api.example.com', 'status.example.com']);
  const [poll, alert] = degraded.requests.map(sent);
  expect(poll).toMatchObject({ method: 'GET', path: '/api/v2/status.json', body: '' });
  expect(alert).toMatchObject({ method: 'POST', path: '/alerts', contentType: 'application/json' });
  const { message, checkedAt, ...rest } = JSON.parse(alert.body);
  expect(rest).toEqual({});
  expect(message).toBe('Status check degraded: degraded');
  expectNowInUtc(checkedAt, degraded.wall);

  answer = (req) =>
    req.path === '/api/v2/status.json' ? { status: 200, body: { status: 'ok' } } : echo(req);
  const ok = await runPattern('scheduled-http-poll.json', {});
  expect(ok.requests.map((r) => r.path)).toEqual(['/api/v2/status.json']);
});

pattern(
  covers('webhook-api-endpoint.json'),
  'the webhook answers with the mapped status, header and body',
  async () => {
    const { result, requests } = await runPattern('webhook-api-endpoint.json', { email: 'ada@example.com' });
    expect(result.status).toBe('success');
    expect(requests).toEqual([]);
    expect(result.response).toMatchObject({
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
    // Make sends the body text as mapped.
    expect(result.response?.body).toBe('{"ok": true, "received": "ada@example.com"}');
  },
);

pattern(
  covers('webhook-router-error-handler.json'),
  'hot leads are POSTed, every lead is kept in a variable',
  async () => {
    const hot = await runPattern('webhook-router-error-handler.json', {
      email: 'hot@example.com',
      name: 'Grace Hopper',
      score: 90,
    });
    expect(hot.result.status).toBe('success');
    const [lead] = hot.requests.map(sent);
    expect(hot.requests).toHaveLength(1);
    expect(lead).toMatchObject({ method: 'POST', path: '/hot-leads', contentType: 'application/json' });
    const received = /"received": "([^"]*)"\}$/.exec(lead.body)?.[1] ?? '';
    expect(lead.body).toBe(
      `{"email": "hot@example.com", "name": "Grace Hopper", "score": 90, "received": "${received}"}`,
    );
    expectNowInUtc(received, hot.wall);
    expect(outputOf(hot.result, 4)).toEqual([{ lastLeadEmail: 'hot@example.com' }]);

    const cold = await runPattern('webhook-router-error-handler.json', {
      email: 'cold@example.com',
      name: 'C',
      score: 10,
    });
    expect(cold.requests).toEqual([]);
    expect(outputOf(cold.result, 4)).toEqual([{ lastLeadEmail: 'cold@example.com' }]);

    // The API refusing the lead is ignored: the run succeeds and the other route still runs.
    answer = () => ({ status: 422, body: { error: 'rejected' } });
    const down = await runPattern('webhook-router-error-handler.json', {
      email: 'x@example.com',
      name: 'X',
      score: 60,
    });
    expect(down.result.status).toBe('success');
    expect(down.requests).toHaveLength(1);
    expect(outputOf(down.result, 4)).toEqual([{ lastLeadEmail: 'x@example.com' }]);
  },
);

pattern(
  covers('datastore-dedupe.json'),
  'a record is stored and forwarded once; its duplicate is dropped',
  async () => {
    const store = new MemoryDataStoreService([{ id: 1, name: 'Seen' }]);
    // The import leaves the data store to be chosen (Make's id means nothing here): choose store 1.
    const chooseStore = (blueprint: Blueprint) => {
      for (const node of modules(blueprint.flow))
        if (String(node.module).startsWith('datastore:'))
          (node.parameters as Record<string, unknown>).datastore = 1;
    };
    const input = { id: 'r-1', email: 'ada@example.com' };
    const first = await runPattern('datastore-dedupe.json', input, chooseStore, { datastores: store });
    expect(first.result.status).toBe('success');
    expect(first.requests.map(sent)).toEqual([
      {
        method: 'POST',
        path: '/new-records',
        contentType: 'application/json',
        body: '{"id": "r-1", "email": "ada@example.com"}',
      },
    ]);
    const record = await store.get(1, 'r-1');
    expect(record?.data).toMatchObject({ email: 'ada@example.com' });
    // {{now}} keeps its type: a date, stored as the moment of the run.
    const processedAt = new Date(String(record?.data.processedAt)).getTime();
    expect(processedAt).toBeGreaterThanOrEqual(first.wall.from);
    expect(processedAt).toBeLessThanOrEqual(first.wall.to);

    const again = await runPattern('datastore-dedupe.json', input, chooseStore, { datastores: store });
    expect(again.result.status).toBe('success');
    expect(again.requests).toEqual([]);
    expect(await store.count(1)).toBe(1);
  },
);
