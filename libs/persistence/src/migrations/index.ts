import { UnfinishedExecutionsPostgres1796441159293 } from './1796441159293-unfinished-executions.postgres';
import { UnfinishedExecutionsSqlite1796441159293 } from './1796441159293-unfinished-executions.sqlite';
import { ExecutionSizesPostgres1796450000000 } from './1796450000000-execution-sizes.postgres';
import { ExecutionSizesSqlite1796450000000 } from './1796450000000-execution-sizes.sqlite';
import { ExecutionLogsInlinePostgres1796460000000 } from './1796460000000-execution-logs-inline.postgres';
import { ExecutionLogsInlineSqlite1796460000000 } from './1796460000000-execution-logs-inline.sqlite';
import { StateVersionsPostgres1795425000000 } from './1795425000000-state-versions.postgres';
import { StateVersionsSqlite1795425000000 } from './1795425000000-state-versions.sqlite';
import { ScenarioCountersPostgres1796412109668 } from './1796412109668-scenario-counters.postgres';
import { ScenarioCountersSqlite1796412109668 } from './1796412109668-scenario-counters.sqlite';
import { MailHooksPostgres1796412332792 } from './1796412332792-mail-hooks.postgres';
import { MailHooksSqlite1796412332792 } from './1796412332792-mail-hooks.sqlite';
import { TeamsPostgres1795450000000 } from './1795450000000-teams.postgres';
import { TeamsSqlite1795450000000 } from './1795450000000-teams.sqlite';
import { RetentionLimitsPostgres1796420000000 } from './1796420000000-retention-limits.postgres';
import { RetentionLimitsSqlite1796420000000 } from './1796420000000-retention-limits.sqlite';
import { ConfidentialRunsPostgres1795421947219 } from './1795421947219-confidential-runs.postgres';
import { ConfidentialRunsSqlite1795421947219 } from './1795421947219-confidential-runs.sqlite';
import { DraftRunsPostgres1795420927017 } from './1795420927017-draft-runs.postgres';
import { DraftRunsSqlite1795420927017 } from './1795420927017-draft-runs.sqlite';
import { ExecutionsByCreationPostgres1795419132482 } from './1795419132482-executions-by-creation.postgres';
import { ExecutionsByCreationSqlite1795419132482 } from './1795419132482-executions-by-creation.sqlite';
import { OkrPostgres1795415935679 } from './1795415935679-okr.postgres';
import { OkrSqlite1795415935679 } from './1795415935679-okr.sqlite';
import { WorkersPostgres1795415898279 } from './1795415898279-workers.postgres';
import { WorkersSqlite1795415898279 } from './1795415898279-workers.sqlite';
import { AppConnectorsPostgres1795415218764 } from './1795415218764-app-connectors.postgres';
import { AppConnectorsSqlite1795415218764 } from './1795415218764-app-connectors.sqlite';
import { RetryLinkAndCustomConnectorsPostgres1795415165931 } from './1795415165931-retry-link-and-custom-connectors.postgres';
import { RetryLinkAndCustomConnectorsSqlite1795415165931 } from './1795415165931-retry-link-and-custom-connectors.sqlite';
import { InitialPostgres1795414366524 } from './1795414366524-initial.postgres';
import { InitialSqlite1795414366524 } from './1795414366524-initial.sqlite';
import { BlueprintFormatMarkerPostgres1795430000000 } from './1795430000000-blueprint-format-marker.postgres';
import { BlueprintFormatMarkerSqlite1795430000000 } from './1795430000000-blueprint-format-marker.sqlite';
import { SecurityPostgres1795440000000 } from './1795440000000-security.postgres';
import { SecuritySqlite1795440000000 } from './1795440000000-security.sqlite';
import { HookSecretsPostgres1796430000000 } from './1796430000000-hook-secrets.postgres';
import { HookSecretsSqlite1796430000000 } from './1796430000000-hook-secrets.sqlite';
import { HookSamplesPostgres1796440000000 } from './1796440000000-hook-samples.postgres';
import { HookSamplesSqlite1796440000000 } from './1796440000000-hook-samples.sqlite';
import { TriggerStatesPostgres1796416295299 } from './1796416295299-trigger-states.postgres';
import { TriggerStatesSqlite1796416295299 } from './1796416295299-trigger-states.sqlite';

// Committed migrations, one list per database (their DDL differs). Generate new ones with
// `npx tsx scripts/generate-migration.ts <Name>`, which also appends them here.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const SQLITE_MIGRATIONS: Function[] = [
  InitialSqlite1795414366524,
  RetryLinkAndCustomConnectorsSqlite1795415165931,
  AppConnectorsSqlite1795415218764,
  WorkersSqlite1795415898279,
  OkrSqlite1795415935679,
  ExecutionsByCreationSqlite1795419132482,
  DraftRunsSqlite1795420927017,
  ConfidentialRunsSqlite1795421947219,
  StateVersionsSqlite1795425000000,
  ScenarioCountersSqlite1796412109668,
  BlueprintFormatMarkerSqlite1795430000000,
  SecuritySqlite1795440000000,
  MailHooksSqlite1796412332792,
  TeamsSqlite1795450000000,
  TriggerStatesSqlite1796416295299,
  RetentionLimitsSqlite1796420000000,
  HookSecretsSqlite1796430000000,
  HookSamplesSqlite1796440000000,
  UnfinishedExecutionsSqlite1796441159293,
  ExecutionSizesSqlite1796450000000,
  ExecutionLogsInlineSqlite1796460000000,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const POSTGRES_MIGRATIONS: Function[] = [
  InitialPostgres1795414366524,
  RetryLinkAndCustomConnectorsPostgres1795415165931,
  AppConnectorsPostgres1795415218764,
  WorkersPostgres1795415898279,
  OkrPostgres1795415935679,
  ExecutionsByCreationPostgres1795419132482,
  DraftRunsPostgres1795420927017,
  ConfidentialRunsPostgres1795421947219,
  StateVersionsPostgres1795425000000,
  ScenarioCountersPostgres1796412109668,
  BlueprintFormatMarkerPostgres1795430000000,
  SecurityPostgres1795440000000,
  MailHooksPostgres1796412332792,
  TeamsPostgres1795450000000,
  TriggerStatesPostgres1796416295299,
  RetentionLimitsPostgres1796420000000,
  HookSecretsPostgres1796430000000,
  HookSamplesPostgres1796440000000,
  UnfinishedExecutionsPostgres1796441159293,
  ExecutionSizesPostgres1796450000000,
  ExecutionLogsInlinePostgres1796460000000,
];
