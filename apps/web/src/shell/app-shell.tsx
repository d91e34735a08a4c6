import { useEffect, useState, type ReactNode } from 'react';
import { currentTeam, TeamSwitcher } from './team-switcher';
import { useSession } from './session';

// The frame around every signed-in page: the navigation on the left, the page on the right. On a
// phone or tablet the navigation folds into a "Menu" button in a top bar (styles/pages.css).

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
  const [menuOpen, setMenuOpen] = useState(false);
  // Following a link closes the folded menu; Escape closes it and gives focus back to its button.
  useEffect(() => setMenuOpen(false), [current]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenuOpen(false);
      document.getElementById('menu-button')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  return (
    <div className={menuOpen ? 'shell menu-open' : 'shell'}>
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
      <header className="top-bar">
        <button
          id="menu-button"
          type="button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <a className="brand" href="#/scenarios">
          Integrator
        </a>
      </header>
      <nav id="main-nav" className="side-nav" aria-label="Main">
        <a className="brand" href="#/scenarios">
          Integrator
        </a>
        <ul>
          {NAV.filter((item) => (!item.superUser || isSuperUser) && (!item.teamAdmin || teamAdmin)).map(
            (item) => (
              <li key={item.path}>
                <a
                  href={`#${item.path}`}
                  aria-current={current === item.path ? 'page' : undefined}
                  onClick={() => setMenuOpen(false)}
                >
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
