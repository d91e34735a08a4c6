import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { ScenarioPage } from '../../src/pages/scenario-page';
import { catalog } from '../fixtures/catalog';
import { sampleBlueprint } from '../fixtures/blueprints';
import { installReactFlowEnv } from '../editor/xyflow-env';
import { fakeApi } from './fake-fetch';

installReactFlowEnv();

// Make's webhook module: "Add", a name, Save, and the new webhook is chosen and its address
// shown with a copy button, all without leaving the editor.

const hook = (id: number, name: string) => ({
  id,
  name,
  url: `http://x/hooks/${name.toLowerCase().replace(/ /g, '-')}`,
  scenarioId: 4,
  requiredFields: [],
  maxQueue: 10,
  maxBodyBytes: 1024,
});

it('creates a webhook in place, selects it and shows its address with a copy button', async () => {
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
    'GET /api/connections': () => ({ body: [] }),
    'GET /api/hooks': () => ({ body: [hook(7, 'Leads hook')] }),
    'POST /api/hooks': (req) => ({ status: 201, body: hook(8, (req.body as { name: string }).name) }),
    'GET /api/datastores': () => ({ body: [] }),
    'GET /api/custom-connectors': () => ({ body: [] }),
  });
  const writeText = jest.fn(() => Promise.resolve());
  Object.assign(navigator, { clipboard: { writeText } });
  render(<ScenarioPage api={api} scenarioId="4" />);
  await screen.findByRole('heading', { name: 'Leads' });
  fireEvent.click(screen.getByRole('button', { name: /\(module 1\)/ }));
  const panel = screen.getByRole('dialog', { name: 'Module 1' });
  expect(await within(panel).findByText('http://x/hooks/leads-hook')).toBeTruthy();

  fireEvent.click(within(panel).getByRole('button', { name: 'Add' }));
  fireEvent.change(within(panel).getByLabelText(/^New .* name$/), { target: { value: 'Orders in' } });
  await act(async () => fireEvent.click(within(panel).getByRole('button', { name: 'Save' })));
  expect(requests.find((r) => r.method === 'POST' && r.path === '/api/hooks')?.body).toEqual({
    name: 'Orders in',
    scenarioId: 4,
  });
  const select = within(panel).getAllByRole('combobox')[0] as HTMLSelectElement;
  expect(select.selectedOptions[0].textContent).toBe('Orders in');
  expect(within(panel).getByText('http://x/hooks/orders-in')).toBeTruthy();
  expect(screen.getByText('unsaved changes')).toBeTruthy();
  await act(async () => fireEvent.click(within(panel).getByRole('button', { name: 'Copy address' })));
  expect(writeText).toHaveBeenCalledWith('http://x/hooks/orders-in');
  expect(within(panel).getByRole('button', { name: 'Copy address' }).textContent).toBe('Copied');
});
