import { fireEvent, render, screen, within } from '@testing-library/react';
import type { Blueprint } from '@integrator/engine/blueprint';
import { createApiClient } from '../../src/api/client';
import { ScenarioPage } from '../../src/pages/scenario-page';
import { catalog } from '../fixtures/catalog';
import { sampleBlueprint } from '../fixtures/blueprints';
import { installReactFlowEnv } from '../editor/xyflow-env';

installReactFlowEnv();

// An in-memory stand-in for the API (docs/API.md): it answers the routes the page uses and
// rejects a blueprint whose module 2 has no variable name, as the server's validation would.
function fakeApi() {
  const requests: Array<{ method: string; url: string; body?: unknown; auth: string | null }> = [];
  // jsdom has no fetch Response: the part of it the client reads.
  const json = (status: number, body: unknown) => {
    const text = JSON.stringify(body);
    return { ok: status < 300, status, statusText: '', text: async () => text, json: async () => JSON.parse(text) } as unknown as Response;
  };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    requests.push({ method: init?.method ?? 'GET', url, body, auth: (init?.headers as Record<string, string>).authorization ?? null });
    if (url === '/api/scenarios/4' && init?.method === 'GET') return json(200, { id: 4, name: 'Leads', active: false, blueprint: sampleBlueprint(), version: 1, issues: [] });
    if (url === '/api/apps') return json(200, catalog);
    if (url === '/api/connections') return json(200, [{ id: 12, name: 'Main CRM', type: 'crm-key', values: {}, secretsSet: ['apiKey'], status: 'ok', usedBy: [] }]);
    if (url === '/api/scenarios/4' && init?.method === 'PUT') {
      const name = (body.blueprint as Blueprint).flow[1].mapper?.name;
      if (!name) return json(400, { statusCode: 400, error: 'Bad Request', message: 'The blueprint is invalid', fields: [{ path: 'flow[1].mapper.name', message: 'is required' }] });
      return json(200, { id: 4, name: 'Leads', active: false, blueprint: body.blueprint, version: 2, issues: [] });
    }
    return json(404, { statusCode: 404, error: 'Not Found', message: 'no route' });
  };
  const storage = new Map([['integrator.token', 'tok']]);
  const api = createApiClient({ fetch, storage: { getItem: (k) => storage.get(k) ?? null, setItem: () => undefined, removeItem: () => undefined } });
  return { api, requests };
}

describe('ScenarioPage', () => {
  it('loads a scenario into the editor, saves it, and shows the server validation next to the field', async () => {
    const { api, requests } = fakeApi();
    render(<ScenarioPage api={api} scenarioId="4" />);
    expect(await screen.findByRole('heading', { name: 'Leads' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^Set variable \(module 2\)/ }));
    const panel = screen.getByRole('dialog', { name: 'Module 2' });
    fireEvent.change(within(panel).getByLabelText(/^Variable name/), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('status')).textContent).toBe('The blueprint is invalid');
    const field = within(panel).getByLabelText(/^Variable name/);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(within(panel).getByRole('alert').textContent).toBe('is required');
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put).toMatchObject({ url: '/api/scenarios/4', auth: 'Bearer tok' });
    expect((put.body as { blueprint: Blueprint }).blueprint.flow[1].mapper).toEqual({ value: '{{1.email}}' });

    fireEvent.change(within(panel).getByLabelText(/^Variable name/), { target: { value: 'who' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByText('Saved as version 2')).getAttribute('role')).toBe('status');
    expect(within(panel).queryByRole('alert')).toBeNull();
  });
});
