import type { CompiledBranch, CompiledModule } from '../compile/types';
import { isPromise } from '../mapping/template';
import { RoutedFlow } from './routes';
import { StopRun } from './signals';

/**
 * Make's If-else and Merge on top of the flow: for each bundle the If-else runs the first branch
 * whose conditions pass (else the else branch; none: the bundle stops there, as after a filter),
 * and a merging branch's bundles continue at the Merge with the values its outputs name. Each
 * of the two is one operation per bundle: Make's help says both use operations (no credits).
 */
export abstract class BranchingFlow extends RoutedFlow {
  /** Per Merge, the branch whose bundle it is running now (for an incomplete execution). */
  private readonly joined = new Map<number, CompiledBranch>();

  protected async runIfElse(m: CompiledModule): Promise<number> {
    const op = this.beginOperation(m);
    let branch: CompiledBranch | undefined;
    try {
      branch = await this.chooseBranch(m);
    } catch (err) {
      return this.fail(m, op, err);
    }
    if (branch) {
      // The log shows which branch ran; later modules cannot map the If-else itself.
      const bundle = { branch: branch.index + 1, label: branch.label };
      this.log.output(op, bundle);
      this.emit({
        type: 'bundle.out',
        executionId: this.id,
        moduleId: m.id,
        operation: op.module.operations,
        index: 1,
        bundle: this.settings.confidential ? undefined : bundle,
      });
      if (branch.first) await this.execModule(branch.first);
      else if (branch.merge && m.mergeModule) await this.joinMerge(m.mergeModule, branch.index);
    }
    const now = this.clock.now();
    this.log.end(op, now);
    this.emit({
      type: 'module.finished',
      executionId: this.id,
      moduleId: m.id,
      operation: op.module.operations,
      outputCount: branch ? 1 : 0,
      durationMs: now - op.startedAt,
    });
    return branch ? 1 : 0;
  }

  private async chooseBranch(m: CompiledModule): Promise<CompiledBranch | undefined> {
    for (const branch of m.branches) {
      if (!branch.test) return branch; // the else branch
      let pass = branch.test(this.scope);
      if (isPromise(pass)) pass = await pass;
      if (pass) return branch;
    }
    return undefined;
  }

  /** A bundle left a merging branch: one operation of the Merge with that branch's values. */
  protected async joinMerge(merge: CompiledModule, branch: number): Promise<number> {
    if (this.shouldStop()) throw new StopRun('interrupt');
    if (merge.filter) {
      let pass = merge.filter(this.scope);
      if (isPromise(pass)) pass = await pass;
      if (!pass) return 0;
    }
    const ifElse = merge.mergeOf;
    const previous = this.joined.get(merge.id);
    const taken = ifElse?.branches[branch];
    if (taken) this.joined.set(merge.id, taken);
    try {
      return await this.runOperation(merge, merge.mergeMappers?.[branch] ?? null);
    } finally {
      // Nested runs of the same Merge (an iterator upstream) restore the outer bundle's branch.
      if (previous) this.joined.set(merge.id, previous);
      else this.joined.delete(merge.id);
    }
  }

  protected readable(m: CompiledModule): number[] {
    return (m.kind === 'merge' && this.joined.get(m.id)?.visibleAtEnd) || m.visible;
  }

  // Retrying an incomplete execution stored at the Merge: its record holds the outputs of the
  // branch that ran (and of none other), so that branch is the one whose modules are all there.
  protected async resumeMerge(merge: CompiledModule): Promise<number> {
    const merging = merge.mergeOf?.branches.filter((b) => b.merge) ?? [];
    const ran =
      merging.find((b) => b.ids.length > 0 && b.ids.every((id) => this.outputs[id] !== undefined)) ??
      merging.find((b) => b.ids.length === 0) ??
      merging[0];
    return this.joinMerge(merge, ran?.index ?? -1);
  }
}
