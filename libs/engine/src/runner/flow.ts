import { MANY_BUNDLE_KINDS, type Bundle, type ResolvedConnection } from '@integrator/sdk';
import type { ScenarioSettings } from '../blueprint';
import type { CompiledModule, CompiledRoute, CompiledScenario } from '../compile/types';
import type { Scope } from '../mapping/expression';
import { isPromise, type Resolver } from '../mapping/template';
import { Aggregations, type AggregationScope } from './aggregations';
import { systemClock } from './clock';
import { moduleContext, type ContextDeps } from './context';
import { errorInfo } from './errors';
import { DEFAULT_LOG_LIMITS, RunLog, type OpHandle } from './run-log';
import { DirectiveSignal, StopRun, type DirectiveOutcome } from './signals';
import { Transactions } from './transactions';
import type {
  ErrorInfo,
  IncompleteRecord,
  RetryPlan,
  RunEvent,
  RunOptions,
  RunWarning,
  WebhookResponse,
} from './types';
import { VariableStore } from './variables';
import { breakPlan, incompleteRecord, toWebhookResponse } from './outcomes';
import { silentLogger } from './logger';
import { newExecutionId } from './ids';
import { allIgnored, systemVariables } from './make-context';

// Shared by every run without a stop signal (creating an AbortController per run is costly).
const NEVER_ABORTED = new AbortController().signal;

/**
 * The flow of bundles through a compiled scenario with Make's semantics: depth-first bundles,
 * routers, filters, aggregations, error-handler routes and directives (make-semantics §1, §3,
 * §4). Execution (execution.ts) adds the run around it: cycles, commit and rollback, the result.
 */
export abstract class Flow {
  readonly id: string;
  protected readonly settings: ScenarioSettings;
  protected readonly outputs: unknown[] = [];
  protected readonly scope: Scope;
  protected readonly log: RunLog;
  protected readonly tx: Transactions;
  protected readonly variables = new VariableStore();
  protected readonly aggregations = new Aggregations();
  protected readonly deps: ContextDeps;
  protected readonly clock;
  protected readonly startedAt: number;
  protected readonly deadline: number | undefined;
  protected operations = 0;
  protected cycle = 0;
  protected triggerCounted = false;
  protected stop: StopRun | undefined;
  protected error: ErrorInfo | undefined;
  protected response: WebhookResponse | undefined;
  protected readonly warnings: RunWarning[] = [];
  protected readonly incomplete: IncompleteRecord[] = [];

  constructor(
    protected readonly scenario: CompiledScenario,
    protected readonly options: RunOptions = {},
  ) {
    this.id = options.executionId ?? newExecutionId();
    this.settings = { ...scenario.settings, ...options.settings };
    this.clock = options.clock ?? systemClock;
    this.startedAt = this.clock.now();
    this.deadline = options.timeLimitMs ? this.startedAt + options.timeLimitMs : undefined;
    const logger = options.logger ?? silentLogger;
    this.log = new RunLog(
      scenario.modules.values(),
      { ...DEFAULT_LOG_LIMITS, ...options.logLimits },
      this.settings.confidential,
    );
    this.tx = new Transactions(this.settings, options.services ?? {}, logger);
    this.scope = {
      outputs: this.outputs,
      input: options.input,
      execution: { id: this.id, cycle: 0, startedAt: this.startedAt },
      vars: systemVariables(this.id, this.startedAt, options),
      timezone: options.organization?.timezone ?? options.team?.timezone,
      now: () => this.clock.now(),
    };
    this.deps = {
      executionId: this.id,
      options,
      clock: this.clock,
      logger,
      variables: this.variables,
      connections: new Map<number, ResolvedConnection>(),
      signal: options.signal ?? NEVER_ABORTED,
      info: {
        id: this.id,
        scenarioId: options.scenarioId,
        startedAt: this.startedAt,
        cycle: 0,
        trigger: options.trigger ?? 'manual',
        scenarioName: options.scenarioName,
        scenarioUrl: options.scenarioUrl,
        team: options.team,
        organization: options.organization,
      },
      services: options.services ?? {},
      http: new Map(),
    };
  }

  /** Runs a module on the current bundle; returns how many bundles it emitted. */
  protected async execModule(m: CompiledModule, skipFilter = false): Promise<number> {
    if (this.shouldStop()) throw new StopRun('interrupt');
    if (!skipFilter && m.filter) {
      let pass = m.filter(this.scope);
      if (isPromise(pass)) pass = await pass;
      if (!pass) return 0;
    }
    switch (m.kind) {
      case 'router':
        await this.runRouter(m);
        return 0;
      case 'aggregator':
        await this.collect(m);
        return 0;
      case 'directive':
        throw new DirectiveSignal(await this.directive(m));
      case 'ifelse':
        return this.runIfElse(m);
      case 'merge':
        return this.resumeMerge(m);
      default:
        return this.runOperation(m);
    }
  }

  protected async resolveMapper(
    m: CompiledModule,
    mapper: Resolver | null = m.mapper,
  ): Promise<Record<string, unknown>> {
    return m.coerceMapper(await this.resolveRaw(m, mapper));
  }

  private async resolveRaw(
    m: CompiledModule,
    mapper: Resolver | null = m.mapper,
  ): Promise<Record<string, unknown> | undefined> {
    const raw = mapper ? mapper(this.scope) : undefined;
    return (isPromise(raw) ? await raw : raw) as Record<string, unknown> | undefined;
  }

