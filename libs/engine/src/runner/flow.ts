import { MANY_BUNDLE_KINDS, type Bundle } from '@integrator/sdk';
import type { ScenarioSettings } from '../blueprint';
import type { CompiledModule, CompiledScenario } from '../compile/types';
import { isPromise, type Resolver } from '../mapping/template';
import { Aggregations, type AggregationScope } from './aggregations';
import { systemClock } from './clock';
import { moduleContext, type ContextDeps } from './context';
import { DEFAULT_LOG_LIMITS, RunLog, type OpHandle } from './run-log';
import { DirectiveSignal, StopRun, type DirectiveOutcome } from './signals';
import { Transactions } from './transactions';
import type { ErrorInfo, IncompleteRecord, RunEvent, RunOptions, RunWarning, WebhookResponse } from './types';
import { VariableStore } from './variables';
import { toWebhookResponse } from './outcomes';
import { silentLogger } from './logger';
import { newExecutionId } from './ids';
import { contextDeps, RunScope } from './make-context';
import { switchOf } from './stop-switch';

// Shared by every run without a stop signal (creating an AbortController per run is costly).
const NEVER_STOPPED = switchOf(new AbortController().signal);
const NO_STATES: readonly unknown[] = Object.freeze([]);

/** A value now, or its promise when something on the way had to wait. */
export type Maybe<T> = T | Promise<T>;

/**
 * Past this many modules run in one synchronous stretch, the next one starts on a fresh stack
 * (a microtask later): a long chain of synchronous modules would otherwise overflow it.
 */
const MAX_SYNC_DEPTH = 50;

/**
 * The flow of bundles through a compiled scenario with Make's semantics: depth-first bundles,
 * the operations of modules and the bundles they emit (make-semantics §1, §3). Routers,
 * aggregations, directives and error-handler routes are in routes.ts, If-else and Merge in
 * branching.ts; Execution (execution.ts) adds the run around it: cycles, commit and rollback.
 *
 * The path an operation takes (mapper, module, bundles, the next module) stays synchronous as
 * long as each step is: a step that returns a promise hands the rest of the path to it. Most
 * modules of most runs (set variable, a plain mapping, a filter) never wait, and an async
 * function per step cost a few allocations and microtask hops for each of them (issue 14).
 */
export abstract class Flow {
  readonly id: string;
  protected readonly settings: ScenarioSettings;
  protected readonly outputs: unknown[] = [];
  protected readonly scope: RunScope;
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
  /** Modules entered in the current synchronous stretch (see MAX_SYNC_DEPTH). */
  private depth = 0;
  /** Whether onEvent wants the events sent for every operation and bundle. */
  private readonly started: boolean;
  private readonly finished: boolean;
  private readonly bundleOut: boolean;

  constructor(
    protected readonly scenario: CompiledScenario,
    protected readonly options: RunOptions = {},
  ) {
    this.id = options.executionId ?? newExecutionId();
    // Not `{ ...a, ...b }` on the common path: on Node 20's V8 adding properties to an object made
    // by a spread builds new hidden classes each time (runner.service.ts says more).
    this.settings = options.settings
      ? // eslint-disable-next-line no-restricted-syntax -- settings given (tests, tools): rare
        { ...scenario.settings, ...options.settings }
      : { ...scenario.settings };
    this.clock = options.clock ?? systemClock;
    this.startedAt = this.clock.now();
    this.deadline = options.timeLimitMs ? this.startedAt + options.timeLimitMs : undefined;
    const logger = options.logger ?? silentLogger;
    this.log = new RunLog(
      scenario.modules,
      options.logLimits ? Object.assign({}, DEFAULT_LOG_LIMITS, options.logLimits) : DEFAULT_LOG_LIMITS,
      this.settings.confidential,
    );
    this.tx = new Transactions(this.settings, options.services ?? {}, logger);
    const now = () => this.clock.now();
    this.scope = new RunScope(this.outputs, options.input, this.id, this.startedAt, now, options);
    this.deps = contextDeps(this.id, this.startedAt, options, {
      clock: this.clock,
      logger,
      variables: this.variables,
      stop: options.stop ?? (options.signal ? switchOf(options.signal) : NEVER_STOPPED),
    });
    this.started = this.wants('module.started');
    this.finished = this.wants('module.finished');
    this.bundleOut = this.wants('bundle.out');
  }

  protected wants(type: RunEvent['type']): boolean {
    const { onEvent, eventTypes } = this.options;
    return onEvent !== undefined && (!eventTypes || eventTypes.has(type));
  }

