import { MemoryTriggerState, type TriggerStateStore } from '@integrator/apps/app-kit';
import { openDatabase } from '@integrator/persistence';
import type { DataSource } from 'typeorm';
import { closeDatabase, databaseTargets } from '../../../../test/support/databases';
import { ScenarioTriggerStates } from './trigger-states';

describe.each(databaseTargets())('trigger states on $name', (target) => {
  let db: DataSource;
  const config = target.config();
  beforeAll(async () => {
    db = await openDatabase(config);
  });
  afterAll(() => closeDatabase(db, config));

  test('a position survives a new store on the same database (a restart), per scenario and module', async () => {
    const first: TriggerStateStore = new ScenarioTriggerStates(db);
    expect(await first.get('1', 2)).toBeUndefined();
    await first.set('1', 2, { channelId: '9', lastId: '1300000000000000005' });
    await first.set('1', 2, { channelId: '9', lastId: '1300000000000000007' });
    await first.set('1', 3, { time: '2026-01-01T00:00:00.000Z', ids: ['rec1'] });
    const restarted = new ScenarioTriggerStates(db);
    expect(await restarted.get('1', 2)).toEqual({ channelId: '9', lastId: '1300000000000000007' });
    expect(await restarted.get('1', 3)).toEqual({ time: '2026-01-01T00:00:00.000Z', ids: ['rec1'] });
    expect(await restarted.get('2', 2)).toBeUndefined();
    await expect(restarted.set('draft', 2, {})).rejects.toMatchObject({ kind: 'user' });
  });
});

test('the in-memory store keeps copies, not the caller’s objects', async () => {
  const store = new MemoryTriggerState();
  const state = { ids: ['a'] };
  await store.set('1', 1, state);
  state.ids.push('b');
  expect(await store.get('1', 1)).toEqual({ ids: ['a'] });
});
