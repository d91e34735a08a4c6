import { FakeClock, RunStop, compileBlueprint, resumeIncomplete, runScenario, type RunEvent } from '../src';
import { compile, hook, journal, opsOf, outputsOf, registry, reset, run } from './helpers';

beforeEach(reset);

describe('sleep, time limit and stop', () => {
  test('sleep waits through the injected clock', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true });
    const result = await run([{ id: 1, module: 'util:FunctionSleep', mapper: { duration: 120 } }], { clock });
    expect(result.status).toBe('success');
    expect(result.durationMs).toBe(120_000);
  });

  test('a run past its time limit ends cleanly with a warning, committing what was done', async () => {
    const clock = new FakeClock(0, { autoAdvance: true });
    const result = await run(
      [
        { id: 1, module: 'builtin:BasicRepeater', mapper: { repeats: 5 } },
        { id: 2, module: 'test:Write', mapper: { key: 'k{{1.i}}', value: '{{1.i}}' } },
        { id: 3, module: 'util:FunctionSleep', mapper: { duration: 10 } },
      ],
      { clock, timeLimitMs: 25_000, scenario: { autoCommit: false } },
    );
    expect(result.status).toBe('warning');
    expect(result.interrupted).toBe(true);
    expect(result.warnings.map((w) => w.type)).toEqual(['ExecutionInterruptedError']);
    expect(opsOf(result, 2)).toBe(3);
    expect(journal.filter((l) => l.startsWith('commit'))).toEqual([
      'commit 2 k1',
      'commit 2 k2',
      'commit 2 k3',
    ]);
  });

  test('the stop signal lets the running operation finish, then stops before the next one', async () => {
    const controller = new AbortController();
    const clock = new FakeClock(0);
    const running = run(
      [
        { id: 1, module: 'builtin:BasicRepeater', mapper: { repeats: 3 } },
        { id: 2, module: 'util:FunctionSleep', mapper: { duration: 1 } },
        { id: 3, module: 'test:Echo', mapper: { i: '{{1.i}}' } },
      ],
      { clock, signal: controller.signal },
    );
    while (clock.pending === 0) await new Promise((r) => setImmediate(r));
    controller.abort();
    const result = await running;
    expect(result.status).toBe('warning');
    expect(opsOf(result, 2)).toBe(1);
    expect(opsOf(result, 3)).toBe(0);
  });
});

describe('stop switch (a stop signal made only when needed)', () => {
  test('a waiting module asks for the signal and is woken by the stop', async () => {
    const stop = new RunStop();
    const clock = new FakeClock(0);
    const running = run(
      [
        { id: 1, module: 'builtin:BasicRepeater', mapper: { repeats: 3 } },
        { id: 2, module: 'util:FunctionSleep', mapper: { duration: 1 } },
        { id: 3, module: 'test:Echo', mapper: { i: '{{1.i}}' } },
      ],
      { clock, stop },
    );
    while (clock.pending === 0) await new Promise((r) => setImmediate(r));
    stop.stop();
    const result = await running;
    expect(result.status).toBe('warning');
    expect(result.interrupted).toBe(true);
    expect(opsOf(result, 2)).toBe(1);
    expect(opsOf(result, 3)).toBe(0);
  });

  test('a run whose signal nobody asked for still stops before its next operation', async () => {
    const stop = new RunStop();
    const result = await run(
      [
        { id: 1, module: 'builtin:BasicRepeater', mapper: { repeats: 3 } },
        { id: 2, module: 'test:Echo', mapper: { i: '{{1.i}}' } },
      ],
      {
        stop,
        onEvent: (e) => {
          if (e.type === 'bundle.out' && e.moduleId === 2) stop.stop();
        },
      },
    );
    expect(result.status).toBe('warning');
    expect(result.warnings.map((w) => w.type)).toEqual(['ExecutionInterruptedError']);
    expect(opsOf(result, 2)).toBe(1);
    // Asked for after the stop, the signal is aborted already.
    expect(stop.signal.aborted).toBe(true);
  });
});

