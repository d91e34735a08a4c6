import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { User } from '../api/types';

// Who is signed in. The token lives in localStorage (the API client's); a 401 from any call
// ends the session and brings the login page back.

export const UNAUTHORIZED_EVENT = 'integrator:unauthorized';

export interface Session {
  api: ApiClient;
  user: User;
  isSuperUser: boolean;
  logout(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export type SessionState =
  { status: 'checking' } | { status: 'signed-out'; reason?: string } | { status: 'signed-in'; user: User };

export function useSessionState(api: ApiClient) {
  const [state, setState] = useState<SessionState>(() =>
    api.auth.hasToken() ? { status: 'checking' } : { status: 'signed-out' },
  );

  useEffect(() => {
    if (state.status !== 'checking') return;
    let live = true;
    api.auth
      .me()
      .then((user) => live && setState({ status: 'signed-in', user }))
      .catch(() => live && setState({ status: 'signed-out' }));
    return () => {
      live = false;
    };
  }, [api, state.status]);

  useEffect(() => {
    const onUnauthorized = () => {
      api.auth.forget();
      setState({ status: 'signed-out', reason: 'Your session has ended. Sign in again.' });
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [api]);

  const signedIn = useCallback((user: User) => setState({ status: 'signed-in', user }), []);
  const logout = useCallback(() => {
    void api.auth.logout().catch(() => undefined);
    setState({ status: 'signed-out' });
  }, [api]);
  return { state, signedIn, logout };
}
