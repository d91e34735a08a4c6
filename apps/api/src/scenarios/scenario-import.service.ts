import { Inject, Injectable } from '@nestjs/common';
import {
  BlueprintImportError,
  importBlueprint,
  parseJsonText,
  type ImportResult,
  type ModuleRegistry,
} from '@integrator/engine';
import type { AuthUser } from '../auth/current-user';
import { MODULE_REGISTRY } from '../catalog/registry';
import { FieldsException } from '../common/errors.filter';
import { blueprintShapeErrors } from './blueprint-shape';
import type { ImportScenarioDto } from './scenarios.dto';
import { ScenariosService } from './scenarios.service';

/**
 * Imports our own export (it carries the format marker; never converted) or one from Make (no
 * marker; always converted): structure kept, unknown modules kept, whatever did not carry over
 * reported and written on its module.
 */
@Injectable()
export class ScenarioImportService {
  constructor(
    @Inject(MODULE_REGISTRY) private readonly registry: ModuleRegistry,
    private readonly scenarios: ScenariosService,
  ) {}

  async import(dto: ImportScenarioDto, user: AuthUser, teamId: number) {
    const document = documentOf(dto.blueprint);
    const shape = blueprintShapeErrors(document);
    if (shape.length) throw new FieldsException(shape);
    const { blueprint, scheduling, report } = this.converted(document);
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

  private converted(document: unknown): ImportResult {
    try {
      return importBlueprint(document, this.registry);
    } catch (err) {
      if (err instanceof BlueprintImportError)
        throw new FieldsException([
          { path: `blueprint.${err.path}`, message: err.message.slice(err.path.length + 2) },
        ]);
      throw err;
    }
  }
}

function documentOf(blueprint: Record<string, unknown> | string): unknown {
  if (typeof blueprint !== 'string') return blueprint;
  try {
    return parseJsonText(blueprint);
  } catch (err) {
    throw new FieldsException([
      { path: 'blueprint', message: `is not valid JSON (${(err as Error).message})` },
    ]);
  }
}
