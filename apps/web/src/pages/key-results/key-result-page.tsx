import { useState } from 'react';
import type { CheckIn, CheckInResult, KeyResult } from '../../api/okr-types';
import { formatTime } from '../../components/format';
import { LoadState, NoteLine, PageHeader, StatusBadge, DataTable } from '../../components/page-parts';
import { ProgressBar } from '../../components/progress-bar';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { ValueChart } from '../../components/value-chart';
import { navigate } from '../../shell/router';
import { useSession } from '../../shell/session';
import { CheckInForm, Review } from './check-in-flow';
import { KeyResultDrawer } from './key-result-drawer';
import { describeFrequency, describeTarget, withUnit } from './okr-text';

// One key result: progress, the check-in flow (Check-in → review → Update), the automated
// check-in, and the history of check-ins as a chart and a list.

export function KeyResultPage({ keyResultId }: { keyResultId: string }) {
  const { api } = useSession();
  const kr = useLoad(() => api.keyResults.get(keyResultId), [api, keyResultId]);
  const history = useLoad(() => api.keyResults.checkIns(keyResultId), [api, keyResultId]);
  const [step, setStep] = useState<Step>('idle');
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const k = kr.data;
  const refresh = (next?: KeyResult) => {
    if (next) kr.setData(next);
    else kr.reload();
    history.reload();
  };

  const automated = () =>
    action.run(async () => {
      const result = await api.keyResults.automatedCheckIn(keyResultId);
      refresh(result.keyResult);
      if (result.checkIn.status === 'failed')
        throw new Error(`The automated check-in failed: ${result.checkIn.failureReason}`);
      if (result.checkIn.status === 'pending') setStep(result);
      return result.checkIn.status === 'confirmed'
        ? `Checked in ${result.checkIn.value} automatically.`
        : undefined;
    });
  const remove = () =>
    action.run(async () => {
      await api.keyResults.remove(keyResultId);
      navigate('/key-results');
    });

  return (
    <div className="page">
      <PageHeader title={k ? k.name : 'Key result'}>
        <a className="button" href="#/key-results">
          All key results
        </a>
        {k && (
          <>
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" className="danger" onClick={() => void remove()}>
              Delete
            </button>
          </>
        )}
      </PageHeader>
      <LoadState loading={kr.loading} error={kr.error}>
        {k && (
          <>
            <Summary keyResult={k} />
            <NoteLine note={action.note} />
            <CheckInSteps
              keyResult={k}
              step={step}
              setStep={setStep}
              busy={action.busy}
              onAutomated={() => void automated()}
              onReviewed={(result, text) => {
                refresh(result.keyResult);
                setStep('idle');
                action.setNote({ text, tone: 'success' });
              }}
            />
            <History
              keyResult={k}
              checkIns={history.data ?? []}
              onReview={(c) => setStep({ checkIn: c, keyResult: k })}
            />
          </>
        )}
      </LoadState>
      {editing && k && (
        <KeyResultDrawer
          objectiveId={k.objectiveId}
          keyResult={k}
          onClose={() => setEditing(false)}
          onSaved={(next) => refresh(next)}
        />
      )}
    </div>
  );
}

type Step = 'idle' | 'form' | CheckInResult;

interface StepsProps {
  keyResult: KeyResult;
  step: Step;
  setStep(step: Step): void;
  busy: boolean;
  onAutomated(): void;
  onReviewed(result: CheckInResult, text: string): void;
}

// Check-in → review → Update (or Discard); the connector's value can be checked in at once.
function CheckInSteps({ keyResult: k, step, setStep, busy, onAutomated, onReviewed }: StepsProps) {
  if (step === 'form')
    return (
      <CheckInForm keyResult={k} onCancel={() => setStep('idle')} onDone={(result) => setStep(result)} />
    );
  if (typeof step === 'object') return <Review result={step} before={k} onDone={onReviewed} />;
  return (
    <div className="row">
      <button type="button" className="primary" onClick={() => setStep('form')}>
        Check-in
      </button>
      {k.connectorId !== null && (
        <button type="button" onClick={onAutomated} disabled={busy}>
          Check in from the connector now
        </button>
      )}
    </div>
  );
}

function Summary({ keyResult: k }: { keyResult: KeyResult }) {
  return (
    <section className="kr-summary" aria-label="Progress">
      <ProgressBar value={k.progress} label={`Progress of ${k.name}`} />
      <p>{describeTarget(k)}</p>
      <p className="muted">
        {k.periodStart} – {k.periodEnd} · check-in {describeFrequency(k.checkInFrequency)} (
        {k.plannedCheckIns} planned)
        {k.connectorId !== null && ' · automated daily at 09:00 from a custom connector'}
      </p>
      {k.connectorId !== null && (
        <p className="muted">
          Next automated check-in:{' '}
          {k.nextAutomatedCheckIn ? formatTime(k.nextAutomatedCheckIn) : 'none (the period has ended)'}
        </p>
      )}
    </section>
  );
}

function History({
  keyResult: k,
  checkIns,
  onReview,
}: {
  keyResult: KeyResult;
  checkIns: readonly CheckIn[];
  onReview(c: CheckIn): void;
}) {
  const confirmed = checkIns
    .filter((c) => c.status === 'confirmed' && c.value !== null)
    .sort((a, b) => a.takenAt - b.takenAt);
  const lines = [
    ...(k.startValue !== null && k.type !== 'control' ? [{ value: k.startValue, label: 'start' }] : []),
    ...(k.targetValue !== null ? [{ value: k.targetValue, label: 'target' }] : []),
    ...(k.lowerLimit !== null ? [{ value: k.lowerLimit, label: 'lower' }] : []),
    ...(k.upperLimit !== null ? [{ value: k.upperLimit, label: 'upper' }] : []),
  ];
  return (
    <section aria-label="Check-in history">
      <h2>History</h2>
      <ValueChart
        title="Confirmed check-ins"
        points={confirmed.map((c) => ({
          at: c.takenAt,
          value: c.value!,
          label: new Date(c.takenAt).toLocaleDateString(),
        }))}
        lines={lines}
      />
      {checkIns.length === 0 ? (
        <p className="muted">No check-ins yet.</p>
      ) : (
        <DataTable headers={['Taken', 'Value', 'Source', 'Status', 'Progress', 'Note', '']}>
          {checkIns.map((c) => (
            <tr key={c.id}>
              <td>{formatTime(c.takenAt)}</td>
              <td>{withUnit(c.value, k.unit)}</td>
              <td>{c.source}</td>
              <td>
                <StatusBadge status={c.status} />
                {c.failureReason && <div className="field-error small">{c.failureReason}</div>}
              </td>
              <td>{c.progress === null ? '—' : `${c.progress}%`}</td>
              <td>{c.note}</td>
              <td>
                {c.status === 'pending' && (
                  <button type="button" onClick={() => onReview(c)}>
                    Review
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
