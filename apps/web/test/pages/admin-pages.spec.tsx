import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/app';
import { adoptPathRoute } from '../../src/shell/router';
import { fakeApi, problem } from './fake-fetch';

// Admin pages against a fake of the API: the vault never shows a secret back, the custom
// connector's Send shows the body as a tree to pick the field directory from, and a key
// result's check-in goes through review before it counts.

const admin = { id: 1, email: 'admin@example.com', name: 'Ada', role: 'superuser', groupIds: [] };
const bearerType = {
  key: 'bearer',
  label: 'Bearer token',
  fields: [
    { name: 'token', type: 'text', label: 'Token', required: true, secret: true },
    { name: 'baseUrl', type: 'text', label: 'Base URL', advanced: true },
  ],
};
const apiKeyType = {
  key: 'apiKey',
  label: 'API key',
  fields: [
    { name: 'name', type: 'text', label: 'Key name', required: true },
    { name: 'value', type: 'text', label: 'API key', required: true, secret: true },
    {
      name: 'placement',
      type: 'select',
      label: 'Send in',
      options: [
        { value: 'header', label: 'Header' },
        { value: 'query', label: 'Query string' },
      ],
      default: 'header',
    },
    { name: 'baseUrl', type: 'text', label: 'Base URL' },
  ],
};

function open(hash: string, routes: Parameters<typeof fakeApi>[0]) {
  window.location.hash = hash;
  const fake = fakeApi({
    'GET /api/auth/me': () => ({ body: admin }),
    'GET /api/connection-types': () => ({ body: [bearerType, apiKeyType] }),
    ...routes,
  });
  render(<App api={fake.api} />);
  return fake;
}

