import { defineModule, field, options, userError, type Bundle, type QueryValue } from '@integrator/sdk';
import { isRecord, jsonValue, makeConvert } from '@integrator/apps/app-kit';
import { callAirtable, recordBundle, segment, type AirtableRecord } from './api';

const connection = { types: ['airtable'] };
const make = { convert: makeConvert('airtable') };
const versions = [1, 2, 3];
const where = {
  base: field.text({ label: 'Base ID', required: true, placeholder: 'appXXXXXXXXXXXXXX' }),
  table: field.text({ label: 'Table (name or ID)', required: true }),
};
const useColumnId = field.boolean({
  label: 'Use field IDs',
  default: false,
  help: 'Answer fields keyed by field ID (fld…) instead of by name.',
  advanced: true,
});
const record = field.any({
  label: 'Fields',
  help: 'A collection: field name (or ID) → value.',
  required: true,
});
const typecast = field.boolean({
  label: 'Smart links (typecast)',
  default: false,
  help: 'Let Airtable convert text to select options, links…',
});
const sample = { id: 'recXXXXXXXXXXXXXX', createdTime: '2026-01-01T00:00:00.000Z', Name: 'Example' };

const tablePath = (m: { base: string; table: string }) =>
  `/v0/${segment(m.base, 'base')}/${segment(m.table, 'table')}`;

function fieldsOf(value: unknown): Record<string, unknown> {
  const v = jsonValue(value, 'record');
  if (!isRecord(v)) throw userError('must be a collection of field → value', 'record');
  return v;
}

export const createRecord = defineModule({
  key: 'airtable:ActionCreateRecord',
  label: 'Create a record',
  kind: 'action',
  versions,
  connection,
  make,
  mapper: { ...where, record, typecast, useColumnId },
  output: { sample },
  run: async ({ http, mapper }) => {
    const json = {
      fields: fieldsOf(mapper.record),
      ...(mapper.typecast ? { typecast: true } : {}),
      ...(mapper.useColumnId ? { returnFieldsByFieldId: true } : {}),
    };
    const res = await callAirtable(
      http,
      { method: 'POST', url: tablePath(mapper), json },
      { record: 'record' },
    );
    return recordBundle(res.body as AirtableRecord);
  },
});

export const updateRecord = defineModule({
  key: 'airtable:ActionUpdateRecords',
  label: 'Update a record',
  description: 'Changes the given fields of a record; the others stay as they are (PATCH).',
  kind: 'action',
  versions,
  connection,
  make,
  mapper: { id: field.text({ label: 'Record ID', required: true }), ...where, record, typecast, useColumnId },
  output: { sample },
  run: async ({ http, mapper }) => {
    const json = {
      fields: fieldsOf(mapper.record),
      ...(mapper.typecast ? { typecast: true } : {}),
      ...(mapper.useColumnId ? { returnFieldsByFieldId: true } : {}),
    };
    const url = `${tablePath(mapper)}/${segment(mapper.id, 'id')}`;
    const res = await callAirtable(http, { method: 'PATCH', url, json }, { record: 'record', id: 'id' });
    return recordBundle(res.body as AirtableRecord);
  },
});

export const getRecord = defineModule({
  key: 'airtable:ActionGetRecord',
  label: 'Get a record',
  kind: 'action',
  versions,
  connection,
  make,
  mapper: { ...where, id: field.text({ label: 'Record ID', required: true }), useColumnId },
  output: { sample },
  run: async ({ http, mapper }) => {
    const url = `${tablePath(mapper)}/${segment(mapper.id, 'id')}`;
    const query = mapper.useColumnId ? { returnFieldsByFieldId: 'true' } : undefined;
    const res = await callAirtable(http, { method: 'GET', url, query }, { id: 'id' });
    return recordBundle(res.body as AirtableRecord);
  },
});

export const deleteRecord = defineModule({
  key: 'airtable:ActionDeleteRecord',
  label: 'Delete a record',
  kind: 'action',
  versions,
  connection,
  make,
  mapper: { ...where, id: field.text({ label: 'Record ID', required: true }) },
  output: { sample: { id: 'recXXXXXXXXXXXXXX', deleted: true } },
  run: async ({ http, mapper }) => {
    const url = `${tablePath(mapper)}/${segment(mapper.id, 'id')}`;
    const res = await callAirtable(http, { method: 'DELETE', url }, { id: 'id' });
    return res.body as Bundle;
  },
});

const PAGE = 100;

export const searchRecords = defineModule({
  key: 'airtable:ActionSearchRecords',
  label: 'Search records',
  description: 'Lists the records that match a formula, in a view’s order or sorted, page by page.',
  kind: 'search',
  versions,
  connection,
  make,
  mapper: {
    ...where,
    formula: field.text({
      label: 'Formula',
      help: 'An Airtable formula, e.g. AND({Status}="Done", {Score}>3).',
    }),
    view: field.text({ label: 'View (name or ID)' }),
    sort: field.array({
      label: 'Sort',
      items: {
        field: field.text({ label: 'Field', required: true }),
        direction: field.select({
          label: 'Direction',
          options: options(['asc', 'Ascending'], ['desc', 'Descending']),
          default: 'asc',
        }),
      },
    }),
    fields: field.array({
      label: 'Output fields',
      items: field.text(),
      help: 'Only these fields; all when empty.',
    }),
    maxRecords: field.number({ label: 'Limit', integer: true, min: 1, default: 10 }),
    useColumnId,
  },
  output: { sample },
  run: async function* ({ http, mapper }) {
    const query: Record<string, QueryValue> = {};
    if (mapper.formula?.trim()) query.filterByFormula = mapper.formula;
    if (mapper.view?.trim()) query.view = mapper.view.trim();
    (mapper.sort ?? []).forEach((s: { field: string; direction?: unknown }, i: number) => {
      query[`sort[${i}][field]`] = s.field;
      query[`sort[${i}][direction]`] = String(s.direction ?? 'asc');
    });
    const fields = (mapper.fields ?? []).filter((f: unknown) => typeof f === 'string' && f !== '');
    if (fields.length) query['fields[]'] = fields as string[];
    if (mapper.useColumnId) query.returnFieldsByFieldId = 'true';
    const max = mapper.maxRecords ?? 10;
    query.maxRecords = max;
    let emitted = 0;
    let offset: string | undefined;
    do {
      const res = await callAirtable(http, {
        method: 'GET',
        url: tablePath(mapper),
        query: { ...query, pageSize: Math.min(PAGE, max - emitted), ...(offset ? { offset } : {}) },
      });
      const body = res.body as { records?: AirtableRecord[]; offset?: string };
      for (const r of body.records ?? []) {
        if (emitted >= max) return;
        emitted++;
        yield recordBundle(r);
      }
      offset = body.offset;
    } while (offset && emitted < max);
  },
});
