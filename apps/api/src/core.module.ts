import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { createRegistry, MODULE_REGISTRY } from './catalog/registry';
import { CLOCK, serverClock } from './common/clock';
import { ErrorsFilter } from './common/errors.filter';
import { SharedState } from './common/shared-state';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ConnectionsService } from './connections/connections.service';
import { ConnectionChecks } from './connections/connection-checks';
import { vaultProvider } from './connections/vault.provider';
import { DataStoresService } from './datastores/datastores.service';
import { CompiledCache } from './executions/compiled-cache';
import { ScenarioCounters } from './executions/counters';
import { ScenarioTriggerStates } from './executions/trigger-states';
import { Dispatcher } from './executions/dispatcher';
import { RunEventBus } from './executions/events';
import { ExecutionsService } from './executions/executions.service';
import { HttpClients } from './executions/http-clients';
import { BullMqQueue, redisConnection } from './executions/bullmq-queue';
import { EXECUTION_QUEUE, InProcessQueue } from './executions/queue';
import { Recovery } from './executions/recovery';
import { RedisRelay } from './executions/redis-relay';
import { ResultWriter } from './executions/result-writer';
import { PendingRuns } from './executions/pending-runs';
import { ExecutionRunner } from './executions/runner.service';
import { RUNTIME_SERVICES } from './executions/runtime-services';
import { RunThreads } from './executions/threads/run-threads';
import { createPino, PINO } from './observability/logger';
import { Metrics } from './observability/metrics';
import { OrganizationService } from './organization/organization.service';
import { ScenarioCache } from './scenarios/scenario-cache';
import { ScenariosService } from './scenarios/scenarios.service';
import { UsersService } from './users/users.service';
import { TeamAccess } from './teams/team-access.service';
import { TeamReferences } from './teams/team-references';
import { AuditLog } from './teams/audit.service';
import { TeamsService } from './teams/teams.service';

/**
 * What every feature module may inject: configuration, clock, the module registry, the vault,
 * and the services that run and record executions. Feature modules (webhooks, app connectors,
 * custom connectors, key results…) import nothing else from each other.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    const shared: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      { provide: CLOCK, useValue: serverClock(config) },
      { provide: MODULE_REGISTRY, useFactory: createRegistry },
      {
        provide: EXECUTION_QUEUE,
        // Distributed mode (PostgreSQL + Redis): BullMQ; otherwise the in-process queue.
        useFactory: () =>
          config.databaseUrl && config.redisUrl
            ? new BullMqQueue(redisConnection(config.redisUrl), config.queuePrefix, config.recovery.jobLockMs)
            : new InProcessQueue(),
      },
      // Features add their services for modules here at start (datastores, customConnectors…).
      {
        provide: RUNTIME_SERVICES,
        inject: [DataStoresService, getDataSourceToken()],
        useFactory: (stores: DataStoresService, db: DataSource) => ({
          datastores: stores.runtime,
          counters: new ScenarioCounters(db),
          triggerState: new ScenarioTriggerStates(db),
        }),
      },
      vaultProvider,
      { provide: PINO, useFactory: () => createPino(undefined, config.logStream) },
      Metrics,
      SharedState,
      AuthService,
      UsersService,
      OrganizationService,
      ConnectionsService,
      ConnectionChecks,
      ScenariosService,
      ScenarioCache,
      DataStoresService,
      CompiledCache,
      RunEventBus,
      HttpClients,
      ResultWriter,
      RunThreads,
      ExecutionRunner,
      ExecutionsService,
      Dispatcher,
      Recovery,
      RedisRelay,
      TeamAccess,
      TeamReferences,
      AuditLog,
      TeamsService,
      PendingRuns,
    ];
    return {
      module: CoreModule,
      providers: [
        ...shared,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorsFilter },
      ],
      exports: shared.map((p) =>
        typeof p === 'function' ? p : (p as { provide: unknown }).provide,
      ) as never[],
    };
  }
}
