import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataStoresService } from '../datastores/datastores.service';
import { FieldsException } from '../common/errors.filter';
import { ExecutionsService } from '../executions/executions.service';
import { ScenariosService } from '../scenarios/scenarios.service';
import type { AppAccess } from './app-access.service';
import { InputSchemas, InvalidInputSchema } from './input-schema';

/** What an app token may do: run allowed, active scenarios and read allowed data stores. */
@Injectable()
export class AppApiService {
  private readonly schemas = new InputSchemas();

  constructor(
    private readonly scenarios: ScenariosService,
    private readonly executions: ExecutionsService,
    private readonly stores: DataStoresService,
  ) {}

  /** The scenario's input JSON Schema ({} when it declares none: any input). */
  async schema(caller: AppAccess, scenarioId: number) {
    const scenario = await this.allowedScenario(caller, scenarioId);
    return scenario.inputSchema ?? {};
  }

  async run(caller: AppAccess, scenarioId: number, input: unknown, wait: boolean) {
    const scenario = await this.allowedScenario(caller, scenarioId);
    if (!scenario.active) {
      throw new ConflictException(
        `scenario ${scenarioId} is not active; only active scenarios run through the app API (switch it on first)`,
      );
    }
    const value = input === undefined ? {} : input;
    if (scenario.inputSchema) this.checkInput(scenario.inputSchema, value);
    const run = { scenarioId, version: scenario.version, trigger: 'api', input: value };
    return wait ? this.executions.startAndWait(run) : { executionId: await this.executions.start(run) };
  }

  async records(caller: AppAccess, dataStoreId: number, skip: number, take: number) {
    const store = caller.connector.dataStoreIds.includes(dataStoreId)
      ? await this.stores.teamOf(dataStoreId)
      : undefined;
    if (store !== caller.connector.teamId) {
      throw new ForbiddenException(`this app connector may not read data store ${dataStoreId}`);
    }
    return this.stores.records(dataStoreId, skip, take);
  }

  private async allowedScenario(caller: AppAccess, scenarioId: number) {
    const scenario = caller.connector.scenarioIds.includes(scenarioId)
      ? await this.scenarios.find(scenarioId).catch(() => null)
      : null;
    // Checked on every call: a scenario moved to another team since it was allowed is refused.
    if (!scenario || scenario.teamId !== caller.connector.teamId) {
      throw new ForbiddenException(`this app connector may not run scenario ${scenarioId}`);
    }
    return scenario;
  }

  private checkInput(schema: Record<string, unknown>, input: unknown): void {
    try {
      const problems = this.schemas.check(schema, input);
      if (problems.length) throw new FieldsException(problems);
    } catch (err) {
      // The caller cannot fix a broken schema: say whose it is.
      if (err instanceof InvalidInputSchema) throw new ConflictException(err.message);
      throw err;
    }
  }
}
