import { useState } from 'react';
import type { CheckInResult, KeyResult } from '../../api/okr-types';
import { errorMap, summaryText } from '../../components/errors';
import { TextField } from '../../components/fields';
import { useAction } from '../../components/use-action';
import { ProgressBar } from '../../components/progress-bar';
import { useSession } from '../../shell/session';
import { withUnit } from './okr-text';

// Profit.co's check-in: the user enters the value, is taken to a review of what it will do to
// the key result, and Updates to commit it (or discards it). Only the update moves progress.

export function CheckInForm({
  keyResult,
  onCancel,
  onDone,
}: {
  keyResult: KeyResult;
  onCancel(): void;
  onDone(result: CheckInResult): void;
}) {
  const { api } = useSession();
  const [value, setValue] = useState(keyResult.currentValue === null ? '' : String(keyResult.currentValue));
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const action = useAction();
  const errors = errorMap(action.error);
  const submit = async () => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) return setProblem('must be a number');
    setProblem(undefined);
    let result: CheckInResult | undefined;
    const ok = await action.run(async () => {
      result = await api.keyResults.checkIn(keyResult.id, {
        value: n,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
    });
    if (ok && result) onDone(result);
  };
  return (
    <form
      className="check-in"
      aria-label="Check-in"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>Check-in</h2>
      <TextField
        label={`Current value${keyResult.unit ? ` (${keyResult.unit})` : ''}`}
        type="number"
        step="any"
        value={value}
        onChange={setValue}
        error={problem ?? errors.get('value')}
        required
        autoFocus
      />
      <TextField label="Note" value={note} onChange={setNote} error={errors.get('note')} />
      {action.error !== null && (
        <p className="note error" role="alert">
          {summaryText(action.error, new Set(['value', 'note']))}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={action.busy}>
          Continue to review
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function Review({
  result,
  before,
  onDone,
}: {
  result: CheckInResult;
  before: KeyResult;
  onDone(result: CheckInResult, text: string): void;
}) {
  const { api } = useSession();
  const action = useAction();
  const { checkIn } = result;
  const decide = async (confirm: boolean) => {
    let answer: CheckInResult | undefined;
    const ok = await action.run(async () => {
      answer = confirm ? await api.checkIns.confirm(checkIn.id) : await api.checkIns.discard(checkIn.id);
    });
    if (ok && answer)
      onDone(
        answer,
        confirm
          ? `Check-in updated: progress is now ${answer.keyResult.progress ?? '—'}%.`
          : 'Check-in discarded.',
      );
  };
  return (
    <section className="review" aria-label="Review the check-in">
      <h2>Review the check-in</h2>
      <dl className="facts">
        <dt>Value</dt>
        <dd>
          {withUnit(before.currentValue, before.unit)} →{' '}
          <strong>{withUnit(checkIn.value, before.unit)}</strong>
        </dd>
        <dt>Progress</dt>
        <dd>
          {before.progress === null ? '—' : `${before.progress}%`} →{' '}
          <strong>{checkIn.progress === null ? '—' : `${checkIn.progress}%`}</strong>
        </dd>
        {checkIn.note && (
          <>
            <dt>Note</dt>
            <dd>{checkIn.note}</dd>
          </>
        )}
      </dl>
      <ProgressBar value={checkIn.progress} label="Progress after this check-in" />
      {action.note?.tone === 'error' && (
        <p className="note error" role="alert">
          {action.note.text}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={() => void decide(true)} disabled={action.busy}>
          Update
        </button>
        <button type="button" onClick={() => void decide(false)} disabled={action.busy}>
          Discard
        </button>
      </div>
    </section>
  );
}
