import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import type { Blueprint } from '@integrator/engine/blueprint';
import type { RunResult } from '@integrator/engine/runner/types';
import { ScenarioEditor } from '../../src/editor';
import { findModuleNode } from '../../src/canvas';
import { allModules } from '../../src/canvas/tree';
import { catalog } from '../fixtures/catalog';
import { sampleBlueprint } from '../fixtures/blueprints';
import { installReactFlowEnv } from './xyflow-env';

installReactFlowEnv();

function setup(initial: Blueprint = sampleBlueprint(), lastRun?: RunResult) {
  const changes: Blueprint[] = [];
  function Page() {
    const [blueprint, setBlueprint] = useState(initial);
    return (
      <ScenarioEditor
        blueprint={blueprint}
        catalog={catalog}
        lastRun={lastRun}
        onChange={(b) => {
          changes.push(b);
          setBlueprint(b);
        }}
      />
    );
  }
  const view = render(<Page />);
  const editor = view.container.querySelector('.scenario-editor') as HTMLElement;
  const latest = () => changes[changes.length - 1];
  const key = (k: string, extra: Partial<KeyboardEventInit> = {}) =>
    fireEvent.keyDown(editor, { key: k, ...extra });
  return { ...view, editor, changes, latest, key };
}

const moduleButton = (name: RegExp) => screen.getByRole('button', { name });

