import { InitialPostgres1795414141264 } from './1795414141264-initial.postgres';
import { InitialSqlite1795414141264 } from './1795414141264-initial.sqlite';

// Committed migrations, one list per database (their DDL differs); generate new ones with
// `npx tsx scripts/generate-migration.ts <Name>` and append them here in order.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const SQLITE_MIGRATIONS: Function[] = [InitialSqlite1795414141264];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const POSTGRES_MIGRATIONS: Function[] = [InitialPostgres1795414141264];
