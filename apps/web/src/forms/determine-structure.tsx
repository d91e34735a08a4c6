import { useEffect, useRef, useState } from 'react';
import { useFormEnv } from './form-env';

// Make's "Redetermine data structure" under a webhook picker: the hook waits for its next
// request, which becomes the structure the mapping picker offers (and is not run).

type State = { kind: 'idle' } | { kind: 'waiting' } | { kind: 'done' } | { kind: 'failed'; message: string };

export function DetermineStructure({ hookId }: { hookId: string | number }) {
  const env = useFormEnv();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const waiting = useRef<AbortController | null>(null);
  // Closing the panel (or choosing another hook) stops waiting: the hook stops listening.
  useEffect(() => () => waiting.current?.abort(), [hookId]);
  if (!env.onDetermineStructure) return null;
  const determine = env.onDetermineStructure;

  const start = () => {
    const control = new AbortController();
    waiting.current = control;
    setState({ kind: 'waiting' });
    determine(hookId, control.signal).then(
      () => setState({ kind: 'done' }),
      (err: unknown) =>
        setState(
          control.signal.aborted
            ? { kind: 'idle' }
            : { kind: 'failed', message: err instanceof Error ? err.message : String(err) },
        ),
    );
  };
  const stop = () => waiting.current?.abort();

  return (
    <div className="determine-structure">
      {state.kind === 'waiting' ? (
        <button type="button" onClick={stop}>
          Stop
        </button>
      ) : (
        <button type="button" onClick={start}>
          Redetermine data structure
        </button>
      )}
      <p role="status" className={state.kind === 'idle' ? 'visually-hidden' : `note ${TONE[state.kind]}`}>
        {state.kind === 'waiting' && 'Waiting for data… Send a request to the address above.'}
        {state.kind === 'done' && 'Successfully determined. Its fields are offered for mapping.'}
        {state.kind === 'failed' && `Could not determine the data structure: ${state.message}`}
      </p>
    </div>
  );
}

const TONE = { idle: '', waiting: 'info', done: 'success', failed: 'error' } as const;
