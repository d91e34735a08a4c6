import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, openDatabase } from '@integrator/persistence';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { CatalogController } from './catalog/catalog.controller';
import { createRegistry, MODULE_REGISTRY } from './catalog/registry';
import { CLOCK, serverClock } from './common/clock';
import { ErrorsFilter } from './common/errors.filter';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { ConnectionsController } from './connections/connections.controller';
import { ConnectionsService } from './connections/connections.service';
import { vaultProvider } from './connections/vault.provider';
import { CompiledCache } from './executions/compiled-cache';
import { RunEventBus } from './executions/events';
import { ExecutionsController } from './executions/executions.controller';
import { ExecutionsService } from './executions/executions.service';
import { HttpClients } from './executions/http-clients';
import { EXECUTION_QUEUE, InProcessQueue } from './executions/queue';
import { ResultWriter } from './executions/result-writer';
import { ExecutionRunner } from './executions/runner.service';
import { RUNTIME_SERVICES } from './executions/runtime-services';
import { DataStoresController } from './datastores/datastores.controller';
import { DataStoresService } from './datastores/datastores.service';
import { HealthController } from './health/health.controller';
import { Lifecycle } from './lifecycle';
import { OrganizationController } from './organization/organization.controller';
import { OrganizationService } from './organization/organization.service';
import { ScenarioImportService } from './scenarios/scenario-import.service';
import { ScenariosController } from './scenarios/scenarios.controller';
import { ScenariosService } from './scenarios/scenarios.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** The composition root: Nest wires the framework-free engine to the database and the web. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const database = { url: config.databaseUrl, sqlitePath: `${config.dataDir}/integrator.db` };
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(database),
          // Our own factory migrates on start (synchronize stays off).
          dataSourceFactory: () => openDatabase(database),
        }),
      ],
      controllers: [
        HealthController,
        AuthController,
        UsersController,
        OrganizationController,
        CatalogController,
        ConnectionsController,
        ScenariosController,
        ExecutionsController,
        DataStoresController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: serverClock(config) },
        { provide: MODULE_REGISTRY, useFactory: createRegistry },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorsFilter },
        { provide: EXECUTION_QUEUE, useFactory: () => new InProcessQueue() },
        DataStoresService,
        { provide: RUNTIME_SERVICES, inject: [DataStoresService], useFactory: (stores: DataStoresService) => ({ datastores: stores.runtime }) },
        vaultProvider,
        AuthService,
        UsersService,
        OrganizationService,
        ConnectionsService,
        ScenariosService,
        ScenarioImportService,
        CompiledCache,
        RunEventBus,
        HttpClients,
        ResultWriter,
        ExecutionRunner,
        ExecutionsService,
        Lifecycle,
      ],
    };
  }
}
