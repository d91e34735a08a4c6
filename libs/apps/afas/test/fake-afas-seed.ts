import { randomBytes } from 'node:crypto';

// Types and replies of the fake AFAS Profit server (reference afas-profit-api.md).

export type Row = Record<string, string | number | boolean | null>;

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A functional error: 500 with externalMessage / errorNumber / profitLogReference (reference §10). */
export class ProfitFault extends Error {
  constructor(
    message: string,
    readonly errorNumber = -2147180999,
    readonly status = 500,
  ) {
    super(message);
  }
}

/** An empty-bodied status (401, 403, 404 …). */
export const empty = (status: number, headers?: Record<string, string>): Reply => ({ status, headers });

export const profitLogReference = () => randomBytes(16).toString('hex').toUpperCase();

export interface GetFieldMeta {
  id: string;
  fieldId: string;
  dataType: string;
  label: string;
  length: number;
  controlType: number;
  decimals: number;
  decimalsFieldId: string;
}

export interface GetConnectorSeed {
  description: string;
  /** On the app connector's GetConnectors tab (default true). */
  allowed?: boolean;
  fields: GetFieldMeta[];
  rows: Row[];
}

export interface UpdateFieldMeta {
  fieldId: string;
  primaryKey: boolean;
  dataType: string;
  label: string;
  mandatory: boolean;
  length: number;
  controlType: number;
  decimals: number;
  decimalFieldId: string;
  notzero: boolean;
  values: Array<{ id: string; description: string }>;
}

export interface UpdateObjectMeta {
  name: string;
  description: string;
  fields: UpdateFieldMeta[];
  objects: UpdateObjectMeta[];
}

export interface StoredRecord {
  key: string;
  fields: Record<string, unknown>;
  objects: unknown;
}

export interface UpdateConnectorSeed {
  description: string;
  allowed?: boolean;
  verbs: Array<'POST' | 'PUT' | 'DELETE'>;
  /** Answers 201 without a body (KnUser, KnAppointment in the OpenAPI). */
  emptyResponse?: boolean;
  /** The object name in delete paths, when it differs from the connector id (KnSubjectReaction → KnReaction). */
  objectName?: string;
  /** The record key: an "@" attribute on the Element, or a field inside Fields (KnPerson's BcCo). */
  key: { name: string; in: 'attribute' | 'fields' };
  meta: UpdateObjectMeta;
  records: StoredRecord[];
  nextKey: number;
}

export interface FileSeed {
  filename: string;
  mimetype: string;
  data: Buffer;
}

export interface ReportSeed {
  mimetype: string;
  data: Buffer;
  /** Field codes of the report's data collection that filters may use. */
  filterFields: string[];
}

export interface FakeAfasState {
  environment: string;
  version: string;
  /** Token data values (the 64 hex chars) of the app connector's user tokens. */
  tokens: string[];
  oauthClients: Array<{ clientId: string; clientSecret: string }>;
  getConnectors: Record<string, GetConnectorSeed>;
  updateConnectors: Record<string, UpdateConnectorSeed>;
  /** By `${subjectId}/${fileId}`. */
  attachments: Record<string, FileSeed>;
  reports: Record<string, ReportSeed>;
}
