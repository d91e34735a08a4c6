export * from './entities';
export * from './data-source';
export * from './columns';
export * from './hot-sql';
export { reclaimSqliteSpace, type ReclaimOptions } from './sqlite-reclaim';
export { preparedQuery, statementName } from './pg-prepared';
export { SqliteCheckpointer, type CheckpointStats } from './sqlite-checkpointer';
