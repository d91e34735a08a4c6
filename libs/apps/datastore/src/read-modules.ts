import { defineModule, describe, field, toBoolean, toNumber, userError, type Bundle } from '@integrator/sdk';
import { datastoresOf, keyField, storeIdOf, storeParameter, wrappedOutput } from './common';
import { checkKey } from './limits';
import { parseConditions } from './query';
import type { SearchSort } from './service';

// The reading modules (make-semantics §10).

/** Make returns at most 3,200 objects per search module run (make-semantics §1). */
export const MAX_SEARCH_RESULTS = 3200;

export const getRecord = defineModule({
  key: 'datastore:getRecord',
  make: { keys: ['datastore:GetRecord'] },
  label: 'Get a record',
  description:
    "Outputs the record's fields and key; an unknown key outputs an empty bundle and the route goes on.",
  kind: 'action',
  parameters: storeParameter,
  mapper: {
    key: keyField,
    returnWrapped: field.boolean({
      label: 'Return wrapped output',
      help: 'Output { key, data } as Search records does.',
      default: false,
      advanced: true,
    }),
  },
  output: { fields: [{ name: 'key', label: 'Key', type: 'text' }] },
  run: async ({ parameters, mapper, services }) => {
    const service = datastoresOf(services);
    const info = await service.info(storeIdOf(parameters));
    const key = checkKey(mapper.key);
    const record = await service.get(info.id, key);
    if (!record) return {};
    return mapper.returnWrapped ? { key, data: record.data } : { ...record.data, key };
  },
});

export const recordExists = defineModule({
  key: 'datastore:recordExists',
  make: { keys: ['datastore:ExistRecord'] },
  label: 'Check the existence of a record',
  description: 'Outputs whether a record with this key exists.',
  kind: 'action',
  parameters: storeParameter,
  mapper: { key: keyField },
  // Make names the output "exist"; both are given so imported scenarios keep working.
  output: {
    fields: [
      { name: 'exists', label: 'Exists', type: 'boolean' },
      { name: 'exist', label: 'Exists (Make)', type: 'boolean' },
    ],
  },
  run: async ({ parameters, mapper, services }) => {
    const service = datastoresOf(services);
    const info = await service.info(storeIdOf(parameters));
    const exists = (await service.get(info.id, checkKey(mapper.key))) !== undefined;
    return { exists, exist: exists };
  },
});

export const countRecords = defineModule({
  key: 'datastore:countRecords',
  label: 'Count records',
  description: 'Outputs how many records the data store holds.',
  kind: 'action',
  parameters: storeParameter,
  output: { fields: [{ name: 'count', label: 'Number of records', type: 'number' }] },
  run: async ({ parameters, services }) => {
    const service = datastoresOf(services);
    const info = await service.info(storeIdOf(parameters));
    return { count: await service.count(info.id) };
  },
});

export const searchRecords = defineModule({
  key: 'datastore:searchRecords',
  make: { keys: ['datastore:SearchRecord'] },
  label: 'Search records',
  description: 'Outputs one bundle per record that matches the filter, sorted and limited (one operation).',
  kind: 'search',
  parameters: {
    ...storeParameter,
    limit: field.number({
      label: 'Limit',
      help: `Most records to output (at most ${MAX_SEARCH_RESULTS}).`,
      integer: true,
      min: 1,
      max: MAX_SEARCH_RESULTS,
    }),
    continueWhenNoRes: field.boolean({
      label: 'Continue the execution of the route even if the module returns no results',
      default: false,
    }),
  },
  mapper: {
    // Rows are OR groups of AND conditions, as in Make; the form edits them row by row.
    filter: field.array({
      label: 'Filter',
      help: 'A record matches when all conditions of at least one group hold.',
      items: field.array({
        label: 'Conditions (all must hold)',
        items: {
          a: field.text({
            label: 'Key or field',
            help: '"key", or the name of a field (address.city for nested data)',
            required: true,
          }),
          o: field.text({
            label: 'Operator',
            help: 'An operator such as text:equal, number:greater, date:less, array:contain, exist',
            required: true,
          }),
          b: field.any({ label: 'Value' }),
        },
      }),
    }),
    sort: field.array({
      label: 'Sort',
      items: {
        field: field.text({ label: 'Key or field', required: true }),
        direction: field.select({
          label: 'Direction',
          options: [
            { value: 'asc', label: 'Ascending' },
            { value: 'desc', label: 'Descending' },
          ],
          default: 'asc',
        }),
      },
    }),
  },
  output: {
    fields: [
      ...wrappedOutput,
      { name: '__IMTINDEX__', label: 'Bundle order position' },
      { name: '__IMTLENGTH__', label: 'Total number of bundles' },
    ],
  },
  run: async ({ parameters, mapper, services }) => {
    const service = datastoresOf(services);
    const info = await service.info(storeIdOf(parameters));
    const conditions = parseConditions(mapper.filter);
    const limit = searchLimit(parameters.limit);
    const records = await service.search(info.id, { conditions, sort: sortOf(mapper.sort), limit });
    // Make's search modules say where each bundle stands; with "continue" an empty search still passes one bundle.
    if (!records.length)
      return toBoolean(parameters.continueWhenNoRes ?? false) ? [{ __IMTLENGTH__: 0 }] : [];
    return records.map((r, i): Bundle => ({
      key: r.key,
      data: r.data,
      __IMTINDEX__: i + 1,
      __IMTLENGTH__: records.length,
    }));
  },
});

function searchLimit(raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') return MAX_SEARCH_RESULTS;
  const n = toNumber(raw);
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > MAX_SEARCH_RESULTS) {
    throw userError(
      `must be a whole number from 1 to ${MAX_SEARCH_RESULTS} (got ${describe(raw)})`,
      'limit',
      'InvalidConfigurationError',
    );
  }
  return n;
}

function sortOf(sort: Array<{ field: string; direction?: string }> | undefined): SearchSort | undefined {
  if (!sort || sort.length === 0) return undefined;
  if (sort.length > 1) throw userError('only one sort key is supported', 'sort', 'InvalidConfigurationError');
  return { field: sort[0].field, direction: sort[0].direction === 'desc' ? 'desc' : 'asc' };
}
