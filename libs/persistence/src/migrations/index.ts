import { InitialPostgres1795414366524 } from './1795414366524-initial.postgres';
import { InitialSqlite1795414366524 } from './1795414366524-initial.sqlite';

// Committed migrations, one list per database (their DDL differs). Generate new ones with
// `npx tsx scripts/generate-migration.ts <Name>`, which also appends them here.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const SQLITE_MIGRATIONS: Function[] = [InitialSqlite1795414366524];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const POSTGRES_MIGRATIONS: Function[] = [InitialPostgres1795414366524];
