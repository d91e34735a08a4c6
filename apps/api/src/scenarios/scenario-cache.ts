import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { scenarioSettings, type Blueprint, type ScenarioSettings } from '@integrator/engine';
import { ScenarioEntity } from '@integrator/persistence';
import { SharedState } from '../common/shared-state';
import { holdsRequests } from '../scheduler/time-schedule';

export interface CachedScenario {
  id: number;
  name: string;
  active: boolean;
  version: number;
  blueprint: Record<string, unknown>;
  settings: ScenarioSettings;
  ownerId: number | null;
  /** The owning team: a run may use only this team's records (re-checked every run). */
  teamId: number;
  consecutiveErrors: number;
  /** The blueprint answers webhook callers itself (a webhook response module). */
  hasResponder: boolean;
  /** A time schedule or "On demand": webhook requests wait in the queue for a run to take them. */
  queuesRequests: boolean;
}

/** A last bound on staleness should a change's announcement be lost altogether. */
const TTL_MS = 2_000;

/**
 * What every run and webhook request needs to know of a scenario, without a query each time.
 * A change (an edit, activation, an error count) drops the entry in every process (SharedState).
 */
@Injectable()
export class ScenarioCache {
  private readonly entries = new Map<number, { at: number; value: CachedScenario | null }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly shared: SharedState,
  ) {
    shared.on('scenario', (id) => (id === undefined ? this.entries.clear() : this.entries.delete(id)));
  }

  async get(id: number): Promise<CachedScenario | null> {
    const hit = this.entries.get(id);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const row = await this.db.getRepository(ScenarioEntity).findOneBy({ id });
    const value = row ? toCached(row) : null;
    this.entries.set(id, { at: Date.now(), value });
    if (this.entries.size > 5000) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** After the scenario's row changed: dropped here at once, in other processes when they hear of it. */
  invalidate(id: number): void {
    this.entries.delete(id);
    this.shared.announce('scenario', id);
  }
}

function toCached(row: ScenarioEntity): CachedScenario {
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    version: row.version,
    blueprint: row.blueprint,
    settings: scenarioSettings(row.blueprint as unknown as Blueprint),
    ownerId: row.ownerId,
    teamId: row.teamId,
    consecutiveErrors: row.consecutiveErrors,
    hasResponder: JSON.stringify(row.blueprint).includes('"gateway:WebhookRespond"'),
    queuesRequests: holdsRequests(row.schedule),
  };
}
