import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { appMetadata } from '@integrator/sdk';
import type { Blueprint } from '@integrator/engine/blueprint';
import { flowControlApp } from '../../../../libs/apps/builtin/src/flow-control';
import { ScenarioEditor } from '../../src/editor';
import { findModuleNode } from '../../src/canvas';
import { catalog as baseCatalog } from '../fixtures/catalog';
import { installReactFlowEnv } from './xyflow-env';

// The editor with an If-else: branch links carry their labels, a branch's conditions are
// edited in the filter editor, the Merge's outputs in its panel, and "+" adds a branch.

installReactFlowEnv();
const catalog = [appMetadata(flowControlApp), ...baseCatalog];

const blueprint = (): Blueprint => ({
  flow: [
    { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: {}, mapper: {} },
    {
      id: 2,
      module: 'builtin:BasicIfElse',
      version: 1,
      mapper: null,
      branches: [
        {
          type: 'condition',
          label: 'High',
          conditions: [[{ a: '{{1.priority}}', o: 'text:equal', b: 'high' }]],
          merge: true,
          flow: [{ id: 3, module: 'util:SetVariable2', version: 1, mapper: { name: 'v', value: 'x' } }],
        },
        { type: 'else', merge: true, flow: [] },
      ],
    },
    {
      id: 4,
      module: 'builtin:BasicMerge',
      version: 1,
      mapper: null,
      outputs: [{ name: 'v', mappings: ['{{3.v}}'] }],
    },
  ],
});

function setup() {
  const changes: Blueprint[] = [];
  function Page() {
    const [b, setB] = useState(blueprint());
    return (
      <ScenarioEditor
        blueprint={b}
        catalog={catalog}
        onChange={(next) => {
          changes.push(next);
          setB(next);
        }}
      />
    );
  }
  render(<Page />);
  return { latest: () => changes[changes.length - 1] };
}

describe('ScenarioEditor with an If-else', () => {
  it('draws the If-else with labelled branch links and edits a branch in the filter editor', async () => {
    const { latest } = setup();
    expect(screen.getByRole('button', { name: 'If-else (module 2, 2 branches)' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Branch Else of If-else 2' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Branch High of If-else 2' }));
    const panel = screen.getByRole('dialog', { name: 'Branch High of If-else 2' });
    fireEvent.change(within(panel).getByLabelText('Operator'), { target: { value: 'text:contain:ci' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add OR rule' }));
    expect(findModuleNode(latest(), 2)?.branches?.[0]).toMatchObject({
      label: 'High',
      conditions: [
        [{ a: '{{1.priority}}', o: 'text:contain:ci', b: 'high' }],
        [{ a: '', o: 'text:equal', b: '' }],
      ],
      merge: true,
    });
    fireEvent.click(within(panel).getByLabelText(/Continue at the Merge/));
    expect(findModuleNode(latest(), 2)?.branches?.[0].merge).toBe(false);
  });

  it("lists the If-else's branches in its panel, each opening its branch", () => {
    setup();
    fireEvent.doubleClick(screen.getByRole('button', { name: 'If-else (module 2, 2 branches)' }));
    const list = within(screen.getByRole('dialog', { name: 'Module 2' })).getByRole('region', {
      name: 'Branches',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['High 1 condition, merges', 'Else else, merges']);
    fireEvent.click(within(list).getByRole('button', { name: 'Else' }));
    expect(screen.getByRole('dialog', { name: 'Branch Else of If-else 2' })).toBeTruthy();
  });

  it('adds a branch before the else branch with the If-else "+"', () => {
    const { latest } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Add a branch to If-else 2' }));
    expect(findModuleNode(latest(), 2)?.branches?.map((b) => b.type)).toEqual([
      'condition',
      'condition',
      'else',
    ]);
  });

  it("edits the Merge's outputs: a value per merging branch", () => {
    const { latest } = setup();
    fireEvent.doubleClick(screen.getByRole('button', { name: 'Merge (module 4)' }));
    const panel = screen.getByRole('dialog', { name: 'Module 4' });
    expect(within(panel).queryByRole('group', { name: 'Other fields' })).toBeNull();
    fireEvent.change(within(panel).getByLabelText('Value from Else'), { target: { value: 'none' } });
    fireEvent.change(within(panel).getByLabelText('Output name'), { target: { value: 'message' } });
    expect(findModuleNode(latest(), 4)?.outputs).toEqual([
      { name: 'message', mappings: ['{{3.v}}', 'none'] },
    ]);
  });
});