  /** Runs a module on the current bundle; returns how many bundles it emitted. */
  protected execModule(m: CompiledModule, skipFilter = false): Maybe<number> {
    if (this.depth >= MAX_SYNC_DEPTH) return Promise.resolve().then(() => this.execModule(m, skipFilter));
    this.depth++;
    try {
      if (this.shouldStop()) throw new StopRun('interrupt');
      if (!skipFilter && m.filter) {
        const pass = m.filter(this.scope);
        if (isPromise(pass)) return pass.then((ok) => (ok ? this.dispatch(m) : 0));
        if (!pass) return 0;
      }
      return this.dispatch(m);
    } finally {
      this.depth--;
    }
  }

  private dispatch(m: CompiledModule): Maybe<number> {
    switch (m.kind) {
      case 'router':
        return this.runRouter(m).then(() => 0);
      case 'aggregator':
        return this.collect(m).then(() => 0);
      case 'directive':
        return this.directive(m).then((outcome) => {
          throw new DirectiveSignal(outcome);
        });
      case 'ifelse':
        return this.runIfElse(m);
      case 'merge':
        return this.resumeMerge(m);
      default:
        return this.runOperation(m);
    }
  }

  /** One operation of a module; `mapper` overrides its own (a Merge's, per branch). */
  protected runOperation(m: CompiledModule, mapper: Resolver | null = m.mapper): Maybe<number> {
    const counted = !m.isFirst || !this.triggerCounted;
    if (m.isFirst) this.triggerCounted = true;
    let raw: unknown;
    try {
      raw = mapper ? mapper(this.scope) : undefined;
    } catch (err) {
      return this.operate(m, counted, undefined, err);
    }
    if (isPromise(raw))
      return raw.then(
        (value) => this.coerced(m, counted, value),
        (err: unknown) => this.operate(m, counted, undefined, err),
      );
    return this.coerced(m, counted, raw);
  }

  private coerced(m: CompiledModule, counted: boolean, raw: unknown): Maybe<number> {
    let input: Record<string, unknown> | undefined;
    let failure: unknown;
    try {
      input = m.coerceMapper(raw as Record<string, unknown> | undefined);
    } catch (err) {
      failure = err;
    }
    return this.operate(m, counted, input, failure);
  }

  // The operation proper, once its input is known (or failed to be).
  private operate(
    m: CompiledModule,
    counted: boolean,
    input: Record<string, unknown> | undefined,
    failure: unknown,
  ): Maybe<number> {
    const op = this.beginOperation(m, input, counted);
    if (failure !== undefined) return this.fail(m, op, failure);
    const context = moduleContext(this.deps, m, input!);
    let result: unknown;
    try {
      result = m.def.run!(context);
    } catch (err) {
      return this.failedRun(m, op, context.states ?? NO_STATES, err);
    }
    if (isPromise(result))
      return result.then(
        (value) => this.succeeded(m, op, context.states, value),
        (err: unknown) => this.failedRun(m, op, context.states ?? NO_STATES, err),
      );
    return this.succeeded(m, op, context.states, result);
  }

  private succeeded(
    m: CompiledModule,
    op: OpHandle,
    states: unknown[] | undefined,
    result: unknown,
  ): Maybe<number> {
    // Only a module that declared a transaction step has anything to commit.
    if (states?.length) return this.tx.succeeded(m, states).then(() => this.completed(m, op, result));
    return this.completed(m, op, result);
  }

  private completed(m: CompiledModule, op: OpHandle, result: unknown): Maybe<number> {
    if (m.kind === 'responder') this.respond(result);
    return this.emitBundles(m, op, result);
  }

  private async failedRun(
    m: CompiledModule,
    op: OpHandle,
    states: readonly unknown[],
    err: unknown,
  ): Promise<number> {
    await this.tx.failed(m, states);
    return this.fail(m, op, err);
  }

  // Depth-first: each bundle passes through the rest of the path before the next one starts.
  protected emitBundles(
    m: CompiledModule,
    op: OpHandle,
    result: unknown,
    many = MANY_BUNDLE_KINDS.has(m.kind),
  ): Maybe<number> {
    if (m.aggregators.length) return this.emitAggregated(m, op, result, many);
    return this.emitEach(m, op, result, many);
  }

  private emitEach(m: CompiledModule, op: OpHandle, result: unknown, many: boolean): Maybe<number> {
    if (!many || result === undefined || result === null) {
      const passed = this.pass(m, op, (result ?? {}) as Bundle, 1);
      return isPromise(passed) ? passed.then(() => this.emitted(m, op, 1)) : this.emitted(m, op, 1);
    }
    const iterable = result as Iterable<Bundle> | AsyncIterable<Bundle>;
    if (Symbol.asyncIterator in iterable)
      return this.emitRest(m, op, iterable[Symbol.asyncIterator](), 0, undefined);
    const iterator = iterable[Symbol.iterator]();
    let count = 0;
    for (;;) {
      let step: IteratorResult<Bundle> | Promise<IteratorResult<Bundle>>;
      try {
        step = iterator.next();
      } catch (err) {
        return this.iterationFailed(m, op, count, err);
      }
      if (isPromise(step))
        return this.emitRest(m, op, iterator, count, undefined, step as Promise<IteratorResult<Bundle>>);
      if (step.done) return this.emitted(m, op, count);
      count++;
      const passed = this.pass(m, op, step.value, count);
      if (isPromise(passed)) return this.emitRest(m, op, iterator, count, passed);
    }
  }