describe('events', () => {
  test('a listener follows the run live', async () => {
    const events: RunEvent[] = [];
    await run([hook(), { id: 2, module: 'test:Echo', mapper: { a: '{{1.a}}' } }], {
      input: { a: 1 },
      onEvent: (e) => events.push(e),
    });
    expect(events.map((e) => `${e.type}${'moduleId' in e ? ` ${e.moduleId}` : ''}`)).toEqual([
      'execution.started',
      'module.started 1',
      'bundle.out 1',
      'module.started 2',
      'bundle.out 2',
      'module.finished 2',
      'module.finished 1',
      'execution.finished',
    ]);
    expect(events.find((e) => e.type === 'bundle.out' && e.moduleId === 2)).toMatchObject({
      bundle: { a: 1 },
    });
  });

  test('errors are announced on the module that failed', async () => {
    const events: RunEvent[] = [];
    await run([hook(), { id: 2, module: 'test:Fail', mapper: {} }], {
      input: {},
      onEvent: (e) => events.push(e),
    });
    expect(events.find((e) => e.type === 'module.error')).toMatchObject({
      moduleId: 2,
      error: { message: 'planned failure' },
    });
  });
});

describe('incomplete executions', () => {
  test('a retry starts at the failed module with its original input and runs the rest of the path', async () => {
    const flow = [
      hook(),
      { id: 2, module: 'test:Echo', mapper: { n: '{{1.n}}' } },
      {
        id: 3,
        module: 'test:Fail',
        mapper: { when: '{{1.n = 2}}', kind: 'transient', n: '{{2.n}}' },
        onerror: [{ id: 4, module: 'builtin:Break', mapper: {} }],
      },
      { id: 5, module: 'test:Echo', mapper: { done: '{{3.n}}' } },
    ];
    const first = await run(flow, { input: [{ n: 1 }, { n: 2 }], scenario: { dlq: true } });
    expect(first.status).toBe('warning');
    const record = first.incomplete[0];
    expect(record).toMatchObject({ moduleId: 3, retry: { mode: 'break', attempts: 3, intervalMinutes: 15 } });

    // The fault is fixed (here: the module no longer fails for n = 2); the retry resumes at module 3.
    journal.length = 0;
    const fixed = compileBlueprint(
      { flow: flow.map((m) => (m.id === 3 ? { ...m, mapper: { when: false, n: '{{2.n}}' } } : m)) },
      registry,
    );
    const retry = await resumeIncomplete(fixed, JSON.parse(JSON.stringify(record)));
    expect(retry.status).toBe('success');
    expect(journal).toEqual(['fail? 3 false', 'echo 5 {"done":2}']);
    expect(retry.operations).toBe(2);
  });
});

describe('connections and initialization', () => {
  const flow = [
    { id: 1, module: 'test:Echo', mapper: { x: 1 } },
    { id: 2, module: 'test:Authed', parameters: { connection: 7 } },
  ];

  test('modules get their resolved connection', async () => {
    const result = await runScenario(compile(flow), {
      connections: async (ref) => ({ id: ref, type: 'test', credentials: { user: 'ada' } }),
    });
    expect(outputsOf(result, 2)).toEqual([{ connectionId: 7, user: 'ada' }]);
  });

  test('an unresolvable connection fails the run before any module runs, and no handler can catch it', async () => {
    const result = await runScenario(compile(flow), {
      connections: async () => Promise.reject(new Error('not found')),
    });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({
      type: 'AccountValidationError',
      moduleId: 2,
      message: 'connection 7: not found',
    });
    expect(journal).toEqual([]);
  });
});

