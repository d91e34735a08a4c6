import { defineModule, field, userError, type HttpClient } from '@integrator/sdk';
import { connectionParameters, moduleConnection, segment } from './common';
import { isObject } from './payload';
import { afasRequest, type RetryEnvironment } from './request';

// Metainfo (reference §5): the connectors a token may use, and the fields of one Get or
// Update connector, normalised so the canvas can offer them whatever variant AFAS sends.

export interface AfasFieldInfo {
  /** The id used in rows, filters and Fields. */
  id: string;
  /** Internal code (GetConnectors), e.g. U001. */
  fieldId?: string;
  label: string;
  dataType: string;
  length?: number;
  decimals?: number;
  controlType?: number;
  mandatory: boolean;
  primaryKey: boolean;
  values?: Array<{ id: string; description: string }>;
}

export interface AfasObjectInfo {
  name: string;
  description?: string;
  fields: AfasFieldInfo[];
  objects: AfasObjectInfo[];
}

export type MetainfoType = 'get' | 'update' | 'connectors';

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function num(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** The Go client types flags as booleans, dutchgrit as "true" strings: accept both. */
function flag(value: unknown): boolean {
  if (typeof value === 'string') return ['true', '1', 'yes'].includes(value.trim().toLowerCase());
  return value === true || value === 1;
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

export function normalizeField(f: Record<string, unknown>): AfasFieldInfo {
  const id = str(f.id) ?? str(f.fieldId) ?? '';
  const values = list(f.values).map((v) => ({ id: str(v.id) ?? '', description: str(v.description) ?? '' }));
  const info: AfasFieldInfo = {
    id,
    label: str(f.label) ?? id,
    dataType: str(f.dataType) ?? 'string',
    mandatory: flag(f.mandatory),
    primaryKey: flag(f.primaryKey),
  };
  const fieldId = str(f.fieldId);
  if (fieldId !== undefined && fieldId !== id) info.fieldId = fieldId;
  const extras = { length: num(f.length), decimals: num(f.decimals), controlType: num(f.controlType) };
  for (const [k, v] of Object.entries(extras)) if (v !== undefined) Object.assign(info, { [k]: v });
  if (values.length) info.values = values;
  return info;
}

export function normalizeObject(o: Record<string, unknown>): AfasObjectInfo {
  const info: AfasObjectInfo = {
    name: str(o.name) ?? str(o.id) ?? '',
    fields: list(o.fields).map(normalizeField),
    objects: list(o.objects).map(normalizeObject),
  };
  const description = str(o.description);
  if (description !== undefined) info.description = description;
  return info;
}

/** Fetches and normalises metainfo; for the canvas (via the API) as well as the module. */
export async function fetchAfasMetainfo(
  http: HttpClient,
  type: MetainfoType,
  connectorId?: string,
  env?: RetryEnvironment,
): Promise<Record<string, unknown>> {
  if (type === 'connectors') {
    const res = await afasRequest(http, { url: '/metainfo', what: 'the app connector metainfo' }, env);
    const body = isObject(res.body) ? res.body : {};
    const connectors = (key: string) =>
      list(body[key]).map((c) => ({ id: str(c.id) ?? '', description: str(c.description) ?? '' }));
    return {
      type,
      getConnectors: connectors('getConnectors'),
      updateConnectors: connectors('updateConnectors'),
      info: isObject(body.info) ? body.info : {},
    };
  }
  if (!connectorId?.trim()) throw userError('is required for the fields of a connector', 'connectorId');
  const id = connectorId.trim();
  const what = `the metainfo of ${type === 'get' ? 'GetConnector' : 'UpdateConnector'} "${id}"`;
  const res = await afasRequest(http, { url: `/metainfo/${type}/${segment(id, 'connectorId')}`, what }, env);
  const meta = normalizeObject(isObject(res.body) ? res.body : {});
  return { type, connectorId: id, ...meta, name: meta.name || id };
}

export const metainfoModule = defineModule({
  key: 'afas:metainfo',
  label: 'Get connector fields (metainfo)',
  description: 'Lists the connectors of the app connector, or the fields of one Get or Update connector.',
  kind: 'action',
  parameters: connectionParameters,
  connection: moduleConnection,
  mapper: {
    type: field.select({
      label: 'What',
      options: [
        { value: 'get', label: 'Fields of a GetConnector' },
        { value: 'update', label: 'Fields and sub-objects of an UpdateConnector' },
        { value: 'connectors', label: 'Connectors this token may use' },
      ],
      default: 'get',
    }),
    connectorId: field.text({ label: 'Connector', help: 'Not needed for "Connectors this token may use".' }),
  },
  run: (ctx) => fetchAfasMetainfo(ctx.http, ctx.mapper.type, ctx.mapper.connectorId, ctx),
});
