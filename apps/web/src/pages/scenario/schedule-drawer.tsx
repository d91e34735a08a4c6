import { useEffect, useMemo, useState } from 'react';
import type { Schedule } from '@integrator/engine/schedule/types';
import type { ApiClient } from '../../api/client';
import type { Scenario } from '../../api/types';
import { Drawer } from '../../components/drawer';
import { errorMap, summaryText } from '../../components/errors';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { formatZoned } from '../../components/format';
import { NoteLine, type Note } from '../../components/page-parts';
import { fromDraft, SCHEDULE_LABELS, timeZones, toDraft, toggleDay, WEEKDAYS, type ScheduleDraft } from './schedule-form';

// The schedule editor: the kind of schedule, its fields, the time zone, and the next run
// times the server computes for what is saved (nextRuns in its answer, or the preview route).

interface Props {
  api: ApiClient;
  scenario: Scenario;
  onSaved(scenario: Scenario): void;
  onClose(): void;
}

export function ScheduleDrawer({ api, scenario, onSaved, onClose }: Props) {
  const [draft, setDraft] = useState<ScheduleDraft>(() => toDraft(scenario.schedule as Schedule | null));
  const [nextRuns, setNextRuns] = useState<string[]>(scenario.nextRuns ?? []);
  const [orgZone, setOrgZone] = useState<string>('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  const fields = byTopField(errorMap(error, 'schedule'));
  const set = (patch: Partial<ScheduleDraft>) => setDraft((d) => ({ ...d, ...patch }));

  useEffect(() => {
    api.organization.get().then((o) => setOrgZone(o.timezone), () => undefined);
    api.scenarios.schedulePreview(scenario.id, 10).then((p) => setNextRuns(p.nextRuns), () => undefined);
  }, [api, scenario.id]);

  const save = async () => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const answer = await api.scenarios.setSchedule(scenario.id, fromDraft(draft));
      onSaved(answer);
      setNextRuns(answer.nextRuns ?? []);
      setNote({ text: `Schedule saved: ${answer.scheduleText ?? SCHEDULE_LABELS[draft.type]}`, tone: 'success' });
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
      <SelectField label="Run the scenario" value={draft.type} onChange={(type) => set({ type: type as ScheduleDraft['type'] })} choices={Object.entries(SCHEDULE_LABELS).map(([value, label]) => ({ value, label }))} error={fields.get('type')} />
      {draft.type !== 'onDemand' && draft.type !== 'immediately' && (
        <SelectField label="Time zone" value={draft.timezone} onChange={(timezone) => set({ timezone })} choices={zones} empty={`Organisation's time zone${orgZone ? ` (${orgZone})` : ''}`} error={fields.get('timezone')} />
      )}
      <TypeFields draft={draft} set={set} fields={fields} />
      {draft.type !== 'onDemand' && draft.type !== 'immediately' && (
        <details className="advanced">
          <summary>Only between</summary>
          <TextField label="Start" value={draft.start} onChange={(start) => set({ start })} placeholder="2026-01-01T00:00" error={fields.get('start')} />
          <TextField label="End" value={draft.end} onChange={(end) => set({ end })} placeholder="2026-12-31T23:59" error={fields.get('end')} />
        </details>
      )}
      {error !== null && <p className="note error" role="alert">{summaryText(error, shown)}</p>}
      <NoteLine note={note} />
      <div className="row">
        <button type="button" className="primary" onClick={save} disabled={busy}>
          Save schedule
        </button>
      </div>
      <section aria-label="Next runs">
        <h3>Next runs</h3>
        {nextRuns.length === 0 ? (
          <p className="muted">{scenario.active ? 'No run is planned.' : 'None planned (the scenario is off, or runs on demand).'}</p>
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

// "days[2]: …" belongs next to the days field.
function byTopField(errors: Map<string, string>): Map<string, string> {
  const out = new Map(errors);
  for (const [path, message] of errors) {
    const top = path.split(/[.[]/)[0];
    if (!out.has(top)) out.set(top, `${path.slice(top.length)} ${message}`.trim());
  }
  return out;
}

type SetDraft = (patch: Partial<ScheduleDraft>) => void;

function TypeFields({ draft, set, fields }: { draft: ScheduleDraft; set: SetDraft; fields: Map<string, string> }) {
  const time = <TextField label="Time" type="time" value={draft.time} onChange={(t) => set({ time: t })} error={fields.get('time')} required />;
  switch (draft.type) {
    case 'interval':
      return <TextField label="Minutes between runs" type="number" min={1} value={draft.minutes} onChange={(minutes) => set({ minutes })} error={fields.get('minutes')} required />;
    case 'once':
      return <TextField label="Date and time" type="datetime-local" value={draft.at} onChange={(at) => set({ at })} error={fields.get('at')} required />;
    case 'daily':
      return time;
    case 'weekly':
      return (
        <>
          <DayChecks label="Days of the week" names={WEEKDAYS} values={[0, 1, 2, 3, 4, 5, 6]} chosen={draft.days} onChange={(days) => set({ days })} error={fields.get('days')} />
          {time}
        </>
      );
    case 'monthly':
      return (
        <>
          <DayChecks label="Days of the month" names={null} values={Array.from({ length: 31 }, (_, i) => i + 1)} chosen={draft.days} onChange={(days) => set({ days })} error={fields.get('days')} />
          {time}
        </>
      );
    case 'dates':
      return (
        <>
          <TextAreaField label="Dates" rows={4} value={draft.dates} onChange={(dates) => set({ dates })} help="One date per line, as YYYY-MM-DD." error={fields.get('dates')} />
          {time}
        </>
      );
    case 'cron':
      return <TextField label="Cron expression" value={draft.expression} onChange={(expression) => set({ expression })} placeholder="0 9 * * 1-5" help="Minute, hour, day of month, month, day of week." error={fields.get('expression')} required />;
    default:
      return <p className="muted">{draft.type === 'immediately' ? 'The scenario runs as soon as its trigger receives data.' : 'The scenario runs only when started by hand or through the API.'}</p>;
  }
}

function DayChecks({ label, names, values, chosen, onChange, error }: { label: string; names: string[] | null; values: number[]; chosen: number[]; onChange(days: number[]): void; error?: string }) {
  return (
    <fieldset className={`day-checks${error ? ' has-error' : ''}`}>
      <legend>{label}</legend>
      {values.map((v) => (
        <label key={v} className="check">
          <input type="checkbox" checked={chosen.includes(v)} onChange={(e) => onChange(toggleDay(chosen, v, e.target.checked))} />
          {names ? names[v].slice(0, 3) : v}
        </label>
      ))}
      {error && <p className="field-error" role="alert">{error}</p>}
    </fieldset>
  );
}
