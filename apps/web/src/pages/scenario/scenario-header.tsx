import type { Scenario } from '../../api/types';

// The editor page's bar: back to the list, the name, the active switch, and the commands.

export type DrawerKind = 'settings' | 'schedule' | 'versions' | 'run' | 'connection';

interface Props {
  scenario: Scenario;
  name: string;
  dirty: boolean;
  busy: boolean;
  running: boolean;
  onToggleActive(): void;
  onOpen(drawer: DrawerKind): void;
  onExport(): void;
  onRun(): void;
  onStop(): void;
  onSave(): void;
}

export function ScenarioHeader({
  scenario,
  name,
  dirty,
  busy,
  running,
  onToggleActive,
  onOpen,
  onExport,
  onRun,
  onStop,
  onSave,
}: Props) {
  return (
    <header className="page-head">
      <a href="#/scenarios" className="back" aria-label="Back to scenarios">
        ←
      </a>
      <h1>{name || scenario.name}</h1>
      {dirty && <span className="tag">unsaved changes</span>}
      <button
        type="button"
        role="switch"
        aria-checked={scenario.active}
        className={`switch${scenario.active ? ' on' : ''}`}
        onClick={onToggleActive}
        disabled={busy}
      >
        <span className="switch-knob" aria-hidden="true" />
        {scenario.active ? 'Active' : 'Inactive'}
      </button>
      <button type="button" onClick={() => onOpen('schedule')} title="Schedule">
        {scenario.scheduleText ?? 'On demand'}
      </button>
      <button type="button" onClick={() => onOpen('settings')}>
        Settings
      </button>
      <button type="button" onClick={() => onOpen('versions')}>
        Versions
      </button>
      <button type="button" onClick={onExport}>
        Export
      </button>
      {running ? (
        <button type="button" onClick={onStop}>
          Stop
        </button>
      ) : (
        <button type="button" onClick={onRun} disabled={busy}>
          Run once
        </button>
      )}
      <button type="button" className="primary" onClick={onSave} disabled={busy || running}>
        Save
      </button>
    </header>
  );
}
