import { Injectable, type CanActivate } from '@nestjs/common';
import { CustomConnectorsService } from './custom-connectors.service';

/** Every custom connector route answers 403 until a super user enables the integration. */
@Injectable()
export class CustomConnectorIntegrationGuard implements CanActivate {
  constructor(private readonly connectors: CustomConnectorsService) {}

  async canActivate(): Promise<boolean> {
    await this.connectors.assertEnabled();
    return true;
  }
}
