import { useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { FieldError, Scenario } from '../api/types';
import { findModule } from '../canvas/catalog';
import { findModuleNode } from '../canvas/tree';
import { friendlyPaths } from '../run/friendly-error';
import { pathsToLabels } from '../components/field-labels';
import { formatTime } from '../components/format';
import { NoteLine } from '../components/page-parts';
import { ScenarioEditor } from '../editor';
import { ConnectionDrawer } from './connections/connection-drawer';
import { initialBundle, ModuleRunDrawer } from './scenario/module-run-drawer';
import { RunInputDrawer } from './scenario/run-input-drawer';
import { ScenarioHeader, type DrawerKind } from './scenario/scenario-header';
import { ScheduleDrawer } from './scenario/schedule-drawer';
import { SettingsDrawer } from './scenario/settings-drawer';
import { useLiveRun } from './scenario/use-live-run';
import { useScenario, type ScenarioState } from './scenario/use-scenario';
import { useScenarioActions } from './scenario/use-scenario-actions';
import { VersionsDrawer } from './scenario/versions-drawer';
import { HistoryPanel } from './scenario/history-panel';
import { PastRunBanner, usePastRun } from './scenario/past-run';
import { href, navigate } from '../shell/router';

// The scenario editor page: loads the scenario, the catalog and the connections, mounts the
// editor, and saves, runs (live), schedules, switches on and off, restores and exports it.
// `executionId` shows a past run on the canvas instead of the live one; the History tab lists runs.

interface PageProps {
  api: ApiClient;
  scenarioId: string;
  executionId?: string;
  tab?: 'diagram' | 'history';
}

export function ScenarioPage({ api, scenarioId, executionId, tab = 'diagram' }: PageProps) {
  const s = useScenario(api, scenarioId);
  const run = useLiveRun(api, scenarioId, s.blueprint, s.catalog);
  const past = usePastRun(api, scenarioId, executionId);
  const actions = useScenarioActions(api, s, run);
  const [drawer, setDrawer] = useState<DrawerKind | null>(null);
  const [connectionTypes, setConnectionTypes] = useState<string[]>([]);
  // The last run's input is offered again for the next run.
  const [runInput, setRunInput] = useState('');
  const [moduleRun, setModuleRun] = useState<number | null>(null);
  const selectConnection = useRef<((id: string | number) => void) | undefined>(undefined);
  const { scenario, blueprint } = s;
  if (!scenario || !blueprint)
    return (
      <div className="page">{s.note ? <NoteLine note={s.note} /> : <p className="muted">Loading…</p>}</div>
    );
  const trigger = blueprint.flow?.[0];
  // Messages name modules and fields as the user sees them, not by their blueprint path.
  // Blueprint paths become module names here; any other path its field's label (field-labels.ts).
  const say = (text: string) => pathsToLabels(friendlyPaths(text, blueprint, s.catalog));
  const instant = Boolean(trigger && findModule(s.catalog, trigger.module)?.module.instant);
  // A new run goes back to the live editor: its bubbles replace the past run's.
  const live = () => {
    if (executionId || tab !== 'diagram') navigate(`/scenarios/${scenarioId}`);
  };

  return (
    <div className="scenario-page">
      <ScenarioHeader
        scenario={scenario}
        name={s.name}
        dirty={s.dirty}
        busy={s.busy}
        running={run.running}
        onToggleActive={actions.toggleActive}
        onOpen={setDrawer}
        onExport={actions.exportBlueprint}
        onRun={() => {
          live();
          if (instant) setDrawer('run');
          else void actions.runOnce(undefined);
        }}
        onStop={run.stop}
        onSave={actions.save}
      />
      <ViewTabs scenarioId={scenarioId} tab={tab} />
      <Banners scenario={scenario} blockers={actions.blockers} say={say} />
      {executionId && tab === 'diagram' && (
        <PastRunBanner scenarioId={scenarioId} version={scenario.version} run={past} />
      )}
      <NoteLine note={s.note && { ...s.note, text: say(s.note.text) }} />
      {tab === 'history' && <HistoryPanel api={api} scenarioId={scenarioId} />}
      {tab === 'diagram' && (
        <ScenarioEditor
          blueprint={blueprint}
          catalog={s.catalog}
          onChange={s.setBlueprint}
          lastRun={executionId ? past.execution : run.view}
          runName={
            past.execution
              ? `run of ${formatTime(past.execution.startedAt ?? past.execution.createdAt)}`
              : undefined
          }
          connections={s.connections}
          resources={s.resources}
          issues={s.issues}
          onAddConnection={(types, select) => {
            // The connection made from a module's field is chosen in that field once saved.
            selectConnection.current = select;
            setConnectionTypes(types);
            setDrawer('connection');
          }}
          onRunModule={(id) => {
            live();
            setModuleRun(id);
          }}
          onCreateResource={s.createResource}
          onDetermineStructure={s.determineStructure}
        />
      )}
      {moduleRun !== null && (
        <ModuleRunDrawer
          id={moduleRun}
          label={moduleLabel(s, moduleRun)}
          initial={initialBundle(blueprint, moduleRun, run.view)}
          onClose={() => setModuleRun(null)}
          onRun={(bundle) => {
            setModuleRun(null);
            void actions.runModule(moduleRun, bundle);
          }}
        />
      )}
      {drawer && (
        <ScenarioDrawer
          kind={drawer}
          api={api}
          s={s}
          connectionTypes={connectionTypes}
          onConnection={(id) => selectConnection.current?.(id)}
          runInput={runInput}
          onRun={(input, text) => {
            setRunInput(text);
            setDrawer(null);
            void actions.runOnce(input);
          }}
          onClose={() => setDrawer(null)}
        />
      )}
    </div>
  );
}

// Make's scenario page: the diagram and its history side by side as tabs.
function ViewTabs({ scenarioId, tab }: { scenarioId: string; tab: 'diagram' | 'history' }) {
  const tabs = [
    { key: 'diagram', label: 'Diagram', to: href(`/scenarios/${scenarioId}`) },
    { key: 'history', label: 'History', to: href(`/scenarios/${scenarioId}`, { tab: 'history' }) },
  ] as const;
  return (
    <nav className="tabs scenario-tabs" aria-label="Scenario views">
      {tabs.map((t) => (
        <a key={t.key} href={t.to} aria-current={tab === t.key ? 'page' : undefined}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}

interface BannerProps {
  scenario: Scenario;
  blockers: FieldError[] | null;
  say(text: string): string;
}

function Banners({ scenario, blockers, say }: BannerProps) {
  return (
    <>
      {scenario.deactivation && !scenario.active && (
        <p className="banner warning" role="status">
          Switched off {formatTime(scenario.deactivation.at)}:{' '}
          {scenario.deactivation.reason ?? 'too many consecutive errors'}
        </p>
      )}
      {scenario.queueText && (
        <p className="banner info" role="status">
          {scenario.queueText}
        </p>
      )}
      {blockers && blockers.length > 0 && (
        <div className="banner error" role="alert">
          <strong>The scenario cannot be switched on until these are fixed:</strong>
          <ul>
            {blockers.map((b) => (
              <li key={b.path + b.message}>
                <strong>{b.path ? say(b.path) : 'The scenario'}</strong> {b.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

interface DrawerProps {
  kind: DrawerKind;
  api: ApiClient;
  s: ScenarioState;
  connectionTypes: string[];
  onConnection(id: string | number): void;
  runInput: string;
  onRun(input: unknown, text: string): void;
  onClose(): void;
}

function ScenarioDrawer({
  kind,
  api,
  s,
  connectionTypes,
  onConnection,
  runInput,
  onRun,
  onClose,
}: DrawerProps) {
  const scenario = s.scenario!;
  switch (kind) {
    case 'settings':
      return (
        <SettingsDrawer
          name={s.name}
          folder={s.folder}
          settings={s.settings}
          issues={s.issues}
          onName={s.setName}
          onFolder={s.setFolder}
          onChange={s.setSettings}
          onClose={onClose}
        />
      );
    case 'schedule':
      return <ScheduleDrawer api={api} scenario={scenario} onSaved={s.setScenario} onClose={onClose} />;
    case 'versions':
      return (
        <VersionsDrawer
          api={api}
          scenario={scenario}
          dirty={s.dirty}
          onRestored={(restored) => s.adopt(restored, true)}
          onClose={onClose}
        />
      );
    case 'connection':
      return (
        <ConnectionDrawer
          api={api}
          types={connectionTypes}
          onClose={onClose}
          onSaved={(saved) => void s.reloadConnections().then(() => onConnection(saved.id))}
        />
      );
    case 'run': {
      const trigger = s.blueprint?.flow?.[0];
      const label = (trigger && findModule(s.catalog, trigger.module)?.module.label) ?? 'its trigger';
      return (
        <RunInputDrawer
          initial={runInput}
          triggerLabel={label}
          queueText={scenario.schedule?.type === 'onDemand' ? scenario.queueText : undefined}
          onClose={onClose}
          onRun={onRun}
        />
      );
    }
  }
}

function moduleLabel(s: ScenarioState, id: number): string {
  const node = s.blueprint ? findModuleNode(s.blueprint, id) : undefined;
  return (
    node?.metadata?.designer?.name ||
    (node && findModule(s.catalog, node.module)?.module.label) ||
    `Module ${id}`
  );
}
