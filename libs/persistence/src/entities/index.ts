import { AppConnectorEntity, AppOtpEntity, AppTokenEntity, OutboxMailEntity } from './app-connector.entity';
import { ConnectionEntity } from './connection.entity';
import { CustomConnectorEntity } from './custom-connector.entity';
import { DataStoreEntity, DataStoreRecordEntity } from './datastore.entity';
import { ExecutionEntity, IncompleteExecutionEntity } from './execution.entity';
import { CheckInEntity, KeyResultEntity, ObjectiveEntity } from './okr.entity';
import { OrganizationEntity } from './organization.entity';
import { ScenarioEntity, ScenarioVersionEntity } from './scenario.entity';
import { SessionEntity, UserEntity, UserGroupEntity } from './user.entity';
import { AuditEventEntity, ConnectionShareEntity, TeamEntity, TeamMemberEntity } from './team.entity';
import { WebhookEntity, WebhookRequestEntity } from './webhook.entity';
import { StateVersionEntity, WorkerEntity } from './worker.entity';
import { ScenarioCounterEntity } from './counter.entity';
import { KeyCheckEntity, LoginFailureEntity, WebhookIdempotencyEntity } from './security.entity';
import { ScenarioTriggerStateEntity } from './trigger-state.entity';

export * from './app-connector.entity';
export * from './connection.entity';
export * from './custom-connector.entity';
export * from './datastore.entity';
export * from './execution.entity';
export * from './okr.entity';
export * from './organization.entity';
export * from './scenario.entity';
export * from './user.entity';
export * from './team.entity';
export * from './webhook.entity';
export * from './worker.entity';
export * from './counter.entity';
export * from './security.entity';
export * from './trigger-state.entity';

// Features add their entities here (and a migration for each database).
export const ENTITIES = [
  UserEntity,
  UserGroupEntity,
  SessionEntity,
  OrganizationEntity,
  ScenarioEntity,
  ScenarioVersionEntity,
  ConnectionEntity,
  ExecutionEntity,
  IncompleteExecutionEntity,
  DataStoreEntity,
  DataStoreRecordEntity,
  WebhookEntity,
  WebhookRequestEntity,
  WorkerEntity,
  CustomConnectorEntity,
  AppConnectorEntity,
  AppTokenEntity,
  AppOtpEntity,
  OutboxMailEntity,
  ObjectiveEntity,
  KeyResultEntity,
  CheckInEntity,
  StateVersionEntity,
  ScenarioCounterEntity,
  KeyCheckEntity,
  LoginFailureEntity,
  WebhookIdempotencyEntity,
  TeamEntity,
  TeamMemberEntity,
  ConnectionShareEntity,
  AuditEventEntity,
  ScenarioTriggerStateEntity,
];
