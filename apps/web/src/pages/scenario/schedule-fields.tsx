import { TextAreaField, TextField } from '../../components/fields';
import { toggleDay, WEEKDAYS, type ScheduleDraft } from './schedule-form';

// The fields of each kind of schedule, with the server's message under the field it names.

// "days[2]: …" belongs next to the days field.
export function byTopField(errors: Map<string, string>): Map<string, string> {
  const out = new Map(errors);
  for (const [path, message] of errors) {
    const top = path.split(/[.[]/)[0];
    if (!out.has(top)) out.set(top, `${path.slice(top.length)} ${message}`.trim());
  }
  return out;
}

export type SetDraft = (patch: Partial<ScheduleDraft>) => void;

export function TypeFields({
  draft,
  set,
  fields,
}: {
  draft: ScheduleDraft;
  set: SetDraft;
  fields: Map<string, string>;
}) {
  const time = (
    <TextField
      label="Time"
      type="time"
      value={draft.time}
      onChange={(t) => set({ time: t })}
      error={fields.get('time')}
      required
    />
  );
  switch (draft.type) {
    case 'interval':
      return (
        <TextField
          label="Minutes between runs"
          type="number"
          min={1}
          value={draft.minutes}
          onChange={(minutes) => set({ minutes })}
          error={fields.get('minutes')}
          required
        />
      );
    case 'once':
      return (
        <TextField
          label="Date and time"
          type="datetime-local"
          value={draft.at}
          onChange={(at) => set({ at })}
          error={fields.get('at')}
          required
        />
      );
    case 'daily':
      return time;
    case 'weekly':
      return (
        <>
          <DayChecks
            label="Days of the week"
            names={WEEKDAYS}
            values={[0, 1, 2, 3, 4, 5, 6]}
            chosen={draft.days}
            onChange={(days) => set({ days })}
            error={fields.get('days')}
          />
          {time}
        </>
      );
    case 'monthly':
      return (
        <>
          <DayChecks
            label="Days of the month"
            names={null}
            values={Array.from({ length: 31 }, (_, i) => i + 1)}
            chosen={draft.days}
            onChange={(days) => set({ days })}
            error={fields.get('days')}
          />
          {time}
        </>
      );
    case 'dates':
      return (
        <>
          <TextAreaField
            label="Dates"
            rows={4}
            value={draft.dates}
            onChange={(dates) => set({ dates })}
            help="One date per line, as YYYY-MM-DD."
            error={fields.get('dates')}
          />
          {time}
        </>
      );
    case 'cron':
      return (
        <TextField
          label="Cron expression"
          value={draft.expression}
          onChange={(expression) => set({ expression })}
          placeholder="0 9 * * 1-5"
          help="Minute, hour, day of month, month, day of week."
          error={fields.get('expression')}
          required
        />
      );
    default:
      return (
        <p className="muted">
          {draft.type === 'immediately'
            ? 'The scenario runs as soon as its trigger receives data.'
            : 'The scenario runs only when started by hand or through the API.'}
        </p>
      );
  }
}

function DayChecks({
  label,
  names,
  values,
  chosen,
  onChange,
  error,
}: {
  label: string;
  names: string[] | null;
  values: number[];
  chosen: number[];
  onChange(days: number[]): void;
  error?: string;
}) {
  return (
    <fieldset className={`day-checks${error ? ' has-error' : ''}`}>
      <legend>{label}</legend>
      {values.map((v) => (
        <label key={v} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(v)}
            onChange={(e) => onChange(toggleDay(chosen, v, e.target.checked))}
          />
          {names ? names[v].slice(0, 3) : v}
        </label>
      ))}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
