import { Inject, Injectable } from '@nestjs/common';
import {
  createHttpClient,
  createHttpClientFactory,
  RateLimiterRegistry,
  type HttpClientFactory,
  type ModuleRegistry,
  type StopSwitch,
} from '@integrator/engine';
import type { HttpClient, ResolvedConnection } from '@integrator/sdk';
import { MODULE_REGISTRY } from '../catalog/registry';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { AnyConnectionType } from '../connections/connection-types';
import { OrganizationService } from '../organization/organization.service';

/**
 * Builds the engine's HTTP clients with the organisation's private-network guard, sharing one
 * rate limiter per connection across every execution of this process.
 */
@Injectable()
export class HttpClients {
  private readonly limiters = new RateLimiterRegistry();
  private guard = false;

  constructor(
    @Inject(MODULE_REGISTRY) private readonly registry: ModuleRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organization: OrganizationService,
  ) {}

  /** Reads the guard setting (call before building clients for a run or a check). */
  async refresh(): Promise<void> {
    this.guard = Boolean(this.config.hostedProfile) || (await this.organization.get()).privateNetworkGuard;
  }

  /**
   * The HTTP clients of one run, under the organisation's private-network setting (read by the
   * caller, as every run reads the settings) and the run's stop switch.
   */
  factory(
    org: { privateNetworkGuard: boolean },
    stop?: StopSwitch,
    refreshConnection?: (connection: ResolvedConnection) => Promise<ResolvedConnection>,
  ): HttpClientFactory {
    this.guard = Boolean(this.config.hostedProfile) || org.privateNetworkGuard;
    return createHttpClientFactory({
      registry: this.registry,
      limiters: this.limiters,
      blockPrivateNetworks: this.guard,
      stop,
      refreshConnection,
    });
  }

  forConnection(connection: ResolvedConnection, type: AnyConnectionType): HttpClient {
    const limiter = type.rateLimit ? this.limiters.for(String(connection.id), type.rateLimit) : undefined;
    return createHttpClient({ connection, connectionType: type, limiter, blockPrivateNetworks: this.guard });
  }

  plain(): HttpClient {
    return createHttpClient({ blockPrivateNetworks: this.guard });
  }
}
