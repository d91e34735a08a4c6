import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, openDatabase } from '@integrator/persistence';
import { AppConnectorsModule } from './app-connectors/app-connectors.module';
import { AuthController } from './auth/auth.controller';
import { CatalogController } from './catalog/catalog.controller';
import type { AppConfig } from './config/app-config';
import { ConnectionsController } from './connections/connections.controller';
import { CoreModule } from './core.module';
import { OAuthController } from './connections/oauth.controller';
import { DataStoresController } from './datastores/datastores.controller';
import { ExecutionsController } from './executions/executions.controller';
import { HealthController } from './health/health.controller';
import { IncompleteModule } from './incomplete/incomplete.module';
import { RetentionModule } from './retention/retention.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { Lifecycle } from './lifecycle';
import { MetricsController } from './observability/metrics.controller';
import { OrganizationController } from './organization/organization.controller';
import { ScenarioImportService } from './scenarios/scenario-import.service';
import { ScenariosController } from './scenarios/scenarios.controller';
import { UsersController } from './users/users.controller';
import { WebhooksModule } from './webhooks/webhooks.module';
import { CustomConnectorsModule } from './custom-connectors/custom-connectors.module';
import { OkrModule } from './okr/okr.module';
import { TeamsController } from './teams/teams.controller';

// Feature modules: each folder brings its own controllers and services.
const FEATURES: DynamicModule['imports'] = [
  IncompleteModule,
  SchedulerModule,
  RetentionModule,
  WebhooksModule,
  CustomConnectorsModule,
  AppConnectorsModule,
  OkrModule,
];

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
        CoreModule.forRoot(config),
        ...(FEATURES ?? []),
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
        MetricsController,
        OAuthController,
        TeamsController,
      ],
      providers: [ScenarioImportService, Lifecycle],
    };
  }
}