  /** One operation of a module; `mapper` overrides its own (a Merge's, per branch). */
  protected async runOperation(m: CompiledModule, mapper: Resolver | null = m.mapper): Promise<number> {
    const counted = !m.isFirst || !this.triggerCounted;
    if (m.isFirst) this.triggerCounted = true;
    let input: Record<string, unknown> | undefined;
    let failure: unknown;
    try {
      input = await this.resolveMapper(m, mapper);
    } catch (err) {
      failure = err;
    }
    const op = this.log.begin(m, this.cycle, input, counted, this.clock.now());
    if (counted) this.operations++;
    if (this.options.onEvent) {
      this.emit({
        type: 'module.started',
        executionId: this.id,
        moduleId: m.id,
        operation: op.module.operations,
        cycle: this.cycle,
      });
    }
    if (failure !== undefined) return this.fail(m, op, failure);

    const states: unknown[] = [];
    let result: unknown;
    try {
      result = m.def.run!(moduleContext(this.deps, m, input!, states));
      if (isPromise(result)) result = await result;
    } catch (err) {
      await this.undo(m, states);
      return this.fail(m, op, err);
    }
    await this.commitOperation(m, states);
    if (m.kind === 'responder') this.respond(result);
    return this.emitBundles(m, op, result);
  }

  protected async commitOperation(m: CompiledModule, states: unknown[]): Promise<void> {
    try {
      await this.tx.succeeded(m, states);
    } catch (err) {
      throw new StopRun('rollback', errorInfo(err, m.id));
    }
  }

  protected async undo(m: CompiledModule, states: unknown[]): Promise<void> {
    try {
      await this.tx.failed(m, states);
    } catch (err) {
      throw new StopRun('rollback', { ...errorInfo(err, m.id), type: 'InconsistencyError' });
    }
  }

  // Depth-first: each bundle passes through the rest of the path before the next one starts.
  protected async emitBundles(
    m: CompiledModule,
    op: OpHandle,
    result: unknown,
    many = MANY_BUNDLE_KINDS.has(m.kind),
  ): Promise<number> {
    const scopes = m.aggregators.length ? this.aggregations.open(m) : undefined;
    let count = 0;
    try {
      if (many && result !== undefined && result !== null) {
        const iterable = result as Iterable<Bundle> | AsyncIterable<Bundle>;
        const iterator =
          Symbol.asyncIterator in iterable
            ? iterable[Symbol.asyncIterator]()
            : (iterable as Iterable<Bundle>)[Symbol.iterator]();
        for (;;) {
          let step: IteratorResult<Bundle>;
          try {
            const next = iterator.next();
            step = isPromise(next) ? await next : (next as IteratorResult<Bundle>);
          } catch (err) {
            // A failure while producing bundles (a later page, say) is the module's error.
            this.log.end(op, this.clock.now());
            return count + (await this.fail(m, op, err));
          }
          if (step.done) break;
          count++;
          await this.pass(m, op, step.value, count);
        }
      } else {
        count = 1;
        await this.pass(m, op, (result ?? {}) as Bundle, 1);
      }
      const now = this.clock.now();
      this.log.end(op, now);
      if (this.options.onEvent) {
        this.emit({
          type: 'module.finished',
          executionId: this.id,
          moduleId: m.id,
          operation: op.module.operations,
          outputCount: count,
          durationMs: now - op.startedAt,
        });
      }
    } finally {
      if (scopes) this.aggregations.close(scopes);
    }
    if (scopes) for (const scope of scopes) await this.flush(scope);
    return count;
  }

  protected async pass(m: CompiledModule, op: OpHandle, bundle: Bundle, index: number): Promise<void> {
    this.outputs[m.id] = bundle;
    this.log.output(op, bundle);
    if (this.options.onEvent) {
      this.emit({
        type: 'bundle.out',
        executionId: this.id,
        moduleId: m.id,
        operation: op.module.operations,
        index,
        bundle: this.settings.confidential ? undefined : bundle,
      });
    }
    if (m.next) await this.execModule(m.next);
    else if (m.join) await this.joinMerge(m.join.merge, m.join.branch);
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
    const op = this.log.begin(m, this.cycle, undefined, true, this.clock.now());
    this.operations++;
    this.emit({
      type: 'module.started',
      executionId: this.id,
      moduleId: m.id,
      operation: op.module.operations,
      cycle: this.cycle,
    });
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

  protected respond(result: unknown): void {
    if (this.response) return; // the first response wins, as the caller gets only one
    this.response = toWebhookResponse(result);
    this.emit({ type: 'webhook.response', executionId: this.id, response: this.response });
  }

  protected emit(event: RunEvent): void {
    this.options.onEvent?.(event);
  }

  protected abstract shouldStop(): boolean;
  /** If-else and Merge (branching.ts). */
  protected abstract runIfElse(m: CompiledModule): Promise<number>;
  protected abstract joinMerge(merge: CompiledModule, branch: number): Promise<number>;
  protected abstract resumeMerge(merge: CompiledModule): Promise<number>;
  /** The module ids whose outputs a module reads (a Merge: those of the branch that ran). */
  protected abstract readable(m: CompiledModule): number[];
}
