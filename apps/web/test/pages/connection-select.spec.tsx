import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { ScenarioPage } from '../../src/pages/scenario-page';
import { catalog } from '../fixtures/catalog';
import { sampleBlueprint } from '../fixtures/blueprints';
import { installReactFlowEnv } from '../editor/xyflow-env';
import { fakeApi } from './fake-fetch';

installReactFlowEnv();

// A connection created from inside a module ("Add connection" by its field) is chosen in that
// field once saved, as in Make.

const crm = {
  id: 12,
  name: 'Main CRM',
  type: 'crm-key',
  values: {},
  secretsSet: ['apiKey'],
  status: 'ok',
  usedBy: [],
};

it('selects the new connection in the module that asked for it', async () => {
  let connections = [crm];
  const { api, requests } = fakeApi({
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
    'GET /api/connections': () => ({ body: connections }),
    'GET /api/connection-types': () => ({ body: catalog.flatMap((a) => a.connectionTypes) }),
    'POST /api/connections': (req) => {
      const created = { ...crm, id: 13, name: (req.body as { name: string }).name };
      connections = [crm, created];
      return { status: 201, body: created };
    },
    'GET /api/hooks': () => ({ body: [] }),
    'GET /api/datastores': () => ({ body: [] }),
    'GET /api/custom-connectors': () => ({ body: [] }),
  });
  render(<ScenarioPage api={api} scenarioId="4" />);
  await screen.findByRole('heading', { name: 'Leads' });
  fireEvent.click(screen.getByRole('button', { name: /^Create a contact \(module 4\)/ }));
  const panel = screen.getByRole('dialog', { name: 'Module 4' });
  fireEvent.click(within(panel).getByRole('button', { name: 'Add connection' }));
  const drawer = await screen.findByRole('dialog', { name: 'New connection' });
  fireEvent.change(within(drawer).getByLabelText(/^Connection name/), { target: { value: 'Second CRM' } });
  fireEvent.change(await within(drawer).findByLabelText(/^API key/), { target: { value: 'k-2' } });
  await act(async () => fireEvent.click(within(drawer).getByRole('button', { name: 'Create connection' })));

  const select = within(panel).getByLabelText(/^Connection/) as HTMLSelectElement;
  await screen.findByText('unsaved changes');
  // Its status is ok: the option says it is verified.
  expect(select.selectedOptions[0].textContent).toBe('Second CRM · verified');
  expect(requests.filter((r) => r.path === '/api/connections' && r.method === 'GET')).toHaveLength(2);
});
