import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Like, type DataSource, type EntityManager } from 'typeorm';
import {
  forRunOnce,
  hasFormatMarker,
  markerProblem,
  nextRuns,
  validateSchedule,
  withFormatMarker,
  type ModuleRegistry,
  type Schedule,
} from '@integrator/engine';
import {
  changes,
  ExecutionEntity,
  IncompleteExecutionEntity,
  ScenarioCounterEntity,
  ScenarioEntity,
  ScenarioVersionEntity,
  WebhookEntity,
} from '@integrator/persistence';
import type { AuthUser } from '../auth/current-user';
import { CLOCK, type ServerClock } from '../common/clock';
import { FieldsException } from '../common/errors.filter';
import { CompiledCache } from '../executions/compiled-cache';
import { OrganizationService } from '../organization/organization.service';
import { blueprintShapeErrors } from './blueprint-shape';
import { linkWebhook } from './webhook-link';
import { ScenarioCache } from './scenario-cache';
import { firstModuleOf, scheduleTexts } from './schedule-text';
import { MODULE_REGISTRY } from '../catalog/registry';
import { Dispatcher } from '../executions/dispatcher';
import { AuditLog } from '../teams/audit.service';
import { blueprintRefs, TeamReferences } from '../teams/team-references';

export interface ScenarioInput {
  name?: string;
  folder?: string;
  blueprint?: Record<string, unknown>;
  schedule?: Record<string, unknown> | null;
  inputSchema?: Record<string, unknown> | null;
}

const EMPTY_BLUEPRINT = { flow: [], metadata: { version: 1, scenario: {}, integrator: { format: 1 } } };

/** See ScenariosService.onSwitch. */
export type SwitchListener = (scenario: ScenarioEntity, on: boolean, origin?: string) => Promise<void>;

