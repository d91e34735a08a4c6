import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import type { Blueprint } from '@integrator/engine/blueprint';
import { ScenarioEditor } from '../../src/editor';
import { blueprintToGraph, findModuleNode } from '../../src/canvas';
import { catalog } from '../fixtures/catalog';
import { sampleBlueprint } from '../fixtures/blueprints';
import { installReactFlowEnv } from './xyflow-env';

installReactFlowEnv();

// What an import could not carry over is on the module: a badge on the canvas node and a list in
// its panel, until the user dismisses it (issue 11 §1).

const WARNINGS = [
  'Module 2 (util:SetVariable2): mapper.colour is not a setting of util:SetVariable2; it was not carried over (its value was "blue").',
  'flow[1].mapper.value: the function md5 has no equivalent here (kept as {{md5(1.a)}})',
];

function withWarnings(): Blueprint {
  const bp = sampleBlueprint();
  bp.flow[1].metadata = { ...bp.flow[1].metadata, integrator: { warnings: WARNINGS } };
  return bp;
}

function setup(initial: Blueprint) {
  const changes: Blueprint[] = [];
  function Page() {
    const [blueprint, setBlueprint] = useState(initial);
    return (
      <ScenarioEditor
        blueprint={blueprint}
        catalog={catalog}
        onChange={(b) => {
          changes.push(b);
          setBlueprint(b);
        }}
      />
    );
  }
  render(<Page />);
  return { latest: () => changes[changes.length - 1] };
}

describe('import warnings', () => {
  it('the graph carries them on the node; modules without any have none', () => {
    const nodes = blueprintToGraph(withWarnings(), catalog).nodes;
    const data = (id: string) => nodes.find((n) => n.id === id)?.data as { warnings: string[] };
    expect(data('2').warnings).toEqual(WARNINGS);
    expect(data('1').warnings).toEqual([]);
  });

  it('shows a badge on the module, lists them in its panel, and dismissing takes them off', () => {
    const { latest } = setup(withWarnings());
    expect(screen.queryByRole('button', { name: /^Module 1: .* import warning/ })).toBeNull();
    const badge = screen.getByRole('button', { name: 'Module 2: 2 import warnings' });
    expect(badge.getAttribute('title')).toBe(WARNINGS.join('\n'));
    fireEvent.click(badge);
    const panel = screen.getByRole('dialog', { name: 'Module 2' });
    const list = within(panel).getByRole('region', { name: 'Import warnings' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(WARNINGS);
    fireEvent.click(within(list).getByRole('button', { name: 'Dismiss' }));
    expect(findModuleNode(latest(), 2)?.metadata).toEqual({ designer: { x: 300, y: 0 } });
    expect(screen.queryByRole('button', { name: /^Module 2: .* import warning/ })).toBeNull();
    expect(within(panel).queryByRole('region', { name: 'Import warnings' })).toBeNull();
  });
});
