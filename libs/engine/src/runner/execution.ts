import type { CompiledScenario } from '../compile/types';
import { errorInfo } from './errors';
import { BranchingFlow } from './branching';
import type { Maybe } from './flow';
import { runStatus } from './outcomes';
import { StopRun } from './signals';
import type { IncompleteRecord, RunOptions, RunResult } from './types';

/**
 * One run of a compiled scenario: initialization (connections), cycles with their operation,
 * commit and rollback phases, the time limit and stop signal, and the result (make-semantics §1).
 */
export class Execution extends BranchingFlow {
  constructor(scenario: CompiledScenario, options: RunOptions = {}) {
    super(scenario, options);
  }

  /** Runs the scenario from its first module, cycle after cycle. */
  async run(): Promise<RunResult> {
    this.emit({ type: 'execution.started', executionId: this.id, at: this.startedAt });
    const first = this.scenario.first;
    if (first && (await this.initialize())) {
      const single = this.options.runOnce || (first.def.instant && this.options.input !== undefined);
      const maxCycles = single ? 1 : Math.max(1, this.settings.roundtrips);
      for (let cycle = 1; cycle <= maxCycles && !this.stop; cycle++) {
        const produced = await this.runCycle(cycle, () => this.execModule(first, true));
        if (produced === 0) break; // the first module returned nothing: the run ends
      }
    }
    return this.finish();
  }

  /** Runs an incomplete execution's remaining flow, starting at the module that failed. */
  async resume(record: IncompleteRecord): Promise<RunResult> {
    this.emit({ type: 'execution.started', executionId: this.id, at: this.startedAt });
    const m = this.scenario.modules.get(record.moduleId);
    if (!m) {
      this.error = {
        message: `module ${record.moduleId} is no longer in the scenario`,
        kind: 'user',
        type: 'InvalidConfigurationError',
      };
    } else if (await this.initialize()) {
      for (const [id, bundle] of Object.entries(record.outputs)) this.outputs[Number(id)] = bundle;
      this.variables.restore(record.variables);
      this.triggerCounted = !m.isFirst;
      await this.runCycle(1, () => this.execModule(m, true));
    }
    return this.finish();
  }

  // Initialization (make-semantics §1): connections are resolved before any cycle; a failure
  // here is an AccountValidationError that no error handler can catch.
  protected async initialize(): Promise<boolean> {
    for (const m of this.scenario.modules.values()) {
      if (m.connectionRef === undefined || m.connectionRef === '') continue;
      try {
        if (!this.options.connections) throw new Error('no connection store is available to this run');
        this.deps.connections.set(m.id, await this.options.connections(m.connectionRef, m.id));
      } catch (err) {
        const info = errorInfo(err, m.id);
        this.error = Object.assign({}, info, {
          kind: 'user' as const,
          type: 'AccountValidationError',
          message: `connection ${m.connectionRef}: ${info.message}`,
        });
        return false;
      }
    }
    return true;
  }

  protected async runCycle(cycle: number, body: () => Maybe<number>): Promise<number> {
    this.cycle = cycle;
    this.scope.execution!.cycle = cycle;
    this.deps.info = Object.assign({}, this.deps.info, { cycle }); // not a spread: see flow.ts
    this.variables.newCycle();
    let produced = 0;
    try {
      produced = await body();
      await this.tx.commitCycle();
      return produced;
    } catch (err) {
      if (err instanceof StopRun) {
        this.stop = err;
        if (err.mode === 'rollback') {
          this.error = err.error;
          await this.rollback();
        } else await this.commitOrRollback();
        if (err.mode === 'interrupt') this.markInterrupted();
      } else {
        // A commit failure or a bug: the cycle is rolled back and the run ends in error.
        this.stop = new StopRun('rollback');
        this.error = errorInfo(err);
        await this.rollback();
      }
      return 0;
    }
  }

  protected async commitOrRollback(): Promise<void> {
    try {
      await this.tx.commitCycle();
    } catch (err) {
      this.error = errorInfo(err);
      await this.rollback();
    }
  }

  protected async rollback(): Promise<void> {
    const problems = await this.tx.rollbackCycle();
    if (problems.length) {
      this.error = {
        message: `rollback failed: ${problems.map((p) => p.message).join('; ')}`,
        kind: 'internal',
        type: 'InconsistencyError',
      };
    }
  }

  protected markInterrupted(): void {
    this.warnings.push({
      type: 'ExecutionInterruptedError',
      message: 'the run was stopped before it finished; remaining bundles were not processed',
    });
  }

  protected shouldStop(): boolean {
    if (this.deps.stop.stopped) return true;
    return this.deadline !== undefined && this.clock.now() >= this.deadline;
  }

  protected finish(): RunResult {
    const finishedAt = this.clock.now();
    const { modules, dataSize } = this.log.finish();
    const status = runStatus(this.error, this.warnings);
    const result: RunResult = {
      executionId: this.id,
      status,
      operations: this.operations,
      cycles: this.cycle,
      startedAt: this.startedAt,
      finishedAt,
      durationMs: finishedAt - this.startedAt,
      dataSize,
      modules,
      warnings: this.warnings,
      incomplete: this.incomplete,
      interrupted: this.stop?.mode === 'interrupt',
      confidential: this.settings.confidential,
    };
    if (this.error) result.error = this.error;
    if (this.response) result.response = this.response;
    this.emit({
      type: 'execution.finished',
      executionId: this.id,
      status,
      operations: this.operations,
      durationMs: result.durationMs,
    });
    return result;
  }
}
