import { useEffect, useMemo, useState } from 'react';
import { createApiClient } from './api/client';
import { ScenarioPage } from './pages/scenario-page';

// The app shell: a hash route per page. Only the scenario editor page exists so far; login,
// lists and history pages come next and mount here.

function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

export function App() {
  const hash = useHash();
  const api = useMemo(() => createApiClient({ onUnauthorized: () => (window.location.hash = '#/') }), []);
  const scenario = /^#\/scenarios\/([^/]+)$/.exec(hash);
  if (scenario) return <ScenarioPage api={api} scenarioId={decodeURIComponent(scenario[1])} />;
  return (
    <main className="home">
      <h1>Integrator</h1>
      <p className="muted">Open a scenario at #/scenarios/&lt;id&gt;.{api.auth.hasToken() ? '' : ' Sign in first: the API needs a token.'}</p>
    </main>
  );
}
