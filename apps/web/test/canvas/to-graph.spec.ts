import { blueprintToGraph, COLUMN_WIDTH, layoutPositions, type GraphEdge } from '../../src/canvas';
import { allModules } from '../../src/canvas/tree';
import { catalog } from '../fixtures/catalog';
import { bigBlueprint, deepFreeze, sampleBlueprint } from '../fixtures/blueprints';

const edgeInto = (edges: GraphEdge[], target: string) => edges.find((e) => e.target === target);

describe('blueprintToGraph', () => {
  it('draws every module once, the trigger first, with app label, icon and color', () => {
    const { nodes } = blueprintToGraph(deepFreeze(sampleBlueprint()), catalog);
    expect(nodes.map((n) => n.id)).toEqual(['1', '2', '3', '4', '5', '6']);
    const trigger = nodes[0];
    expect(trigger.type).toBe('module');
    expect(trigger.data).toMatchObject({
      id: 1,
      label: 'Custom webhook',
      appLabel: 'Webhooks',
      color: '#f43f5e',
      trigger: true,
      known: true,
    });
    expect(trigger.data).toHaveProperty('icon', expect.stringContaining('<svg'));
    expect(nodes.filter((n) => n.type === 'module' && n.data.trigger)).toHaveLength(1);
  });

  it('draws routers as router nodes with one edge per route, the fallback marked', () => {
    const { nodes, edges } = blueprintToGraph(sampleBlueprint(), catalog);
    expect(nodes.find((n) => n.id === '3')?.type).toBe('router');
    const routeEdges = edges.filter((e) => e.data?.kind === 'route');
    expect(routeEdges.map((e) => [e.source, e.target, e.data?.route, e.data?.fallback])).toEqual([
      ['3', '4', 0, undefined],
      ['3', '6', 1, true],
    ]);
  });

  it('puts the filter label on the edge into the filtered module', () => {
    const { edges } = blueprintToGraph(sampleBlueprint(), catalog);
    expect(edgeInto(edges, '4')?.data).toMatchObject({
      targetId: 4,
      filterName: 'Has email',
      filterConditions: 1,
    });
    expect(edgeInto(edges, '2')?.data).toMatchObject({ kind: 'flow', filterConditions: 0 });
    expect(edgeInto(edges, '2')?.data?.filterName).toBeUndefined();
  });

  it('hangs error handler routes under their module as dashed error edges', () => {
    const { nodes, edges } = blueprintToGraph(sampleBlueprint(), catalog);
    const error = edgeInto(edges, '5')!;
    expect(error).toMatchObject({
      source: '4',
      sourceHandle: 'error',
      className: 'edge-error',
      data: { kind: 'error' },
    });
    expect(nodes.find((n) => n.id === '5')?.data).toMatchObject({ inErrorRoute: true, canAppend: false });
    expect(nodes.find((n) => n.id === '4')?.data).toMatchObject({ hasErrorHandler: true });
  });

  it('takes positions from metadata.designer', () => {
    const { nodes } = blueprintToGraph(sampleBlueprint(), catalog);
    expect(nodes.find((n) => n.id === '4')?.position).toEqual({ x: 900, y: 0 });
  });

  it('lays out modules without designer positions automatically', () => {
    const blueprint = sampleBlueprint();
    for (const m of allModules(blueprint)) delete m.metadata;
    const { nodes } = blueprintToGraph(blueprint, catalog);
    const at = (id: string) => nodes.find((n) => n.id === id)!.position;
    expect(at('1')).toEqual({ x: 0, y: 0 });
    expect(at('2').x).toBe(COLUMN_WIDTH);
    expect(at('4').y).toBe(at('3').y);
    expect(at('5').y).toBeGreaterThan(at('4').y);
    expect(at('6').y).toBeGreaterThan(at('5').y);
  });

  it('keeps node and edge data plain JSON', () => {
    const graph = blueprintToGraph(sampleBlueprint(), catalog);
    expect(JSON.parse(JSON.stringify(graph))).toEqual(graph);
  });

  it('shows placeholders for an empty scenario and for empty routes', () => {
    expect(blueprintToGraph({ flow: [] }, catalog).nodes).toEqual([
      expect.objectContaining({
        id: 'add:start',
        type: 'placeholder',
        data: expect.objectContaining({ anchor: { type: 'start' } }),
      }),
    ]);
    const blueprint = {
      flow: [
        { id: 1, module: 'gateway:CustomWebHook' },
        { id: 2, module: 'builtin:BasicRouter', routes: [{ flow: [] }] },
      ],
    };
    const graph = blueprintToGraph(blueprint, catalog);
    expect(graph.nodes.find((n) => n.id === 'add:2:0')?.data).toMatchObject({
      anchor: { type: 'route', routerId: 2, route: 0 },
    });
    expect(graph.edges.find((e) => e.target === 'add:2:0')).toMatchObject({
      source: '2',
      data: { kind: 'route', route: 0 },
    });
  });

  it('draws modules missing from the catalog with their key', () => {
    const { nodes } = blueprintToGraph({ flow: [{ id: 1, module: 'acme:DoThing' }] }, catalog);
    expect(nodes[0].data).toMatchObject({ label: 'acme:DoThing', appLabel: 'acme', known: false });
  });

  it('is deterministic: the same blueprint gives the same graph', () => {
    expect(blueprintToGraph(sampleBlueprint(), catalog)).toEqual(
      blueprintToGraph(sampleBlueprint(), catalog),
    );
  });

  it('projects a 200-module blueprint quickly, without overlapping nodes', () => {
    const blueprint = bigBlueprint(200);
    expect(allModules(blueprint)).toHaveLength(200);
    const started = performance.now();
    const { nodes, edges } = blueprintToGraph(blueprint, catalog);
    expect(performance.now() - started).toBeLessThan(200);
    const modules = nodes.filter((n) => n.type !== 'placeholder');
    expect(modules).toHaveLength(200);
    expect(edges).toHaveLength(199);
    const spots = new Set(nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(spots.size).toBe(nodes.length);
    expect(layoutPositions(blueprint).size).toBe(nodes.length);
  });
});
