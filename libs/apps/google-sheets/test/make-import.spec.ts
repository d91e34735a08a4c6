import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryTriggerState } from '@integrator/apps/app-kit';
import { builtinApps } from '@integrator/apps/builtin';
import { googleConnectionType } from '@integrator/apps/google-kit';
import {
  compileBlueprint,
  createHttpClient,
  FakeClock,
  importBlueprint,
  ModuleRegistry,
  runScenario,
  type ModuleNode,
} from '@integrator/engine';
import { importMake } from '../../../../test/support/app-harness';
import { googleSheetsApp } from '../src';
import { startFakeSheets, TOKEN, type FakeSheets } from './fake-google-sheets';

// A Make export (shaped like public ones: watchRows keeps its settings in `parameters`, the
// spreadsheet as "/<id>", rows mapped as {{2.`1`}}) imports onto our modules and runs as it is.

const registry = new ModuleRegistry([...builtinApps, googleSheetsApp]);
const exported = () => JSON.parse(readFileSync(join(__dirname, 'fixtures/make-leads-scenario.json'), 'utf8'));

let fake: FakeSheets;
beforeEach(async () => {
  fake = await startFakeSheets([
    {
      sheetId: 1,
      title: 'Inbox',
      rows: [
        ['Name', 'Email'],
        ['Old', 'old@x.io'],
      ],
    },
    {
      sheetId: 2,
      title: 'My Leads',
      rows: [
        ['Name', 'Email', 'Score'],
        ['Ann', 'ann@x.io', 50],
        ['Bob', 'bob@x.io', 80],
      ],
    },
    { sheetId: 3, title: 'Log', rows: [] },
  ]);
});
afterEach(() => fake.close());

test('the modules map under Make’s keys, settings carried over, connections to choose named', () => {
  const { blueprint, report } = importBlueprint(exported(), registry);
  expect(report.format).toBe('make');
  expect(report.unknownModules).toEqual([]);
  expect(report.dropped).toEqual([]);
  const nodes = blueprint.flow as ModuleNode[];
  expect(nodes.map((n) => n.module)).toEqual([
    'google-sheets:watchRows',
    'google-sheets:filterRows',
    'google-sheets:updateRow',
    'google-sheets:addRow',
  ]);
  // watchRows: Make's parameters become our mapper.
  expect(nodes[0].mapper).toMatchObject({
    spreadsheetId: '/1FakeSpreadsheet_0123456789abc',
    sheetId: 'Inbox',
    tableFirstRow: 'A1:M1',
    includesHeaders: true,
    limit: 10,
    valueRenderOption: 'FORMATTED_VALUE',
  });
  expect(nodes[1].mapper).toMatchObject({ filter: [[{ a: 'B', o: 'text:equal:ci' }]], limit: '1' });
  expect(report.connectionsToChoose).toHaveLength(4);
  for (const c of report.connectionsToChoose) expect(c.types).toEqual(['google', 'google-service-account']);
});

test('the imported scenario runs against the fake: new row → search → update → log', async () => {
  const { blueprint } = importBlueprint(exported(), registry);
  for (const node of blueprint.flow as ModuleNode[]) node.parameters = { ...node.parameters, connection: 7 };
  const compiled = compileBlueprint(blueprint, registry);
  expect(compiled.issues).toEqual([]);
  const clock = new FakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true });
  const store = new MemoryTriggerState();
  // Secrets are redacted from everything the client reads, so they must not be one letter long.
  const credentials = {
    clientId: 'client-id',
    clientSecret: 'GOCSPX-fake',
    accessToken: TOKEN,
    baseUrl: fake.url,
  };
  const run = () =>
    runScenario(compiled, {
      input: {},
      clock,
      scenarioId: 1,
      services: { triggerState: store },
      connections: async () => ({ id: 7, type: 'google', credentials }),
      http: (connection) => createHttpClient({ connection, connectionType: googleConnectionType, clock }),
    });
  // From now on (the default first-run choice): the existing row is not emitted.
  const first = await run();
  expect(first.status).toBe('success');
  expect(fake.sheet('Log').rows).toEqual([]);
  fake.sheet('Inbox').rows.push(['Bob again', 'BOB@x.io']);
  const second = await run();
  expect(second.error).toBeUndefined();
  expect(fake.sheet('My Leads').rows[2]).toEqual(['Bob', 'bob@x.io', 81]);
  expect(fake.sheet('Log').rows).toEqual([['Bob again', 'BOB@X.IO', "'My Leads'!C3:C3"]]);
});

test.each([
  [
    'google-sheets:getSheetContent',
    { select: 'map', spreadsheetId: 'x', sheetId: 'Feed', range: 'A2:L2', includesHeaders: false },
    'google-sheets:getSheetContent',
  ],
  [
    'google-sheets:clearValuesFromRow',
    { spreadsheetId: 'x', sheetId: 'S', rowNumber: '{{1.n}}' },
    'google-sheets:clearValuesFromRow',
  ],
  [
    'google-sheets:deleteRow',
    { spreadsheetId: 'x', sheetId: 'S', rowNumber: '5' },
    'google-sheets:deleteRow',
  ],
  [
    'google-sheets:makeAPICall',
    { url: '/spreadsheets/x', method: 'GET', qs: [{ key: 'fields', value: 'sheets' }] },
    'google-sheets:makeApiCall',
  ],
])('%s imports as %s', (module, mapper, ours) => {
  const { blueprint, report } = importMake(googleSheetsApp, {
    module,
    version: 2,
    parameters: { __IMTCONN__: 9 },
    mapper,
  });
  expect(report.unknownModules).toEqual([]);
  expect(report.dropped).toEqual([]);
  expect((blueprint.flow[0] as ModuleNode).module).toBe(ours);
  expect(report.connectionsToChoose[0].types).toContain('google-service-account');
});

test('an export with Unformatted on is imported with a note saying it is not honoured', () => {
  const { report } = importMake(googleSheetsApp, {
    module: 'google-sheets:addRow',
    version: 2,
    parameters: { __IMTCONN__: 9 },
    mapper: { spreadsheetId: 'x', sheetId: 'S', values: { '0': 'a' }, insertUnformatted: true },
  });
  expect(report.notes.join('\n')).toContain('insertUnformatted');
});
