import type {
  ErrorInfo,
  ModuleLog,
  OperationLog,
  RunEvent,
  RunStatus,
} from '@integrator/engine/runner/types';

// A run as it streams in: RunEvents folded into the same per-module logs an Execution has, so
// the canvas draws bubbles and bundles from either. Pure: each event gives a new value, and
// modules the event does not touch keep their identity.

export interface LiveRun {
  executionId: string;
  status: RunStatus | 'running';
  operations: number;
  durationMs?: number;
  modules: ModuleLog[];
  /** The first error of the run, to name the failing module. */
  error?: ErrorInfo & { moduleId: number };
}

export interface ModuleInfo {
  module: string;
  label: string;
}

/** How many operations per module and bundles per operation are kept while streaming. */
export const LIVE_LIMITS = { opsPerModule: 100, bundlesPerOp: 25 };

export function startLiveRun(executionId: string): LiveRun {
  return { executionId, status: 'running', operations: 0, modules: [] };
}

export function applyRunEvents(
  run: LiveRun,
  events: readonly RunEvent[],
  describe: (id: number) => ModuleInfo,
): LiveRun {
  return events.reduce((acc, event) => applyRunEvent(acc, event, describe), run);
}

export function applyRunEvent(run: LiveRun, event: RunEvent, describe: (id: number) => ModuleInfo): LiveRun {
  switch (event.type) {
    case 'module.started':
      return withModule(run, event.moduleId, describe, (log) =>
        startOperation(log, event.operation, event.cycle),
      );
    case 'bundle.out':
      return withModule(run, event.moduleId, describe, (log) =>
        addBundle(log, event.operation, event.bundle),
      );
    case 'module.finished':
      return withModule(run, event.moduleId, describe, (log) =>
        updateOperation(log, event.operation, (op) => ({
          ...op,
          outputCount: Math.max(op.outputCount, event.outputCount),
          durationMs: event.durationMs,
        })),
      );
    case 'module.error': {
      const next = withModule(run, event.moduleId, describe, (log) => ({
        ...updateOperation(log, event.operation, (op) => ({ ...op, error: event.error })),
        errors: log.errors + 1,
      }));
      return next.error ? next : { ...next, error: { ...event.error, moduleId: event.moduleId } };
    }
    case 'execution.finished':
      return { ...run, status: event.status, operations: event.operations, durationMs: event.durationMs };
    default:
      return run;
  }
}

function withModule(
  run: LiveRun,
  id: number,
  describe: (id: number) => ModuleInfo,
  edit: (log: ModuleLog) => ModuleLog,
): LiveRun {
  const at = run.modules.findIndex((m) => m.id === id);
  const current = at >= 0 ? run.modules[at] : emptyLog(id, describe(id));
  const updated = edit(current);
  const modules = at >= 0 ? run.modules.map((m, i) => (i === at ? updated : m)) : [...run.modules, updated];
  const operations = run.operations + (updated.operations - current.operations);
  return { ...run, modules, operations };
}

function emptyLog(id: number, info: ModuleInfo): ModuleLog {
  return {
    id,
    module: info.module,
    label: info.label,
    operations: 0,
    bundlesOut: 0,
    errors: 0,
    ops: [],
    omittedOps: 0,
  };
}

function startOperation(log: ModuleLog, index: number, cycle: number): ModuleLog {
  const operations = log.operations + 1;
  if (log.ops.length >= LIVE_LIMITS.opsPerModule)
    return { ...log, operations, omittedOps: log.omittedOps + 1 };
  const op: OperationLog = { index, cycle, output: [], outputCount: 0, durationMs: 0 };
  return { ...log, operations, ops: [...log.ops, op] };
}

function addBundle(log: ModuleLog, index: number, bundle: unknown): ModuleLog {
  const next = updateOperation(log, index, (op) => {
    const kept = op.output ?? [];
    if (bundle === undefined) return { ...op, outputCount: op.outputCount + 1 };
    if (kept.length >= LIVE_LIMITS.bundlesPerOp)
      return { ...op, outputCount: op.outputCount + 1, omittedBundles: (op.omittedBundles ?? 0) + 1 };
    return { ...op, outputCount: op.outputCount + 1, output: [...kept, bundle] };
  });
  return { ...next, bundlesOut: log.bundlesOut + 1 };
}

// The newest operation with that number: a later cycle may reuse numbers.
function updateOperation(log: ModuleLog, index: number, edit: (op: OperationLog) => OperationLog): ModuleLog {
  for (let i = log.ops.length - 1; i >= 0; i--) {
    if (log.ops[i].index === index) return { ...log, ops: log.ops.map((op, j) => (j === i ? edit(op) : op)) };
  }
  return log;
}
