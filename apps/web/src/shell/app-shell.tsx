import type { ReactNode } from 'react';
import { currentTeam, TeamSwitcher } from './team-switcher';
import { useSession } from './session';

// The frame around every signed-in page: the navigation on the left, the page on the right.

interface NavItem {
  path: string;
  label: string;
  superUser?: boolean;
  /** Shown to organisation admins and to admins of the current team. */
  teamAdmin?: boolean;
}

export const NAV: readonly NavItem[] = [
  { path: '/scenarios', label: 'Scenarios' },
  { path: '/executions', label: 'History' },
  { path: '/incomplete', label: 'Incomplete executions' },
  { path: '/connections', label: 'Connections' },
  { path: '/custom-connectors', label: 'Custom connectors' },
  { path: '/key-results', label: 'Key results' },
  { path: '/webhooks', label: 'Webhooks' },
  { path: '/datastores', label: 'Data stores' },
  { path: '/app-connectors', label: 'App connectors', teamAdmin: true },
  { path: '/teams', label: 'Teams' },
  { path: '/audit', label: 'Audit log', teamAdmin: true },
  { path: '/users', label: 'Users and groups', superUser: true },
  { path: '/organization', label: 'Organisation' },
];

export function AppShell({
  current,
  children,
  full,
}: {
  current: string;
  children: ReactNode;
  full?: boolean;
}) {
  const { api, user, isSuperUser, logout } = useSession();
  const team = currentTeam(user, api.team);
  const teamAdmin = isSuperUser || team?.role === 'admin';
  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <nav className="side-nav" aria-label="Main">
        <a className="brand" href="#/scenarios">
          Integrator
        </a>
        <ul>
          {NAV.filter((item) => (!item.superUser || isSuperUser) && (!item.teamAdmin || teamAdmin)).map(
            (item) => (
              <li key={item.path}>
                <a href={`#${item.path}`} aria-current={current === item.path ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ),
          )}
        </ul>
        <TeamSwitcher teams={user.teams ?? []} current={team} store={api.team} />
        <div className="who">
          <span title={user.email}>{user.name || user.email}</span>
          <button type="button" onClick={logout}>
            Sign out
          </button>
        </div>
      </nav>
      <main id="main" tabIndex={-1} className={full ? 'content full' : 'content'}>
        {children}
      </main>
    </div>
  );
}
