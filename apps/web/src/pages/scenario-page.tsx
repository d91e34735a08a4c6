import { useCallback, useEffect, useState } from 'react';
import type { Blueprint } from '@integrator/engine/blueprint';
import { ApiError, type ApiClient } from '../api/client';
import type { AppMetadata, Connection, Execution, FieldError, Scenario } from '../api/types';
import { ScenarioEditor } from '../editor';

// Loads a scenario, the catalog and the connections, mounts the editor, and saves and runs
// the scenario through the API. Validation errors from the server go back to the editor.

interface Loaded {
  scenario: Scenario;
  catalog: AppMetadata[];
  connections: Connection[];
}

export function ScenarioPage({ api, scenarioId }: { api: ApiClient; scenarioId: string }) {
  const { loaded, blueprint, setBlueprint, issues, setIssues, message, setMessage } = useScenario(api, scenarioId);
  const [lastRun, setLastRun] = useState<Execution | null>(null);
  const [busy, setBusy] = useState(false);

  const perform = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) setIssues(err.fields);
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  }, [setIssues, setMessage]);

  if (!loaded || !blueprint) return <main className="page">{message ?? 'Loading…'}</main>;
  const save = () =>
    perform(async () => {
      const scenario = await api.scenarios.update(scenarioId, { blueprint });
      setIssues(scenario.issues ?? []);
      setMessage(`Saved as version ${scenario.version}`);
    });
  const run = () => perform(async () => setLastRun(await api.scenarios.run(scenarioId)));
  return (
    <main className="page scenario-page">
      <header className="page-head">
        <h1>{loaded.scenario.name}</h1>
        {message && <span role="status">{message}</span>}
        <button type="button" onClick={run} disabled={busy}>
          Run once
        </button>
        <button type="button" onClick={save} disabled={busy}>
          Save
        </button>
      </header>
      <ScenarioEditor
        blueprint={blueprint}
        catalog={loaded.catalog}
        onChange={setBlueprint}
        lastRun={lastRun}
        connections={loaded.connections}
        issues={issues}
      />
    </main>
  );
}

function useScenario(api: ApiClient, scenarioId: string) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [blueprint, setBlueprint] = useState<Blueprint | null>(null);
  const [issues, setIssues] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([api.scenarios.get(scenarioId), api.apps.list(), api.connections.list()])
      .then(([scenario, catalog, connections]) => {
        if (!live) return;
        setLoaded({ scenario, catalog, connections });
        setBlueprint(scenario.blueprint);
        setIssues(scenario.issues ?? []);
      })
      .catch((err: unknown) => live && setMessage(errorText(err)));
    return () => {
      live = false;
    };
  }, [api, scenarioId]);
  return { loaded, blueprint, setBlueprint, issues, setIssues, message, setMessage };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
