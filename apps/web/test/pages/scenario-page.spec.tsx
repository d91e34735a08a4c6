import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Blueprint } from '@integrator/engine/blueprint';
import type { RunEvent } from '@integrator/engine/runner/types';
import { ScenarioPage } from '../../src/pages/scenario-page';
import { catalog } from '../fixtures/catalog';
import { sampleBlueprint } from '../fixtures/blueprints';
import { installReactFlowEnv } from '../editor/xyflow-env';
import { fakeApi, problem, sseFrames, type Handler } from './fake-fetch';

installReactFlowEnv();

// The editor page against a fake of the API that answers as the server does: it rejects a
// blueprint whose module 2 has no variable name, refuses to switch on a scenario with
// problems (409 with the issues), streams a run's events, and validates schedules.

const scenario = (patch: Record<string, unknown> = {}) => ({
  id: 4,
  name: 'Leads',
  folder: '',
  active: false,
  blueprint: sampleBlueprint(),
  version: 1,
  issues: [],
  scheduleText: 'On demand',
  nextRuns: [],
  ...patch,
});
const ex = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
const runEvents: RunEvent[] = [
  { type: 'execution.started', executionId: ex, at: 0 },
  { type: 'module.started', executionId: ex, moduleId: 1, operation: 1, cycle: 1 },
  {
    type: 'bundle.out',
    executionId: ex,
    moduleId: 1,
    operation: 1,
    index: 1,
    bundle: { email: 'ada@example.com' },
  },
  { type: 'module.started', executionId: ex, moduleId: 2, operation: 1, cycle: 1 },
  {
    type: 'module.error',
    executionId: ex,
    moduleId: 2,
    operation: 1,
    error: { message: 'the name is taken', kind: 'user', type: 'DataError' },
  },
  { type: 'execution.finished', executionId: ex, status: 'error', operations: 2, durationMs: 12 },
];

function setup(extra: Record<string, Handler> = {}) {
  return fakeApi({
    'GET /api/scenarios/4': () => ({ body: scenario() }),
    'GET /api/apps': () => ({ body: catalog }),
    'GET /api/connections': () => ({
      body: [
        {
          id: 12,
          name: 'Main CRM',
          type: 'crm-key',
          values: {},
          secretsSet: ['apiKey'],
          status: 'ok',
          usedBy: [],
        },
      ],
    }),
    'GET /api/hooks': () => ({
      body: [
        {
          id: 7,
          name: 'Leads hook',
          url: 'http://x/hooks/abc',
          scenarioId: 4,
          requiredFields: [],
          maxQueue: 10,
          maxBodyBytes: 1024,
        },
      ],
    }),
    'GET /api/datastores': () => ({ body: [] }),
    'GET /api/custom-connectors': () => problem(403, 'the custom connector integration is off'),
    'PUT /api/scenarios/4': (req) => {
      const body = req.body as { blueprint?: Blueprint; schedule?: { type: string; expression?: string } };
      if (body.blueprint && !body.blueprint.flow[1].mapper?.name)
        return problem(400, 'The blueprint is invalid', [
          { path: 'flow[1].mapper.name', message: 'is required' },
        ]);
      if (body.schedule?.type === 'cron' && body.schedule.expression !== '0 9 * * *')
        return problem(400, 'The schedule is invalid', [
          { path: 'schedule.expression', message: 'must have 5 or 6 fields' },
        ]);
      return {
        body: scenario({
          ...body,
          version: body.blueprint ? 2 : 1,
          ...(body.schedule
            ? { scheduleText: 'Every day at 09:00 (UTC)', nextRuns: ['2030-01-01T09:00:00.000Z'] }
            : {}),
        }),
      };
    },
    ...extra,
  });
}

async function open(api: ReturnType<typeof setup>['api']) {
  render(<ScenarioPage api={api} scenarioId="4" />);
  await screen.findByRole('heading', { name: 'Leads' });
}

