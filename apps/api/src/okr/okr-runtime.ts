import { HttpException, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { KeyResultService, KeyResultView, ScenarioCheckIn } from '@integrator/apps/okr';
import { ModuleError, userError } from '@integrator/sdk';
import { RUNTIME_SERVICES, type RuntimeServices } from '../executions/runtime-services';
import { CheckInsService, type CheckInResult } from './check-ins.service';
import { KeyResultsService } from './key-results.service';

/** services.keyResults for the okr:* modules: scenario check-ins and reads, with module errors. */
@Injectable()
export class OkrRuntime implements KeyResultService, OnModuleInit {
  constructor(
    @Inject(RUNTIME_SERVICES) private readonly services: RuntimeServices,
    private readonly keyResults: KeyResultsService,
    private readonly checkIns: CheckInsService,
  ) {}

  onModuleInit(): void {
    this.services.keyResults = this;
  }

  async get(keyResultId: number | string): Promise<KeyResultView> {
    return moduleErrors(() => this.keyResults.get(idOf(keyResultId)));
  }

  async checkIn(input: ScenarioCheckIn): Promise<CheckInResult> {
    const id = idOf(input.keyResultId);
    if (typeof input.value !== 'number' || !Number.isFinite(input.value))
      throw userError('must be a finite number', 'value');
    const scenarioId = Number(input.scenarioId);
    return moduleErrors(() =>
      this.checkIns.record(id, {
        source: 'scenario',
        value: input.value,
        note: input.note ?? null,
        scenarioId: Number.isInteger(scenarioId) ? scenarioId : null,
        confirm: input.confirm ? { by: null } : undefined,
      }),
    );
  }
}

function idOf(value: number | string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1)
    throw userError(
      `${JSON.stringify(value)} is not a key result id`,
      'keyResult',
      'InvalidConfigurationError',
    );
  return id;
}

/** A missing key result is the scenario's configuration error, not a bug. */
async function moduleErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof HttpException && err.getStatus() === 404) {
      throw new ModuleError(`keyResult: ${err.message}`, {
        kind: 'user',
        type: 'InvalidConfigurationError',
        field: 'keyResult',
      });
    }
    throw err;
  }
}
