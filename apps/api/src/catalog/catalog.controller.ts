import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ModuleRegistry } from '@integrator/engine';
import { appMetadata, connectionTypeMetadata } from '@integrator/sdk';
import { OrganizationService } from '../organization/organization.service';
import { MODULE_REGISTRY } from './registry';
import { Authenticated } from '../teams/access-rules';

@ApiTags('apps')
@Controller('api')
export class CatalogController {
  constructor(
    @Inject(MODULE_REGISTRY) private readonly registry: ModuleRegistry,
    private readonly organization: OrganizationService,
  ) {}

  /** Every app with its modules' form metadata; apps behind a disabled integration are left out. */
  @Get('apps')
  @Authenticated()
  async apps() {
    const { integrations } = await this.organization.get();
    return this.registry.apps.filter((a) => !a.integration || integrations[a.integration]).map(appMetadata);
  }

  @Get('connection-types')
  @Authenticated()
  async connectionTypes() {
    const { integrations } = await this.organization.get();
    // Apps may share a connection type (Google's serves Sheets, Drive and Gmail): listed once.
    const seen = new Set<string>();
    return this.registry.apps
      .filter((a) => !a.integration || integrations[a.integration])
      .flatMap((a) => a.connectionTypes ?? [])
      .filter((t) => !seen.has(t.key) && Boolean(seen.add(t.key)))
      .map(connectionTypeMetadata);
  }
}