describe('connections page', () => {
  it('lists stored secrets as set; editing leaves them empty and sends only what was typed', async () => {
    const connection = {
      id: 5,
      name: 'CRM token',
      type: 'bearer',
      values: { baseUrl: 'https://crm.example.com' },
      secretsSet: ['token'],
      status: 'ok',
      usedBy: [{ id: 4, name: 'Leads' }],
    };
    const { requests } = open('#/connections', {
      'GET /api/connections': () => ({ body: [connection] }),
      'PUT /api/connections/5': () => ({ body: connection }),
    });
    expect(await screen.findByText('token: set')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Leads' }).getAttribute('href')).toBe('#/scenarios/4');
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const drawer = await screen.findByRole('dialog', { name: 'Edit connection CRM token' });
    const token = (await within(drawer).findByLabelText('Token')) as HTMLInputElement;
    expect(token.value).toBe('');
    expect(token.placeholder).toBe('set');
    expect(token.type).toBe('password');
    expect(within(drawer).queryByRole('button', { name: 'Insert a mapping' })).toBeNull();
    fireEvent.click(within(drawer).getByRole('button', { name: 'Save connection' }));
    await screen.findByText('CRM token saved and verified.');
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({
      name: 'CRM token',
      credentials: { baseUrl: 'https://crm.example.com' },
    });
  });

  it('a save whose check fails keeps the connection, warns with the reason, and shows the app name', async () => {
    const stored = {
      id: 6,
      name: 'Shop',
      type: 'bearer',
      typeLabel: 'HTTP (Bearer token)',
      values: {},
      secretsSet: ['token'],
      status: 'failed',
      statusMessage: 'the server refused these credentials (401)',
      verifiedAt: null,
      usedBy: [],
    };
    let saved = false;
    open('#/connections', {
      'GET /api/connections': () => ({ body: saved ? [stored] : [] }),
      'POST /api/connections': () => ((saved = true), { status: 201, body: stored }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'New connection' }));
    const drawer = await screen.findByRole('dialog', { name: 'New connection' });
    fireEvent.change(within(drawer).getByLabelText(/Connection name/), { target: { value: 'Shop' } });
    fireEvent.change(await within(drawer).findByLabelText(/^Token/), { target: { value: 'tok' } });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Create connection' }));
    const edit = await screen.findByRole('dialog', { name: 'Edit connection Shop' });
    expect(within(edit).getByRole('alert').textContent).toMatch(
      /^Saved, but the credentials could not be verified: the server refused these credentials \(401\)/,
    );
    expect(await screen.findByText('HTTP (Bearer token)')).toBeTruthy();
    expect(screen.getByText('Not verified')).toBeTruthy();
  });
});

describe('OAuth2 authorisation in the browser', () => {
  const oauthType = {
    key: 'oauth2AuthorizationCode',
    label: 'OAuth 2.0 (authorization code)',
    oauth2: { grant: 'authorization_code' },
    fields: [{ name: 'clientId', type: 'text', label: 'Client ID' }],
  };
  const refused = {
    id: 8,
    name: 'Google Sheets',
    type: 'oauth2AuthorizationCode',
    values: { clientId: 'abc' },
    secretsSet: ['clientSecret', 'accessToken', 'refreshToken'],
    status: 'reauthorize',
    statusMessage: 'the token endpoint refused: invalid_grant',
    usedBy: [],
  };

  it('sends the browser to the provider, and says so when its callback brings it back', async () => {
    const { requests } = open('#/connections', {
      'GET /api/connection-types': () => ({ body: [oauthType] }),
      'GET /api/connections': () => ({ body: [refused] }),
      // Same-document URL: jsdom follows hash changes only.
      'POST /api/connections/8/authorize': () => ({
        body: { url: 'http://localhost/#/connections?authorized=8' },
      }),
    });
    expect(await screen.findByText('the token endpoint refused: invalid_grant')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Reauthorise' }));
    expect(await screen.findByText('Google Sheets is authorised.')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      '/api/connections/8/authorize',
    ]);
  });

  it("turns the server's path links into hash routes", () => {
    const replaced: string[] = [];
    adoptPathRoute({ pathname: '/connections', search: '?authorized=8', hash: '' }, (url) =>
      replaced.push(url),
    );
    adoptPathRoute({ pathname: '/', search: '', hash: '#/scenarios' }, (url) => replaced.push(url));
    expect(replaced).toEqual(['/#/connections?authorized=8']);
  });
});

describe('custom connectors page', () => {
  it('says how to enable the integration while it is off', async () => {
    open('#/custom-connectors', {
      'GET /api/custom-connectors': () => problem(403, 'the custom connector integration is off'),
    });
    expect((await screen.findByText(/The Custom connector integration is off/)).textContent).toContain(
      'Enable it in the organisation settings',
    );
  });

  it('sends an unsaved request, shows the body as a tree and picks the field directory from it', async () => {
    const sent = {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { data: { metrics: [{ value: 1234.5 }] } },
      bodyType: 'json',
      fieldPath: '',
      value: { data: { metrics: [{ value: 1234.5 }] } },
    };
    let saved: unknown[] = [];
    const { requests } = open('#/custom-connectors/new', {
      'GET /api/custom-connectors': () => ({ body: saved }),
      'POST /api/custom-connectors/send': () => ({ body: sent }),
      'POST /api/custom-connectors': (req) => {
        saved = [
          {
            id: 9,
            ...(req.body as object),
            secretsSet: ['value'],
            usedBy: [],
            params: {},
            headers: {},
            auth: { type: 'apiKey', name: 'X-Key', placement: 'header' },
          },
        ];
        return { status: 201, body: saved[0] };
      },
    });
    fireEvent.change(await screen.findByLabelText(/^URL/), {
      target: { value: 'https://api.example.com/metrics' },
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Authorization' }));
    expect((screen.getByLabelText('Type') as HTMLSelectElement).value).toBe('none');
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'apiKey' } });
    fireEvent.change(await screen.findByLabelText(/^Key name/), { target: { value: 'X-Key' } });
    fireEvent.change(screen.getByLabelText(/^API key/), { target: { value: 'k-123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    const tree = await screen.findByRole('tree', { name: 'Response body' });
    fireEvent.click(within(tree).getByRole('button', { name: 'Open data' }));
    fireEvent.click(within(tree).getByRole('button', { name: 'Open data.metrics' }));
    fireEvent.click(within(tree).getByRole('button', { name: 'Open data.metrics[0]' }));
    fireEvent.click(within(tree).getByRole('button', { name: 'Use data.metrics[0].value' }));
    expect((screen.getByLabelText('Field directory') as HTMLInputElement).value).toBe(
      'data.metrics[0].value',
    );
    expect(screen.getByRole('status', { name: 'Field directory value' }).textContent).toContain('= 1234.5');
    expect(requests.find((r) => r.path === '/api/custom-connectors/send')?.body).toEqual({
      method: 'GET',
      url: 'https://api.example.com/metrics',
      params: {},
      headers: {},
      body: null,
      auth: { type: 'apiKey', name: 'X-Key', value: 'k-123', placement: 'header' },
      fieldPath: '',
    });

    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Revenue' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create connector' }));
    await screen.findByText('Created "Revenue".');
    expect(window.location.hash).toBe('#/custom-connectors/9');
    // The saved connector: its stored secret reads "set" and is not sent back.
    fireEvent.click(await screen.findByRole('tab', { name: 'Authorization' }));
    expect(((await screen.findByLabelText('API key')) as HTMLInputElement).placeholder).toBe('set');
    expect(
      requests.find((r) => r.method === 'POST' && r.path === '/api/custom-connectors')?.body,
    ).toMatchObject({ name: 'Revenue', fieldPath: 'data.metrics[0].value' });
  });
});

