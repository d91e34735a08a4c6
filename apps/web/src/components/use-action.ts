import { useCallback, useState } from 'react';
import { errorText } from './errors';
import type { Note } from './page-parts';

// One action at a time on a page or form: busy while it runs, its outcome as a note, and the
// error kept so a form can put the server's field messages next to its inputs.

export function useAction() {
  const [note, setNote] = useState<Note | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  /** Runs `work`; a returned text becomes a success note. Resolves true when it succeeded. */
  const run = useCallback(async (work: () => Promise<string | void>): Promise<boolean> => {
    setBusy(true);
    setNote(null);
    setError(null);
    try {
      const text = await work();
      if (text) setNote({ text, tone: 'success' });
      return true;
    } catch (err) {
      setError(err);
      setNote({ text: errorText(err), tone: 'error' });
      return false;
    } finally {
      setBusy(false);
    }
  }, []);

  const clear = useCallback(() => {
    setNote(null);
    setError(null);
  }, []);

  return { note, setNote, busy, error, run, clear };
}

export type Action = ReturnType<typeof useAction>;
