import { builtinApps } from '@integrator/apps/builtin';
import { importBlueprint, ModuleRegistry } from '@integrator/engine';
import { datastoreApp } from '../src';

// Make calls these modules datastore:AddRecord, datastore:ExistRecord…; a Make export imports
// them as ours, with the data store left for the user to choose.

const registry = new ModuleRegistry([...builtinApps, datastoreApp]);
const MAKE_KEYS = {
  'datastore:AddRecord': 'datastore:addRecord',
  'datastore:UpdateRecord': 'datastore:updateRecord',
  'datastore:GetRecord': 'datastore:getRecord',
  'datastore:ExistRecord': 'datastore:recordExists',
  'datastore:SearchRecord': 'datastore:searchRecords',
  'datastore:DeleteRecord': 'datastore:deleteRecord',
  'datastore:DeleteAllRecords': 'datastore:deleteAll',
};

test("a Make export's data store modules import as ours, the store to be chosen", () => {
  const flow = Object.keys(MAKE_KEYS).map((module, i) => ({
    id: i + 1,
    module,
    version: 1,
    parameters: { datastore: 4711 },
    mapper: {},
  }));
  const { blueprint, report } = importBlueprint(
    { name: 'Stores', flow, metadata: { zone: 'eu1.make.com', scenario: { roundtrips: 1 } } },
    registry,
  );
  expect(report.format).toBe('make');
  expect(report.unknownModules).toEqual([]);
  expect(blueprint.flow.map((m) => m.module)).toEqual(Object.values(MAKE_KEYS));
  expect(blueprint.flow.every((m) => m.parameters?.datastore === '')).toBe(true);
});

test('our own export is left alone: its keys are already ours', () => {
  const flow = [{ id: 1, module: 'datastore:addRecord', parameters: { datastore: 3 }, mapper: {} }];
  const { blueprint, report } = importBlueprint(
    { flow, metadata: { scenario: {}, integrator: { format: 1 } } },
    registry,
  );
  expect(report.format).toBe('integrator');
  expect(blueprint.flow[0]).toMatchObject({ module: 'datastore:addRecord', parameters: { datastore: 3 } });
});
