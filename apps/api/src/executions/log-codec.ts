import {
  decodeRunLog,
  encodeModuleLogs,
  encodeRunLog,
  type ModuleLog,
  type ModuleRegistry,
  type RunResult,
} from '@integrator/engine';
import { createRegistry } from '../catalog/registry';

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

/** What a finished run stores in its execution_logs row: the module logs and the response column. */
export interface StoredLog {
  modules: string;
  /** Null when there is none, when it is confidential, or when the log holds it (log-codec). */
  response: string | null;
}

/**
 * The stored values of a finished run's log; `input` is the run input stored beside it. The
 * response is stored once: in the log, as the output of the module that gave it, or (when no
 * output holds it as it is) in its own column.
 */
export function storedLog(result: RunResult, input: unknown): StoredLog {
  if (result.confidential) return { modules: encodeModuleLogs(result.modules, { labelOf }), response: null };
  const log = encodeRunLog(result.modules, { input, response: result.response, labelOf });
  return {
    modules: log.text,
    response: result.response && !log.holdsResponse ? JSON.stringify(result.response) : null,
  };
}

/** Module logs and response of a stored execution_logs row, whichever format it was written in. */
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