describe('key result page', () => {
  const kr = {
    id: 7,
    objectiveId: 1,
    name: 'MRR',
    ownerId: 1,
    periodStart: '2026-01-01',
    periodEnd: '2026-03-31',
    type: 'increase',
    controlType: null,
    progressMethod: null,
    checkInFrequency: { type: 'weekly', weekday: 5 },
    startValue: 100,
    targetValue: 200,
    lowerLimit: null,
    upperLimit: null,
    unit: 'k€',
    currentValue: 100,
    progress: 0,
    plannedCheckIns: 13,
    connectorId: null,
    autoConfirm: false,
    createdAt: 0,
    updatedAt: 0,
  };
  const pending = {
    id: 31,
    keyResultId: 7,
    value: 150,
    takenAt: 1_700_000_000_000,
    source: 'manual',
    status: 'pending',
    progress: 50,
    createdBy: 1,
    confirmedBy: null,
    confirmedAt: null,
    note: null,
    failureReason: null,
    scenarioId: null,
    createdAt: 0,
  };

  it('checks in, reviews what it will do, and only the update moves the progress', async () => {
    let confirmed = false;
    const { requests } = open('#/key-results/7', {
      'GET /api/key-results/7': () => ({ body: confirmed ? { ...kr, currentValue: 150, progress: 50 } : kr }),
      'GET /api/key-results/7/check-ins': () => ({
        body: confirmed ? [{ ...pending, status: 'confirmed' }] : [],
      }),
      'POST /api/key-results/7/check-ins': () => ({ status: 201, body: { checkIn: pending, keyResult: kr } }),
      'POST /api/check-ins/31/confirm': () => {
        confirmed = true;
        return {
          body: {
            checkIn: { ...pending, status: 'confirmed' },
            keyResult: { ...kr, currentValue: 150, progress: 50 },
          },
        };
      },
    });
    const meter = await screen.findByRole('meter', { name: 'Progress of MRR' });
    expect(meter.getAttribute('aria-valuetext')).toBe('0%');
    fireEvent.click(screen.getByRole('button', { name: 'Check-in' }));
    fireEvent.change(screen.getByLabelText(/^Current value/), { target: { value: '150' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue to review' }));
    const review = await screen.findByRole('region', { name: 'Review the check-in' });
    expect(review.textContent).toContain('100 k€ → 150 k€');
    expect(within(review).getByRole('meter').getAttribute('aria-valuetext')).toBe('50%');
    expect(screen.getByRole('meter', { name: 'Progress of MRR' }).getAttribute('aria-valuetext')).toBe('0%');
    fireEvent.click(within(review).getByRole('button', { name: 'Update' }));
    await screen.findByText('Check-in updated: progress is now 50%.');
    expect(screen.getByRole('meter', { name: 'Progress of MRR' }).getAttribute('aria-valuetext')).toBe('50%');
    expect(
      requests.find((r) => r.path === '/api/key-results/7/check-ins' && r.method === 'POST')?.body,
    ).toEqual({ value: 150 });
    expect(
      await screen.findByRole('img', { name: /^Confirmed check-ins: 1 values, latest 150/ }),
    ).toBeTruthy();
  });

  it('shows when the next automated check-in runs, or that none will', async () => {
    const next = Date.UTC(2026, 2, 2, 8, 0);
    open('#/key-results/7', {
      'GET /api/key-results/7': () => ({ body: { ...kr, connectorId: 3, nextAutomatedCheckIn: next } }),
      'GET /api/key-results/7/check-ins': () => ({ body: [] }),
    });
    const line = await screen.findByText(/^Next automated check-in:/);
    expect(line.textContent).toContain(new Date(next).getFullYear().toString());
    expect(line.textContent).not.toContain('none');
  });

  it('says no automated check-in is due once the period has ended', async () => {
    open('#/key-results/7', {
      'GET /api/key-results/7': () => ({ body: { ...kr, connectorId: 3, nextAutomatedCheckIn: null } }),
      'GET /api/key-results/7/check-ins': () => ({ body: [] }),
    });
    expect((await screen.findByText(/^Next automated check-in:/)).textContent).toContain(
      'none (the period has ended)',
    );
  });
});

describe('history page', () => {
  it('filters by the days picked: local midnights, "to" through the end of its day', async () => {
    const { requests } = open('#/executions', {
      'GET /api/scenarios': () => ({ body: { items: [{ id: 7, name: 'Billing sync' }] } }),
      'GET /api/executions/stats': () => ({ body: [] }),
      'GET /api/executions': () => ({ body: { items: [], total: 0, page: 1, pageSize: 25 } }),
    });
    await screen.findByText('No executions match these filters.');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-20' } });
    await screen.findByDisplayValue('2026-11-20');
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-23' } });
    await screen.findByDisplayValue('2026-11-23');
    await screen.findByText('No executions match these filters.');
    const last = requests.filter((r) => r.path === '/api/executions').at(-1)!;
    // jest.config.js runs in Europe/Amsterdam (UTC+1 in November).
    expect(last.query.get('from')).toBe('2026-11-19T23:00:00.000Z');
    expect(last.query.get('to')).toBe('2026-11-23T23:00:00.000Z');
    expect(window.location.hash).toBe('#/executions?from=2026-11-20&to=2026-11-23');
  });
});

describe('incomplete executions page', () => {
  it("shows the server's error message, and 'Any status' really lists every status", async () => {
    const row = {
      id: 3,
      scenarioId: 7,
      executionId: '7c0c5a55-0000-4000-8000-000000000003',
      moduleId: 2,
      status: 'unresolved',
      attempts: 1,
      nextAttemptAt: null,
      // As incomplete.service.ts sends it: the message text.
      lastError: 'CRM answered 503: busy',
      createdAt: Date.UTC(2026, 10, 20, 9),
    };
    const { requests } = open('#/incomplete', {
      'GET /api/scenarios': () => ({ body: { items: [{ id: 7, name: 'Billing sync' }] } }),
      'GET /api/incomplete-executions': () => ({ body: [row] }),
    });
    await screen.findByText('CRM answered 503: busy');
    expect(
      requests
        .filter((r) => r.path === '/api/incomplete-executions')
        .at(-1)!
        .query.get('status'),
    ).toBe('unresolved');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '' } });
    await screen.findByDisplayValue('Any status');
    await screen.findByText('CRM answered 503: busy');
    const last = requests.filter((r) => r.path === '/api/incomplete-executions').at(-1)!;
    expect(last.query.has('status')).toBe(false);
    expect(window.location.hash).toBe('#/incomplete?status=any');
  });
});

