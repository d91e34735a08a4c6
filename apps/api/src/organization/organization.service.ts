import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OrganizationEntity } from '@integrator/persistence';
import { CLOCK, type ServerClock } from '../common/clock';
import { SharedState } from '../common/shared-state';

export interface OrganizationSettings {
  name: string;
  timezone: string;
  integrations: Record<string, boolean>;
  privateNetworkGuard: boolean;
  executionRetentionDays: number;
  /** Runs kept per scenario (0 = no limit). */
  executionRetentionCount: number;
  /** Bytes of history kept in all (0 = no limit). */
  executionRetentionBytes: number;
}

export const DEFAULT_RETENTION_COUNT = 10_000;
export const DEFAULT_RETENTION_BYTES = 1_073_741_824;

/** Organisation-wide settings, cached in memory (read on every run), written through, dropped in every process on change. */
@Injectable()
export class OrganizationService {
  private cache: OrganizationSettings | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    private readonly shared: SharedState,
  ) {
    shared.on('organization', () => this.forget());
  }

  async get(): Promise<OrganizationSettings> {
    if (this.cache) return this.cache;
    const repo = this.db.getRepository(OrganizationEntity);
    let row = await repo.findOneBy({ id: 1 });
    if (!row) {
      row = repo.create({
        id: 1,
        name: 'My organisation',
        timezone: 'UTC',
        integrations: {},
        privateNetworkGuard: false,
        executionRetentionDays: 30,
        executionRetentionCount: DEFAULT_RETENTION_COUNT,
        executionRetentionBytes: DEFAULT_RETENTION_BYTES,
        updatedAt: this.clock.now(),
      });
      await repo.save(row);
    }
    this.cache = view(row);
    return this.cache;
  }

  async update(patch: Partial<OrganizationSettings>): Promise<OrganizationSettings> {
    const current = await this.get();
    // Fields left out of the request (undefined after validation) keep their value.
    const given = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined),
    ) as Partial<OrganizationSettings>;
    const integrations = Object.fromEntries(
      Object.entries(patch.integrations ?? {}).filter(([, v]) => v !== undefined),
    ) as Record<string, boolean>;
    const next = { ...current, ...given, integrations: { ...current.integrations, ...integrations } };
    // Nothing changes (an empty PUT): nothing is written, not even the time of the change.
    if (JSON.stringify(next) === JSON.stringify(current)) return current;
    await this.db.getRepository(OrganizationEntity).save({ id: 1, ...next, updatedAt: this.clock.now() });
    await this.shared.changed('organization');
    this.cache = next;
    return next;
  }

  async integrationEnabled(name: string): Promise<boolean> {
    return (await this.get()).integrations[name] === true;
  }

  /** Another process changed the settings (SharedState calls this). */
  forget(): void {
    this.cache = undefined;
  }
}

function view(row: OrganizationEntity): OrganizationSettings {
  return {
    name: row.name,
    timezone: row.timezone,
    integrations: row.integrations ?? {},
    privateNetworkGuard: row.privateNetworkGuard,
    executionRetentionDays: row.executionRetentionDays,
    executionRetentionCount: row.executionRetentionCount,
    executionRetentionBytes: row.executionRetentionBytes,
  };
}
