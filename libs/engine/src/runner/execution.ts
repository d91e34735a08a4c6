import { MANY_BUNDLE_KINDS, type Bundle, type ResolvedConnection } from '@integrator/sdk';
import type { ScenarioSettings } from '../blueprint';
import type { CompiledModule, CompiledRoute, CompiledScenario } from '../compile/types';
import type { Scope } from '../mapping/expression';
import { isPromise } from '../mapping/template';
import { Aggregations, type AggregationScope } from './aggregations';
import { systemClock } from './clock';
import { moduleContext, type ContextDeps } from './context';
import { errorInfo } from './errors';
import { DEFAULT_LOG_LIMITS, RunLog, type OpHandle } from './run-log';
import { DirectiveSignal, StopRun, type DirectiveOutcome } from './signals';
import { Transactions } from './transactions';
import type { ErrorInfo, IncompleteRecord, RetryPlan, RunEvent, RunOptions, RunResult, RunWarning, WebhookResponse } from './types';
import { VariableStore } from './variables';
import { silentLogger } from './logger';
import { newExecutionId } from './ids';

// Shared by every run without a stop signal (creating an AbortController per run is costly).
const NEVER_ABORTED = new AbortController().signal;

/**
 * One run of a compiled scenario with Make's semantics: depth-first bundles, cycles with
 * commit/rollback phases, error-handler routes and directives (make-semantics §1, §3, §4).
 */
export class Execution {
  readonly id: string;
  private readonly settings: ScenarioSettings;
  private readonly outputs: unknown[] = [];
  private readonly scope: Scope;
  private readonly log: RunLog;
  private readonly tx: Transactions;
  private readonly variables = new VariableStore();
  private readonly aggregations = new Aggregations();
  private readonly deps: ContextDeps;
  private readonly clock;
  private readonly startedAt: number;
  private readonly deadline: number | undefined;
  private operations = 0;
  private cycle = 0;
  private triggerCounted = false;
  private stop: StopRun | undefined;
  private error: ErrorInfo | undefined;
  private response: WebhookResponse | undefined;
  private readonly warnings: RunWarning[] = [];
  private readonly incomplete: IncompleteRecord[] = [];