describe('ScenarioPage', () => {
  it('saves the scenario and shows the server validation next to the field', async () => {
    const { api, requests } = setup();
    await open(api);
    fireEvent.click(screen.getByRole('button', { name: /^Set variable \(module 2\)/ }));
    const panel = screen.getByRole('dialog', { name: 'Module 2' });
    fireEvent.change(within(panel).getByLabelText(/^Variable name/), { target: { value: '' } });
    expect(screen.getByText('unsaved changes')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByText('The blueprint is invalid')).getAttribute('role')).toBe('alert');
    expect(
      within(panel)
        .getByLabelText(/^Variable name/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(within(panel).getByRole('alert').textContent).toBe('is required');
    const put = requests.find((r) => r.method === 'PUT')!;
    expect(put).toMatchObject({ path: '/api/scenarios/4', auth: 'Bearer tok' });
    expect((put.body as { blueprint: Blueprint }).blueprint.flow[1].mapper).toEqual({ value: '{{1.email}}' });
    // Every save says the blueprint is ours: the server never guesses a format.
    expect((put.body as { blueprint: Blueprint }).blueprint.metadata?.integrator).toEqual({ format: 1 });

    fireEvent.change(within(panel).getByLabelText(/^Variable name/), { target: { value: 'who' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByText('Saved as version 2')).getAttribute('role')).toBe('status');
    expect(within(panel).queryByRole('alert')).toBeNull();
    expect(screen.queryByText('unsaved changes')).toBeNull();
  });

  it('runs unsaved edits as a draft without saving them; problems in the draft mark their field', async () => {
    const ex = '7c0c5a55-0000-4000-8000-000000000001';
    const { api, requests } = setup({
      'POST /api/scenarios/4/run': (req) => {
        const draft = (req.body as { blueprint?: Blueprint }).blueprint;
        if (draft && draft.flow[1].mapper?.name === 'bad name')
          return problem(400, 'blueprint.flow[1].mapper.name: must be a valid variable name', [
            { path: 'blueprint.flow[1].mapper.name', message: 'must be a valid variable name' },
          ]);
        return { status: 202, body: { executionId: ex } };
      },
      [`GET /api/executions/${ex}/events`]: () => ({ sse: [] }),
      [`GET /api/executions/${ex}`]: () => ({
        body: {
          id: ex,
          scenarioId: 4,
          status: 'success',
          operations: 2,
          durationMs: 5,
          draft: true,
          modules: [],
        },
      }),
    });
    await open(api);
    fireEvent.click(screen.getByRole('button', { name: /^Set variable \(module 2\)/ }));
    const panel = screen.getByRole('dialog', { name: 'Module 2' });
    fireEvent.change(within(panel).getByLabelText(/^Variable name/), { target: { value: 'person' } });
    const runWith = async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Run once' }));
      const drawer = screen.getByRole('dialog', { name: 'Run once' });
      fireEvent.change(within(drawer).getByLabelText('Input data (JSON)'), { target: { value: '{}' } });
      await act(async () => fireEvent.click(within(drawer).getByRole('button', { name: 'Run' })));
    };
    await runWith();

    expect(await screen.findByText(/unsaved changes included \(not saved\)/)).toBeTruthy();
    const run = requests.filter((r) => r.path === '/api/scenarios/4/run').at(-1)!;
    expect((run.body as { blueprint: Blueprint }).blueprint.flow[1].mapper).toMatchObject({ name: 'person' });
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
    expect(screen.getByText('unsaved changes')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /^Set variable \(module 2\)/ }));
    const again = screen.getByRole('dialog', { name: 'Module 2' });
    fireEvent.change(within(again).getByLabelText(/^Variable name/), { target: { value: 'bad name' } });
    await runWith();
    expect(await within(again).findByText('must be a valid variable name')).toBeTruthy();
    expect(
      within(again)
        .getByLabelText(/^Variable name/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('runs once live: the trigger input goes along, bubbles fill as events stream, the failing module is marked', async () => {
    const detail = {
      id: ex,
      scenarioId: 4,
      status: 'error',
      operations: 2,
      durationMs: 12,
      error: { message: 'the name is taken', kind: 'user', type: 'DataError', moduleId: 2 },
      modules: [] as unknown[],
    };
    detail.modules = [
      {
        id: 1,
        module: 'gateway:CustomWebHook',
        label: 'Custom webhook',
        operations: 1,
        bundlesOut: 1,
        errors: 0,
        omittedOps: 0,
        ops: [
          {
            index: 1,
            cycle: 1,
            input: { email: 'ada@example.com' },
            output: [{ email: 'ada@example.com' }],
            outputCount: 1,
            durationMs: 1,
          },
        ],
      },
      {
        id: 2,
        module: 'util:SetVariable2',
        label: 'Set variable',
        operations: 1,
        bundlesOut: 0,
        errors: 1,
        omittedOps: 0,
        ops: [
          {
            index: 1,
            cycle: 1,
            input: { name: 'who' },
            outputCount: 0,
            durationMs: 1,
            error: { message: 'the name is taken', kind: 'user', type: 'DataError' },
          },
        ],
      },
    ];
    const { api, requests } = setup({
      'POST /api/scenarios/4/run': () => ({ status: 202, body: { executionId: ex } }),
      [`GET /api/executions/${ex}/events`]: () => ({ sse: sseFrames(runEvents) }),
      [`GET /api/executions/${ex}`]: () => ({ body: detail }),
    });
    await open(api);
    fireEvent.click(screen.getByRole('button', { name: 'Run once' }));
    const drawer = screen.getByRole('dialog', { name: 'Run once' });
    fireEvent.change(within(drawer).getByLabelText('Input data (JSON)'), {
      target: { value: '{"email": "ada@example.com"' },
    });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Run' }));
    expect(within(drawer).getByRole('alert').textContent).toMatch(/^is not valid JSON/);
    fireEvent.change(within(drawer).getByLabelText('Input data (JSON)'), {
      target: { value: '{"email": "ada@example.com"}' },
    });
    await act(async () => fireEvent.click(within(drawer).getByRole('button', { name: 'Run' })));

    expect(await screen.findByText(/^The run failed in module 2: the name is taken/)).toBeTruthy();
    const run = requests.find((r) => r.path === '/api/scenarios/4/run')!;
    expect(run.query.get('async')).toBe('true');
    expect(run.body).toEqual({ input: { email: 'ada@example.com' } });
    expect(requests.some((r) => r.path === `/api/executions/${ex}/events` && r.auth === 'Bearer tok')).toBe(
      true,
    );
    expect(screen.getByRole('button', { name: 'Module 1: 1 operation' }).textContent).toBe('1');
    fireEvent.click(screen.getByRole('button', { name: 'Module 2: 1 operation, failed: the name is taken' }));
    const panel = screen.getByRole('dialog', { name: 'Module 2: last run' });
    expect(within(panel).getByRole('alert').textContent).toBe('DataError: the name is taken');
    expect(within(panel).getByText(/"name": "who"/)).toBeTruthy();
  });

  it('switching on a scenario with problems lists them; settings are saved into the blueprint', async () => {
    const issues = [{ path: 'flow[1].mapper.name', message: 'is required' }];
    const { api, requests } = setup({
      'POST /api/scenarios/4/activate': () =>
        problem(409, 'the scenario has problems and cannot be switched on', issues),
    });
    await open(api);
    fireEvent.click(screen.getByRole('switch', { name: 'Inactive' }));
    const alert = await screen.findByText(/cannot be switched on until these are fixed/);
    expect(alert.parentElement?.textContent).toContain('Set variable (module 2), Variable name is required');

    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const settings = screen.getByRole('dialog', { name: 'Scenario settings' });
    fireEvent.change(within(settings).getByLabelText('Max number of cycles'), { target: { value: '3' } });
    fireEvent.click(within(settings).getByLabelText('Data is confidential'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved as version 2');
    const put = requests.filter((r) => r.method === 'PUT').at(-1)!;
    expect((put.body as { blueprint: Blueprint }).blueprint.metadata?.scenario).toEqual({
      roundtrips: 3,
      confidential: true,
    });
  });

  it('edits the schedule: the server names a bad field, then the next runs show', async () => {
    const { api, requests } = setup({
      'GET /api/organization': () => ({
        body: {
          name: 'Org',
          timezone: 'UTC',
          integrations: {},
          privateNetworkGuard: false,
          executionRetentionDays: 30,
        },
      }),
      'GET /api/scenarios/4/schedule/preview': () => ({ body: { nextRuns: [] } }),
    });
    await open(api);
    fireEvent.click(screen.getByRole('button', { name: 'On demand' }));
    const drawer = screen.getByRole('dialog', { name: 'Schedule' });
    fireEvent.change(within(drawer).getByLabelText('Run the scenario'), { target: { value: 'cron' } });
    fireEvent.change(within(drawer).getByLabelText(/^Cron expression/), {
      target: { value: 'every morning' },
    });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Save schedule' }));
    const message = await within(drawer).findByText('must have 5 or 6 fields');
    expect(message.getAttribute('role')).toBe('alert');
    expect(
      within(drawer)
        .getByLabelText(/^Cron expression/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    fireEvent.change(within(drawer).getByLabelText(/^Cron expression/), { target: { value: '0 9 * * *' } });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Save schedule' }));
    await within(drawer).findByText('Schedule saved: Every day at 09:00 (UTC)');
    expect(within(drawer).getAllByRole('listitem')).toHaveLength(1);
    expect(requests.filter((r) => r.method === 'PUT').at(-1)!.body).toEqual({
      schedule: { type: 'cron', expression: '0 9 * * *' },
    });
    expect(screen.getByRole('button', { name: 'Every day at 09:00 (UTC)' })).toBeTruthy();

    // Changed again: "Schedule saved" and the saved schedule's next runs no longer hold.
    fireEvent.change(within(drawer).getByLabelText(/^Cron expression/), { target: { value: '0 10 * * *' } });
    expect(within(drawer).queryByText(/Schedule saved/)).toBeNull();
    expect(within(drawer).queryAllByRole('listitem')).toHaveLength(0);
    expect(within(drawer).getByText('Save the schedule to see its next runs.')).toBeTruthy();
  });
});
