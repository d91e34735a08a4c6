import type { CompiledModule } from '../compile/types';
import { capValue, isOversized, jsonSizeOf } from './cap';
import type { ErrorInfo, LogLimits, ModuleLog, OperationLog } from './types';

// A module's kept bundles until its first: one shared empty list, never added to (output()
// replaces it), rather than one per module and run.
const NONE_KEPT: unknown[] = [];

export const DEFAULT_LOG_LIMITS: LogLimits = { opsPerModule: 100, bundlesPerOp: 100 };

/** An operation being recorded; `log` is null past the per-module limit (only counted). */
export interface OpHandle {
  module: ModuleLog;
  log: OperationLog | null;
  startedAt: number;
  /** The operation's input while it runs: kept for the log if an unlogged operation fails. */
  input: unknown;
  cycle: number;
}

/** A module's log and what the result's data size is measured on. */
interface Entry {
  log: ModuleLog;
  bundles: number;
  keptBundles: unknown[];
}

/**
 * Per-module operation logs for the result. References to bundles are kept only for the
 * first operations and bundles (the limits); copies are made once, capped, at the end.
 */
export class RunLog {
  /** In the scenario's order of modules (the result's). */
  private readonly entries: Entry[];
  private readonly positions: Map<number, number>;

  constructor(
    modules: Map<number, CompiledModule>,
    private readonly limits: LogLimits,
    private readonly confidential: boolean,
  ) {
    this.positions = positionsOf(modules);
    this.entries = new Array<Entry>(modules.size);
    let i = 0;
    for (const m of modules.values()) {
      const log: ModuleLog = {
        id: m.id,
        module: m.key,
        label: m.label,
        operations: 0,
        bundlesOut: 0,
        errors: 0,
        ops: [],
        omittedOps: 0,
      };
      this.entries[i++] = { log, bundles: 0, keptBundles: NONE_KEPT };
    }
  }

  private entry(id: number): Entry {
    return this.entries[this.positions.get(id)!];
  }

  begin(m: CompiledModule, cycle: number, input: unknown, counted: boolean, now: number): OpHandle {
    const module = this.entry(m.id).log;
    if (counted) module.operations++;
    let log: OperationLog | null = null;
    if (module.ops.length < this.limits.opsPerModule) {
      log = { index: module.ops.length + module.omittedOps + 1, cycle, input, outputCount: 0, durationMs: 0 };
      // Most modules run once: a list of one, not one grown for many (as push on [] makes).
      if (module.ops.length) module.ops.push(log);
      else module.ops = [log];
    } else module.omittedOps++;
    return { module, log, startedAt: now, input, cycle };
  }

  output(op: OpHandle, bundle: unknown): void {
    op.module.bundlesOut++;
    const entry = this.entry(op.module.id);
    entry.bundles++;
    const log = op.log;
    if (!log) return;
    log.outputCount++;
    if (log.outputCount <= this.limits.bundlesPerOp) {
      if (log.output) log.output.push(bundle);
      else log.output = [bundle];
      const kept = entry.keptBundles;
      if (!kept.length) entry.keptBundles = [bundle];
      else if (kept.length < this.limits.opsPerModule * 4) kept.push(bundle);
    } else log.omittedBundles = (log.omittedBundles ?? 0) + 1;
  }

  error(op: OpHandle, error: ErrorInfo): void {
    op.module.errors++;
    if (!op.log) {
      // Past the per-module limit only counts are kept, but the input that broke an operation
      // is what its user needs to see: a failed operation is always logged.
      const module = op.module;
      module.omittedOps--;
      op.log = {
        index: module.ops.length + module.omittedOps + 1,
        cycle: op.cycle,
        input: op.input,
        outputCount: 0,
        durationMs: 0,
      };
      module.ops.push(op.log);
    }
    op.log.error = error;
  }

  handled(op: OpHandle, directive: string): void {
    if (op.log) op.log.handledBy = directive;
  }

  end(op: OpHandle, now: number): void {
    if (op.log) op.log.durationMs = now - op.startedAt;
  }

  /**
   * The logs for the result: bundles kept by reference unless they exceed the cap limits (then
   * a capped copy), and the data size (measured on kept bundles, extrapolated to the rest).
   */
  finish(): { modules: ModuleLog[]; dataSize: number } {
    let dataSize = 0;
    const modules: ModuleLog[] = [];
    for (const { log: module, bundles, keptBundles } of this.entries) {
      modules.push(module);
      if (bundles > 0 && keptBundles.length) {
        let keptBytes = 0;
        for (const b of keptBundles) keptBytes += jsonSizeOf(b);
        dataSize += Math.round((keptBytes / keptBundles.length) * bundles);
      }
      for (const op of module.ops) {
        if (this.confidential) {
          delete op.input;
          delete op.output;
          continue;
        }
        op.input = capped(op.input);
        // The log's own array: capped in place, as most bundles are kept as they are.
        const output = op.output;
        if (output) for (let i = 0; i < output.length; i++) output[i] = capped(output[i]);
      }
    }
    return { modules, dataSize };
  }
}

function capped(value: unknown): unknown {
  return isOversized(value) ? capValue(value) : value;
}

// Where each module's log is in a run's list, by id: the same for every run of a compiled
// scenario, so worked out once per scenario rather than as a map filled in every run.
const positionCache = new WeakMap<Map<number, CompiledModule>, Map<number, number>>();

function positionsOf(modules: Map<number, CompiledModule>): Map<number, number> {
  let positions = positionCache.get(modules);
  // A compiled scenario does not change; a map that did is worked out again.
  if (!positions || positions.size !== modules.size) {
    positions = new Map();
    for (const id of modules.keys()) positions.set(id, positions.size);
    positionCache.set(modules, positions);
  }
  return positions;
}
