import { decodeRunLog, type ModuleLog, type ModuleRegistry, type RunResult } from '@integrator/engine';
import { createRegistry } from '../catalog/registry';
import { encodeStoredLog, type StoredLog } from './stored-log';

export type { StoredLog };

// The one place the API turns a run's module logs (and its response) into their stored values
// and back (the format itself is the engine's log-codec). Labels an app gives its modules are
// not stored; the built-in apps' registry restores them (a connector added at runtime keeps its
// label stored).

let registry: ModuleRegistry | undefined;
// Asked for every module of every stored run: the built-in registry does not change, so each
// key's label is looked up once.
const labels = new Map<string, string | undefined>();
const labelOf = (key: string) => {
  if (!labels.has(key)) labels.set(key, (registry ??= createRegistry()).get(key)?.label);
  return labels.get(key);
};

/**
 * The stored values of a finished run's log; `input` is the run input stored beside it. The
 * response is stored once: in the log, as the output of the module that gave it, or (when no
 * output holds it as it is) in its own column. A run made on a run thread arrives with its log
 * encoded there (run-threads.ts): that one is used.
 */
export function storedLog(result: RunResult, input: unknown): StoredLog {
  return encodedElsewhere.get(result) ?? encodeStoredLog(result, input, labelOf);
}

/** Logs encoded on a run thread, by the result they belong to (the result holds no module logs). */
const encodedElsewhere = new WeakMap<RunResult, StoredLog>();

/** Records that `result`'s stored log was encoded already (on a run thread). */
export function useStoredLog(result: RunResult, log: StoredLog): void {
  encodedElsewhere.set(result, log);
}

/** Module logs and response of a stored run (its log columns), whichever format it was written in. */
export function readStoredLog(
  row: { modules: unknown; input: unknown; response: unknown } | null | undefined,
): {
  modules: ModuleLog[];
  response: unknown;
} {
  if (!row) return { modules: [], response: null };
  const log = decodeRunLog(row.modules, {
    input: row.input ?? undefined,
    response: row.response ?? undefined,
    labelOf,
  });
  return { modules: log.modules, response: log.response ?? null };
}
