import { useEffect, useMemo, useState } from 'react';
import type { Schedule } from '@integrator/engine/schedule/types';
import type { ApiClient } from '../../api/client';
import type { Scenario } from '../../api/types';
import { Drawer } from '../../components/drawer';
import { errorMap, summaryText } from '../../components/errors';
import { SelectField, TextField } from '../../components/fields';
import { formatZoned } from '../../components/format';
import { NoteLine, type Note } from '../../components/page-parts';
import { byTopField, TypeFields } from './schedule-fields';
import { fromDraft, SCHEDULE_LABELS, timeZones, toDraft, type ScheduleDraft } from './schedule-form';

// The schedule editor: the kind of schedule, its fields, the time zone, and the next run
// times the server computes for what is saved (nextRuns in its answer, or the preview route).

interface Props {
  api: ApiClient;
  scenario: Scenario;
  onSaved(scenario: Scenario): void;
  onClose(): void;
}

export function ScheduleDrawer({ api, scenario, onSaved, onClose }: Props) {
  const [draft, setDraft] = useState<ScheduleDraft>(() =>
    toDraft(scenario.schedule as Schedule | null, scenario.instant === true),
  );
  const [nextRuns, setNextRuns] = useState<string[]>(scenario.nextRuns ?? []);
  const [orgZone, setOrgZone] = useState<string>('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  const fields = byTopField(errorMap(error, 'schedule'));
  // Once the form differs from what was saved, "Schedule saved" and the saved schedule's next
  // runs no longer describe it: both go until the next save.
  const [edited, setEdited] = useState(false);
  const set = (patch: Partial<ScheduleDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setEdited(true);
    setNote(null);
  };

  useEffect(() => {
    api.organization.get().then(
      (o) => setOrgZone(o.timezone),
      () => undefined,
    );
    api.scenarios.schedulePreview(scenario.id, 10).then(
      (p) => setNextRuns(p.nextRuns),
      () => undefined,
    );
  }, [api, scenario.id]);

  const save = async () => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const answer = await api.scenarios.setSchedule(scenario.id, fromDraft(draft));
      onSaved(answer);
      setEdited(false);
      setNextRuns(answer.nextRuns ?? []);
      setNote({
        text: `Schedule saved: ${answer.scheduleText ?? SCHEDULE_LABELS[draft.type]}`,
        tone: 'success',
      });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const shown = new Set([...errorMap(error, 'schedule').keys()].map((k) => `schedule.${k}`));
  const zone = draft.timezone || orgZone || undefined;

  return (
    <Drawer title="Schedule" onClose={onClose}>
      <SelectField
        label="Run the scenario"
        value={draft.type}
        onChange={(type) => set({ type: type as ScheduleDraft['type'] })}
        choices={Object.entries(SCHEDULE_LABELS).map(([value, label]) => ({ value, label }))}
        error={fields.get('type')}
      />
      {draft.type !== 'onDemand' && draft.type !== 'immediately' && (
        <SelectField
          label="Time zone"
          value={draft.timezone}
          onChange={(timezone) => set({ timezone })}
          choices={zones}
          empty={`Organisation's time zone${orgZone ? ` (${orgZone})` : ''}`}
          error={fields.get('timezone')}
        />
      )}
      <TypeFields draft={draft} set={set} fields={fields} />
      {scenario.instant && draft.type !== 'immediately' && (
        <p className="note info">{queueNote(draft.type, edited ? undefined : scenario.queueText)}</p>
      )}
      {draft.type !== 'onDemand' && draft.type !== 'immediately' && (
        <details className="advanced">
          <summary>Only between</summary>
          <TextField
            label="Start"
            value={draft.start}
            onChange={(start) => set({ start })}
            placeholder="2026-01-01T00:00"
            error={fields.get('start')}
          />
          <TextField
            label="End"
            value={draft.end}
            onChange={(end) => set({ end })}
            placeholder="2026-12-31T23:59"
            error={fields.get('end')}
          />
        </details>
      )}
      {error !== null && (
        <p className="note error" role="alert">
          {summaryText(error, shown)}
        </p>
      )}
      <NoteLine note={note} />
      <div className="row">
        <button type="button" className="primary" onClick={save} disabled={busy}>
          Save schedule
        </button>
      </div>
      <section aria-label="Next runs">
        <h3>Next runs</h3>
        {edited ? (
          <p className="muted">Save the schedule to see its next runs.</p>
        ) : nextRuns.length === 0 ? (
          <p className="muted">
            {scenario.active
              ? 'No run is planned.'
              : 'None planned (the scenario is off, or runs on demand).'}
          </p>
        ) : (
          <ol className="next-runs">
            {nextRuns.map((t) => (
              <li key={t}>
                <time dateTime={t}>{formatZoned(t, zone)}</time>
              </li>
            ))}
          </ol>
        )}
      </section>
    </Drawer>
  );
}

// Where an instant trigger's requests go: the server's words for the saved schedule, or (while
// the form is edited) what saving it will do. Only "immediately" runs them as they arrive.
function queueNote(type: ScheduleDraft['type'], saved: string | undefined): string {
  if (saved) return saved;
  return type === 'onDemand'
    ? 'Webhook requests will wait in the queue until the scenario is run.'
    : 'Webhook requests will wait in the queue and be processed at the scheduled times.';
}
