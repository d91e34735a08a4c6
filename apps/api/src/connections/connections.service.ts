import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ModuleRegistry } from '@integrator/engine';
import { toModuleError, type ResolvedConnection } from '@integrator/sdk';
import { ConnectionEntity } from '@integrator/persistence';
import type { AuthUser } from '../auth/current-user';
import { scenarioUsage } from '../common/scenario-usage';
import { MODULE_REGISTRY } from '../catalog/registry';
import { CLOCK, type ServerClock } from '../common/clock';
import { FieldsException } from '../common/errors.filter';
import { HttpClients } from '../executions/http-clients';
import { credentialErrors, secretNames, split, type AnyConnectionType } from './connection-types';
import type { CreateConnectionDto, UpdateConnectionDto } from './connections.dto';
import { needsToken, obtainToken } from '@integrator/engine';
import { connectionRefs } from './used-by';
import { ConnectionChecks, withoutSecrets } from './connection-checks';
import { VAULT } from './vault.provider';
import { TeamReferences } from '../teams/team-references';
import type { Vault } from './vault';

export interface ConnectionView {
  id: number;
  name: string;
  type: string;
  values: Record<string, unknown>;
  secretsSet: string[];
  /** The app's name (its label): what people know the service by, not the type's key. */
  typeLabel: string;
  status: ConnectionEntity['status'];
  statusMessage: string;
  /** When the credentials last worked: a verification, or a run that used them without error. */
  verifiedAt: number | null;
  usedBy: Array<{ id: number; name: string }>;
  /** Another team's connection shared with this one: selectable in scenarios, never readable. */
  shared?: boolean;
  createdAt: number;
  updatedAt: number;
}

