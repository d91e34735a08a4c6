import { builtinApps } from '@integrator/apps/builtin';
import {
  compileBlueprint,
  FakeClock,
  ModuleRegistry,
  runScenario,
  type ModuleNode,
  type RunResult,
} from '@integrator/engine';
import { ModuleError } from '@integrator/sdk';
import {
  keyResultProgress,
  okrApp,
  type CheckInView,
  type KeyResultService,
  type KeyResultView,
  type ScenarioCheckIn,
} from '../src';

// The OKR modules in real scenarios: a webhook (module 1) emits the input, module 2 is an OKR
// module. The key results live in a small in-memory service that keeps the same contract as the
// server's (pending unless confirmed; only confirmed check-ins move the key result).

const registry = new ModuleRegistry([...builtinApps, okrApp]);
const NOW = Date.UTC(2026, 1, 2, 9);

class MemoryKeyResults implements KeyResultService {
  readonly checkIns: CheckInView[] = [];
  constructor(readonly keyResult: KeyResultView) {}

  async get(id: number | string): Promise<KeyResultView> {
    if (Number(id) !== this.keyResult.id)
      throw new ModuleError(`key result ${id} does not exist`, { kind: 'user', field: 'keyResult' });
    return { ...this.keyResult };
  }

  async checkIn(input: ScenarioCheckIn) {
    const kr = await this.get(input.keyResultId);
    const def = { type: 'increase', startValue: kr.startValue!, targetValue: kr.targetValue! } as const;
    const progress = keyResultProgress(def, [{ value: input.value, date: '2026-02-02', takenAt: NOW }]);
    const checkIn: CheckInView = {
      id: this.checkIns.length + 1,
      keyResultId: kr.id,
      value: input.value,
      takenAt: NOW,
      source: 'scenario',
      status: input.confirm ? 'confirmed' : 'pending',
      progress,
      createdBy: null,
      confirmedBy: null,
      confirmedAt: input.confirm ? NOW : null,
      discardedBy: null,
      discardedAt: null,
      note: input.note ?? null,
      failureReason: null,
      scenarioId: input.scenarioId === undefined ? null : Number(input.scenarioId),
      createdAt: NOW,
    };
    this.checkIns.push(checkIn);
    if (input.confirm) Object.assign(this.keyResult, { currentValue: input.value, progress });
    return { checkIn, keyResult: { ...this.keyResult } };
  }
}

function revenue(): KeyResultView {
  return {
    id: 7,
    objectiveId: 1,
    name: 'MRR to 20k',
    ownerId: 1,
    periodStart: '2026-01-01',
    periodEnd: '2026-03-31',
    type: 'increase',
    controlType: null,
    progressMethod: null,
    checkInFrequency: { type: 'weekly', weekday: 5 },
    startValue: 10000,
    targetValue: 20000,
    lowerLimit: null,
    upperLimit: null,
    unit: 'EUR',
    currentValue: 10000,
    progress: 0,
    plannedCheckIns: 13,
    connectorId: null,
    autoConfirm: false,
    createdAt: NOW,
    updatedAt: NOW,
  };
}

async function run(
  node: Omit<ModuleNode, 'id' | 'version'>,
  input: unknown,
  service?: KeyResultService,
): Promise<RunResult> {
  const flow: ModuleNode[] = [
    { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: {} },
    { id: 2, version: 1, ...node },
  ];
  const compiled = compileBlueprint({ name: 'okr test', flow, metadata: { scenario: {} } }, registry);
  if (compiled.issues.length)
    throw new Error(compiled.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return runScenario(compiled, {
    input,
    scenarioId: 42,
    clock: new FakeClock(NOW, { autoAdvance: true }),
    services: service ? { keyResults: service } : {},
  });
}

const output = (result: RunResult) =>
  result.modules.find((m) => m.id === 2)?.ops[0]?.output?.[0] as Record<string, unknown>;

describe('okr:checkIn', () => {
  test('feeds a key result from the scenario, pending review by default', async () => {
    const service = new MemoryKeyResults(revenue());
    const result = await run(
      {
        module: 'okr:checkIn',
        parameters: { keyResult: 7 },
        mapper: { value: '{{1.mrr}}', note: 'ProfitWell MRR' },
      },
      { mrr: '15000' },
      service,
    );
    expect(result.status).toBe('success');
    expect(output(result)).toMatchObject({
      status: 'pending',
      value: 15000,
      progress: 50,
      note: 'ProfitWell MRR',
      scenarioId: 42,
      keyResult: { progress: 0 },
    });
    expect(service.keyResult.currentValue).toBe(10000);
  });

  test('confirm directly updates the key result; the id may come as text', async () => {
    const service = new MemoryKeyResults(revenue());
    const result = await run(
      {
        module: 'okr:checkIn',
        parameters: { keyResult: '7' },
        mapper: { value: '{{1.mrr}}', confirm: true },
      },
      { mrr: 17500 },
      service,
    );
    expect(output(result)).toMatchObject({
      status: 'confirmed',
      progress: 75,
      keyResult: { currentValue: 17500, progress: 75 },
    });
  });

  test('a value that is not a number is the user’s error naming the field', async () => {
    const service = new MemoryKeyResults(revenue());
    const result = await run(
      { module: 'okr:checkIn', parameters: { keyResult: 7 }, mapper: { value: '{{1.mrr}}' } },
      { mrr: 'lots' },
      service,
    );
    expect(result.error).toMatchObject({ kind: 'user', moduleId: 2 });
    expect(result.error?.message).toMatch(/^value: must be a number/);
    expect(service.checkIns).toHaveLength(0);
  });

  test('an unknown key result, and a runtime without the service', async () => {
    const unknown = await run(
      { module: 'okr:checkIn', parameters: { keyResult: 8 }, mapper: { value: 1 } },
      {},
      new MemoryKeyResults(revenue()),
    );
    expect(unknown.error).toMatchObject({ kind: 'user', message: 'key result 8 does not exist' });
    const none = await run({ module: 'okr:checkIn', parameters: { keyResult: 7 }, mapper: { value: 1 } }, {});
    expect(none.error).toMatchObject({
      kind: 'internal',
      message: expect.stringMatching(/key results are not available/),
    });
  });

  test('the key result is required', () => {
    const flow: ModuleNode[] = [
      { id: 1, module: 'okr:checkIn', version: 1, parameters: {}, mapper: { value: 1 } },
    ];
    const compiled = compileBlueprint({ name: 'x', flow, metadata: { scenario: {} } }, registry);
    expect(compiled.issues).toEqual([
      expect.objectContaining({ message: 'is required', path: expect.stringContaining('keyResult') }),
    ]);
  });
});

test('okr:getKeyResult reads one', async () => {
  const result = await run(
    { module: 'okr:getKeyResult', parameters: { keyResult: 7 } },
    {},
    new MemoryKeyResults(revenue()),
  );
  expect(output(result)).toMatchObject({
    id: 7,
    name: 'MRR to 20k',
    currentValue: 10000,
    progress: 0,
    unit: 'EUR',
  });
});
