import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { ScenarioPage } from '../../src/pages/scenario-page';
import { useRoute } from '../../src/shell/router';
import { catalog } from '../fixtures/catalog';
import { sampleBlueprint } from '../fixtures/blueprints';
import { installReactFlowEnv } from '../editor/xyflow-env';
import { fakeApi } from './fake-fetch';

installReactFlowEnv();

// Unsaved edits are not lost through the app's own navigation: with changes, leaving the
// scenario by a link, the sidebar, the back arrow or for another scenario asks first; a refusal
// keeps the editor (and its edits) on screen, an acceptance leaves.

const scenario = {
  id: 4,
  name: 'Leads',
  folder: '',
  active: false,
  blueprint: sampleBlueprint(),
  version: 1,
  issues: [],
  scheduleText: 'On demand',
  nextRuns: [],
};

function Shell({ api }: { api: ReturnType<typeof fakeApi>['api'] }) {
  const route = useRoute();
  if (route.parts[0] === 'scenarios' && route.parts[1])
    return <ScenarioPage key={route.parts[1]} api={api} scenarioId={route.parts[1]} />;
  return <h1>Elsewhere {route.parts.join('/')}</h1>;
}

async function hashTo(hash: string) {
  await act(async () => {
    window.location.hash = hash;
    await new Promise((done) => setTimeout(done, 0));
  });
}

describe('leaving the editor with unsaved changes', () => {
  beforeEach(() => {
    window.location.hash = '#/scenarios/4';
  });

  it('asks first; a refusal keeps the edits and the address, an acceptance leaves', async () => {
    const { api } = fakeApi({
      'GET /api/scenarios/4': () => ({ body: scenario }),
      'GET /api/apps': () => ({ body: catalog }),
      'GET /api/connections': () => ({ body: [] }),
      'GET /api/hooks': () => ({ body: [] }),
      'GET /api/datastores': () => ({ body: [] }),
      'GET /api/custom-connectors': () => ({ body: [] }),
    });
    const confirm = jest.spyOn(window, 'confirm');
    render(<Shell api={api} />);
    await screen.findByRole('heading', { name: 'Leads' });

    // Nothing changed: navigation goes without a question.
    await hashTo('#/executions');
    expect(await screen.findByRole('heading', { name: 'Elsewhere executions' })).toBeTruthy();
    expect(confirm).not.toHaveBeenCalled();

    await hashTo('#/scenarios/4');
    await screen.findByRole('heading', { name: 'Leads' });
    fireEvent.click(screen.getByRole('button', { name: /^Set variable \(module 2\)/ }));
    const panel = screen.getByRole('dialog', { name: 'Module 2' });
    fireEvent.change(within(panel).getByLabelText(/^Variable name/), { target: { value: 'kept' } });

    confirm.mockReturnValueOnce(false);
    await hashTo('#/scenarios/5');
    expect(confirm).toHaveBeenCalledWith('This scenario has unsaved changes. Leave and lose them?');
    expect(window.location.hash).toBe('#/scenarios/4');
    expect((within(panel).getByLabelText(/^Variable name/) as HTMLInputElement).value).toBe('kept');
    expect(screen.queryByRole('heading', { name: /Elsewhere/ })).toBeNull();

    confirm.mockReturnValueOnce(true);
    await hashTo('#/connections');
    expect(await screen.findByRole('heading', { name: 'Elsewhere connections' })).toBeTruthy();
    expect(confirm).toHaveBeenCalledTimes(2);
    confirm.mockRestore();
  });
});
