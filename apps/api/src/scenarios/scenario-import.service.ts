import { Inject, Injectable } from '@nestjs/common';
import { importBlueprint, type ModuleRegistry } from '@integrator/engine';
import type { AuthUser } from '../auth/current-user';
import { MODULE_REGISTRY } from '../catalog/registry';
import { FieldsException } from '../common/errors.filter';
import { blueprintShapeErrors } from './blueprint-shape';
import type { ImportScenarioDto } from './scenarios.dto';
import { ScenariosService } from './scenarios.service';

/** Imports our own export or one from Make: structure kept, unknown modules kept and reported. */
@Injectable()
export class ScenarioImportService {
  constructor(
    @Inject(MODULE_REGISTRY) private readonly registry: ModuleRegistry,
    private readonly scenarios: ScenariosService,
  ) {}

  async import(dto: ImportScenarioDto, user: AuthUser, teamId: number) {
    const shape = blueprintShapeErrors(dto.blueprint);
    if (shape.length) throw new FieldsException(shape);
    const { blueprint, scheduling, report } = importBlueprint(dto.blueprint, this.registry);
    const name =
      dto.name ??
      (typeof blueprint.name === 'string' && blueprint.name ? blueprint.name : 'Imported scenario');
    let schedule: Record<string, unknown> | null = null;
    try {
      schedule = this.scenarios.checkedSchedule(scheduling as Record<string, unknown> | undefined);
    } catch {
      report.notes.push(
        'the schedule of the file could not be read; the scenario runs on demand until you set one',
      );
    }
    const scenario = await this.scenarios.create(
      { name, folder: dto.folder, blueprint: blueprint as unknown as Record<string, unknown>, schedule },
      user,
      teamId,
    );
    return { scenario, report };
  }
}
