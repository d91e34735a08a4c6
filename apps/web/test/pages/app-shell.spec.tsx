import { fireEvent, render, screen, within } from '@testing-library/react';
import { App } from '../../src/app';
import { UNAUTHORIZED_EVENT } from '../../src/shell/session';
import { fakeApi, problem } from './fake-fetch';

// The app shell: sign-in with the server's messages in place, the navigation by role, and a
// refused token bringing the login page back.

const admin = { id: 1, email: 'admin@example.com', name: 'Ada', role: 'superuser', groupIds: [] };
const user = { ...admin, id: 2, email: 'bob@example.com', name: 'Bob', role: 'user' };

function withoutToken(routes: Parameters<typeof fakeApi>[0]) {
  const fake = fakeApi(routes);
  void fake.api.auth.forget();
  return fake;
}

beforeEach(() => {
  window.location.hash = '#/scenarios';
});

describe('App', () => {
  it('signs in: a malformed address is named at its field, a wrong password once above the button', async () => {
    const { api, requests } = withoutToken({
      'POST /api/auth/login': (req) => {
        const { email, password } = req.body as { email: string; password: string };
        if (!email.includes('@'))
          return problem(400, 'Invalid body', [{ path: 'email', message: 'must be an email' }]);
        if (password !== 'right')
          return {
            status: 401,
            body: { statusCode: 401, error: 'Unauthorized', message: 'wrong e-mail address or password' },
          };
        return { body: { token: 'new-token', user: admin } };
      },
      'GET /api/scenarios': () => ({ body: { items: [] } }),
    });
    render(<App api={api} />);
    fireEvent.change(screen.getByLabelText(/^E-mail address/), { target: { value: 'ada' } });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const email = screen.getByLabelText(/^E-mail address/);
    expect((await screen.findByText('must be an email')).id).toBe(email.getAttribute('aria-describedby'));
    expect(email.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(email, { target: { value: 'admin@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('wrong e-mail address or password');

    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'right' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'Scenarios' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Users and groups' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Scenarios' }).getAttribute('aria-current')).toBe('page');
    expect(requests.find((r) => r.path === '/api/scenarios')?.auth).toBe('Bearer new-token');
  });

  it('hides the super-user pages from a user, and a refused token ends the session', async () => {
    let valid = true;
    const { api } = fakeApi(
      {
        'GET /api/auth/me': () => ({ body: user }),
        'GET /api/scenarios': () =>
          valid
            ? { body: { items: [] } }
            : {
                status: 401,
                body: {
                  statusCode: 401,
                  error: 'Unauthorized',
                  message: 'the token is invalid or has expired',
                },
              },
        'GET /api/executions': () => ({ body: { items: [], total: 0, page: 1, pageSize: 25 } }),
        'GET /api/executions/stats': () => ({ body: [] }),
      },
      { onUnauthorized: () => window.dispatchEvent(new Event(UNAUTHORIZED_EVENT)) },
    );
    render(<App api={api} />);
    await screen.findByRole('heading', { name: 'Scenarios' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Users and groups' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'App connectors' })).toBeNull();
    expect(within(nav).getByText('Bob')).toBeTruthy();

    valid = false;
    window.location.hash = '#/executions';
    fireEvent(window, new HashChangeEvent('hashchange'));
    expect(await screen.findByText('Your session has ended. Sign in again.')).toBeTruthy();
    expect(api.auth.hasToken()).toBe(false);
  });

  it('a team switcher sets the team every call acts in, and the page loads again for it', async () => {
    const member = {
      ...user,
      teams: [
        { id: 3, name: 'Sales', role: 'admin' },
        { id: 5, name: 'Finance', role: 'monitoring' },
      ],
    };
    const { api, requests } = fakeApi({
      'GET /api/auth/me': () => ({ body: member }),
      'GET /api/scenarios': () => ({ body: { items: [] } }),
    });
    render(<App api={api} />);
    await screen.findByRole('heading', { name: 'Scenarios' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const switcher = within(nav).getByLabelText(/^Team/) as HTMLSelectElement;
    expect(switcher.value).toBe('3'); // the first team until another is chosen
    expect(within(nav).getByText('Team admin')).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Audit log' })).toBeTruthy(); // an admin of this team
    expect(requests.filter((r) => r.path === '/api/scenarios').map((r) => r.team)).toEqual(['3']);

    fireEvent.change(switcher, { target: { value: '5' } });
    expect(await within(nav).findByText('Team monitoring')).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Audit log' })).toBeNull();
    await screen.findByRole('heading', { name: 'Scenarios' });
    expect(requests.filter((r) => r.path === '/api/scenarios').map((r) => r.team)).toEqual(['3', '5']);
    expect(api.team.get()).toBe('5');
  });
});
