import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CustomConnectorService, CustomConnectorValue } from '@integrator/apps/custom-connector';
import { ModuleError } from '@integrator/sdk';
import { CustomConnectorEntity } from '@integrator/persistence';
import { isTeamAdmin, type AuthUser } from '../auth/current-user';
import { scenarioUsage } from '../common/scenario-usage';
import { CLOCK, type ServerClock } from '../common/clock';
import { VAULT } from '../connections/vault.provider';
import type { Vault } from '../connections/vault';
import { HttpClients } from '../executions/http-clients';
import { RUNTIME_SERVICES, type RuntimeServices } from '../executions/runtime-services';
import { OrganizationService } from '../organization/organization.service';
import {
  isAuthType,
  parseAuth,
  secretFieldNames,
  tokenInputsChanged,
  type ParsedAuth,
} from './connector-auth';
import { requestParts, type RequestParts } from './connector-definition';
import { sendConnectorRequest, type ConnectorRequest, type TokenSource } from './connector-request';
import { fetchedTokens, storedTokens } from './connector-tokens';
import { connectorRefs } from './connector-usage';
import type {
  CreateCustomConnectorDto,
  SendRequestDto,
  UpdateCustomConnectorDto,
} from './custom-connectors.dto';
import { sendResult, valueOf, type SendResult } from './send-result';

export const INTEGRATION = 'customConnector';
export const DISABLED_MESSAGE =
  'the custom connector integration is disabled; a super user can enable it under Settings → Integrations (organisation setting integrations.customConnector)';

export interface CustomConnectorView extends RequestParts {
  id: number;
  name: string;
  /** The authorization type and its non-secret fields. */
  auth: { type: string } & Record<string, unknown>;
  /** Which secret fields are set (their values are never returned). */
  secretsSet: string[];
  ownerId: number | null;
  usedBy: Array<{ id: number; name: string }>;
  createdAt: number;
  updatedAt: number;
}

