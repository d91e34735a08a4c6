import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createApiClient, type ApiClient } from './api/client';
import type { User } from './api/types';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { ScenarioPage } from './pages/scenario-page';
import { AppShell } from './shell/app-shell';
import { syncStoredTeam, TEAM_CHANGED_EVENT } from './shell/team-switcher';
import { navigate, useRoute, type Route } from './shell/router';
import { SessionContext, UNAUTHORIZED_EVENT, useSessionState, type Session } from './shell/session';
import './styles/pages.css';

// The app: sign in, then one page per hash route inside the shell. The editor ships in the
// main bundle (it is what opens first); the other pages load on first visit.

const ScenariosPage = lazy(() => import('./pages/scenarios/scenarios-page'));
const ExecutionsPage = lazy(() => import('./pages/executions/executions-page'));
const ExecutionPage = lazy(() => import('./pages/executions/execution-page'));
const IncompletePage = lazy(() => import('./pages/executions/incomplete-page'));
const ConnectionsPage = lazy(() => import('./pages/connections/connections-page'));
const CustomConnectorsPage = lazy(() => import('./pages/custom-connectors/custom-connectors-page'));
const KeyResultsPage = lazy(() => import('./pages/key-results/key-results-page'));
const WebhooksPage = lazy(() => import('./pages/webhooks-page'));
const DataStoresPage = lazy(() => import('./pages/data-stores-page'));
const AppConnectorsPage = lazy(() => import('./pages/admin/app-connectors-page'));
const UsersPage = lazy(() => import('./pages/admin/users-page'));
const OrganizationPage = lazy(() => import('./pages/admin/organization-page'));
const TeamsPage = lazy(() => import('./pages/admin/teams-page'));
const AuditPage = lazy(() => import('./pages/admin/audit-page'));

export function App({ api: given }: { api?: ApiClient } = {}) {
  const api = useMemo(
    () =>
      given ?? createApiClient({ onUnauthorized: () => window.dispatchEvent(new Event(UNAUTHORIZED_EVENT)) }),
    [given],
  );
  const route = useRoute();
  const { state, signedIn, logout } = useSessionState(api);
  // Switching teams mounts the page again, so it loads the new team's data.
  const [teamEpoch, setTeamEpoch] = useState(0);
  useEffect(() => {
    const onTeam = () => setTeamEpoch((n) => n + 1);
    window.addEventListener(TEAM_CHANGED_EVENT, onTeam);
    return () => window.removeEventListener(TEAM_CHANGED_EVENT, onTeam);
  }, []);
  // A link straight to a scenario opens the editor while the session is being checked (a
  // refused token still ends on the login page); other pages wait for the user's role.
  const editorFirst =
    state.status === 'checking' && route.parts[0] === 'scenarios' && Boolean(route.parts[1]);
  const session = useMemo<Session | null>(() => {
    if (state.status === 'signed-in') {
      syncStoredTeam(state.user, api.team);
      // Owners and Admins of the organisation manage users, settings and every team.
      return { api, user: state.user, isSuperUser: state.user.role !== 'user', logout };
    }
    return editorFirst ? { api, user: PENDING_USER, isSuperUser: false, logout } : null;
  }, [api, state, logout, editorFirst]);
  if (state.status === 'checking' && !editorFirst) return <p className="page muted">Loading…</p>;
  if (!session) {
    const reason = state.status === 'signed-out' ? state.reason : undefined;
    return (
      <LoginPage
        api={api}
        reason={reason}
        onSignedIn={(user) => {
          signedIn(user);
          // The login answer has no teams; /me has them (the team switcher needs them).
          void api.auth
            .me()
            .then(signedIn)
            .catch(() => undefined);
          if (!window.location.hash || window.location.hash === '#/login') navigate('/scenarios');
        }}
      />
    );
  }
  const { page, current, full } = pageFor(route, session);
  return (
    <SessionContext.Provider value={session}>
      <AppShell current={current} full={full}>
        <Suspense key={teamEpoch} fallback={<p className="page muted">Loading…</p>}>
          {page}
        </Suspense>
      </AppShell>
    </SessionContext.Provider>
  );
}

const PENDING_USER: User = { id: 0, email: '', name: '…', role: 'user', groupIds: [] };

function pageFor(route: Route, session: Session): { page: ReactNode; current: string; full?: boolean } {
  const [first, second] = route.parts;
  const current = `/${first ?? 'scenarios'}`;
  switch (first) {
    case 'scenarios':
      if (second)
        return {
          page: (
            <ScenarioPage
              key={second}
              api={session.api}
              scenarioId={second}
              executionId={route.query.get('execution') ?? undefined}
              tab={route.query.get('tab') === 'history' ? 'history' : 'diagram'}
            />
          ),
          current,
          full: true,
        };
      return { page: <ScenariosPage route={route} />, current };
    case 'executions':
      return {
        page: second ? <ExecutionPage key={second} executionId={second} /> : <ExecutionsPage route={route} />,
        current,
      };
    case 'incomplete':
      return { page: <IncompletePage route={route} />, current };
    case 'connections':
      return { page: <ConnectionsPage route={route} />, current };
    case 'custom-connectors':
      return { page: <CustomConnectorsPage route={route} />, current };
    case 'key-results':
      return { page: <KeyResultsPage route={route} />, current };
    case 'webhooks':
      return { page: <WebhooksPage />, current };
    case 'datastores':
      return { page: <DataStoresPage route={route} />, current };
    case 'app-connectors':
      return { page: <AppConnectorsPage />, current };
    case 'users':
      return { page: <UsersPage />, current };
    case 'organization':
      return { page: <OrganizationPage />, current };
    case 'teams':
      return { page: <TeamsPage />, current };
    case 'audit':
      return { page: <AuditPage />, current };
    case undefined:
      return { page: <ScenariosPage route={route} />, current: '/scenarios' };
    default:
      return { page: <NotFoundPage />, current };
  }
}
