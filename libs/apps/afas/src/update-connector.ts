import { defineModule, field, type ValuesOf } from '@integrator/sdk';
import { connectionParameters, moduleConnection, segment, type AfasContext } from './common';
import { buildPayload, deletePath, extraPath, isObject } from './payload';
import { afasRequest } from './request';

// UpdateConnector: POST = insert, PUT = update, DELETE = delete with the key in the path (reference §6).

const METHOD = { insert: 'POST', update: 'PUT', delete: 'DELETE' } as const;

const mapper = {
  connectorId: field.text({
    label: 'UpdateConnector',
    help: 'For example KnPerson, KnSubject or FiEntries.',
    required: true,
  }),
  action: field.select({
    label: 'Action',
    options: [
      { value: 'insert', label: 'Insert (POST)' },
      { value: 'update', label: 'Update (PUT)' },
      { value: 'delete', label: 'Delete (DELETE)' },
    ],
    default: 'insert',
  }),
  fields: field.collection({
    label: 'Fields',
    help: 'Field ids and values (see the metainfo); "@"-prefixed keys such as @SbId go on the Element. For delete: the key field(s).',
    fields: {},
  }),
  objects: field.json({
    label: 'Sub-objects',
    help: 'The Element\'s "Objects": an array of {"Name": {"Element": …}} or a map.',
    advanced: true,
  }),
  payload: field.json({
    label: 'Raw payload',
    help: 'The whole body {"KnPerson": {"Element": …}}, an Element, or a list of Elements; mapped fields are merged into it.',
    advanced: true,
  }),
  objectName: field.text({
    label: 'Object name (delete)',
    help: 'Defaults to the connector id, e.g. KnReaction for KnSubjectReaction.',
    advanced: true,
  }),
  path: field.text({
    label: 'Extra path',
    help: 'Sub-object URL for insert (e.g. HrEmployeeMobilityRegistration), or a full delete key path such as KnSubject/@SbId/123.',
    advanced: true,
  }),
};

type Mapper = ValuesOf<typeof mapper>;

function requestOf(m: Mapper): { method: 'POST' | 'PUT' | 'DELETE'; url: string; body?: unknown } {
  const id = m.connectorId.trim();
  const base = `/connectors/${segment(id, 'connectorId')}`;
  const extra = m.path ? extraPath(m.path) : '';
  if (m.action === 'delete') {
    const keyPath = extra || deletePath(m.objectName?.trim() || id, m.fields);
    return { method: 'DELETE', url: `${base}/${keyPath}` };
  }
  const body = buildPayload({ connectorId: id, fields: m.fields, objects: m.objects, payload: m.payload });
  return { method: METHOD[m.action], url: extra ? `${base}/${extra}` : base, body };
}

async function run(ctx: AfasContext, m: Mapper) {
  const request = requestOf(m);
  const what = `UpdateConnector "${m.connectorId.trim()}" (${m.action})`;
  const res = await afasRequest(ctx.http, { ...request, what }, ctx);
  // Some connectors answer 201 without a body (reference §6): no results then.
  const results = isObject(res.body) && isObject(res.body.results) ? res.body.results : {};
  return { connectorId: m.connectorId.trim(), action: m.action, status: res.status, results };
}

export const updateConnectorModule = defineModule({
  key: 'afas:updateConnector',
  label: 'Insert, update or delete (UpdateConnector)',
  description: 'Writes a record through an AFAS Profit UpdateConnector and outputs the keys AFAS returns.',
  kind: 'action',
  parameters: connectionParameters,
  connection: moduleConnection,
  mapper,
  output: {
    fields: [
      { name: 'connectorId', type: 'text' },
      { name: 'action', type: 'text' },
      { name: 'status', type: 'number' },
      { name: 'results', label: 'Results (keys of the record)', type: 'collection' },
    ],
  },
  run: (ctx) => run(ctx, ctx.mapper),
});
