import type { ModuleNode, RunEvent } from '../src';
import { hook, opsOf, outputsOf, reset, run } from './helpers';

// Issue 14: an operation's path stays synchronous while nothing on it waits. These check what
// that must not change: long chains, modules that do wait in the middle, and the events.

beforeEach(reset);

const setVariables = (from: number, to: number): ModuleNode[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    id: from + i,
    module: 'util:SetVariable2',
    mapper: { name: 'v', value: `{{${from + i - 1}.${from + i - 1 === 1 ? 'start' : 'v'}}}` },
  }));

describe('the synchronous operation path', () => {
  test('a chain far longer than one synchronous stretch runs without exhausting the stack', async () => {
    const result = await run([hook(), ...setVariables(2, 1501)], { input: { start: 'x' } });
    expect(result.status).toBe('success');
    expect(result.operations).toBe(1501);
    expect(outputsOf(result, 1501)).toEqual([{ v: 'x' }]);
  });

  test('modules that wait (JSONata, a sleep) in the middle of plain ones keep the order of bundles', async () => {
    const events: string[] = [];
    const result = await run(
      [
        { id: 1, module: 'builtin:BasicRepeater', mapper: { repeats: 3 } },
        { id: 2, module: 'util:SetVariable2', mapper: { name: 'v', value: '{{1.i}}' } },
        { id: 3, module: 'util:SetVariable2', mapper: { name: 'v', value: '{{$string(2.v) & "!"}}' } },
        { id: 4, module: 'util:FunctionSleep', mapper: { duration: 0 } },
        { id: 5, module: 'util:SetVariable2', mapper: { name: 'v', value: '{{3.v}}' } },
      ],
      { onEvent: (e) => e.type === 'module.started' && events.push(`${e.moduleId}`) },
    );
    expect(result.status).toBe('success');
    expect(outputsOf(result, 5)).toEqual([{ v: '1!' }, { v: '2!' }, { v: '3!' }]);
    // Depth-first: each bundle goes through the whole path before the next one starts.
    expect(events.join(' ')).toBe('1 2 3 4 5 2 3 4 5 2 3 4 5');
    expect(opsOf(result, 4)).toBe(3);
  });

  test('eventTypes: only the named events are built and sent; without it every event is', async () => {
    const flow = [hook(), ...setVariables(2, 3)];
    const all: RunEvent['type'][] = [];
    await run(flow, { input: { start: 'x' }, onEvent: (e) => all.push(e.type) });
    expect(all).toEqual([
      'execution.started',
      'module.started',
      'bundle.out',
      'module.started',
      'bundle.out',
      'module.started',
      'bundle.out',
      'module.finished',
      'module.finished',
      'module.finished',
      'execution.finished',
    ]);
    const some: RunEvent['type'][] = [];
    await run(flow, {
      input: { start: 'x' },
      onEvent: (e) => some.push(e.type),
      eventTypes: new Set<RunEvent['type']>(['execution.finished', 'module.error']),
    });
    expect(some).toEqual(['execution.finished']);
  });
});
