import type { CompiledModule } from '../compile/types';
import { capValue, isOversized, measureInto, type SizeState } from './cap';
import type { ErrorInfo, LogLimits, ModuleLog, OperationLog } from './types';

// A module's operations until its first: one shared empty list, replaced (never added to) by
// begin(), rather than one list per module and run. Frozen, so a write to it fails loudly.
const NO_OPS: OperationLog[] = Object.freeze([]) as unknown as OperationLog[];

export const DEFAULT_LOG_LIMITS: LogLimits = { opsPerModule: 100, bundlesPerOp: 100 };

/**
 * A module's share of the run's data size is measured on at most this many bundles per
 * operation its log may keep (opsPerModule), the first ones; the rest is extrapolated.
 */
const MEASURED_PER_KEPT_OP = 4;

/** An operation being recorded; `log` is null past the per-module limit (only counted). */
export interface OpHandle {
  module: ModuleLog;
  log: OperationLog | null;
  startedAt: number;
  /** The operation's input while it runs: kept for the log if an unlogged operation fails. */
  input: unknown;
  cycle: number;
}

/**
 * Per-module operation logs for the result. References to bundles are kept only for the
 * first operations and bundles (the limits); copies are made once, capped, at the end. Per module
 * and run there is its log and nothing beside it (issue 14: what a module costs is mostly what
 * it allocates): the data size is measured at the end on the bundles the log kept.
 */
export class RunLog {
  /** In the scenario's order of modules (the result's). */
  private readonly logs: ModuleLog[];
  private readonly positions: Map<number, number>;

  constructor(
    modules: Map<number, CompiledModule>,
    private readonly limits: LogLimits,
    private readonly confidential: boolean,
  ) {
    this.positions = positionsOf(modules);
    this.logs = new Array<ModuleLog>(modules.size);
    let i = 0;
    for (const m of modules.values()) {
      this.logs[i++] = {
        id: m.id,
        module: m.key,
        label: m.label,
        operations: 0,
        bundlesOut: 0,
        errors: 0,
        ops: NO_OPS,
        omittedOps: 0,
      };
    }
  }

  begin(m: CompiledModule, cycle: number, input: unknown, counted: boolean, now: number): OpHandle {
    const module = this.logs[this.positions.get(m.id)!];
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
    const log = op.log;
    if (!log) return;
    log.outputCount++;
    if (log.outputCount <= this.limits.bundlesPerOp) {
      if (log.output) log.output.push(bundle);
      else log.output = [bundle];
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
      if (module.ops === NO_OPS) module.ops = [op.log];
      else module.ops.push(op.log);
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
   * a capped copy), and the data size: measured on the first bundles each module's log kept
   * (see MEASURED_PER_KEPT_OP), extrapolated to all it emitted.
   */
  finish(): { modules: ModuleLog[]; dataSize: number } {
    let dataSize = 0;
    const measureAtMost = this.limits.opsPerModule * MEASURED_PER_KEPT_OP;
    for (const module of this.logs) {
      let measured = 0;
      let measuredBytes = 0;
      for (const op of module.ops) {
        const output = op.output;
        if (output) {
          // One walk per bundle tells both its size and whether it must be capped.
          for (let i = 0; i < output.length; i++) {
            const bundle = output[i];
            const size = sizeAndCap(bundle);
            if (measured < measureAtMost) {
              measured++;
              measuredBytes += size;
            }
            if (!this.confidential && cap.oversized) output[i] = capValue(bundle);
          }
        }
        if (this.confidential) {
          delete op.input;
          delete op.output;
          continue;
        }
        op.input = capped(op.input);
      }
      if (measured > 0) dataSize += Math.round((measuredBytes / measured) * module.bundlesOut);
    }
    return { modules: this.logs, dataSize };
  }
}

// sizeAndCap's second answer, reused (the walk is synchronous).
const cap: SizeState = { oversized: false };
function sizeAndCap(value: unknown): number {
  cap.oversized = false;
  return measureInto(value, cap);
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
