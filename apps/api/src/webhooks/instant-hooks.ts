import { ConflictException, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ModuleRegistry } from '@integrator/engine';
import {
  toModuleError,
  type AnyModuleDefinition,
  type HookVerdict,
  type IncomingHookRequest,
  type ResolvedConnection,
} from '@integrator/sdk';
import { ScenarioEntity, WebhookEntity } from '@integrator/persistence';
import { MODULE_REGISTRY } from '../catalog/registry';
import { CLOCK, type ServerClock } from '../common/clock';
import { SharedState } from '../common/shared-state';
import { ConnectionsService } from '../connections/connections.service';
import { VAULT } from '../connections/vault.provider';
import type { Vault } from '../connections/vault';
import { HttpClients } from '../executions/http-clients';
import { ScenarioCache } from '../scenarios/scenario-cache';
import { ScenariosService } from '../scenarios/scenarios.service';

interface TriggerNode {
  module: string;
  parameters?: Record<string, unknown>;
}

/**
 * Apps' instant triggers at the edge of the server: each request to a hook whose scenario starts
 * with one is checked by the trigger (signature, secret header) before anything is stored, and
 * switching the scenario on or off registers or removes the hook at the service.
 */
@Injectable()
export class InstantHooks implements OnModuleInit {
  private readonly log = new Logger('InstantHooks');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MODULE_REGISTRY) private readonly registry: ModuleRegistry,
    @Inject(VAULT) private readonly vault: Vault,
    @Inject(CLOCK) private readonly clock: ServerClock,
    private readonly cache: ScenarioCache,
    private readonly scenarios: ScenariosService,
    private readonly connections: ConnectionsService,
    private readonly http: HttpClients,
    private readonly shared: SharedState,
  ) {}

  onModuleInit(): void {
    this.scenarios.onSwitch((row, on, origin) => (on ? this.register(row, origin) : this.unregister(row)));
  }

  /**
   * The trigger's verdict on a request, or null when the hook's scenario has no such check. The
   * request is built only for a trigger that checks it (most hooks have none).
   */
  async verify(hook: WebhookEntity, request: () => IncomingHookRequest): Promise<HookVerdict | null> {
    if (!hook.scenarioId) return null;
    const scenario = await this.cache.get(hook.scenarioId);
    const trigger = scenario ? this.trigger(scenario.blueprint) : null;
    const verify = trigger?.def.instantHook?.verify;
    if (!scenario || !trigger || !verify) return null;
    let credentials: Record<string, unknown> | undefined;
    if (connectionRef(trigger.node) !== undefined) {
      try {
        credentials = (await this.connections.resolve(connectionRef(trigger.node)!, scenario.teamId))
          .credentials;
      } catch {
        // Without the credentials nothing can be checked: refused, never let through.
        return { ok: false, reason: 'the trigger’s connection is not available to check the request' };
      }
    }
    const secret = hook.secretEncrypted ? this.vault.decrypt(hook.secretEncrypted) : undefined;
    return verify(request(), { credentials, secret, now: this.clock.now() });
  }

  private async register(row: ScenarioEntity, origin?: string): Promise<void> {
    const trigger = this.trigger(row.blueprint);
    const register = trigger?.def.instantHook?.register;
    if (!trigger || !register) return;
    const hook = await this.hookOf(row, trigger.node);
    const connection = await this.connection(row, trigger.node).catch((err: unknown) => {
      throw refused(`its connection is not usable: ${toModuleError(err).message}`);
    });
    // No hook or no connection: nothing to register (the trigger then works as a plain hook).
    if (!hook || !connection || !origin) return;
    let secret = hook.secretEncrypted ? this.vault.decrypt(hook.secretEncrypted) : '';
    if (!secret) {
      // base64url: within Telegram's secret_token alphabet (A-Z, a-z, 0-9, _ and -).
      secret = randomBytes(32).toString('base64url');
      await this.db
        .getRepository(WebhookEntity)
        .update({ id: hook.id }, { secretEncrypted: this.vault.encrypt(secret) });
      await this.shared.changed('hook', hook.id);
    }
    const url = `${origin}/hooks/${this.vault.decrypt(hook.tokenEncrypted)}`;
    try {
      await register({ http: connection.http, url, secret, credentials: connection.resolved.credentials });
    } catch (err) {
      throw refused(toModuleError(err).message);
    }
  }

  // Switching off must not fail because the service is unreachable: the failure is logged.
  private async unregister(row: ScenarioEntity): Promise<void> {
    const trigger = this.trigger(row.blueprint);
    const unregister = trigger?.def.instantHook?.unregister;
    if (!trigger || !unregister) return;
    try {
      const connection = await this.connection(row, trigger.node);
      if (connection)
        await unregister({ http: connection.http, credentials: connection.resolved.credentials });
    } catch (err) {
      this.log.warn(
        `scenario ${row.id}: removing the webhook at the service failed: ${toModuleError(err).message}`,
      );
    }
  }

  private trigger(
    blueprint: Record<string, unknown>,
  ): { node: TriggerNode; def: AnyModuleDefinition } | null {
    const node = (blueprint.flow as TriggerNode[] | undefined)?.[0];
    const def = typeof node?.module === 'string' ? this.registry.get(node.module) : undefined;
    return node && def?.instant && def.instantHook ? { node, def } : null;
  }

  private async hookOf(row: ScenarioEntity, node: TriggerNode): Promise<WebhookEntity | null> {
    const hooks = this.db.getRepository(WebhookEntity);
    const id = Number(node.parameters?.hook);
    if (Number.isInteger(id) && id > 0) return hooks.findOneBy({ id, teamId: row.teamId });
    return hooks.findOneBy({ scenarioId: row.id, teamId: row.teamId });
  }

  private async connection(row: ScenarioEntity, node: TriggerNode) {
    const ref = connectionRef(node);
    if (ref === undefined) return null;
    const resolved: ResolvedConnection = await this.connections.resolve(ref, row.teamId);
    const type = this.registry.connectionType(resolved.type);
    if (!type) throw new Error(`unknown connection type ${resolved.type}`);
    await this.http.refresh();
    return { resolved, http: this.http.forConnection(resolved, type) };
  }
}

function connectionRef(node: TriggerNode): string | number | undefined {
  const ref = node.parameters?.connection;
  return typeof ref === 'number' || (typeof ref === 'string' && ref !== '') ? ref : undefined;
}

/** The scenario stays off: the trigger could not register its hook (the reason names the service's answer). */
function refused(reason: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `the trigger could not register its webhook: ${reason}`,
    fields: [{ path: 'blueprint.flow[0]', message: reason }],
  });
}
