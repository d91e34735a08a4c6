import type { CompiledModule } from '../compile/types';
import { capValue, jsonSize } from './cap';
import type { ErrorInfo, LogLimits, ModuleLog, OperationLog } from './types';

export const DEFAULT_LOG_LIMITS: LogLimits = { opsPerModule: 100, bundlesPerOp: 100 };

/** An operation being recorded; `log` is null past the per-module limit (only counted). */
export interface OpHandle {
  module: ModuleLog;
  log: OperationLog | null;
  startedAt: number;
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
      this.modules.set(m.id, { id: m.id, module: m.key, label: m.label, operations: 0, bundlesOut: 0, errors: 0, ops: [], omittedOps: 0 });
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
    return { module, log, startedAt: now };
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
    if (op.log) op.log.error = error;
  }

  handled(op: OpHandle, directive: string): void {
    if (op.log) op.log.handledBy = directive;
  }

  end(op: OpHandle, now: number): void {
    if (op.log) op.log.durationMs = now - op.startedAt;
  }

  /** Capped copies for the result, and the data size (measured on kept bundles, extrapolated). */
  finish(): { modules: ModuleLog[]; dataSize: number } {
    let dataSize = 0;
    const modules: ModuleLog[] = [];
    for (const module of this.modules.values()) {
      const totals = this.totals.get(module.id)!;
      if (totals.bundles > 0) {
        const kept = totals.keptBundles.map((b) => jsonSize(capValue(b)));
        const keptBytes = kept.reduce((a, b) => a + b, 0);
        dataSize += kept.length ? Math.round((keptBytes / kept.length) * totals.bundles) : 0;
      }
      modules.push({
        ...module,
        ops: module.ops.map((op) => ({
          ...op,
          input: this.confidential ? undefined : capValue(op.input),
          output: this.confidential ? undefined : op.output?.map((b) => capValue(b)),
        })),
      });
    }
    return { modules, dataSize };
  }
}
