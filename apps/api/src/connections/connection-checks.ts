import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import type { CompiledScenario, RunResult } from '@integrator/engine';
import { ConnectionEntity } from '@integrator/persistence';

/** A run marks a connection as working at most this often (the hot path stays one query lighter). */
const MARK_EVERY_MS = 10 * 60_000;

/**
 * "Verified" from use, as in Make: a module that used a connection and ran without error shows
 * the credentials work, so the connection's last verified time moves (and a failed check is
 * cleared). Written after the run is recorded, at most every few minutes per connection.
 */
@Injectable()
export class ConnectionChecks {
  private readonly marked = new Map<number, number>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async afterRun(compiled: CompiledScenario, result: RunResult, now: number): Promise<void> {
    const ids = new Set<number>();
    for (const log of result.modules) {
      if (!log.operations || log.errors) continue;
      const params = compiled.modules.get(log.id)?.parameters;
      const id = Number(params?.connection ?? params?.__IMTCONN__);
      if (Number.isInteger(id) && id > 0 && now - (this.marked.get(id) ?? 0) >= MARK_EVERY_MS) ids.add(id);
    }
    if (!ids.size) return;
    for (const id of ids) this.marked.set(id, now);
    if (this.marked.size > 10_000) this.marked.clear();
    await this.db
      .getRepository(ConnectionEntity)
      .update({ id: In([...ids]) }, { verifiedAt: now, status: 'ok', statusMessage: '' });
  }

  /** After a failed check this process marks the connection again on its next good run. */
  forget(id: number): void {
    this.marked.delete(id);
  }
}

/** A check's message with every secret value of the credentials blanked out. */
export function withoutSecrets(message: string, secrets: Record<string, unknown>): string {
  let out = message;
  for (const value of Object.values(secrets)) {
    const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
    if (text.length >= 4) out = out.split(text).join('•••');
  }
  return out;
}