@Injectable()
export class ConnectionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(VAULT) private readonly vault: Vault,
    @Inject(MODULE_REGISTRY) private readonly registry: ModuleRegistry,
    @Inject(CLOCK) private readonly clock: ServerClock,
    private readonly http: HttpClients,
    private readonly references: TeamReferences,
    private readonly checks: ConnectionChecks,
  ) {}

  private get repo() {
    return this.db.getRepository(ConnectionEntity);
  }

  /** The team's own connections, and (marked shared, without values) those shared with it. */
  async list(teamId: number): Promise<ConnectionView[]> {
    const rows = await this.repo.find({ where: { teamId }, order: { id: 'ASC' } });
    const usage = await this.usage();
    const own = rows.map((row) => this.view(row, usage.get(String(row.id)) ?? []));
    const shared: ConnectionEntity[] = await this.repo
      .createQueryBuilder('c')
      .innerJoin('connection_shares', 's', 's."connectionId" = c.id')
      .where('s."teamId" = :teamId', { teamId })
      .orderBy('c.id', 'ASC')
      .getMany();
    // Another team's connection is there to be selected, never read: name and type only.
    return [
      ...own,
      ...shared.map((row) => ({
        ...this.view(row, []),
        values: {},
        secretsSet: [],
        shared: true,
      })),
    ];
  }

  async get(id: number): Promise<ConnectionView> {
    const row = await this.find(id);
    return this.view(row, (await this.usage()).get(String(id)) ?? []);
  }

  async create(dto: CreateConnectionDto, user: AuthUser, teamId: number): Promise<ConnectionView> {
    const type = this.type(dto.type, 'type');
    const errors = credentialErrors(type, dto.credentials);
    if (errors.length) throw new FieldsException(errors);
    const { values, secrets } = split(type, dto.credentials);
    const now = this.clock.now();
    const row = await this.repo.save(
      this.repo.create({
        name: dto.name,
        type: type.key,
        ownerId: user.id,
        teamId,
        values,
        secrets: this.vault.encryptJson(secrets),
        status: 'unverified',
        statusMessage: '',
        expiresAt: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.checkSaved(row, type);
    return this.get(row.id);
  }

  async update(id: number, dto: UpdateConnectionDto): Promise<ConnectionView> {
    const row = await this.find(id);
    const type = this.type(row.type, 'type');
    if (dto.credentials) {
      // Secret fields left out keep their stored value; the UI never has them to send back.
      const stored = this.vault.decryptJson<Record<string, unknown>>(row.secrets);
      const merged = { ...row.values, ...stored, ...dto.credentials };
      const errors = credentialErrors(type, dto.credentials).filter(
        (e) => !e.message.startsWith('is required'),
      );
      errors.push(...credentialErrors(type, merged).filter((e) => e.message.startsWith('is required')));
      if (errors.length) throw new FieldsException(errors);
      // OAuth2 tokens are not fields: never plain values. The access token belongs to the old
      // credentials (other scopes, another key) and is dropped; the refresh token is kept. An
      // authorisation without a refresh token (Slack's bot token) keeps its access token: nothing
      // could fetch a new one, and adding, say, a signing secret must not undo the authorisation.
      const { accessToken, refreshToken, ...given } = merged;
      const { values, secrets } = split(type, given);
      if (refreshToken) secrets.refreshToken = refreshToken;
      else if (accessToken && type.oauth2?.grant === 'authorization_code') secrets.accessToken = accessToken;
      row.values = values;
      row.secrets = this.vault.encryptJson(secrets);
      row.status = 'unverified';
      row.statusMessage = '';
      row.expiresAt = null;
    }
    if (dto.name !== undefined) row.name = dto.name;
    row.updatedAt = this.clock.now();
    await this.repo.save(row);
    if (dto.credentials) await this.checkSaved(row, type);
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    const row = await this.find(id);
    const users = (await this.usage()).get(String(id)) ?? [];
    if (users.length)
      throw new ConflictException(
        `the connection is used by ${users.map((s) => `"${s.name}" (${s.id})`).join(', ')}`,
      );
    await this.repo.remove(row);
  }

  /** Calls the type's check and records the outcome on the connection. */
  async verify(id: number): Promise<{ ok: boolean; message?: string }> {
    const row = await this.find(id);
    const type = this.type(row.type, 'type');
    try {
      const resolved = await this.resolveRow(row);
      await type.verify?.({
        credentials: resolved.credentials,
        http: this.http.forConnection(resolved, type),
      });
      await this.repo.update(id, { status: 'ok', statusMessage: '', verifiedAt: this.clock.now() });
      return { ok: true };
    } catch (err) {
      // The reason (unreachable, refused…) is shown; a secret echoed in it never is.
      const message = withoutSecrets(toModuleError(err).message, this.vault.decryptJson(row.secrets));
      this.checks.forget(id);
      await this.repo.update(id, {
        status: row.status === 'reauthorize' ? 'reauthorize' : 'failed',
        statusMessage: message,
      });
      return { ok: false, message };
    }
  }

  /**
   * Credentials are checked as they are saved (create, and an edit that changes them), as Make
   * does; a check that fails (the service unreachable, or refusing them) leaves the connection
   * saved, with the reason as its status message for the page to show. A connection still to be
   * authorised at the provider (OAuth2 authorization code) has nothing to check yet.
   */
  private async checkSaved(row: ConnectionEntity, type: AnyConnectionType): Promise<void> {
    if (!type.verify) return;
    const secrets = this.vault.decryptJson<Record<string, unknown>>(row.secrets);
    if (type.oauth2?.grant === 'authorization_code' && !secrets.accessToken) return;
    await this.http.refresh();
    await this.verify(row.id);
  }

  /**
   * For the engine: decrypted credentials, with a fresh OAuth2 access token when the type uses
   * one. Only for a scenario of the connection's team, or of a team it is shared with.
   */
  async resolve(ref: string | number, teamId: number): Promise<ResolvedConnection> {
    const id = Number(ref);
    const row = Number.isInteger(id) ? await this.repo.findOneBy({ id }) : null;
    if (!row) throw new Error(`connection ${ref} does not exist`);
    if (!(await this.references.connectionUsable(row.id, row.teamId, teamId)))
      throw new Error(`connection ${ref} belongs to another team`);
    return this.resolveRow(row);
  }

  /**
   * The connection with a new OAuth2 access token even if the stored one has not expired: the
   * HTTP client asks when the service answered 401 (a revoked or early-expired token).
   */
  async refresh(ref: string | number, teamId: number): Promise<ResolvedConnection> {
    const id = Number(ref);
    const row = Number.isInteger(id) ? await this.repo.findOneBy({ id }) : null;
    if (!row) throw new Error(`connection ${ref} does not exist`);
    if (!(await this.references.connectionUsable(row.id, row.teamId, teamId)))
      throw new Error(`connection ${ref} belongs to another team`);
    return this.resolveRow(row, true);
  }

  /** Stores tokens obtained by the OAuth2 authorization-code callback. */
  async storeTokens(
    id: number,
    tokens: { accessToken: string; refreshToken?: string; expiresAt?: number },
  ): Promise<void> {
    const row = await this.repo.findOneByOrFail({ id });
    const secrets: Record<string, unknown> = {
      ...this.vault.decryptJson<Record<string, unknown>>(row.secrets),
      accessToken: tokens.accessToken,
    };
    if (tokens.refreshToken) secrets.refreshToken = tokens.refreshToken;
    await this.repo.update(id, {
      secrets: this.vault.encryptJson(secrets),
      expiresAt: tokens.expiresAt ?? null,
      status: 'ok',
      statusMessage: '',
      updatedAt: this.clock.now(),
    });
  }

  async credentialsOf(
    id: number,
  ): Promise<{ type: AnyConnectionType; credentials: Record<string, unknown> }> {
    const row = await this.find(id);
    return {
      type: this.type(row.type, 'type'),
      credentials: { ...row.values, ...this.vault.decryptJson<Record<string, unknown>>(row.secrets) },
    };
  }

  /** For the OAuth2 callback, whose signed state already names the connection. */
  async credentialsForCallback(
    id: number,
  ): Promise<{ type: AnyConnectionType; credentials: Record<string, unknown> }> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new NotFoundException(`connection ${id} not found`);
    return {
      type: this.type(row.type, 'type'),
      credentials: { ...row.values, ...this.vault.decryptJson<Record<string, unknown>>(row.secrets) },
    };
  }

  private async resolveRow(row: ConnectionEntity, force = false): Promise<ResolvedConnection> {
    const type = this.type(row.type, 'type');
    let secrets = this.vault.decryptJson<Record<string, unknown>>(row.secrets);
    if (type.oauth2 && (force || needsToken(type, secrets, row.expiresAt, this.clock.now()))) {
      try {
        const token = await obtainToken(type, { ...row.values, ...secrets }, this.http.plain(), () =>
          this.clock.now(),
        );
        secrets = {
          ...secrets,
          accessToken: token.accessToken,
          ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
        };
        await this.repo.update(row.id, {
          secrets: this.vault.encryptJson(secrets),
          expiresAt: token.expiresAt ?? null,
          status: 'ok',
          statusMessage: '',
        });
      } catch (err) {
        // A failed refresh means a person has to authorise the connection again.
        const message = toModuleError(err).message;
        await this.repo.update(row.id, { status: 'reauthorize', statusMessage: message });
        throw new Error(`the connection needs to be authorised again: ${message}`);
      }
    }
    return { id: row.id, type: row.type, credentials: { ...row.values, ...secrets } };
  }

  /** The route's guard has already checked that the caller may act in the connection's team. */
  private async find(id: number): Promise<ConnectionEntity> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new NotFoundException(`connection ${id} not found`);
    return row;
  }

  private type(key: string, field: string): AnyConnectionType {
    const type = this.registry.connectionType(key);
    if (!type) throw new FieldsException([{ path: field, message: `unknown connection type "${key}"` }]);
    return type;
  }

  // The app that declares the type; with several types, which one ("HTTP (Bearer token)"). A
  // type shared by several apps, or whose label names its app already ("Google (OAuth 2.0)",
  // "Discord bot"), is shown by its own label.
  private typeLabel(key: string): string {
    const apps = this.registry.apps.filter((a) => a.connectionTypes?.some((c) => c.key === key));
    const app = apps[0];
    const type = app?.connectionTypes?.find((c) => c.key === key);
    if (!app || !type) return key;
    if (type.label && (apps.length > 1 || type.label.startsWith(app.label))) return type.label;
    return (app.connectionTypes?.length ?? 0) > 1 && type.label && type.label !== app.label
      ? `${app.label} (${type.label})`
      : app.label;
  }

  /** Which scenarios use each record (by id). */
  private usage() {
    return scenarioUsage(this.db, connectionRefs);
  }

  private view(row: ConnectionEntity, usedBy: ConnectionView['usedBy']): ConnectionView {
    const type = this.registry.connectionType(row.type);
    const stored = this.vault.decryptJson<Record<string, unknown>>(row.secrets);
    // The tokens an OAuth 2.0 type fetches are no fields of it, yet whether they are set is what
    // tells a person the connection is authorised (the page offers Reauthorise then).
    const tokens = type?.oauth2 ? ['accessToken', 'refreshToken'] : [];
    const names = type ? [...new Set([...secretNames(type), ...tokens])] : Object.keys(stored);
    return {
      id: row.id,
      name: row.name,
      type: row.type,
      typeLabel: this.typeLabel(row.type),
      values: row.values,
      secretsSet: names.filter((n) => stored[n] !== undefined && stored[n] !== null && stored[n] !== ''),
      status: row.status,
      statusMessage: row.statusMessage,
      verifiedAt: row.verifiedAt ?? null,
      usedBy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}