describe('result data', () => {
  test('confidential scenarios keep no bundle data in the result', async () => {
    const result = await run([hook(), { id: 2, module: 'test:Echo', mapper: { secret: '{{1.ssn}}' } }], {
      input: { ssn: '123-45-6789' },
      scenario: { confidential: true },
    });
    expect(result.confidential).toBe(true);
    expect(JSON.stringify(result)).not.toContain('123-45-6789');
    expect(opsOf(result, 2)).toBe(1);
  });

  test('logs keep the first operations and bundles, count the rest, and measure the data size', async () => {
    const result = await run(
      [
        hook(),
        { id: 2, module: 'builtin:BasicFeeder', mapper: { array: '{{1.items}}' } },
        { id: 3, module: 'test:Echo', mapper: { v: '{{2.value}}' } },
      ],
      {
        input: { items: Array.from({ length: 50 }, (_, i) => i) },
        logLimits: { opsPerModule: 10, bundlesPerOp: 5 },
      },
    );
    const iterator = result.modules.find((m) => m.id === 2)!;
    expect(iterator.ops[0].output).toHaveLength(5);
    expect(iterator.ops[0].omittedBundles).toBe(45);
    const echo = result.modules.find((m) => m.id === 3)!;
    expect(echo.operations).toBe(50);
    expect(echo.ops).toHaveLength(10);
    expect(echo.omittedOps).toBe(40);
    expect(result.dataSize).toBeGreaterThan(50 * 8);
  });

  test('the data size: the bundles each log kept, measured before capping, extrapolated to all', async () => {
    // Sizes as JSON text: {"items":["abcd",…50]} 363; {"value":"abcd","__IMTINDEX__":1,
    // "__IMTLENGTH__":50} 53 (the first five: one-digit indexes); {"v":"abcd"} 13.
    const flow = [
      hook(),
      { id: 2, module: 'builtin:BasicFeeder', mapper: { array: '{{1.items}}' } },
      { id: 3, module: 'test:Echo', mapper: { v: '{{2.value}}' } },
    ];
    const input = { items: Array.from({ length: 50 }, () => 'abcd') };
    const logLimits = { opsPerModule: 10, bundlesPerOp: 5 };
    // Hook 363; feeder 5 of 50 kept, 53 each; echo 10 of 50 operations kept, 13 each.
    const expected = 363 + 53 * 50 + 13 * 50;
    expect((await run(flow, { input, logLimits })).dataSize).toBe(expected);
    // A confidential run keeps no bundles, yet counts the same.
    const secret = await run(flow, { input, logLimits, scenario: { confidential: true } });
    expect(secret.dataSize).toBe(expected);
    // A bundle capped in the log counts at its full size.
    const big = await run([hook()], { input: { big: 'x'.repeat(20_000) } });
    expect(big.dataSize).toBe(2 + 3 + 4 + 20_002);
    expect(JSON.stringify(big.modules[0].ops[0].output).length).toBeLessThan(11_000);
  });

  test('an operation past the log limit that fails is logged with the input that broke it', async () => {
    const result = await run(
      [
        hook(),
        { id: 2, module: 'builtin:BasicFeeder', mapper: { array: '{{1.items}}' } },
        { id: 3, module: 'test:Fail', mapper: { when: '{{2.value = 13}}', n: '{{2.value}}' } },
      ],
      {
        input: { items: Array.from({ length: 20 }, (_, i) => i) },
        logLimits: { opsPerModule: 5, bundlesPerOp: 5 },
      },
    );
    const failing = result.modules.find((m) => m.id === 3)!;
    expect(failing.ops).toHaveLength(6);
    expect(failing.ops[5]).toMatchObject({
      index: 14,
      input: { when: true, n: 13 },
      error: { message: 'planned failure' },
    });
    expect(failing.omittedOps).toBe(8);
    expect(failing.errors).toBe(1);
  });

  test('a mapped value of the wrong type is a user error naming the field', async () => {
    const result = await run(
      [hook(), { id: 2, module: 'util:FunctionSleep', mapper: { duration: '{{1.d}}' } }],
      { input: { d: 'soon' } },
    );
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({
      kind: 'user',
      type: 'BundleValidationError',
      field: 'duration',
      message: 'duration: must be a number (got "soon")',
    });
  });

  test('a bug in a module is an internal error, not a crash', async () => {
    const result = await run([hook(), { id: 2, module: 'test:Bug' }], { input: {} });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ kind: 'internal', type: 'RuntimeError', moduleId: 2 });
  });

  test("invalid JSON is the user's error, naming the field", async () => {
    const result = await run([hook(), { id: 2, module: 'json:ParseJSON', mapper: { json: 'nope' } }], {
      input: {},
    });
    expect(result.error).toMatchObject({ kind: 'user', field: 'json' });
  });

  test('run once always does a single cycle', async () => {
    const result = await run([{ id: 1, module: 'test:Echo', mapper: {} }], {
      runOnce: true,
      scenario: { roundtrips: 4 },
    });
    expect(result.cycles).toBe(1);
    expect(outputsOf(result, 1)).toEqual([{}]);
  });

  test('an invalid scenario is refused with its issues', async () => {
    await expect(runScenario(compile([{ id: 1, module: 'nope:Nope' }]))).rejects.toThrow(
      /flow\[0\]\.module: unknown module "nope:Nope"/,
    );
  });
});
