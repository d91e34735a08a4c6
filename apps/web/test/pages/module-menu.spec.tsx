import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Blueprint } from '@integrator/engine/blueprint';
import { ScenarioPage } from '../../src/pages/scenario-page';
import { catalog } from '../fixtures/catalog';
import { sampleBlueprint } from '../fixtures/blueprints';
import { installReactFlowEnv } from '../editor/xyflow-env';
import { fakeApi } from './fake-fetch';

installReactFlowEnv();

// Make's right-click menu on a module (run this module only, add error handler, rename, clone,
// delete), and "Run this module only" sending the module alone with the bundle the user gave.

const ex = '7c0c5a55-0000-4000-8000-0000000000aa';

function setup() {
  return fakeApi({
    'GET /api/scenarios/4': () => ({
      body: {
        id: 4,
        name: 'Leads',
        folder: '',
        active: false,
        blueprint: sampleBlueprint(),
        version: 1,
        issues: [],
        scheduleText: 'On demand',
        nextRuns: [],
      },
    }),
    'GET /api/apps': () => ({ body: catalog }),
    'GET /api/connections': () => ({ body: [] }),
    'GET /api/hooks': () => ({ body: [] }),
    'GET /api/datastores': () => ({ body: [] }),
    'GET /api/custom-connectors': () => ({ body: [] }),
    'POST /api/scenarios/4/run': () => ({ status: 202, body: { executionId: ex } }),
    [`GET /api/executions/${ex}/events`]: () => ({ sse: [] }),
    [`GET /api/executions/${ex}`]: () => ({
      body: {
        id: ex,
        scenarioId: 4,
        status: 'success',
        operations: 1,
        durationMs: 3,
        draft: true,
        modules: [],
      },
    }),
  });
}

const circle = (name: RegExp) => screen.getByRole('button', { name });
const menuOf = (id: number) => screen.getByRole('menu', { name: `Module ${id} menu` });

describe('the module menu', () => {
  it('opens on right-click with Make’s items; Clone adds a copy after, Delete removes, Escape closes', async () => {
    const { api } = setup();
    render(<ScenarioPage api={api} scenarioId="4" />);
    await screen.findByRole('heading', { name: 'Leads' });
    fireEvent.contextMenu(circle(/^Set variable \(module 2\)/));
    const items = within(menuOf(2))
      .getAllByRole('menuitem')
      .map((i) => i.textContent);
    expect(items).toEqual(['Run this module only', 'Add error handler', 'Rename', 'Clone', 'Delete']);
    expect(document.activeElement?.textContent).toBe('Run this module only');
    fireEvent.keyDown(menuOf(2), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();

    fireEvent.contextMenu(circle(/^Set variable \(module 2\)/));
    fireEvent.click(within(menuOf(2)).getByRole('menuitem', { name: 'Clone' }));
    expect(await screen.findByRole('button', { name: /^Set variable \(module 7\)/ })).toBeTruthy();
    expect(screen.getByText('unsaved changes')).toBeTruthy();

    fireEvent.contextMenu(circle(/^Set variable \(module 7\)/));
    fireEvent.click(within(menuOf(7)).getByRole('menuitem', { name: 'Delete' }));
    expect(screen.queryByRole('button', { name: /^Set variable \(module 7\)/ })).toBeNull();

    fireEvent.contextMenu(circle(/^Set variable \(module 2\)/));
    fireEvent.click(within(menuOf(2)).getByRole('menuitem', { name: 'Rename' }));
    expect(screen.getByRole('dialog', { name: 'Module 2' })).toBeTruthy();
  });

  it('runs the module alone with the input bundle given, saving nothing', async () => {
    const { api, requests } = setup();
    render(<ScenarioPage api={api} scenarioId="4" />);
    await screen.findByRole('heading', { name: 'Leads' });
    fireEvent.contextMenu(circle(/^Set variable \(module 2\)/));
    fireEvent.click(within(menuOf(2)).getByRole('menuitem', { name: 'Run this module only' }));
    const drawer = screen.getByRole('dialog', { name: 'Run this module only' });
    const bundle = within(drawer).getByLabelText('Input bundle (JSON)') as HTMLTextAreaElement;
    expect(JSON.parse(bundle.value)).toEqual({ name: 'who', value: '{{1.email}}' });
    fireEvent.change(bundle, { target: { value: '{"name": "who", "value": "ada@example.com"}' } });
    await act(async () => fireEvent.click(within(drawer).getByRole('button', { name: 'Run' })));
    await screen.findByText(/Run finished with success/);
    const run = requests.find((r) => r.path === '/api/scenarios/4/run')!;
    const draft = (run.body as { blueprint: Blueprint }).blueprint;
    expect(draft.flow).toEqual([
      {
        id: 2,
        module: 'util:SetVariable2',
        version: 1,
        mapper: { name: 'who', value: 'ada@example.com' },
        metadata: { designer: { x: 300, y: 0 } },
      },
    ]);
    expect(draft.metadata?.integrator).toEqual({ format: 1 });
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
  });
});
