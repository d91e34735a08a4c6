import { defineModule, field, options, userError } from '@integrator/sdk';
import { notionId, paginate } from './api';
import { fromMakeSearch } from './from-make';
import { pageBundle } from './properties';

const connection = { types: ['notion', 'notion-oauth'] };
const limit = field.number({ label: 'Limit', integer: true, min: 1, max: 10000, default: 100 });

export const searchObjects = defineModule({
  key: 'notion:searchObjects',
  label: 'Search pages and databases',
  description: 'Finds pages or databases shared with the integration whose title matches the query.',
  kind: 'search',
  connection,
  mapper: {
    query: field.text({ label: 'Query', help: 'Empty: everything shared with the integration.' }),
    type: field.select({ label: 'Find', options: options('page', 'database'), default: 'page' }),
    limit,
  },
  output: { sample: { object: 'page', id: '59833787-2cf9-4fdf-8782-e53db20768a5', properties_value: {} } },
  run: async ({ http, mapper }) => {
    const found = await paginate<Record<string, unknown>>(
      http,
      '/search',
      {
        ...(mapper.query ? { query: mapper.query } : {}),
        filter: { property: 'object', value: mapper.type },
        sort: { direction: 'descending', timestamp: 'last_edited_time' },
      },
      mapper.limit ?? 100,
    );
    return found.map((o) => (o.object === 'page' ? pageBundle(o) : o));
  },
});

export const queryDatabase = defineModule({
  key: 'notion:queryDatabase',
  label: 'Search database items',
  description: 'The items of a database that pass a filter, in the order of the sorts (Notion’s query).',
  kind: 'search',
  connection,
  mapper: {
    database: field.text({ label: 'Database ID', required: true }),
    filter: field.any({
      label: 'Filter',
      help: 'Notion’s filter object, e.g. { "property": "Status", "status": { "equals": "Done" } }.',
    }),
    sorts: field.any({
      label: 'Sorts',
      help: 'Notion’s sorts, e.g. [{ "property": "Due", "direction": "ascending" }].',
    }),
    limit,
  },
  output: { sample: { object: 'page', id: '59833787-2cf9-4fdf-8782-e53db20768a5', properties_value: {} } },
  make: { keys: ['notion:searchObjects1'], convert: fromMakeSearch },
  run: async ({ http, mapper }) => {
    const databaseId = notionId(mapper.database, 'database');
    const pages = await paginate<Record<string, unknown>>(
      http,
      `/databases/${databaseId}/query`,
      { ...jsonOption(mapper.filter, 'filter'), ...jsonOption(mapper.sorts, 'sorts') },
      mapper.limit ?? 100,
    );
    return pages.map(pageBundle);
  },
});

/** A filter or sorts given as JSON text or as a collection; absent when empty. */
function jsonOption(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'string') return { [name]: value };
  try {
    return { [name]: JSON.parse(value) };
  } catch {
    throw userError('must be Notion’s JSON (a collection or JSON text)', name);
  }
}
