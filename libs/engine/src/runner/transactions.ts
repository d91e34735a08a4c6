import { toModuleError, type Logger, type Services } from '@integrator/sdk';
import type { ScenarioSettings } from '../blueprint';
import type { CompiledModule } from '../compile/types';
import { errorInfo } from './errors';
import { StopRun } from './signals';

interface Entry {
  module: CompiledModule;
  state: unknown;
}

/**
 * Commit and rollback phases for modules that declare them (make-semantics §1). With auto
 * commit a module commits right after its own operation; otherwise at the end of the cycle.
 * "Commit trigger last" holds the trigger's commit back until everything else committed.
 */
export class Transactions {
  private pending: Entry[] = [];

  constructor(
    private readonly settings: ScenarioSettings,
    private readonly services: Partial<Services>,
    private readonly log: Logger,
  ) {}

  /** After a successful operation. A failing commit stops the run for its rollback. */
  async succeeded(module: CompiledModule, states: unknown[]): Promise<void> {
    if (!states.length) return;
    const entries = states.map((state) => ({ module, state }));
    const holdBack = !this.settings.autoCommit || (module.isFirst && this.settings.autoCommitTriggerLast);
    if (holdBack) this.pending.push(...entries);
    else
      try {
        for (const e of entries) await this.commitOne(e);
      } catch (err) {
        throw new StopRun('rollback', errorInfo(err, module.id));
      }
  }

  /** A failed operation's own changes are undone at once; a failing undo is an inconsistency. */
  async failed(module: CompiledModule, states: readonly unknown[]): Promise<void> {
    try {
      for (const state of [...states].reverse()) await this.rollbackOne({ module, state });
    } catch (err) {
      throw new StopRun('rollback', Object.assign(errorInfo(err, module.id), { type: 'InconsistencyError' }));
    }
  }

  async commitCycle(): Promise<void> {
    const order = this.settings.autoCommitTriggerLast
      ? [...this.pending.filter((e) => !e.module.isFirst), ...this.pending.filter((e) => e.module.isFirst)]
      : this.pending;
    while (order.length) {
      const e = order.shift()!;
      await this.commitOne(e); // on failure it stays pending and the rollback phase undoes it
      this.pending = this.pending.filter((p) => p !== e);
    }
  }

  /** Rolls back everything not yet committed, newest first. Returns errors of the phase. */
  async rollbackCycle(): Promise<Error[]> {
    const errors: Error[] = [];
    const entries = this.pending.reverse();
    this.pending = [];
    for (const e of entries) {
      try {
        await this.rollbackOne(e);
      } catch (err) {
        errors.push(toModuleError(err));
      }
    }
    return errors;
  }

  private async commitOne(e: Entry): Promise<void> {
    await e.module.def.commit?.({ moduleId: e.module.id, services: this.services, log: this.log }, e.state);
  }

  private async rollbackOne(e: Entry): Promise<void> {
    await e.module.def.rollback?.({ moduleId: e.module.id, services: this.services, log: this.log }, e.state);
  }
}
