import type { ValueTransformer } from 'typeorm';

// One schema for SQLite and PostgreSQL: timestamps are epoch milliseconds in a bigint column
// (pg returns bigint as text, hence the transformer), JSON is text (simple-json) in both.

export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

export const timestampColumn = { type: 'bigint', transformer: epochMs } as const;
export const nullableTimestampColumn = { type: 'bigint', transformer: epochMs, nullable: true } as const;
