import type { Bundle } from '@integrator/sdk';
import type { CompiledModule, CompiledRoute } from '../compile/types';
import { isPromise, type Resolver } from '../mapping/template';
import type { AggregationScope } from './aggregations';
import { errorInfo } from './errors';
import { Flow } from './flow';
import { allIgnored } from './make-context';
import { breakPlan, incompleteRecord } from './outcomes';
import type { OpHandle } from './run-log';
import { DirectiveSignal, StopRun, type DirectiveOutcome } from './signals';
import type { ErrorInfo, RetryPlan } from './types';

/**
 * Routers, aggregators, directives and error-handler routes on top of the flow of bundles
 * (make-semantics §3, §4): what a failed operation leads to, and where bundles go besides the
 * next module.
 */
export abstract class RoutedFlow extends Flow {
  /** The mapper's values, coerced to the module's fields. */
  protected async resolveMapper(
    m: CompiledModule,
    mapper: Resolver | null = m.mapper,
  ): Promise<Record<string, unknown>> {
    return m.coerceMapper(await this.resolveRaw(m, mapper));
  }

  protected async resolveRaw(
    m: CompiledModule,
    mapper: Resolver | null = m.mapper,
  ): Promise<Record<string, unknown> | undefined> {
    const raw = mapper ? mapper(this.scope) : undefined;
    return (isPromise(raw) ? await raw : raw) as Record<string, unknown> | undefined;
  }

  // Routes run in order and every matching route runs; fallback routes only when none matched.
  protected async runRouter(m: CompiledModule): Promise<void> {
    let matched = false;
    for (const route of m.routes) if (!route.fallback && (await this.enterRoute(route))) matched = true;
    if (!matched) for (const route of m.routes) if (route.fallback) await this.enterRoute(route);
  }

  protected async enterRoute(route: CompiledRoute): Promise<boolean> {
    const first = route.first;
    if (!first) return true;
    if (first.filter) {
      let pass = first.filter(this.scope);
      if (isPromise(pass)) pass = await pass;
      if (!pass) return false;
    }
    await this.execModule(first, true);
    return true;
  }

  protected async collect(m: CompiledModule): Promise<void> {
    let input: Record<string, unknown>;
    let key = '';
    try {
      const raw = await this.resolveRaw(m);
      // Every mapped field ignore (Make's keyword): this bundle is not aggregated.
      if (allIgnored(m, raw)) return;
      input = m.coerceMapper(raw);
      if (m.groupBy) {
        let k = m.groupBy(this.scope);
        if (isPromise(k)) k = await k;
        key = k === undefined || k === null ? '' : typeof k === 'object' ? JSON.stringify(k) : String(k);
      }
    } catch (err) {
      const op = this.log.begin(m, this.cycle, undefined, true, this.clock.now());
      this.operations++;
      await this.fail(m, op, err);
      return;
    }
    const source = (this.outputs[m.feeder!] ?? {}) as Bundle;
    const scope = this.aggregations.current(m);
    if (scope) return this.aggregations.add(scope, key, input, source);
    // No open aggregation (a retried incomplete execution): aggregate this bundle on its own.
    const single = this.aggregations.detached(m);
    this.aggregations.add(single, key, input, source);
    await this.flush(single);
  }

  protected async flush(scope: AggregationScope): Promise<void> {
    const m = scope.module;
    const results = this.aggregations.results(scope);
    if (!results.length) return;
    const op = this.beginOperation(m);
    let index = 0;
    for (const bundle of results) await this.pass(m, op, bundle, ++index);
    this.log.end(op, this.clock.now());
  }

  protected async directive(m: CompiledModule): Promise<DirectiveOutcome> {
    const name = m.def.directive ?? 'ignore';
    if (name === 'resume') return { name, output: await this.resolveMapper(m) };
    if (name === 'break') return { name, retry: breakPlan(await this.resolveMapper(m)) };
    return { name } as DirectiveOutcome;
  }

  // An operation failed: its error-handler route decides, else the default (rollback, or an
  // incomplete execution when the scenario stores them).
  protected async fail(m: CompiledModule, op: OpHandle, err: unknown): Promise<number> {
    const info = errorInfo(err, m.id);
    this.log.error(op, info);
    this.log.end(op, this.clock.now());
    this.emit({
      type: 'module.error',
      executionId: this.id,
      moduleId: m.id,
      operation: op.module.operations,
      error: info,
    });
    if (m.onerror) {
      const outcome = await this.runErrorRoute(m, info);
      this.log.handled(op, outcome.name);
      switch (outcome.name) {
        case 'ignore':
          return 0;
        case 'resume':
          return this.emitBundles(m, op, outcome.output, false);
        case 'commit':
          throw new StopRun('commit');
        case 'rollback':
          throw new StopRun('rollback', info);
        case 'break':
          this.storeIncomplete(m, op, info, outcome.retry);
          return 0;
      }
    }
    if (!m.inErrorRoute && this.settings.dlq && !m.isFirst) {
      this.storeIncomplete(m, op, info, info.kind === 'transient' ? { mode: 'backoff' } : { mode: 'manual' });
      return 0;
    }
    throw new StopRun('rollback', info);
  }

  protected async runErrorRoute(m: CompiledModule, info: ErrorInfo): Promise<DirectiveOutcome> {
    // In the handler route the failed module's output is its error: {{2.error.message}}.
    this.outputs[m.id] = { error: info };
    try {
      if (m.onerror) await this.execModule(m.onerror);
      return { name: 'ignore' }; // a route without a directive behaves like Ignore
    } catch (signal) {
      if (signal instanceof DirectiveSignal) return signal.outcome;
      if (signal instanceof StopRun) throw signal;
      throw new StopRun('rollback', errorInfo(signal, m.id));
    }
  }

  protected storeIncomplete(m: CompiledModule, op: OpHandle, error: ErrorInfo, retry: RetryPlan): void {
    const variables = this.variables.snapshot();
    this.incomplete.push(
      incompleteRecord(m, this.outputs, {
        error,
        cycle: this.cycle,
        variables,
        input: op.log?.input,
        runInput: this.options.input,
        retry,
        readable: this.readable(m),
      }),
    );
    this.warnings.push({
      type: 'IncompleteExecution',
      message: `module ${m.id} failed and was stored as an incomplete execution: ${error.message}`,
      moduleId: m.id,
    });
  }

  /** The module ids whose outputs a module reads (a Merge: those of the branch that ran). */
  protected abstract readable(m: CompiledModule): number[];
}
