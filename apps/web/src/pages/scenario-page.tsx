import { useState } from 'react';
import { ApiError, type ApiClient } from '../api/client';
import type { Execution, FieldError } from '../api/types';
import { findModule } from '../canvas/catalog';
import { downloadJson, safeFileName } from '../components/download';
import { formatDuration, formatTime, plural } from '../components/format';
import { NoteLine, type Note } from '../components/page-parts';
import { ScenarioEditor } from '../editor';
import { ConnectionDrawer } from './connections/connection-drawer';
import { RunInputDrawer } from './scenario/run-input-drawer';
import { ScenarioHeader, type DrawerKind } from './scenario/scenario-header';
import { ScheduleDrawer } from './scenario/schedule-drawer';
import { SettingsDrawer } from './scenario/settings-drawer';
import { useLiveRun } from './scenario/use-live-run';
import { useScenario } from './scenario/use-scenario';
import { VersionsDrawer } from './scenario/versions-drawer';

// The scenario editor page: loads the scenario, the catalog and the connections, mounts the
// editor, and saves, runs (live), schedules, switches on and off, restores and exports it.

export function ScenarioPage({ api, scenarioId }: { api: ApiClient; scenarioId: string }) {
  const s = useScenario(api, scenarioId);
  const run = useLiveRun(api, scenarioId, s.blueprint, s.catalog);
  const [drawer, setDrawer] = useState<DrawerKind | null>(null);
  const [runInput, setRunInput] = useState('');
  const [blockers, setBlockers] = useState<FieldError[] | null>(null);
  const [connectionTypes, setConnectionTypes] = useState<string[]>([]);
  const { scenario, blueprint } = s;
  if (!scenario || !blueprint) return <div className="page">{s.note ? <NoteLine note={s.note} /> : <p className="muted">Loading…</p>}</div>;

  const trigger = blueprint.flow?.[0];
  const triggerEntry = trigger ? findModule(s.catalog, trigger.module) : undefined;
  const close = () => setDrawer(null);

  const save = () =>
    s.perform(async () => {
      const answer = await s.save();
      if (answer) s.setNote({ text: `Saved as version ${answer.version}`, tone: 'success' });
    });
  const runOnce = (input: unknown) =>
    s.perform(async () => {
      setDrawer(null);
      // The server runs the saved version: unsaved edits are saved first.
      if (s.dirty) await s.save();
      const execution = await run.start(input);
      if (execution) s.setNote(runNote(execution));
    });
  const toggleActive = () =>
    s.perform(async () => {
      setBlockers(null);
      try {
        const answer = scenario.active ? await api.scenarios.deactivate(scenario.id) : await api.scenarios.activate(scenario.id);
        s.setScenario(answer);
        s.setNote({ text: answer.active ? 'The scenario is active.' : 'The scenario is switched off.', tone: 'success' });
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) setBlockers(err.fields);
        throw err;
      }
    });
  const exportBlueprint = () =>
    s.perform(async () => {
      downloadJson(`${safeFileName(s.name || scenario.name)}.blueprint.json`, await api.scenarios.exportBlueprint(scenario.id));
    });

  return (
    <div className="scenario-page">
      <ScenarioHeader
        scenario={scenario}
        name={s.name}
        dirty={s.dirty}
        busy={s.busy}
        running={run.running}
        onToggleActive={toggleActive}
        onOpen={setDrawer}
        onExport={exportBlueprint}
        onRun={() => (triggerEntry?.module.instant ? setDrawer('run') : void runOnce(undefined))}
        onStop={run.stop}
        onSave={save}
      />
      {scenario.deactivation && !scenario.active && (
        <p className="banner warning" role="status">
          Switched off {formatTime(scenario.deactivation.at)}: {scenario.deactivation.reason ?? 'too many consecutive errors'}
        </p>
      )}
      <NoteLine note={s.note} />
      {blockers && blockers.length > 0 && (
        <div className="banner error" role="alert">
          <strong>The scenario cannot be switched on until these are fixed:</strong>
          <ul>
            {blockers.map((b) => (
              <li key={b.path + b.message}>
                <code>{b.path || 'scenario'}</code> {b.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ScenarioEditor
        blueprint={blueprint}
        catalog={s.catalog}
        onChange={s.setBlueprint}
        lastRun={run.view}
        connections={s.connections}
        resources={s.resources}
        issues={s.issues}
        onAddConnection={(types) => {
          setConnectionTypes(types);
          setDrawer('connection');
        }}
      />
      {drawer === 'settings' && (
        <SettingsDrawer name={s.name} folder={s.folder} settings={s.settings} issues={s.issues} onName={s.setName} onFolder={s.setFolder} onChange={s.setSettings} onClose={close} />
      )}
      {drawer === 'schedule' && <ScheduleDrawer api={api} scenario={scenario} onSaved={s.setScenario} onClose={close} />}
      {drawer === 'versions' && <VersionsDrawer api={api} scenario={scenario} dirty={s.dirty} onRestored={(restored) => s.adopt(restored, true)} onClose={close} />}
      {drawer === 'run' && (
        <RunInputDrawer initial={runInput} triggerLabel={triggerEntry?.module.label ?? 'its trigger'} onClose={close} onRun={(input, text) => {
            setRunInput(text);
            void runOnce(input);
          }} />
      )}
      {drawer === 'connection' && <ConnectionDrawer api={api} types={connectionTypes} onClose={close} onSaved={() => void s.reloadConnections()} />}
    </div>
  );
}

function runNote(execution: Execution): Note {
  const summary = `${plural(execution.operations, 'operation')} in ${formatDuration(execution.durationMs)}`;
  if (execution.status === 'error') {
    const where = execution.error?.moduleId !== undefined ? ` in module ${execution.error.moduleId}` : '';
    return { text: `The run failed${where}: ${execution.error?.message ?? 'see the module marked in red'} (${summary})`, tone: 'error' };
  }
  return { text: `Run finished with ${execution.status}: ${summary}`, tone: execution.status === 'success' ? 'success' : 'info' };
}