describe('ScenarioEditor', () => {
  it('draws the scenario: round modules, router, link labels with route numbers and filters', async () => {
    setup();
    expect(moduleButton(/^Custom webhook \(module 1\)/)).toBeTruthy();
    expect(moduleButton(/^Router \(module 3, 2 routes\)/)).toBeTruthy();
    expect(
      await screen.findByRole('button', { name: /^Has email: filtered link into module 4 \(Route 1\)$/ }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Route 2 \(fallback\): link into module 6$/ })).toBeTruthy();
  });

  it('adds a module from the searchable catalog and opens its form', () => {
    const { latest } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Add a module after Set variable' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a module' });
    expect(within(dialog).queryByRole('button', { name: /Ignore/ })).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('Search modules'), { target: { value: 'contact' } });
    expect(within(dialog).getAllByRole('button', { name: /Create a contact|Close/ })).toHaveLength(2);
    fireEvent.click(within(dialog).getByRole('button', { name: /Create a contact/ }));
    expect(findModuleNode(latest(), 3)?.routes?.[1].flow.map((m) => m.id)).toEqual([6, 7]);
    expect(screen.getByRole('dialog', { name: 'Module 7' })).toBeTruthy();
    expect(moduleButton(/^Create a contact \(module 7\)/)).toBeTruthy();
  });

  it('edits a module through its generated form; typing in one field is one undo step', () => {
    const { latest, key, changes } = setup();
    fireEvent.click(moduleButton(/^Set variable \(module 2\)/));
    const panel = screen.getByRole('dialog', { name: 'Module 2' });
    const name = within(panel).getByLabelText(/^Variable name/);
    fireEvent.change(name, { target: { value: 'w' } });
    fireEvent.change(name, { target: { value: 'who2' } });
    expect(findModuleNode(latest(), 2)?.mapper).toEqual({ name: 'who2', value: '{{1.email}}' });
    key('z', { ctrlKey: true });
    expect(findModuleNode(latest(), 2)?.mapper).toEqual({ name: 'who', value: '{{1.email}}' });
    key('z', { ctrlKey: true, shiftKey: true });
    expect(findModuleNode(latest(), 2)?.mapper?.name).toBe('who2');
    expect(changes).toHaveLength(4);
  });

  it('deletes the selected module with the Delete key and reconnects the flow', () => {
    const { latest, key } = setup();
    fireEvent.click(moduleButton(/^Set variable \(module 2\)/));
    key('Delete');
    expect(latest().flow.map((m) => m.id)).toEqual([1, 3]);
    expect(screen.queryByRole('button', { name: /\(module 2\)/ })).toBeNull();
  });

  it('copies and pastes a module with Ctrl+C / Ctrl+V', () => {
    const { latest, key } = setup();
    fireEvent.click(moduleButton(/^Set variable \(module 6\)/));
    key('c', { ctrlKey: true });
    key('v', { ctrlKey: true });
    expect(findModuleNode(latest(), 3)?.routes?.[1].flow.map((m) => [m.id, m.mapper])).toEqual([
      [6, { name: 'none' }],
      [7, { name: 'none' }],
    ]);
  });

  it('refuses an impossible edit with a notice instead of breaking the scenario', () => {
    const { key, changes } = setup();
    key('v', { ctrlKey: true });
    expect(screen.getByRole('alert').textContent).toMatch('Copy a module first');
    expect(changes).toHaveLength(0);
  });

  it('edits the filter on a link: operator list, AND and OR rules', async () => {
    const { latest } = setup();
    fireEvent.click(await screen.findByRole('button', { name: /Has email: filtered link/ }));
    const panel = screen.getByRole('dialog', { name: 'Link into module 4' });
    const operator = within(panel).getByLabelText('Operator');
    expect(
      within(operator)
        .getAllByRole('group')
        .map((g) => g.getAttribute('label')),
    ).toEqual(['Basic', 'Text', 'Array', 'Numeric', 'Date', 'Time', 'Boolean']);
    expect(within(operator).getAllByRole('option', { name: 'Greater than' })).toHaveLength(3);
    fireEvent.change(operator, { target: { value: 'text:contain:ci' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Add AND rule' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Add OR rule' }));
    expect(findModuleNode(latest(), 4)?.filter).toEqual({
      name: 'Has email',
      conditions: [
        [
          { a: '{{1.email}}', o: 'text:contain:ci' },
          { a: '', o: 'text:equal', b: '' },
        ],
        [{ a: '', o: 'text:equal', b: '' }],
      ],
    });
    fireEvent.click(within(panel).getByLabelText(/Fallback route/));
    expect(findModuleNode(latest(), 3)?.routes?.[0].fallback).toBe(true);
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove filter' }));
    expect(findModuleNode(latest(), 4)).not.toHaveProperty('filter');
  });

  it('adds an error handler from the module panel', () => {
    const { latest } = setup();
    fireEvent.click(moduleButton(/^Set variable \(module 2\)/));
    fireEvent.click(screen.getByRole('button', { name: 'Add error handler' }));
    expect(findModuleNode(latest(), 2)?.onerror).toEqual([
      expect.objectContaining({ module: 'builtin:Ignore', id: 7 }),
    ]);
  });

  it('shows run bubbles with operation counts, bundles and the failing module error', () => {
    const run: RunResult = {
      executionId: 'e1',
      status: 'error',
      operations: 3,
      cycles: 1,
      startedAt: 0,
      finishedAt: 5,
      durationMs: 5,
      dataSize: 100,
      modules: [
        {
          id: 1,
          module: 'gateway:CustomWebHook',
          label: 'Custom webhook',
          operations: 1,
          bundlesOut: 2,
          errors: 0,
          omittedOps: 0,
          ops: [
            {
              index: 1,
              cycle: 1,
              output: [{ email: 'a@x' }, { email: 'b@x' }],
              outputCount: 2,
              durationMs: 1,
            },
          ],
        },
        {
          id: 4,
          module: 'crm:CreateContact',
          label: 'Create a contact',
          operations: 2,
          bundlesOut: 1,
          errors: 1,
          omittedOps: 0,
          ops: [
            {
              index: 1,
              cycle: 1,
              input: { email: 'a@x' },
              output: [{ id: 1 }],
              outputCount: 1,
              durationMs: 1,
            },
            {
              index: 2,
              cycle: 1,
              input: { email: 'b@x' },
              outputCount: 0,
              durationMs: 1,
              error: { message: 'Email already exists', kind: 'user', type: 'DuplicateDataError' },
            },
          ],
        },
      ],
      warnings: [],
      incomplete: [],
      interrupted: false,
      confidential: false,
    };
    setup(sampleBlueprint(), run);
    expect(screen.getByRole('button', { name: 'Module 1: 1 operation' }).textContent).toBe('1');
    fireEvent.click(
      screen.getByRole('button', { name: 'Module 4: 2 operations, failed: Email already exists' }),
    );
    const panel = screen.getByRole('dialog', { name: 'Module 4: last run' });
    expect(within(panel).getByRole('alert').textContent).toBe('DuplicateDataError: Email already exists');
    expect(within(panel).getAllByText(/"email": "b@x"/)).toHaveLength(1);
    expect(within(panel).getByText(/"id": 1/)).toBeTruthy();
  });

  it('auto-aligns every module and can zoom to fit', () => {
    const { latest } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Auto-align' }));
    expect(allModules(latest()).map((m) => [m.id, m.metadata?.designer?.x, m.metadata?.designer?.y])).toEqual(
      [
        [1, 0, 0],
        [2, 180, 0],
        [3, 360, 0],
        [4, 540, 0],
        [5, 720, 150],
        [6, 540, 300],
      ],
    );
    fireEvent.click(screen.getByRole('button', { name: 'Zoom to fit' }));
  });

  it('starts a fresh history when the page loads another blueprint', () => {
    const onChange = jest.fn();
    const { rerender } = render(
      <ScenarioEditor blueprint={sampleBlueprint()} catalog={catalog} onChange={onChange} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Auto-align' }));
    expect((screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement).disabled).toBe(false);
    rerender(<ScenarioEditor blueprint={{ flow: [] }} catalog={catalog} onChange={onChange} />);
    expect((screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Add the first module' })).toBeTruthy();
  });
});
