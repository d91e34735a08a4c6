import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './errors';

// Loads data for a page and reloads on demand; answers to an older load are dropped, so a
// quick change of filters never shows stale rows.

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  /** The error itself (an ApiError carries the status). */
  failure: unknown;
  loading: boolean;
  reload(): void;
  setData(data: T): void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    loader
      .current()
      .then((value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setFailure(null);
      })
      .catch((err: unknown) => ticket === latest.current && setFailure(err ?? 'failed'))
      .finally(() => ticket === latest.current && setLoading(false));
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const error = failure === null ? null : errorText(failure);
  return { data, error, failure, loading, reload, setData };
}
