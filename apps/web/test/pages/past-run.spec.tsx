import { render, screen } from '@testing-library/react';
import { ScenarioPage } from '../../src/pages/scenario-page';
import { catalog } from '../fixtures/catalog';
import { sampleBlueprint } from '../fixtures/blueprints';
import { installReactFlowEnv } from '../editor/xyflow-env';
import { fakeApi, type Handler } from './fake-fetch';

installReactFlowEnv();

// A past execution in the address (#/scenarios/4?execution=…) is drawn on the canvas with a
// banner naming it; one of another scenario is refused rather than drawn on the wrong modules.

const scenario = {
  id: 4,
  name: 'Leads',
  folder: '',
  active: false,
  blueprint: sampleBlueprint(),
  version: 3,
  issues: [],
  scheduleText: 'On demand',
  nextRuns: [],
};
const log = (id: number, module: string, errors = 0) => ({
  id,
  module,
  label: module,
  operations: 1,
  bundlesOut: errors ? 0 : 1,
  errors,
  omittedOps: 0,
  ops: [
    {
      index: 1,
      cycle: 1,
      input: { email: 'ada@example.com' },
      outputCount: errors ? 0 : 1,
      durationMs: 1,
      ...(errors
        ? { error: { message: 'the name is taken', kind: 'user', type: 'DataError' } }
        : { output: [{ ok: 1 }] }),
    },
  ],
});
const execution = (scenarioId: number) => ({
  id: 'e-1',
  scenarioId,
  scenarioVersion: 2,
  status: 'warning',
  operations: 2,
  startedAt: Date.parse('2026-05-04T08:00:00Z'),
  modules: [log(1, 'gateway:CustomWebHook'), log(2, 'util:SetVariable2', 1)],
  warnings: [],
  incomplete: [],
});

function setup(extra: Record<string, Handler>) {
  return fakeApi({
    'GET /api/scenarios/4': () => ({ body: scenario }),
    'GET /api/apps': () => ({ body: catalog }),
    'GET /api/connections': () => ({ body: [] }),
    'GET /api/hooks': () => ({ body: [] }),
    'GET /api/datastores': () => ({ body: [] }),
    'GET /api/custom-connectors': () => ({ body: [] }),
    ...extra,
  });
}

describe('a past run on the scenario page', () => {
  it('draws its bubbles, names the failed module and the version it ran', async () => {
    const { api } = setup({ 'GET /api/executions/e-1': () => ({ body: execution(4) }) });
    render(<ScenarioPage api={api} scenarioId="4" executionId="e-1" />);
    const banner = await screen.findByRole('status', { name: 'Run shown on the canvas' });
    expect(banner.textContent).toMatch(/2 operations, failed in module 2\./);
    expect(banner.textContent).toContain('It ran version 2; the canvas shows version 3.');
    await screen.findByRole('button', { name: 'Module 2: 1 operation, failed: the name is taken' });
    expect(screen.getByRole('link', { name: 'Back to the live editor' }).getAttribute('href')).toBe(
      '#/scenarios/4',
    );
  });

  it("refuses another scenario's run instead of drawing it on the wrong modules", async () => {
    const { api } = setup({ 'GET /api/executions/e-1': () => ({ body: execution(9) }) });
    render(<ScenarioPage api={api} scenarioId="4" executionId="e-1" />);
    const alert = await screen.findByText(
      /The run could not be shown: execution e-1 is not a run of this scenario/,
    );
    expect(alert).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Module 2: / })).toBeNull();
  });
});