@Injectable()
export class ScenariosService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    private readonly cache: CompiledCache,
    private readonly organization: OrganizationService,
    private readonly dispatcher: Dispatcher,
    private readonly scenarioCache: ScenarioCache,
    private readonly references: TeamReferences,
    private readonly audit: AuditLog,
    @Inject(MODULE_REGISTRY) private readonly registry: ModuleRegistry,
  ) {}

  /** A saved version, and each connection this scenario uses now that it did not use before. */
  private async audited(
    user: AuthUser,
    row: ScenarioEntity,
    before: Record<string, unknown> | null,
  ): Promise<void> {
    const connections = (bp: unknown) =>
      new Set(
        blueprintRefs(bp)
          .filter((r) => r.kind === 'connection')
          .map((r) => r.id),
      );
    const old = before ? connections(before) : new Set<number>();
    const base = { actor: user, teamId: row.teamId, targetType: 'scenario', targetId: row.id };
    await this.audit.record({
      ...base,
      action: 'scenario.saved',
      details: { name: row.name, version: row.version },
    });
    for (const id of connections(row.blueprint))
      if (!old.has(id))
        await this.audit.record({
          ...base,
          action: 'connection.used',
          details: { connectionId: id, name: row.name },
        });
  }

  private get repo() {
    return this.db.getRepository(ScenarioEntity);
  }

  async list(query: { folder?: string; search?: string }, teamId: number) {
    const where: Record<string, unknown> = { teamId };
    if (query.folder !== undefined) where.folder = query.folder;
    if (query.search) where.name = Like(`%${query.search.replace(/[%_]/g, '')}%`);
    const rows = await this.repo.find({ where, order: { folder: 'ASC', name: 'ASC' } });
    return { items: rows.map((s) => this.summary(s)) };
  }

  async get(id: number) {
    return this.view(await this.find(id));
  }

  async find(id: number): Promise<ScenarioEntity> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new NotFoundException(`scenario ${id} not found`);
    return row;
  }

  async create(input: ScenarioInput & { name: string }, user: AuthUser, teamId: number) {
    const blueprint = this.checkedBlueprint(input.blueprint ?? { ...EMPTY_BLUEPRINT, name: input.name });
    await this.references.assertAllowed(blueprint, teamId);
    const schedule = this.checkedSchedule(input.schedule);
    const now = this.clock.now();
    const saved = await this.db.transaction(async (tx) => {
      const row = await tx.getRepository(ScenarioEntity).save(
        tx.getRepository(ScenarioEntity).create({
          name: input.name,
          folder: input.folder ?? '',
          blueprint: { ...blueprint, name: input.name },
          schedule,
          inputSchema: input.inputSchema ?? null,
          version: 1,
          invalid: this.cache.compile(blueprint).issues.length > 0,
          ownerId: user.id,
          teamId,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.saveVersion(tx, row, user.id);
      await linkWebhook(tx, row.id, row.blueprint);
      return row;
    });
    await this.audited(user, saved, null);
    return this.view(saved);
  }

  /** A changed blueprint is stored as a new version; an active scenario that became invalid is switched off, visibly. */
  async update(id: number, input: ScenarioInput, user: AuthUser) {
    const row = await this.find(id);
    const schedule = input.schedule === undefined ? undefined : this.checkedSchedule(input.schedule);
    const blueprint = input.blueprint ? this.checkedBlueprint(input.blueprint) : undefined;
    if (blueprint) await this.references.assertAllowed(blueprint, row.teamId);
    const before = row.blueprint;
    await this.db.transaction(async (tx) => {
      if (input.name !== undefined) row.name = input.name;
      if (input.folder !== undefined) row.folder = input.folder;
      if (schedule !== undefined) row.schedule = schedule;
      if (input.inputSchema !== undefined) row.inputSchema = input.inputSchema;
      if (blueprint && JSON.stringify(blueprint) !== JSON.stringify(row.blueprint)) {
        row.blueprint = blueprint;
        row.version += 1;
        row.invalid = this.cache.compile(blueprint).issues.length > 0;
        await this.saveVersion(tx, row, user.id);
        await linkWebhook(tx, row.id, blueprint);
        if (row.invalid && row.active)
          this.deactivate(
            row,
            'The saved blueprint has problems; fix them and switch the scenario on again.',
          );
      }
      row.updatedAt = this.clock.now();
      await tx.getRepository(ScenarioEntity).save(row);
    });
    this.scenarioCache.invalidate(id);
    // Back to "immediately": requests that waited for a scheduled run go now.
    if (schedule !== undefined && row.active) await this.dispatcher.kick(id);
    await this.audited(user, row, before);
    return this.view(row);
  }

  async remove(id: number): Promise<void> {
    const row = await this.find(id);
    // A scenario deleted while on is switched off first (its instant trigger's hook is removed).
    if (row.active) for (const listener of this.switchListeners) await listener(row, false);
    await this.db.transaction(async (tx) => {
      // Its runs' logs are in their rows: they go with them.
      await tx.getRepository(ExecutionEntity).delete({ scenarioId: id });
      await tx.getRepository(IncompleteExecutionEntity).delete({ scenarioId: id });
      await tx.getRepository(ScenarioVersionEntity).delete({ scenarioId: id });
      await tx.getRepository(ScenarioCounterEntity).delete({ scenarioId: id });
      await tx.getRepository(WebhookEntity).update({ scenarioId: id }, { scenarioId: null });
      await tx.getRepository(ScenarioEntity).remove(row);
    });
    this.scenarioCache.invalidate(id);
  }

  private readonly switchListeners: SwitchListener[] = [];

  /**
   * Called when a person switches a scenario on (before it is saved as on: a listener that
   * throws keeps it off, with the listener's error) or off (after; failures are the listener's).
   * Instant triggers register and remove their webhook at the service this way.
   */
  onSwitch(listener: SwitchListener): void {
    this.switchListeners.push(listener);
  }

  async activate(id: number, origin?: string) {
    const row = await this.find(id);
    const issues = this.cache.get(row.id, row.version, row.blueprint).issues;
    if (issues.length) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: 'the scenario has problems and cannot be switched on',
        fields: issues,
      });
    }
    for (const listener of this.switchListeners) await listener(row, true, origin);
    Object.assign(row, {
      active: true,
      activatedAt: this.clock.now(),
      consecutiveErrors: 0,
      deactivatedAt: null,
      deactivationReason: null,
      updatedAt: this.clock.now(),
    });
    await this.repo.save(row);
    this.scenarioCache.invalidate(row.id);
    await this.dispatcher.kick(row.id); // waiting webhook requests start draining
    return this.view(row);
  }

  async deactivateById(id: number) {
    const row = await this.find(id);
    row.active = false;
    row.updatedAt = this.clock.now();
    await this.repo.save(row);
    this.scenarioCache.invalidate(row.id);
    for (const listener of this.switchListeners) await listener(row, false);
    return this.view(row);
  }

  async versions(id: number) {
    await this.find(id);
    const rows = await this.db.getRepository(ScenarioVersionEntity).find({
      where: { scenarioId: id },
      select: { version: true, createdAt: true, createdBy: true },
      order: { version: 'DESC' },
    });
    return rows.map((v) => ({ version: v.version, createdAt: v.createdAt, createdBy: v.createdBy }));
  }

  /** Restoring saves the old blueprint as a new version (history is never rewritten). */
  async restore(id: number, version: number, user: AuthUser) {
    const old = await this.db.getRepository(ScenarioVersionEntity).findOneBy({ scenarioId: id, version });
    if (!old) throw new NotFoundException(`scenario ${id} has no version ${version}`);
    return this.update(id, { blueprint: old.blueprint }, user);
  }

  /** The blueprint as a file to import elsewhere; the schedule travels beside it. */
  async export(id: number) {
    const row = await this.find(id);
    return {
      ...withFormatMarker(row.blueprint),
      name: row.name,
      ...(row.schedule ? { scheduling: row.schedule } : {}),
    };
  }

  async nextRunTimes(id: number, count: number): Promise<string[]> {
    const row = await this.find(id);
    return this.upcoming(row.schedule, count, (await this.organization.get()).timezone);
  }

  /**
   * A blueprint to store, stamped with our format marker. One with the marker may be half-built
   * (its issues are kept with it); one without is taken as ours only when it is strictly valid,
   * since it may be a Make export, which only the import reads (never guessed from content).
   */
  checkedBlueprint(blueprint: Record<string, unknown>): Record<string, unknown> {
    const errors = blueprintShapeErrors(blueprint);
    if (errors.length) throw new FieldsException(errors);
    const problem = markerProblem(blueprint);
    if (problem)
      throw new FieldsException([{ path: 'blueprint.metadata.integrator.format', message: problem }]);
    if (!hasFormatMarker(blueprint)) {
      const issues = this.cache.compile(blueprint).issues;
      if (issues.length)
        throw new FieldsException([
          {
            path: 'blueprint.metadata.integrator.format',
            message:
              'is missing, and the blueprint is not valid in our format; a Make export goes to POST /api/scenarios/import',
          },
          ...issues.map((i) => ({ path: `blueprint.${i.path}`, message: i.message })),
        ]);
    }
    return withFormatMarker(blueprint);
  }

  /**
   * An unsaved blueprint to run once: its shape and its compile issues (unknown modules, bad
   * expressions…) are a 400 naming each field, before anything is stored.
   */
  checkedDraft(input: Record<string, unknown>): Record<string, unknown> {
    const blueprint = this.checkedBlueprint(input);
    // Run once runs with required module fields still empty, as Make does (see forRunOnce).
    const issues = forRunOnce(this.cache.compile(blueprint)).issues;
    if (issues.length)
      throw new FieldsException(
        issues.map((i) => ({ path: i.path ? `blueprint.${i.path}` : 'blueprint', message: i.message })),
      );
    return blueprint;
  }

  checkedSchedule(schedule: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
    if (schedule === null || schedule === undefined) return null;
    const { schedule: valid, issues } = validateSchedule(schedule);
    if (issues.length || !valid)
      throw new FieldsException(
        issues.map((i) => ({ path: i.path ? `schedule.${i.path}` : 'schedule', message: i.message })),
      );
    return valid as unknown as Record<string, unknown>;
  }

  private deactivate(row: ScenarioEntity, reason: string): void {
    row.active = false;
    row.deactivatedAt = this.clock.now();
    row.deactivationReason = reason;
  }

  private async saveVersion(tx: EntityManager, row: ScenarioEntity, userId: number): Promise<void> {
    await tx.getRepository(ScenarioVersionEntity).insert(
      changes<ScenarioVersionEntity>({
        scenarioId: row.id,
        version: row.version,
        blueprint: row.blueprint,
        createdBy: userId,
        createdAt: this.clock.now(),
      }),
    );
  }

  private upcoming(schedule: Record<string, unknown> | null, count: number, zone: string): string[] {
    if (!schedule) return [];
    try {
      return nextRuns(schedule as unknown as Schedule, this.clock.now(), count, zone).map((t) =>
        new Date(t).toISOString(),
      );
    } catch {
      return [];
    }
  }

  summary(s: ScenarioEntity) {
    return {
      id: s.id,
      name: s.name,
      folder: s.folder,
      active: s.active,
      invalid: s.invalid,
      schedule: s.schedule,
      ...scheduleTexts(
        s.schedule,
        this.registry.get(firstModuleOf(s.blueprint))?.instant === true,
        s.blueprint,
      ),
      version: s.version,
      lastRun: s.lastExecutionId
        ? { executionId: s.lastExecutionId, status: s.lastStatus, at: s.lastRunAt }
        : null,
      deactivation: s.deactivatedAt ? { at: s.deactivatedAt, reason: s.deactivationReason } : null,
      consecutiveErrors: s.consecutiveErrors,
      updatedAt: s.updatedAt,
    };
  }

  private async view(s: ScenarioEntity) {
    const issues = this.cache.get(s.id, s.version, s.blueprint).issues;
    const zone = (await this.organization.get()).timezone;
    return {
      ...this.summary(s),
      blueprint: s.blueprint,
      inputSchema: s.inputSchema,
      issues,
      nextRuns: this.upcoming(s.schedule, 5, zone),
      ownerId: s.ownerId,
      createdAt: s.createdAt,
    };
  }
}
