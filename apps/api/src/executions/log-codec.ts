import {
  decodeModuleLogs,
  encodeModuleLogs,
  type ModuleLog,
  type ModuleRegistry,
  type RunResult,
} from '@integrator/engine';
import { createRegistry } from '../catalog/registry';

// The one place the API turns a run's module logs into their stored value and back (the
// format itself is the engine's log-codec). Labels an app gives its modules are not stored; the
// built-in apps' registry restores them (a connector added at runtime keeps its label stored).

let registry: ModuleRegistry | undefined;
// Asked for every module of every stored run: the built-in registry does not change, so each
// key's label is looked up once.
const labels = new Map<string, string | undefined>();
const labelOf = (key: string) => {
  if (!labels.has(key)) labels.set(key, (registry ??= createRegistry()).get(key)?.label);
  return labels.get(key);
};

/** The stored value of a finished run's module logs; `input` is the run input stored beside it. */
export function storedModuleLogs(result: RunResult, input: unknown): string {
  if (result.confidential) return encodeModuleLogs(result.modules, { labelOf });
  return encodeModuleLogs(result.modules, { input, response: result.response, labelOf });
}

/** Module logs of a stored execution_logs row, whichever format it was written in. */
export function readModuleLogs(
  row: { modules: unknown; input: unknown; response: unknown } | null | undefined,
): ModuleLog[] {
  if (!row) return [];
  return decodeModuleLogs(row.modules, {
    input: row.input ?? undefined,
    response: row.response ?? undefined,
    labelOf,
  });
}
