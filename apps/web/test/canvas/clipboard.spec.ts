import { clipboardText, copyModule, findModuleNode, parseClipboard, pasteModule } from '../../src/canvas';
import { remapTemplate } from '../../src/canvas/rewrite';
import { allModules } from '../../src/canvas/tree';
import type { Blueprint } from '@integrator/engine/blueprint';
import { catalog } from '../fixtures/catalog';
import { deepFreeze, sampleBlueprint } from '../fixtures/blueprints';

describe('copy and paste', () => {
  it('pastes a router subtree with fresh ids, remapping references inside it', () => {
    const source: Blueprint = deepFreeze({
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', metadata: { designer: { x: 0, y: 0 } } },
        {
          id: 2,
          module: 'builtin:BasicRouter',
          metadata: { designer: { x: 200, y: 0 } },
          routes: [
            {
              flow: [
                {
                  id: 3,
                  module: 'builtin:BasicFeeder',
                  mapper: { array: '{{1.items}}' },
                  metadata: { designer: { x: 400, y: 0 } },
                },
                {
                  id: 4,
                  module: 'builtin:BasicAggregator',
                  parameters: { feeder: 3 },
                  mapper: { total: '{{ $sum(3.price) }} of `{{1.name}}`', whole: '{{`3`}}' },
                  filter: { conditions: [[{ a: '{{3.price}}', o: 'number:greater', b: '{{1.min}}' }]] },
                  onerror: [{ id: 5, module: 'builtin:Ignore' }],
                  metadata: { designer: { x: 600, y: 0 } },
                },
              ],
            },
          ],
        },
      ],
    });
    const clip = copyModule(source, 2);
    const { blueprint, id } = pasteModule(source, catalog, clip, { type: 'after', id: 2 });
    expect(id).toBe(6);
    expect(allModules(blueprint).map((m) => m.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const aggregator = findModuleNode(blueprint, 8)!;
    expect(aggregator.parameters).toEqual({ feeder: 7 });
    expect(aggregator.mapper).toEqual({ total: '{{ $sum(7.price) }} of `{{1.name}}`', whole: '{{`7`}}' });
    expect(aggregator.filter?.conditions[0][0]).toEqual({
      a: '{{7.price}}',
      o: 'number:greater',
      b: '{{1.min}}',
    });
    expect(findModuleNode(blueprint, 7)?.mapper).toEqual({ array: '{{1.items}}' });
    expect(aggregator.onerror?.[0].id).toBe(9);
    // Pasted after a router, the copy opens a new route one column right of it.
    expect(findModuleNode(blueprint, 2)?.routes).toHaveLength(2);
    expect(findModuleNode(blueprint, 6)?.metadata?.designer).toMatchObject({ x: 380, y: 150 });
    expect(findModuleNode(blueprint, 7)?.metadata?.designer).toMatchObject({ x: 580, y: 150 });
    // The copy is independent of the original.
    expect(findModuleNode(blueprint, 4)?.mapper).toEqual(source.flow[1].routes![0].flow[1].mapper);
  });

  it('pastes a single module after another one', () => {
    const source = deepFreeze(sampleBlueprint());
    const { blueprint, id } = pasteModule(source, catalog, copyModule(source, 2), { type: 'after', id: 2 });
    expect(blueprint.flow.map((m) => m.id)).toEqual([1, 2, id, 3]);
    expect(findModuleNode(blueprint, id)?.mapper).toEqual({ name: 'who', value: '{{1.email}}' });
  });

  it('round-trips through clipboard text and rejects other text', () => {
    const clip = copyModule(sampleBlueprint(), 4);
    expect(parseClipboard(clipboardText(clip))).toEqual(clip);
    expect(parseClipboard('hello')).toBeUndefined();
    expect(parseClipboard('{"kind":"integrator/module","module":{"id":"x"}}')).toBeUndefined();
  });
});

describe('remapTemplate', () => {
  const ids = new Map([[3, 30]]);
  it('renumbers only references, not numbers, strings or other ids', () => {
    expect(remapTemplate('id {{3.id}} and {{ 3 + 3.n }} and {{"3.x"}} and {{4.y}}', ids)).toBe(
      'id {{30.id}} and {{ 3 + 30.n }} and {{"3.x"}} and {{4.y}}',
    );
    expect(remapTemplate('{{3.`first name`}}', ids)).toBe('{{30.`first name`}}');
    expect(remapTemplate('plain 3.id', ids)).toBe('plain 3.id');
  });
});