  // The rest of a module's bundles once a step had to wait (`passing` or `next` under way).
  private async emitRest(
    m: CompiledModule,
    op: OpHandle,
    iterator: Iterator<Bundle> | AsyncIterator<Bundle>,
    count: number,
    passing: Promise<unknown> | undefined,
    next?: Promise<IteratorResult<Bundle>>,
  ): Promise<number> {
    if (passing) await passing;
    for (;;) {
      let step: IteratorResult<Bundle>;
      try {
        const pending = next ?? iterator.next();
        next = undefined;
        step = isPromise(pending) ? await pending : pending;
      } catch (err) {
        return this.iterationFailed(m, op, count, err);
      }
      if (step.done) return this.emitted(m, op, count);
      count++;
      await this.pass(m, op, step.value, count);
    }
  }

  // A failure while producing bundles (a later page, say) is the module's error.
  private async iterationFailed(
    m: CompiledModule,
    op: OpHandle,
    count: number,
    err: unknown,
  ): Promise<number> {
    this.log.end(op, this.clock.now());
    return count + (await this.fail(m, op, err));
  }

  private emitted(m: CompiledModule, op: OpHandle, count: number): number {
    const now = this.clock.now();
    this.log.end(op, now);
    if (this.finished) {
      this.emit({
        type: 'module.finished',
        executionId: this.id,
        moduleId: m.id,
        operation: op.module.operations,
        outputCount: count,
        durationMs: now - op.startedAt,
      });
    }
    return count;
  }

  // Bundles of a module that feeds aggregators are gathered while they pass; the aggregated
  // results go on once all of them did.
  private async emitAggregated(m: CompiledModule, op: OpHandle, result: unknown, many: boolean) {
    const scopes = this.aggregations.open(m);
    const error = op.log?.error;
    let count: number;
    try {
      count = await this.emitEach(m, op, result, many);
    } finally {
      this.aggregations.close(scopes);
    }
    // Producing the bundles failed (a new error on this operation): the operation ended there.
    if (op.log?.error !== error) return count;
    for (const scope of scopes) await this.flush(scope);
    return count;
  }

  protected pass(m: CompiledModule, op: OpHandle, bundle: Bundle, index: number): Maybe<unknown> {
    this.outputs[m.id] = bundle;
    this.log.output(op, bundle);
    if (this.bundleOut) {
      this.emit({
        type: 'bundle.out',
        executionId: this.id,
        moduleId: m.id,
        operation: op.module.operations,
        index,
        bundle: this.settings.confidential ? undefined : bundle,
      });
    }
    if (m.next) return this.execModule(m.next);
    if (m.join) return this.joinMerge(m.join.merge, m.join.branch);
    return undefined;
  }

  protected respond(result: unknown): void {
    if (this.response) return; // the first response wins, as the caller gets only one
    this.response = toWebhookResponse(result);
    this.emit({ type: 'webhook.response', executionId: this.id, response: this.response });
  }

  /** Opens an operation of the module in its log (counted as one unless said) and announces it. */
  protected beginOperation(
    m: CompiledModule,
    input: Record<string, unknown> | undefined = undefined,
    counted = true,
  ): OpHandle {
    const op = this.log.begin(m, this.cycle, input, counted, this.clock.now());
    if (counted) this.operations++;
    // The event object is made only when someone asked for it (most runs nobody follows).
    if (this.started)
      this.emit({
        type: 'module.started',
        executionId: this.id,
        moduleId: m.id,
        operation: op.module.operations,
        cycle: this.cycle,
      });
    return op;
  }

  protected emit(event: RunEvent): void {
    const { onEvent, eventTypes } = this.options;
    if (onEvent && (!eventTypes || eventTypes.has(event.type))) onEvent(event);
  }

  protected abstract shouldStop(): boolean;
  /** Routers, aggregators, directives and failures (routes.ts). */
  protected abstract runRouter(m: CompiledModule): Promise<void>;
  protected abstract collect(m: CompiledModule): Promise<void>;
  protected abstract flush(scope: AggregationScope): Promise<void>;
  protected abstract directive(m: CompiledModule): Promise<DirectiveOutcome>;
  protected abstract fail(m: CompiledModule, op: OpHandle, err: unknown): Promise<number>;
  /** If-else and Merge (branching.ts). */
  protected abstract runIfElse(m: CompiledModule): Promise<number>;
  protected abstract joinMerge(merge: CompiledModule, branch: number): Promise<number>;
  protected abstract resumeMerge(merge: CompiledModule): Promise<number>;
}