  constructor(
    private readonly scenario: CompiledScenario,
    private readonly options: RunOptions = {},
  ) {
    this.id = options.executionId ?? newExecutionId();
    this.settings = { ...scenario.settings, ...options.settings };
    this.clock = options.clock ?? systemClock;
    this.startedAt = this.clock.now();
    this.deadline = options.timeLimitMs ? this.startedAt + options.timeLimitMs : undefined;
    const logger = options.logger ?? silentLogger;
    this.log = new RunLog(scenario.modules.values(), { ...DEFAULT_LOG_LIMITS, ...options.logLimits }, this.settings.confidential);
    this.tx = new Transactions(this.settings, options.services ?? {}, logger);
    this.scope = { outputs: this.outputs, input: options.input, execution: { id: this.id, cycle: 0, startedAt: this.startedAt } };
    this.deps = {
      executionId: this.id,
      options,
      clock: this.clock,
      logger,
      variables: this.variables,
      connections: new Map<number, ResolvedConnection>(),
      signal: options.signal ?? NEVER_ABORTED,
      info: { id: this.id, scenarioId: options.scenarioId, startedAt: this.startedAt, cycle: 0, trigger: options.trigger ?? 'manual' },
      services: options.services ?? {},
      http: new Map(),
    };
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
      this.error = { message: `module ${record.moduleId} is no longer in the scenario`, kind: 'user', type: 'InvalidConfigurationError' };
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
  private async initialize(): Promise<boolean> {
    for (const m of this.scenario.modules.values()) {
      if (m.connectionRef === undefined || m.connectionRef === '') continue;
      try {
        if (!this.options.connections) throw new Error('no connection store is available to this run');
        this.deps.connections.set(m.id, await this.options.connections(m.connectionRef, m.id));
      } catch (err) {
        const info = errorInfo(err, m.id);
        this.error = { ...info, kind: 'user', type: 'AccountValidationError', message: `connection ${m.connectionRef}: ${info.message}` };
        return false;
      }
    }
    return true;
  }

  private async runCycle(cycle: number, body: () => Promise<number>): Promise<number> {
    this.cycle = cycle;
    this.scope.execution!.cycle = cycle;
    this.deps.info = { ...this.deps.info, cycle };
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

  private async commitOrRollback(): Promise<void> {
    try {
      await this.tx.commitCycle();
    } catch (err) {
      this.error = errorInfo(err);
      await this.rollback();
    }
  }

  private async rollback(): Promise<void> {
    const problems = await this.tx.rollbackCycle();
    if (problems.length) {
      this.error = { message: `rollback failed: ${problems.map((p) => p.message).join('; ')}`, kind: 'internal', type: 'InconsistencyError' };
    }
  }

  private markInterrupted(): void {
    this.warnings.push({ type: 'ExecutionInterruptedError', message: 'the run was stopped before it finished; remaining bundles were not processed' });
  }

  private shouldStop(): boolean {
    if (this.deps.signal.aborted) return true;
    return this.deadline !== undefined && this.clock.now() >= this.deadline;
  }

  /** Runs a module on the current bundle; returns how many bundles it emitted. */
  private async execModule(m: CompiledModule, skipFilter = false): Promise<number> {
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
      default:
        return this.runOperation(m);
    }
  }

  private async resolveMapper(m: CompiledModule): Promise<Record<string, unknown>> {
    let raw = m.mapper ? m.mapper(this.scope) : undefined;
    if (isPromise(raw)) raw = await raw;
    return m.coerceMapper(raw as Record<string, unknown> | undefined);
  }

  private async runOperation(m: CompiledModule): Promise<number> {
    const counted = !m.isFirst || !this.triggerCounted;
    if (m.isFirst) this.triggerCounted = true;
    let input: Record<string, unknown> | undefined;
    let failure: unknown;
    try {
      input = await this.resolveMapper(m);
    } catch (err) {
      failure = err;
    }
    const op = this.log.begin(m, this.cycle, input, counted, this.clock.now());
    if (counted) this.operations++;
    if (this.options.onEvent) {
      this.emit({ type: 'module.started', executionId: this.id, moduleId: m.id, operation: op.module.operations, cycle: this.cycle });
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

  private async commitOperation(m: CompiledModule, states: unknown[]): Promise<void> {
    try {
      await this.tx.succeeded(m, states);
    } catch (err) {
      throw new StopRun('rollback', errorInfo(err, m.id));
    }
  }

  private async undo(m: CompiledModule, states: unknown[]): Promise<void> {
    try {
      await this.tx.failed(m, states);
    } catch (err) {
      throw new StopRun('rollback', { ...errorInfo(err, m.id), type: 'InconsistencyError' });
    }
  }

  // Depth-first: each bundle passes through the rest of the path before the next one starts.
  private async emitBundles(m: CompiledModule, op: OpHandle, result: unknown, many = MANY_BUNDLE_KINDS.has(m.kind)): Promise<number> {
    const scopes = m.aggregators.length ? this.aggregations.open(m) : undefined;
    let count = 0;
    try {
      if (many && result !== undefined && result !== null) {
        const iterable = result as Iterable<Bundle> | AsyncIterable<Bundle>;
        const iterator = Symbol.asyncIterator in iterable ? iterable[Symbol.asyncIterator]() : (iterable as Iterable<Bundle>)[Symbol.iterator]();
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
        this.emit({ type: 'module.finished', executionId: this.id, moduleId: m.id, operation: op.module.operations, outputCount: count, durationMs: now - op.startedAt });
      }
    } finally {
      if (scopes) this.aggregations.close(scopes);
    }
    if (scopes) for (const scope of scopes) await this.flush(scope);
    return count;
  }

  private async pass(m: CompiledModule, op: OpHandle, bundle: Bundle, index: number): Promise<void> {
    this.outputs[m.id] = bundle;
    this.log.output(op, bundle);
    if (this.options.onEvent) {
      this.emit({ type: 'bundle.out', executionId: this.id, moduleId: m.id, operation: op.module.operations, index, bundle: this.settings.confidential ? undefined : bundle });
    }
    if (m.next) await this.execModule(m.next);
  }

  // Routes run in order and every matching route runs; fallback routes only when none matched.
  private async runRouter(m: CompiledModule): Promise<void> {
    let matched = false;
    for (const route of m.routes) if (!route.fallback && (await this.enterRoute(route))) matched = true;
    if (!matched) for (const route of m.routes) if (route.fallback) await this.enterRoute(route);
  }

  private async enterRoute(route: CompiledRoute): Promise<boolean> {
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

  private async collect(m: CompiledModule): Promise<void> {
    let input: Record<string, unknown>;
    let key = '';
    try {
      input = await this.resolveMapper(m);
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

  private async flush(scope: AggregationScope): Promise<void> {
    const m = scope.module;
    const results = this.aggregations.results(scope);
    if (!results.length) return;
    const op = this.log.begin(m, this.cycle, undefined, true, this.clock.now());
    this.operations++;
    this.emit({ type: 'module.started', executionId: this.id, moduleId: m.id, operation: op.module.operations, cycle: this.cycle });
    let index = 0;
    for (const bundle of results) await this.pass(m, op, bundle, ++index);
    this.log.end(op, this.clock.now());
  }

  private async directive(m: CompiledModule): Promise<DirectiveOutcome> {
    const name = m.def.directive ?? 'ignore';
    if (name === 'resume') return { name, output: await this.resolveMapper(m) };
    if (name === 'break') {
      const mapper = await this.resolveMapper(m);
      const retry: RetryPlan =
        mapper.retry === false || mapper.retry === 'false'
          ? { mode: 'manual' }
          : { mode: 'break', attempts: Number(mapper.count ?? 3) || 3, intervalMinutes: Number(mapper.interval ?? 15) || 15 };
      return { name, retry };
    }
    return { name } as DirectiveOutcome;
  }

  // An operation failed: its error-handler route decides, else the default (rollback, or an
  // incomplete execution when the scenario stores them).
  private async fail(m: CompiledModule, op: OpHandle, err: unknown): Promise<number> {
    const info = errorInfo(err, m.id);
    this.log.error(op, info);
    this.log.end(op, this.clock.now());
    this.emit({ type: 'module.error', executionId: this.id, moduleId: m.id, operation: op.module.operations, error: info });
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

  private async runErrorRoute(m: CompiledModule, info: ErrorInfo): Promise<DirectiveOutcome> {
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

  private storeIncomplete(m: CompiledModule, op: OpHandle, error: ErrorInfo, retry: RetryPlan): void {
    const outputs: Record<number, unknown> = {};
    for (const id of m.visible) outputs[id] = this.outputs[id];
    this.incomplete.push({
      moduleId: m.id,
      path: m.path,
      error,
      cycle: this.cycle,
      outputs,
      variables: this.variables.snapshot(),
      input: op.log?.input,
      runInput: this.options.input,
      retry,
    });
    this.warnings.push({ type: 'IncompleteExecution', message: `module ${m.id} failed and was stored as an incomplete execution: ${error.message}`, moduleId: m.id });
  }

  private respond(result: unknown): void {
    if (this.response) return; // the first response wins, as the caller gets only one
    const r = (result ?? {}) as Partial<WebhookResponse>;
    this.response = { status: Number(r.status ?? 200), headers: r.headers ?? {}, body: r.body };
    this.emit({ type: 'webhook.response', executionId: this.id, response: this.response });
  }

  private emit(event: RunEvent): void {
    this.options.onEvent?.(event);
  }

  private finish(): RunResult {
    const finishedAt = this.clock.now();
    const { modules, dataSize } = this.log.finish();
    const status = this.error ? 'error' : this.warnings.length ? 'warning' : 'success';
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
    this.emit({ type: 'execution.finished', executionId: this.id, status, operations: this.operations, durationMs: result.durationMs });
    return result;
  }
}