describe('users page', () => {
  it("choosing the organisation's time zone sends null, which clears the user's own", async () => {
    const bob = {
      id: 2,
      email: 'bob@example.com',
      name: 'Bob',
      role: 'user',
      timezone: 'Asia/Tokyo',
      groupIds: [],
    };
    const { requests } = open('#/users', {
      'GET /api/users': () => ({ body: [admin, bob] }),
      'GET /api/groups': () => ({ body: [] }),
      'PUT /api/users/2': (req) => ({ body: { ...bob, ...(req.body as object) } }),
    });
    const row = (await screen.findByText('bob@example.com')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: 'Edit' }));
    const drawer = screen.getByRole('dialog', { name: 'Edit bob@example.com' });
    expect((within(drawer).getByLabelText('Time zone') as HTMLSelectElement).value).toBe('Asia/Tokyo');
    fireEvent.change(within(drawer).getByLabelText('Time zone'), { target: { value: '' } });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Save user' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit bob@example.com' })).toBeNull());
    const put = requests.find((r) => r.method === 'PUT' && r.path === '/api/users/2')!;
    expect(put.body).toMatchObject({ timezone: null });
  });
});

describe('webhooks page', () => {
  it('creates a mailhook and shows its address, with a notice while mail is not received', async () => {
    const mailhook = {
      id: 9,
      name: 'Support inbox',
      kind: 'mail',
      url: 'mailto:ab12@hooks.example.com',
      address: 'ab12@hooks.example.com',
      notice: 'mail is not received: the inbound SMTP listener is off (set INTEGRATOR_SMTP_INBOUND_PORT)',
      scenarioId: null,
      requiredFields: [],
      maxQueue: 10000,
      maxBodyBytes: 10485760,
      queued: 0,
    };
    let hooks: unknown[] = [];
    const { requests } = open('#/webhooks', {
      'GET /api/scenarios': () => ({ body: { items: [] } }),
      'GET /api/hooks': () => ({ body: hooks }),
      'POST /api/hooks': () => {
        hooks = [mailhook];
        return { status: 201, body: mailhook };
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'New webhook' }));
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Support inbox' } });
    fireEvent.change(screen.getByLabelText(/^Receives/), { target: { value: 'mail' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create webhook' }));
    expect(await screen.findByText('ab12@hooks.example.com')).toBeTruthy();
    expect(screen.getByText(/inbound SMTP listener is off/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy address' })).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST' && r.path === '/api/hooks')?.body).toEqual({
      name: 'Support inbox',
      kind: 'mail',
    });
  });
});

describe('organisation page', () => {
  const org = {
    name: 'Acme',
    timezone: 'UTC',
    integrations: { customConnector: false },
    privateNetworkGuard: false,
    executionRetentionDays: 30,
    executionRetentionCount: 10_000,
    executionRetentionBytes: 1_073_741_824,
  };

  it('edits the history limits: runs per scenario and total size in MiB, sent as bytes; errors by field', async () => {
    let answer: (req: { body: unknown }) => { status?: number; body?: unknown } = () =>
      problem(400, 'invalid', [
        { path: 'executionRetentionBytes', message: 'must not be less than 1048576' },
      ]);
    const { requests } = open('#/organization', {
      'GET /api/organization': () => ({ body: org }),
      'PUT /api/organization': (req) => answer(req),
    });
    const count = (await screen.findByLabelText(
      'Keep at most this many runs per scenario',
    )) as HTMLInputElement;
    const size = screen.getByLabelText('Keep at most this much history in all (MiB)') as HTMLInputElement;
    expect(count.value).toBe('10000');
    expect(size.value).toBe('1024');
    fireEvent.change(count, { target: { value: '500' } });
    fireEvent.change(size, { target: { value: '0.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('must not be less than 1048576')).toBeTruthy();
    expect(requests.find((r) => r.method === 'PUT')!.body).toMatchObject({
      executionRetentionDays: 30,
      executionRetentionCount: 500,
      executionRetentionBytes: 524_288,
    });

    answer = (req) => ({ body: { ...org, ...(req.body as object) } });
    fireEvent.change(size, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Organisation settings saved.')).toBeTruthy();
    expect(requests.filter((r) => r.method === 'PUT')[1].body).toMatchObject({
      executionRetentionCount: 500,
      executionRetentionBytes: 0,
    });
  });
});
