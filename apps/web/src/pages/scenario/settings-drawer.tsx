import { DEFAULT_SETTINGS } from '@integrator/engine/blueprint';
import type { FieldError } from '../../api/types';
import { Drawer } from '../../components/drawer';
import { CheckField, TextField } from '../../components/fields';
import type { Settings } from './use-scenario';

// Scenario settings (Make's): they live in blueprint.metadata.scenario and are saved with the
// scenario. The server's issues for them (metadata.scenario.*) show next to their field.

interface Props {
  name: string;
  folder: string;
  settings: Settings;
  issues: readonly FieldError[];
  onName(name: string): void;
  onFolder(folder: string): void;
  onChange(settings: Settings): void;
  onClose(): void;
}

export function SettingsDrawer({
  name,
  folder,
  settings,
  issues,
  onName,
  onFolder,
  onChange,
  onClose,
}: Props) {
  const value = { ...DEFAULT_SETTINGS, ...settings };
  const issue = (key: string) => issues.find((i) => i.path === `metadata.scenario.${key}`)?.message;
  const set = (patch: Settings) => onChange({ ...settings, ...patch });
  return (
    <Drawer title="Scenario settings" onClose={onClose}>
      <TextField
        label="Name"
        value={name}
        onChange={onName}
        required
        error={name.trim() ? undefined : 'is required'}
      />
      <TextField
        label="Folder"
        value={folder}
        onChange={onFolder}
        help="Scenarios are grouped by folder in the list."
      />
      <CheckField
        label="Sequential processing"
        checked={value.sequential}
        onChange={(sequential) => set({ sequential })}
        help="Runs start one at a time, in order; an incomplete execution holds the next run back until it is resolved."
      />
      <TextField
        label="Max number of cycles"
        type="number"
        min={1}
        value={value.roundtrips}
        onChange={(text) => onChange(withNumber(settings, 'roundtrips', text))}
        error={issue('roundtrips')}
        help="How many cycles one run may do (Run once always does one)."
      />
      <CheckField
        label="Store incomplete executions"
        checked={value.dlq}
        onChange={(dlq) => set({ dlq })}
        help="A run that fails keeps its state so it can be retried or resolved later."
        error={issue('dlq')}
      />
      <CheckField
        label="Data is confidential"
        checked={value.confidential}
        onChange={(confidential) => set({ confidential })}
        help="No bundle data is kept in the history; only counts and errors."
      />
      <TextField
        label="Number of consecutive errors"
        type="number"
        min={0}
        value={value.maxErrors}
        onChange={(text) => onChange(withNumber(settings, 'maxErrors', text))}
        error={issue('maxErrors')}
        help="After this many failed runs in a row an active scenario is switched off, with a notice (0: never)."
      />
      <p className="muted">Changes are kept when you save the scenario.</p>
    </Drawer>
  );
}

// An emptied number field falls back to the default (number inputs give '' for anything else).
function withNumber(settings: Settings, key: 'roundtrips' | 'maxErrors', text: string): Settings {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) {
    const { [key]: _dropped, ...rest } = settings;
    return rest;
  }
  return { ...settings, [key]: n };
}
