import { OPERATOR_TOKENS } from '@integrator/engine/filters/operators';
import { blueprintToGraph, moveModule } from '../../src/canvas';
import { operatorGroups, operatorLabel } from '../../src/editor';
import { reconcileNodes } from '../../src/editor/reconcile-nodes';
import { iconUri } from '../../src/editor/module-icon';
import { catalog } from '../fixtures/catalog';
import { sampleBlueprint } from '../fixtures/blueprints';

describe('operator options', () => {
  it('offers every engine operator once (one spelling of starts/ends with), with readable labels', () => {
    const listed = operatorGroups().flatMap((g) => g.options.map((o) => o.value));
    expect(new Set(listed).size).toBe(listed.length);
    expect(OPERATOR_TOKENS.filter((t) => !listed.includes(t)).every((t) => /(starts|ends)with/.test(t))).toBe(
      true,
    );
    expect(operatorLabel('text:notcontain:ci')).toBe('Does not contain (case insensitive)');
    expect(operatorLabel('array:greater')).toBe('Length greater than');
    expect(operatorLabel('exist')).toBe('Exists');
  });
});

describe('reconcileNodes', () => {
  it('keeps the previous object of every node the edit did not touch', () => {
    const before = blueprintToGraph(sampleBlueprint(), catalog).nodes.map((n) => ({
      ...n,
      selected: n.id === '6',
      measured: { width: 96, height: 96 },
    }));
    const next = blueprintToGraph(moveModule(sampleBlueprint(), 6, { x: 5, y: 5 }), catalog).nodes;
    const merged = reconcileNodes(before, next);
    expect(merged.slice(0, 5).every((n, i) => n === before[i])).toBe(true);
    expect(merged[5]).toMatchObject({
      id: '6',
      position: { x: 5, y: 5 },
      selected: true,
      measured: { width: 96, height: 96 },
    });
  });
});

describe('iconUri', () => {
  it('turns an inline SVG into an image URI, never markup, drawn in white', () => {
    const uri = iconUri('<svg stroke="currentColor"><script>alert(1)</script></svg>');
    expect(uri.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(uri.split(',')[1])).toContain('stroke="#ffffff"');
  });
});
