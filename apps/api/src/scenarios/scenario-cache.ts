import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { scenarioSettings, type Blueprint, type ScenarioSettings } from '@integrator/engine';
import { ScenarioEntity } from '@integrator/persistence';

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
}

/** How long another process's change (activation, a new version) may take to be seen here. */
const TTL_MS = 2_000;

/**
 * What every run and webhook request needs to know of a scenario, without a query each time.
 * This process's own changes invalidate at once; other processes' within the TTL.
 */
@Injectable()
export class ScenarioCache {
  private readonly entries = new Map<number, { at: number; value: CachedScenario | null }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(id: number): Promise<CachedScenario | null> {
    const hit = this.entries.get(id);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const row = await this.db.getRepository(ScenarioEntity).findOneBy({ id });
    const value = row ? toCached(row) : null;
    this.entries.set(id, { at: Date.now(), value });
    if (this.entries.size > 5000) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  invalidate(id: number): void {
    this.entries.delete(id);
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
  };
}
