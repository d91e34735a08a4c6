import { compileCoercer, ERASE, field } from '@integrator/sdk';
import { compileBlueprint, FakeClock, runScenario, type RunOptions } from '../../src';
import { importBlueprint } from '../../src/import';
import { registry } from './helpers';

// IML forms that need the run: ignore leaves a mapped field out (and an aggregated item out),
// Make's system variables come from the run's facts, and date functions without a time zone
// use the organisation's.

const designer = { designer: { x: 0, y: 0 } };
const makeExport = {
  name: 'Ignore and system variables',
  flow: [
    {
      id: 1,
      module: 'gateway:CustomWebHook',
      version: 1,
      parameters: { __IMTHOOK__: 1 },
      mapper: {},
      metadata: designer,
    },
    {
      id: 2,
      module: 'builtin:BasicFeeder',
      version: 1,
      parameters: {},
      mapper: { array: '{{1.items}}' },
      metadata: designer,
    },
    {
      id: 3,
      module: 'builtin:BasicAggregator',
      version: 1,
      parameters: { feeder: 2 },
      mapper: { sku: '{{if(2.keep; 2.sku; ignore)}}' },
      metadata: designer,
    },
    {
      id: 4,
      module: 'gateway:WebhookRespond',
      version: 1,
      parameters: {},
      mapper: {
        status: '{{if(1.fail; 500; ignore)}}',
        body: {
          skus: '{{map(3.array; "sku")}}',
          note: '{{if(1.note; 1.note; ignore)}}',
          list: ['a', '{{ignore}}', 'c'],
          text: 'x{{ignore}}y',
          scenario: '{{var.scenario.id}} {{var.scenario.name}} {{var.scenario.url}}',
          execution: '{{var.execution.id}}',
          team: '{{var.team.id}}/{{var.team.name}}',
          organization: '{{var.organization.name}} in {{var.organization.timezone}}',
          local: '{{formatDate(1.at; "YYYY-MM-DD HH:mm")}}',
          utc: '{{formatDate(1.at; "HH:mm"; "UTC")}}',
          tomorrow: '{{addDays(1.at; 1)}}',
          cleared: '{{if(1.clear; erase; "kept")}}',
          clearedText: 'a{{erase}}b',
        },
        headers: '{{if(1.clear; erase; 1.headers)}}',
      },
      metadata: designer,
    },
  ],
  metadata: { instant: true, version: 1, scenario: { roundtrips: 1 } },
};

async function run(input: unknown, options: Partial<RunOptions> = {}) {
  const { blueprint, report } = importBlueprint(makeExport, registry);
  expect(report.untranslatable).toEqual([]);
  const compiled = compileBlueprint(blueprint, registry);
  expect(compiled.issues).toEqual([]);
  const clock = new FakeClock(Date.parse('2030-06-01T12:00:00Z'), { autoAdvance: true });
  return runScenario(compiled, { input, clock, executionId: 'exec-9', ...options });
}

const items = [
  { sku: 'A', keep: true },
  { sku: 'B', keep: false },
  { sku: 'C', keep: 1 },
  { sku: 'D', keep: 'false' },
];

describe('IML at run time', () => {
  test('ignore leaves fields, array items and text out, and skips aggregated bundles', async () => {
    const result = await run({ items, note: '', at: '2024-03-30T23:30:00Z' });
    expect(result.status).toBe('success');
    // status is ignore: not mapped, so the module's default (200) applies
    expect(result.response?.status).toBe(200);
    const body = result.response?.body as Record<string, unknown>;
    expect(body.skus).toEqual(['A', 'C']);
    expect(body).not.toHaveProperty('note');
    expect(body.list).toEqual(['a', 'c']);
    expect(body.text).toBe('xy');
    // the aggregator ran once, over the two bundles it kept
    expect(result.modules.find((m) => m.id === 3)?.ops[0].output).toEqual([
      { array: [{ sku: 'A' }, { sku: 'C' }] },
    ]);
  });

  test('erase clears a field by its type: an array is empty, a value inside a body is null', async () => {
    const headers = [{ key: 'X-Kept', value: 'yes' }];
    const erased = await run({ items: [], clear: true, headers, at: '2024-03-30T23:30:00Z' });
    expect(erased.response?.headers).toEqual({});
    expect(erased.response?.body).toMatchObject({ cleared: null, clearedText: 'ab' });
    const kept = await run({ items: [], clear: false, headers, at: '2024-03-30T23:30:00Z' });
    expect(kept.response?.headers).toEqual({ 'X-Kept': 'yes' });
    expect(kept.response?.body).toMatchObject({ cleared: 'kept' });
  });

  test('coercion turns erase into the empty value of the field type', () => {
    const coerce = compileCoercer({
      name: field.text({ required: true }),
      tags: field.array(),
      address: field.collection({ fields: { city: field.text() } }),
    });
    expect(coerce({ name: ERASE, tags: ERASE, address: ERASE })).toEqual({
      name: null,
      tags: [],
      address: {},
    });
    expect(compileCoercer({}, true)({ extra: ERASE })).toEqual({ extra: null });
  });

  test('a mapped value that is not ignore is kept', async () => {
    const result = await run({ items, note: 'hello', fail: true, at: '2024-03-30T23:30:00Z' });
    expect(result.response?.status).toBe(500);
    expect((result.response?.body as Record<string, unknown>).note).toBe('hello');
  });

  test("system variables and the organisation's time zone come from the run", async () => {
    const result = await run(
      { items: [], at: '2024-03-30T23:30:00Z' },
      {
        scenarioId: 12,
        scenarioName: 'Orders',
        scenarioUrl: 'http://localhost:3000/scenarios/12',
        team: { id: 3, name: 'Sales' },
        organization: { id: 1, name: 'Acme', timezone: 'Europe/Amsterdam' },
      },
    );
    const body = result.response?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      scenario: '12 Orders http://localhost:3000/scenarios/12',
      execution: 'exec-9',
      team: '3/Sales',
      organization: 'Acme in Europe/Amsterdam',
      // 23:30 UTC is 00:30 the next day in Amsterdam; a day later crosses into summer time
      local: '2024-03-31 00:30',
      utc: '23:30',
      tomorrow: '2024-03-31T22:30:00.000Z',
    });
  });

  test('without an organisation time zone, dates are read in UTC and unknown variables are empty', async () => {
    const result = await run({ items: [], at: '2024-03-30T23:30:00Z' });
    const body = result.response?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      local: '2024-03-30 23:30',
      team: '/',
      tomorrow: '2024-03-31T23:30:00.000Z',
    });
  });
});
