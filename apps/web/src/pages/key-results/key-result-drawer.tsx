import { useEffect, useState } from 'react';
import type { ConnectorValue, KeyResult } from '../../api/okr-types';
import { Drawer } from '../../components/drawer';
import { errorMap, errorText, summaryText } from '../../components/errors';
import { CheckField, SelectField, TextField } from '../../components/fields';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { useSession } from '../../shell/session';
import { WEEKDAYS } from '../scenario/schedule-form';
import { keyResultBody, keyResultDraft, type KeyResultDraft } from './key-result-form';
import { CONTROL_LABELS, METHOD_LABELS, TYPE_LABELS } from './okr-text';

// A key result: its type (Increase, Decrease or Control KPI) and values, the check-in
// frequency, and optionally a custom connector whose current value automates the check-in
// (with "Set as start value").

const choices = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
const FREQUENCIES = [
  { value: 'daily', label: 'Every day' },
  { value: 'weekly', label: 'Every week' },
  { value: 'biweekly', label: 'Every other week' },
  { value: 'monthly', label: 'Every month' },
];

export function KeyResultDrawer({
  objectiveId,
  keyResult,
  onClose,
  onSaved,
}: {
  objectiveId: number;
  keyResult?: KeyResult;
  onClose(): void;
  onSaved(kr: KeyResult): void;
}) {
  const { api } = useSession();
  const [d, setDraft] = useState<KeyResultDraft>(() => keyResultDraft(keyResult));
  const connectors = useLoad(() => api.customConnectors.list().catch(() => []), [api]);
  const [current, setCurrent] = useState<ConnectorValue | string | null>(null);
  const action = useAction();
  const errors = errorMap(action.error);
  const set = (patch: Partial<KeyResultDraft>) => setDraft((x) => ({ ...x, ...patch }));

  useEffect(() => {
    setCurrent(null);
    if (!d.connectorId) return;
    let live = true;
    api.keyResults.connectorValue(d.connectorId).then(
      (v) => live && setCurrent(v),
      (err: unknown) => live && setCurrent(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [api, d.connectorId]);

  const save = () =>
    action.run(async () => {
      const body = keyResultBody(d, Boolean(keyResult));
      const saved = keyResult
        ? await api.keyResults.update(keyResult.id, body)
        : await api.keyResults.create({ ...body, objectiveId, name: d.name.trim(), type: d.type });
      onSaved(saved);
      onClose();
    });
  const num = (
    label: string,
    key: 'startValue' | 'targetValue' | 'lowerLimit' | 'upperLimit',
    disabled = false,
  ) => (
    <TextField
      label={label}
      type="number"
      step="any"
      value={d[key]}
      onChange={(v) => set({ [key]: v })}
      error={errors.get(key)}
      disabled={disabled}
    />
  );
  const shown = new Set([...errors.keys()]);

  return (
    <Drawer title={keyResult ? `Edit ${keyResult.name}` : 'New key result'} onClose={onClose}>
      <TextField
        label="Name"
        value={d.name}
        onChange={(name) => set({ name })}
        error={errors.get('name')}
        required
      />
      <SelectField
        label="Type"
        value={d.type}
        onChange={(t) => set({ type: t as KeyResultDraft['type'] })}
        choices={choices(TYPE_LABELS)}
        error={errors.get('type')}
      />
      {d.type === 'control' ? (
        <>
          <SelectField
            label="Value type"
            value={d.controlType}
            onChange={(t) => set({ controlType: t as KeyResultDraft['controlType'] })}
            choices={choices(CONTROL_LABELS)}
            error={errors.get('controlType')}
          />
          {d.controlType === 'between' ? (
            <>
              {num('Lower limit', 'lowerLimit')}
              {num('Upper limit', 'upperLimit')}
            </>
          ) : (
            num(d.controlType === 'atMost' ? 'Upper limit (target)' : 'Lower limit (target)', 'targetValue')
          )}
          <SelectField
            label="Progress method"
            value={d.progressMethod}
            onChange={(m) => set({ progressMethod: m as KeyResultDraft['progressMethod'] })}
            choices={choices(METHOD_LABELS)}
            error={errors.get('progressMethod')}
          />
        </>
      ) : (
        <>
          {num('Start value', 'startValue', d.setStartFromConnector)}
          {num('Target value', 'targetValue')}
        </>
      )}
      <TextField
        label="Unit"
        value={d.unit}
        onChange={(unit) => set({ unit })}
        placeholder="EUR, %, customers…"
        error={errors.get('unit')}
      />
      <SelectField
        label="Check-in frequency"
        value={d.frequency}
        onChange={(f) => set({ frequency: f as KeyResultDraft['frequency'] })}
        choices={FREQUENCIES}
        error={errors.get('checkInFrequency')}
      />
      {(d.frequency === 'weekly' || d.frequency === 'biweekly') && (
        <SelectField
          label="On"
          value={String(d.weekday)}
          onChange={(w) => set({ weekday: Number(w) })}
          choices={WEEKDAYS.map((w, i) => ({ value: String(i), label: w }))}
        />
      )}
      {d.frequency === 'monthly' && (
        <TextField
          label="Day of the month"
          type="number"
          min={1}
          max={31}
          value={d.day}
          onChange={(v) => set({ day: Number(v) })}
          error={errors.get('checkInFrequency.day')}
        />
      )}
      <h3>Automate check-in</h3>
      <SelectField
        label="Custom connector"
        value={d.connectorId}
        onChange={(connectorId) => set({ connectorId, setStartFromConnector: false })}
        empty="None (check in by hand)"
        choices={(connectors.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
        error={errors.get('connectorId')}
        help="Read every day at 09:00 in the owner's time zone."
      />
      {d.connectorId && <CurrentValue current={current} />}
      {d.connectorId && d.type !== 'control' && (
        <CheckField
          label="Set as start value"
          checked={d.setStartFromConnector}
          onChange={(setStartFromConnector) => set({ setStartFromConnector })}
          error={errors.get('setStartFromConnector')}
        />
      )}
      {d.connectorId && (
        <CheckField
          label="Confirm automated check-ins without review"
          checked={d.autoConfirm}
          onChange={(autoConfirm) => set({ autoConfirm })}
        />
      )}
      {action.error !== null && (
        <p className="note error" role="alert">
          {summaryText(action.error, shown)}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} disabled={action.busy}>
          {keyResult ? 'Save key result' : 'Create key result'}
        </button>
      </div>
    </Drawer>
  );
}

function CurrentValue({ current }: { current: ConnectorValue | string | null }) {
  if (current === null) return <p className="muted">Reading the current value…</p>;
  if (typeof current === 'string')
    return <p className="field-error">The connector cannot be read: {current}</p>;
  if (current.valueError) return <p className="field-error">{current.valueError}</p>;
  return (
    <p role="status">
      Current value: <strong>{current.value}</strong>{' '}
      <span className="muted">({current.fieldPath || 'whole body'})</span>
    </p>
  );
}
