import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { toKpiNumber } from '@integrator/apps/custom-connector';
import { CustomConnectorEntity } from '@integrator/persistence';
import { ModuleError, toModuleError } from '@integrator/sdk';
import { FieldsException } from '../common/errors.filter';
import { RUNTIME_SERVICES, type RuntimeServices } from '../executions/runtime-services';
import { OrganizationService } from '../organization/organization.service';

// Key results read their automated value through the custom connector service
// (services.customConnectors, registered by the custom connectors feature).

const INTEGRATION = 'customConnector';
const DISABLED =
  'the custom connector integration is disabled; a super user can enable it under Settings → Integrations';

export interface ConnectorValue {
  value: number;
  status: number;
  fieldPath: string;
}

/** The "current value" a key result form shows for a connector. */
export interface ConnectorPreview {
  connectorId: number;
  status: number | null;
  fieldPath: string;
  value: number | null;
  /** Why there is no number (the field directory is missing or does not hold one). */
  valueError?: string;
}

@Injectable()
export class OkrConnectors {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(RUNTIME_SERVICES) private readonly services: RuntimeServices,
    private readonly organization: OrganizationService,
  ) {}

  /** A 400 naming connectorId unless the connector exists and the integration is on. */
  /** The connector exists in the key result's team (another team's is as if it did not exist). */
  async assertUsable(connectorId: number, teamId: number): Promise<void> {
    if (!(await this.organization.integrationEnabled(INTEGRATION)))
      throw new FieldsException([{ path: 'connectorId', message: DISABLED }]);
    if (!(await this.db.getRepository(CustomConnectorEntity).existsBy({ id: connectorId, teamId }))) {
      throw new FieldsException([
        { path: 'connectorId', message: `custom connector ${connectorId} does not exist` },
      ]);
    }
  }

  /** Performs the connector's request now; its value as a number or a ModuleError saying why not. */
  async currentValue(connectorId: number): Promise<ConnectorValue> {
    const result = await this.fetch(connectorId);
    const fieldPath = result.fieldPath ?? '';
    try {
      return { value: toKpiNumber(result.value, fieldPath), status: result.status, fieldPath };
    } catch (err) {
      throw toModuleError(err);
    }
  }

  private async fetch(connectorId: number) {
    const connectors = this.services.customConnectors;
    if (!connectors)
      throw new ModuleError('custom connectors are not available in this process', {
        kind: 'internal',
        type: 'RuntimeError',
      });
    try {
      return await connectors.fetch(connectorId);
    } catch (err) {
      throw toModuleError(err);
    }
  }

  /**
   * GET /api/okr/connector-value/:id: 403 while disabled, 404 for an unknown connector, 502 when
   * the request fails. A service that answers without a number keeps its HTTP status, with
   * valueError saying what the field directory holds instead.
   */
  async preview(connectorId: number): Promise<ConnectorPreview> {
    if (!(await this.organization.integrationEnabled(INTEGRATION))) throw new ForbiddenException(DISABLED);
    const row = await this.db.getRepository(CustomConnectorEntity).findOneBy({ id: connectorId });
    if (!row) throw new NotFoundException(`custom connector ${connectorId} not found`);
    let result: Awaited<ReturnType<OkrConnectors['fetch']>>;
    try {
      result = await this.fetch(connectorId);
    } catch (err) {
      const e = toModuleError(err);
      throw new HttpException(
        {
          statusCode: HttpStatus.BAD_GATEWAY,
          error: 'Bad Gateway',
          message: `the request failed: ${e.message}`,
          kind: e.kind,
          ...(e.status ? { status: e.status } : {}),
        },
        HttpStatus.BAD_GATEWAY,
      );
    }
    const fieldPath = result.fieldPath ?? row.fieldPath;
    try {
      return { connectorId, status: result.status, fieldPath, value: toKpiNumber(result.value, fieldPath) };
    } catch (err) {
      return {
        connectorId,
        status: result.status,
        fieldPath,
        value: null,
        valueError: toModuleError(err).message,
      };
    }
  }
}
