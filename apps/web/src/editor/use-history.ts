import { useCallback, useMemo, useRef, useState } from 'react';
import {
  canRedo,
  canUndo,
  createHistory,
  pushHistory,
  redo,
  replacePresent,
  undo,
  type History,
} from '../canvas/history';

// React state around the pure History functions. Each call returns the new present at once
// (a ref holds the latest history), so the editor can report it to its page in the same event.
// Pushes with the same `group` (one field being typed in) merge into one undo step.

export interface HistoryControls<T> {
  present: T;
  canUndo: boolean;
  canRedo: boolean;
  push(next: T, group?: string): T;
  undo(): T;
  redo(): T;
  reset(present: T): T;
  /** The latest present, also between renders. */
  current(): T;
}

export function useHistory<T>(initial: T): HistoryControls<T> {
  const [history, setHistory] = useState<History<T>>(() => createHistory(initial));
  const latest = useRef(history);
  const lastGroup = useRef<string | undefined>(undefined);

  const commit = useCallback((next: History<T>, group?: string): T => {
    lastGroup.current = group;
    latest.current = next;
    setHistory(next);
    return next.present;
  }, []);

  const push = useCallback(
    (next: T, group?: string) => {
      const merge = group !== undefined && group === lastGroup.current && canUndo(latest.current);
      return commit(merge ? replacePresent(latest.current, next) : pushHistory(latest.current, next), group);
    },
    [commit],
  );
  const back = useCallback(() => commit(undo(latest.current)), [commit]);
  const forward = useCallback(() => commit(redo(latest.current)), [commit]);
  const reset = useCallback((present: T) => commit(createHistory(present)), [commit]);
  const current = useCallback(() => latest.current.present, []);

  return useMemo(
    () => ({
      present: history.present,
      canUndo: canUndo(history),
      canRedo: canRedo(history),
      push,
      undo: back,
      redo: forward,
      reset,
      current,
    }),
    [history, push, back, forward, reset, current],
  );
}
