import type { RunEvent } from '@integrator/engine';
import { finishedEvent } from '../../../../test/support/run-events';
import { RunEventBus } from './events';

const answered = (id: string): RunEvent =>
  ({ type: 'webhook.response', executionId: id, response: { status: 200, body: id } }) as RunEvent;

describe('RunEventBus', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a late subscriber gets what already happened, then what follows', () => {
    const bus = new RunEventBus();
    bus.publish(answered('a'));
    const seen: string[] = [];
    const off = bus.subscribe('a', (e) => seen.push(e.type));
    bus.publish(finishedEvent('a'));
    off();
    bus.publish(finishedEvent('a'));
    expect(seen).toEqual(['webhook.response', 'execution.finished']);
  });

  test('find reads the history without subscribing', () => {
    const bus = new RunEventBus();
    bus.publish(answered('a'));
    bus.publish(finishedEvent('a'));
    expect(bus.find('a', (e) => e.type === 'execution.finished')).toEqual(finishedEvent('a'));
    expect(bus.find('a', (e) => e.type === 'module.error')).toBeUndefined();
    expect(bus.find('b', () => true)).toBeUndefined();
  });

  test('the events of the last keptFinished finished runs are kept, older ones go', () => {
    const bus = new RunEventBus();
    const n = RunEventBus.keptFinished * 3 + 17; // the queue's front is cut off on the way
    for (let i = 0; i < n; i++) {
      bus.publish(answered(`r${i}`));
      bus.publish(finishedEvent(`r${i}`));
    }
    expect(bus.finishedKept).toBe(RunEventBus.keptFinished);
    const kept = (i: number) => bus.find(`r${i}`, () => true) !== undefined;
    expect(kept(n - 1)).toBe(true);
    expect(kept(n - RunEventBus.keptFinished)).toBe(true);
    expect(kept(n - RunEventBus.keptFinished - 1)).toBe(false);
    expect(kept(0)).toBe(false);
    // A run still going keeps its events whatever finishes meanwhile.
    bus.publish(answered('going'));
    for (let i = 0; i < RunEventBus.keptFinished + 1; i++) bus.publish(finishedEvent(`later${i}`));
    expect(bus.find('going', () => true)).toBeDefined();
  });

  test('a finished run is forgotten keptMs after its finish, as runs finish', () => {
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const bus = new RunEventBus();
    bus.publish(finishedEvent('old'));
    now += RunEventBus.keptMs - 1;
    bus.publish(finishedEvent('newer'));
    expect(bus.find('old', () => true)).toBeDefined();
    now += 1;
    bus.publish(finishedEvent('newest'));
    expect(bus.find('old', () => true)).toBeUndefined();
    expect(bus.find('newer', () => true)).toBeDefined();
    expect(bus.finishedKept).toBe(2);
  });

  test('finished() resolves with the finish, also one that already happened', async () => {
    const bus = new RunEventBus();
    bus.publish(finishedEvent('done'));
    await expect(bus.finished('done')).resolves.toEqual(finishedEvent('done'));
    const later = bus.finished('later');
    bus.publish(answered('later'));
    bus.publish(finishedEvent('later'));
    await expect(later).resolves.toEqual(finishedEvent('later'));
  });

  test('events published here are relayed, relayed ones are not sent back', () => {
    const bus = new RunEventBus();
    const relayed: RunEvent[] = [];
    bus.relay = (e) => relayed.push(e);
    bus.publish(answered('a'));
    bus.publish(finishedEvent('b'), true);
    expect(relayed).toEqual([answered('a')]);
    expect(bus.find('b', () => true)).toBeDefined();
  });
});