/** Saved requests whose response feeds a value: CRUD, the Send test, and the runtime service modules use. */
@Injectable()
export class CustomConnectorsService implements OnModuleInit, CustomConnectorService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(VAULT) private readonly vault: Vault,
    @Inject(CLOCK) private readonly clock: ServerClock,
    @Inject(RUNTIME_SERVICES) private readonly services: RuntimeServices,
    private readonly http: HttpClients,
    private readonly organization: OrganizationService,
  ) {}

  onModuleInit(): void {
    this.services.customConnectors = this;
  }

  private get repo() {
    return this.db.getRepository(CustomConnectorEntity);
  }

  /** 403 while a super user has not enabled the integration. */
  async assertEnabled(): Promise<void> {
    if (!(await this.organization.integrationEnabled(INTEGRATION)))
      throw new ForbiddenException(DISABLED_MESSAGE);
  }

  async list(teamId: number): Promise<CustomConnectorView[]> {
    const rows = await this.repo.find({ where: { teamId }, order: { id: 'ASC' } });
    const usage = await this.usage();
    return rows.map((row) => this.view(row, usage.get(String(row.id)) ?? []));
  }

  async get(id: number): Promise<CustomConnectorView> {
    const row = await this.find(id);
    return this.view(row, (await this.usage()).get(String(id)) ?? []);
  }

  async create(dto: CreateCustomConnectorDto, user: AuthUser, teamId: number): Promise<CustomConnectorView> {
    const parts = requestParts(dto);
    const auth = parseAuth(dto.auth);
    const now = this.clock.now();
    const row = await this.repo.save(
      this.repo.create({
        name: dto.name,
        ownerId: user.id,
        teamId,
        ...parts,
        ...this.authColumns(auth),
        tokenExpiresAt: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return this.view(row, []);
  }

  async update(id: number, dto: UpdateCustomConnectorDto, user: AuthUser): Promise<CustomConnectorView> {
    const row = await this.owned(id, user);
    const parts = requestParts(dto, this.partsOf(row));
    const before = this.authOf(row);
    const auth = parseAuth(dto.auth, before);
    const stored = this.vault.decryptJson<Record<string, unknown>>(row.authSecrets);
    // A fetched token stays valid only for the same token request.
    const keepToken = !tokenInputsChanged(before, auth) && typeof stored.accessToken === 'string';
    const secrets = keepToken ? { ...auth.secrets, accessToken: stored.accessToken } : auth.secrets;
    Object.assign(row, parts, this.authColumns({ ...auth, secrets }), {
      name: dto.name ?? row.name,
      tokenExpiresAt: keepToken ? row.tokenExpiresAt : null,
      updatedAt: this.clock.now(),
    });
    await this.repo.save(row);
    return this.get(id);
  }

  async remove(id: number, user: AuthUser): Promise<void> {
    const row = await this.owned(id, user);
    const users = (await this.usage()).get(String(id)) ?? [];
    if (users.length)
      throw new ConflictException(
        `the custom connector is used by ${users.map((s) => `"${s.name}" (${s.id})`).join(', ')}`,
      );
    await this.repo.remove(row);
  }

  /** The Send test of a saved connector: the response as the service gave it, and the value at the field directory. */
  async send(id: number, fieldPath?: string): Promise<SendResult> {
    const row = await this.find(id);
    const parts =
      fieldPath === undefined ? this.partsOf(row) : requestParts({ fieldPath }, this.partsOf(row));
    const request = this.requestOf(row, parts);
    const response = await sendConnectorRequest(this.http, request, {
      throwOnError: false,
      tokens: this.tokensOf(row, request.auth),
    });
    return sendResult(response, parts.fieldPath);
  }

  /** The Send test of a request that is not saved yet. */
  async sendUnsaved(dto: SendRequestDto): Promise<SendResult> {
    const parts = requestParts(dto);
    const auth = parseAuth(dto.auth);
    const request: ConnectorRequest = { ref: 'unsaved', ...parts, auth };
    const tokens = fetchedTokens(this.http, auth, () => this.clock.now());
    return sendResult(
      await sendConnectorRequest(this.http, request, { throwOnError: false, tokens }),
      parts.fieldPath,
    );
  }

  /** For modules and key results: performs the request now and reads the field directory. */
  async fetch(connectorId: number | string): Promise<CustomConnectorValue> {
    if (!(await this.organization.integrationEnabled(INTEGRATION))) {
      throw new ModuleError(DISABLED_MESSAGE, { kind: 'user', type: 'InvalidConfigurationError' });
    }
    const id = Number(connectorId);
    const row = Number.isInteger(id) ? await this.repo.findOneBy({ id }) : null;
    if (!row) {
      throw new ModuleError(`custom connector ${JSON.stringify(connectorId)} does not exist`, {
        kind: 'user',
        type: 'InvalidConfigurationError',
        field: 'connector',
      });
    }
    const request = this.requestOf(row, this.partsOf(row));
    const response = await sendConnectorRequest(this.http, request, {
      throwOnError: true,
      tokens: this.tokensOf(row, request.auth),
    });
    const { value, raw } = valueOf(response, row.fieldPath);
    return { value, raw, status: response.status, fieldPath: row.fieldPath };
  }

  private requestOf(row: CustomConnectorEntity, parts: RequestParts): ConnectorRequest {
    return { ref: String(row.id), ...parts, auth: this.authOf(row) };
  }

  private tokensOf(row: CustomConnectorEntity, auth: ParsedAuth): TokenSource | undefined {
    if (auth.type !== 'oauth2ClientCredentials') return undefined;
    return storedTokens(row, auth, {
      repo: this.repo,
      vault: this.vault,
      clients: this.http,
      now: () => this.clock.now(),
    });
  }

  private partsOf(row: CustomConnectorEntity): RequestParts {
    return {
      method: row.method,
      url: row.url,
      params: row.params,
      headers: row.headers,
      body: row.body,
      fieldPath: row.fieldPath,
    };
  }

  /** Stored auth without the fetched access token (which is not a field the user sets). */
  private authOf(row: CustomConnectorEntity): ParsedAuth {
    const type = isAuthType(row.authType) ? row.authType : 'none';
    const { accessToken: _token, ...secrets } = this.vault.decryptJson<Record<string, unknown>>(
      row.authSecrets,
    );
    return { type, values: row.authValues, secrets };
  }

  private authColumns(auth: ParsedAuth) {
    return {
      authType: auth.type,
      authValues: auth.values,
      authSecrets: this.vault.encryptJson(auth.secrets),
    };
  }

  private async find(id: number): Promise<CustomConnectorEntity> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new NotFoundException(`custom connector ${id} not found`);
    return row;
  }

  // Everyone may use a connector; only its creator or a super user may change where its secrets go.
  private async owned(id: number, user: AuthUser): Promise<CustomConnectorEntity> {
    const row = await this.find(id);
    if (!isTeamAdmin(user) && row.ownerId !== user.id)
      throw new ForbiddenException('only its creator or a super user may change this custom connector');
    return row;
  }

  /** Which scenarios use each record (by id). */
  private usage() {
    return scenarioUsage(this.db, connectorRefs);
  }

  private view(row: CustomConnectorEntity, usedBy: CustomConnectorView['usedBy']): CustomConnectorView {
    const auth = this.authOf(row);
    return {
      id: row.id,
      name: row.name,
      ...this.partsOf(row),
      auth: { type: auth.type, ...auth.values },
      secretsSet: secretFieldNames(auth.type).filter(
        (n) => typeof auth.secrets[n] === 'string' && auth.secrets[n] !== '',
      ),
      ownerId: row.ownerId,
      usedBy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}
