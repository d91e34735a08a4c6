import { useCallback, useEffect, useRef, useState } from 'react';
import type { Blueprint } from '@integrator/engine/blueprint';
import type { Inserted } from '../canvas/insert';
import { EditError } from '../canvas/tree';
import { useHistory } from './use-history';

// The blueprint being edited, with its undo history. Every change goes through `apply`, which
// reports the new blueprint to the page; an edit the structure refuses becomes a notice.

export type Edit = (blueprint: Blueprint) => Blueprint | Inserted;

export function useDocument(blueprint: Blueprint, onChange: (blueprint: Blueprint) => void) {
  const history = useHistory(blueprint);
  const emitted = useRef(blueprint);
  const changed = useRef(onChange);
  changed.current = onChange;
  const [notice, setNotice] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);

  // A blueprint from the page that the editor did not emit (another version) starts afresh.
  const { reset } = history;
  useEffect(() => {
    if (blueprint === emitted.current) return;
    emitted.current = blueprint;
    reset(blueprint);
    setLoads((n) => n + 1);
  }, [blueprint, reset]);

  const emit = useCallback((next: Blueprint) => {
    if (next === emitted.current) return;
    emitted.current = next;
    changed.current(next);
  }, []);

  /** Applies an edit; returns the id of an inserted module, if any. */
  const apply = useCallback(
    (edit: Edit, group?: string): number | undefined => {
      try {
        const result = edit(history.current());
        const inserted = 'flow' in result ? undefined : result;
        emit(history.push(inserted ? inserted.blueprint : (result as Blueprint), group));
        setNotice(null);
        return inserted?.id;
      } catch (err) {
        if (!(err instanceof EditError)) throw err;
        setNotice(err.message);
        return undefined;
      }
    },
    [history, emit],
  );

  const undo = useCallback(() => emit(history.undo()), [history, emit]);
  const redo = useCallback(() => emit(history.redo()), [history, emit]);

  return { history, apply, undo, redo, notice, setNotice, loads };
}
