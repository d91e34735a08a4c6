import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/app';
import { fakeApi } from './fake-fetch';

// The Teams page (create a team, add members, change roles) and the Audit log page (filters and
// paging sent to the server), against a fake of the API.

const owner = {
  id: 1,
  email: 'owner@example.com',
  name: 'Olga',
  role: 'superuser',
  groupIds: [],
  teams: [{ id: 1, name: 'Default team', role: 'admin' }],
};

function open(hash: string, routes: Parameters<typeof fakeApi>[0]) {
  window.location.hash = hash;
  const fake = fakeApi({ 'GET /api/auth/me': () => ({ body: owner }), ...routes });
  render(<App api={fake.api} />);
  return fake;
}

describe('teams page', () => {
  it('creates a team, adds a user with a role and changes a member’s role', async () => {
    const teams = [{ id: 1, name: 'Default team', role: 'admin' }];
    const members = [{ userId: 1, email: 'owner@example.com', name: 'Olga', role: 'admin', createdAt: 0 }];
    const { requests } = open('#/teams', {
      'GET /api/teams': () => ({ body: teams }),
      'POST /api/teams': (req) => {
        teams.push({ id: 2, name: (req.body as { name: string }).name, role: 'admin' });
        return { status: 201, body: teams[1] };
      },
      'GET /api/teams/2/members': () => ({ body: members }),
      'GET /api/users': () => ({
        body: [
          { id: 1, email: 'owner@example.com', name: 'Olga', role: 'superuser', groupIds: [] },
          { id: 7, email: 'carl@example.com', name: 'Carl', role: 'user', groupIds: [] },
        ],
      }),
      'PUT /api/teams/2/members/7': (req) => {
        members.push({
          userId: 7,
          email: 'carl@example.com',
          name: 'Carl',
          role: (req.body as { role: 'admin' }).role,
          createdAt: 0,
        });
        return { body: {} };
      },
      'PUT /api/teams/2/members/1': () => ({ body: {} }),
    });
    fireEvent.change(await screen.findByLabelText(/^New team/), { target: { value: 'Sales' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create team' }));
    await screen.findByText('Sales');
    expect(requests.find((r) => r.method === 'POST' && r.path === '/api/teams')?.body).toEqual({
      name: 'Sales',
    });

    fireEvent.click(
      within(screen.getByText('Sales').closest('tr')!).getByRole('button', { name: 'Members' }),
    );
    const section = await screen.findByRole('region', { name: 'Members of Sales' });
    fireEvent.change(await within(section).findByLabelText(/^Add a user/), { target: { value: '7' } });
    fireEvent.change(within(section).getByLabelText(/^Role$/), { target: { value: 'operator' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(requests.find((r) => r.path === '/api/teams/2/members/7')?.body).toEqual({ role: 'operator' }),
    );
    fireEvent.change(within(section).getByLabelText('Role of owner@example.com'), {
      target: { value: 'monitoring' },
    });
    await waitFor(() =>
      expect(requests.find((r) => r.path === '/api/teams/2/members/1')?.body).toEqual({ role: 'monitoring' }),
    );
  });
});

describe('audit log page', () => {
  it('shows who did what, and sends its filters and the page to the server', async () => {
    const event = {
      id: 9,
      at: Date.UTC(2026, 0, 5),
      actorId: 2,
      actorEmail: 'alice@example.com',
      action: 'connection.used',
      teamId: 1,
      targetType: 'scenario',
      targetId: '4',
      details: { connectionId: 3 },
      ip: null,
    };
    const { requests } = open('#/audit', {
      'GET /api/audit': () => ({ body: { items: [event], total: 120, page: 1, pageSize: 50 } }),
    });
    expect(await screen.findByText('alice@example.com')).toBeTruthy();
    expect(screen.getByText('{"connectionId":3}')).toBeTruthy();
    expect(screen.getByText('Page 1 of 3 (120 events)')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^What/), { target: { value: 'login.failed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    await waitFor(() => {
      const last = requests.filter((r) => r.path === '/api/audit').at(-1)!;
      expect(Object.fromEntries(last.query)).toEqual({ action: 'login.failed', page: '2', pageSize: '50' });
    });
    expect(requests.every((r) => r.path === '/api/auth/me' || r.team === '1')).toBe(true);
  });
});

describe('connection sharing', () => {
  it('a team admin shares a connection with another team and withdraws it; a shared one is only named', async () => {
    const shares: Array<{ teamId: number; teamName: string; createdAt: number }> = [];
    const mine = {
      id: 5,
      name: 'CRM',
      type: 'bearer',
      values: {},
      secretsSet: ['token'],
      status: 'ok',
      usedBy: [],
    };
    const theirs = {
      id: 8,
      name: 'Finance API',
      type: 'bearer',
      values: {},
      secretsSet: [],
      status: 'ok',
      usedBy: [],
      shared: true,
    };
    const { requests } = open('#/connections', {
      'GET /api/connections': () => ({ body: [mine, theirs] }),
      'GET /api/connection-types': () => ({ body: [] }),
      'GET /api/teams': () => ({
        body: [
          { id: 1, name: 'Default team', role: 'admin' },
          { id: 2, name: 'Finance', role: 'admin' },
        ],
      }),
      'GET /api/connections/5/shares': () => ({ body: shares }),
      'PUT /api/connections/5/shares/2': () => {
        shares.push({ teamId: 2, teamName: 'Finance', createdAt: 0 });
        return { body: shares };
      },
      'DELETE /api/connections/5/shares/2': () => {
        shares.pop();
        return { status: 204 };
      },
    });
    const theirRow = (await screen.findByText('Finance API')).closest('tr')!;
    expect(within(theirRow).getByText('shared with this team')).toBeTruthy();
    expect(within(theirRow).queryByRole('button')).toBeNull();

    fireEvent.click(within(screen.getByText('CRM').closest('tr')!).getByRole('button', { name: 'Share' }));
    const panel = await screen.findByRole('region', { name: 'Sharing of CRM' });
    fireEvent.change(await within(panel).findByLabelText(/^Share with/), { target: { value: '2' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Share' }));
    fireEvent.click(await within(panel).findByRole('button', { name: 'Stop sharing' }));
    await waitFor(() =>
      expect(
        requests.filter((r) => r.path.startsWith('/api/connections/5/shares/')).map((r) => r.method),
      ).toEqual(['PUT', 'DELETE']),
    );
  });
});
