import type { CompiledModule } from '../compile/types';
import { capValue, measure } from './cap';
import type { ErrorInfo, LogLimits, ModuleLog, OperationLog } from './types';

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

interface Totals {
  bundles: number;
  keptBundles: unknown[];
}

/**
 * Per-module operation logs for the result. References to bundles are kept only for the
 * first operations and bundles (the limits); copies are made once, capped, at the end.
 */
export class RunLog {
  private readonly modules = new Map<number, ModuleLog>();
  private readonly totals = new Map<number, Totals>();

  constructor(
    modules: Iterable<CompiledModule>,
    private readonly limits: LogLimits,
    private readonly confidential: boolean,
  ) {
    for (const m of modules) {
      this.modules.set(m.id, {
        id: m.id,
        module: m.key,
        label: m.label,
        operations: 0,
        bundlesOut: 0,
        errors: 0,
        ops: [],
        omittedOps: 0,
      });
      this.totals.set(m.id, { bundles: 0, keptBundles: [] });
    }
  }

  begin(m: CompiledModule, cycle: number, input: unknown, counted: boolean, now: number): OpHandle {
    const module = this.modules.get(m.id)!;
    if (counted) module.operations++;
    let log: OperationLog | null = null;
    if (module.ops.length < this.limits.opsPerModule) {
      log = { index: module.ops.length + module.omittedOps + 1, cycle, input, outputCount: 0, durationMs: 0 };
      module.ops.push(log);
    } else module.omittedOps++;
    return { module, log, startedAt: now, input, cycle };
  }

  output(op: OpHandle, bundle: unknown): void {
    op.module.bundlesOut++;
    const totals = this.totals.get(op.module.id)!;
    totals.bundles++;
    const log = op.log;
    if (!log) return;
    log.outputCount++;
    if (log.outputCount <= this.limits.bundlesPerOp) {
      (log.output ??= []).push(bundle);
      if (totals.keptBundles.length < this.limits.opsPerModule * 4) totals.keptBundles.push(bundle);
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
    for (const module of this.modules.values()) {
      const totals = this.totals.get(module.id)!;
      if (totals.bundles > 0 && totals.keptBundles.length) {
        let keptBytes = 0;
        for (const b of totals.keptBundles) keptBytes += measure(b).size;
        dataSize += Math.round((keptBytes / totals.keptBundles.length) * totals.bundles);
      }
      for (const op of module.ops) {
        if (this.confidential) {
          delete op.input;
          delete op.output;
          continue;
        }
        op.input = capped(op.input);
        if (op.output) op.output = op.output.map(capped);
      }
    }
    return { modules: [...this.modules.values()], dataSize };
  }
}

function capped(value: unknown): unknown {
  return measure(value).oversized ? capValue(value) : value;
}
