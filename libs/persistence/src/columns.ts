import type { ValueTransformer } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

// One schema for SQLite and PostgreSQL: timestamps are epoch milliseconds in a bigint column
// (pg returns bigint as text, hence the transformer), JSON is text (simple-json) in both.

export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

export const timestampColumn = { type: 'bigint', transformer: epochMs } as const;
export const nullableTimestampColumn = { type: 'bigint', transformer: epochMs, nullable: true } as const;

/**
 * TypeORM's update() types JSON columns of type Record<string, unknown> as deep partials that
 * plain objects do not satisfy; this states once that a partial entity is a valid update.
 */
export function changes<T>(partial: Partial<T>): QueryDeepPartialEntity<T> {
  return partial as QueryDeepPartialEntity<T>;
}
