import type { Bundle } from '@integrator/sdk';
import type { CompiledModule } from '../compile/types';

/** The bundles an aggregator gathers during one operation of its source module. */
export interface AggregationScope {
  module: CompiledModule;
  groups: Map<string, unknown>;
  previous?: AggregationScope;
}

export class Aggregations {
  private readonly active = new Map<number, AggregationScope>();

  /** Opens a scope for every aggregator fed by this module's operation. */
  open(feeder: CompiledModule): AggregationScope[] {
    return feeder.aggregators.map((module) => {
      const scope: AggregationScope = { module, groups: new Map(), previous: this.active.get(module.id) };
      this.active.set(module.id, scope);
      return scope;
    });
  }

  close(scopes: AggregationScope[]): void {
    for (const scope of scopes) {
      if (scope.previous) this.active.set(scope.module.id, scope.previous);
      else this.active.delete(scope.module.id);
    }
  }

  current(module: CompiledModule): AggregationScope | undefined {
    return this.active.get(module.id);
  }

  detached(module: CompiledModule): AggregationScope {
    return { module, groups: new Map() };
  }

  add(scope: AggregationScope, key: string, input: Record<string, unknown>, source: Bundle): void {
    const hooks = scope.module.def.aggregate!;
    let acc = scope.groups.get(key);
    if (acc === undefined) {
      acc = hooks.init(scope.module.parameters);
      scope.groups.set(key, acc);
    }
    hooks.add(acc, input, scope.module.parameters, source);
  }

  /**
   * One bundle per group (with its key), or one bundle without group-by. An empty
   * aggregation still outputs an empty result unless "stop processing after an empty
   * aggregation" is on (make-semantics §4, Make's help-centre default).
   */
  results(scope: AggregationScope): Bundle[] {
    const { module } = scope;
    const hooks = module.def.aggregate!;
    if (scope.groups.size === 0) {
      if (module.stopIfEmpty || module.groupBy) return [];
      return [hooks.result(hooks.init(module.parameters), module.parameters)];
    }
    const out: Bundle[] = [];
    for (const [key, acc] of scope.groups) {
      const bundle = hooks.result(acc, module.parameters);
      out.push(module.groupBy ? { key, ...bundle } : bundle);
    }
    return out;
  }
}
