import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Plain parameterised SQL for the statements every run executes (store the queued run, claim
 * it, record its result). TypeORM's query builder costs more than SQLite itself here; these
 * statements are written once, for both databases (`?` becomes `$n` on PostgreSQL).
 */
export class HotSql {
  private readonly postgres: boolean;
  private readonly cache = new Map<string, string>();

  constructor(dataSource: DataSource) {
    this.postgres = dataSource.options.type === 'postgres';
  }

  text(sql: string): string {
    if (!this.postgres) return sql;
    let cached = this.cache.get(sql);
    if (!cached) {
      let n = 0;
      cached = sql.replace(/\?/g, () => `$${++n}`);
      this.cache.set(sql, cached);
    }
    return cached;
  }

  /** Runs a statement; returns rows for SELECT, and how many rows changed for writes. */
  async run(on: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<{ rows: Array<Record<string, unknown>>; affected: number }> {
    const inTransaction = (on as EntityManager).queryRunner;
    const runner: QueryRunner = inTransaction ?? (on as DataSource).createQueryRunner();
    try {
      const result = await runner.query(this.text(sql), params, true);
      return { rows: Array.isArray(result.records) ? (result.records as Array<Record<string, unknown>>) : [], affected: result.affected ?? 0 };
    } finally {
      if (!inTransaction) await runner.release();
    }
  }
}
