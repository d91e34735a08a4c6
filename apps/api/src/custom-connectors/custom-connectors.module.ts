import { Module } from '@nestjs/common';
import { CustomConnectorsController } from './custom-connectors.controller';
import { CustomConnectorsService } from './custom-connectors.service';
import { CustomConnectorIntegrationGuard } from './integration.guard';

/** Custom connectors: saved requests (REST) and the customConnectors runtime service for modules. */
@Module({
  controllers: [CustomConnectorsController],
  providers: [CustomConnectorsService, CustomConnectorIntegrationGuard],
  exports: [CustomConnectorsService],
})
export class CustomConnectorsModule {}
