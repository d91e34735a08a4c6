import type { RunEvent } from '@integrator/engine/runner/types';
import { applyRunEvents, LIVE_LIMITS, startLiveRun } from '../../src/run/live-run';

// Streamed RunEvents folded into per-module logs, the shape the canvas bubbles and the run
// panel read: operation counts, kept bundles, and the error on the module that failed.

const describe_ = (id: number) => ({
  module: id === 1 ? 'gateway:CustomWebHook' : 'http:MakeRequest',
  label: `Module ${id}`,
});
const ex = 'ex-9';

describe('live run', () => {
  it('counts operations and keeps bundles per module as the events arrive', () => {
    const events: RunEvent[] = [
      { type: 'execution.started', executionId: ex, at: 0 },
      { type: 'module.started', executionId: ex, moduleId: 1, operation: 1, cycle: 1 },
      { type: 'bundle.out', executionId: ex, moduleId: 1, operation: 1, index: 1, bundle: { name: 'Ada' } },
      { type: 'module.started', executionId: ex, moduleId: 2, operation: 1, cycle: 1 },
      { type: 'bundle.out', executionId: ex, moduleId: 2, operation: 1, index: 1, bundle: { plan: 'pro' } },
      { type: 'module.finished', executionId: ex, moduleId: 2, operation: 1, outputCount: 1, durationMs: 4 },
      { type: 'bundle.out', executionId: ex, moduleId: 1, operation: 1, index: 2, bundle: { name: 'Bob' } },
      { type: 'module.started', executionId: ex, moduleId: 2, operation: 2, cycle: 1 },
    ];
    const run = applyRunEvents(startLiveRun(ex), events, describe_);
    expect(run.status).toBe('running');
    expect(run.operations).toBe(3);
    const [one, two] = run.modules;
    expect(one).toMatchObject({
      id: 1,
      module: 'gateway:CustomWebHook',
      operations: 1,
      bundlesOut: 2,
      errors: 0,
    });
    expect(one.ops[0]).toMatchObject({
      index: 1,
      outputCount: 2,
      output: [{ name: 'Ada' }, { name: 'Bob' }],
    });
    expect(two.operations).toBe(2);
    expect(two.ops.map((op) => op.outputCount)).toEqual([1, 0]);
    expect(two.ops[0].durationMs).toBe(4);
  });

  it('puts an error on the failing operation and names the module; finishing sets the status', () => {
    const run = applyRunEvents(
      startLiveRun(ex),
      [
        { type: 'module.started', executionId: ex, moduleId: 2, operation: 1, cycle: 1 },
        {
          type: 'module.error',
          executionId: ex,
          moduleId: 2,
          operation: 1,
          error: { message: 'HTTP 500', kind: 'transient', type: 'ConnectionError' },
        },
        { type: 'execution.finished', executionId: ex, status: 'error', operations: 1, durationMs: 9 },
      ],
      describe_,
    );
    expect(run.modules[0].errors).toBe(1);
    expect(run.modules[0].ops[0].error?.message).toBe('HTTP 500');
    expect(run.error).toMatchObject({ moduleId: 2, message: 'HTTP 500' });
    expect(run).toMatchObject({ status: 'error', operations: 1, durationMs: 9 });
  });

  it('keeps at most the live limits of operations and bundles, counting the rest', () => {
    const events: RunEvent[] = [];
    for (let op = 1; op <= LIVE_LIMITS.opsPerModule + 5; op++)
      events.push({ type: 'module.started', executionId: ex, moduleId: 3, operation: op, cycle: 1 });
    for (let i = 1; i <= LIVE_LIMITS.bundlesPerOp + 2; i++)
      events.push({
        type: 'bundle.out',
        executionId: ex,
        moduleId: 3,
        operation: 1,
        index: i,
        bundle: { i },
      });
    const log = applyRunEvents(startLiveRun(ex), events, describe_).modules[0];
    expect(log.operations).toBe(LIVE_LIMITS.opsPerModule + 5);
    expect(log.ops).toHaveLength(LIVE_LIMITS.opsPerModule);
    expect(log.omittedOps).toBe(5);
    expect(log.ops[0].output).toHaveLength(LIVE_LIMITS.bundlesPerOp);
    expect(log.ops[0]).toMatchObject({ outputCount: LIVE_LIMITS.bundlesPerOp + 2, omittedBundles: 2 });
  });

  it('counts bundles of a confidential run without keeping them; untouched modules keep their identity', () => {
    const first = applyRunEvents(
      startLiveRun(ex),
      [{ type: 'module.started', executionId: ex, moduleId: 1, operation: 1, cycle: 1 }],
      describe_,
    );
    const next = applyRunEvents(
      first,
      [
        { type: 'module.started', executionId: ex, moduleId: 2, operation: 1, cycle: 1 },
        { type: 'bundle.out', executionId: ex, moduleId: 2, operation: 1, index: 1 },
      ],
      describe_,
    );
    expect(next.modules[0]).toBe(first.modules[0]);
    expect(next.modules[1].ops[0]).toMatchObject({ outputCount: 1, output: [] });
  });
});
