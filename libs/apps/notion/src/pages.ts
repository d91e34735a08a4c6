import { defineModule, field, userError, type HttpClient } from '@integrator/sdk';
import { isRecord, jsonValue } from '@integrator/apps/app-kit';
import { callNotion, notionId } from './api';
import { fromMakeCreate } from './from-make';
import { pageBundle, richText, toProperties, type Schema } from './properties';

const connection = { types: ['notion', 'notion-oauth'] };
const propertiesField = field.any({
  label: 'Properties',
  help: 'A collection of property name (or id) → value, e.g. { "Name": "Call Ada", "Due": "2026-03-01", "Tags": "a, b" }; values are converted to each property’s type.',
});
const pageSample = {
  object: 'page',
  id: '59833787-2cf9-4fdf-8782-e53db20768a5',
  url: 'https://www.notion.so/Call-Ada-598337872cf94fdf8782e53db20768a5',
  created_time: '2026-03-01T09:00:00.000Z',
  last_edited_time: '2026-03-01T09:00:00.000Z',
  archived: false,
  properties_value: { Name: [{ plain_text: 'Call Ada' }], Status: { name: 'To do' } },
};

/** The database's properties (their types decide how plain values are sent). */
export async function databaseSchema(http: HttpClient, databaseId: string): Promise<Schema> {
  const db = await callNotion<{ properties: Schema }>(http, {
    method: 'GET',
    path: `/databases/${databaseId}`,
  });
  return db.properties;
}

/** Plain text, one paragraph block per line; Notion takes up to 100 blocks a request. */
export function paragraphs(text: string): Array<Record<string, unknown>> {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => ({ object: 'block', type: 'paragraph', paragraph: { rich_text: richText(line) } }));
}

export const createDatabaseItem = defineModule({
  key: 'notion:createDatabaseItem',
  label: 'Create a database item',
  description: 'Adds a page to a database, its properties converted to the types the database declares.',
  kind: 'action',
  versions: [1, 2, 3],
  connection,
  mapper: {
    database: field.text({
      label: 'Database ID',
      required: true,
      help: 'The id or the link of the database.',
    }),
    properties: propertiesField,
    content: field.text({
      label: 'Content',
      multiline: true,
      help: 'Text added to the page, a paragraph per line.',
    }),
  },
  output: { sample: pageSample },
  make: {
    keys: ['notion:CreateDatabaseItem', 'notion:createAPage', 'notion:createDataSourceItem'],
    convert: fromMakeCreate,
  },
  run: async ({ http, mapper }) => {
    const databaseId = notionId(mapper.database, 'database');
    const schema = await databaseSchema(http, databaseId);
    const properties = toProperties(schema, propertyValues(mapper.properties));
    const children = mapper.content ? paragraphs(mapper.content) : [];
    const page = await callNotion(http, {
      method: 'POST',
      path: '/pages',
      body: {
        parent: { database_id: databaseId },
        properties,
        // Notion takes at most 100 children with the page; the rest would need appending.
        ...(children.length ? { children: children.slice(0, 100) } : {}),
      },
    });
    if (children.length > 100) await appendChildren(http, String(page.id), children.slice(100));
    return pageBundle(page);
  },
});

export const updatePage = defineModule({
  key: 'notion:updateDatabaseItem',
  label: 'Update a page',
  description: 'Changes properties of a database page (only those given), or archives it.',
  kind: 'action',
  versions: [1, 2, 3],
  connection,
  mapper: {
    page: field.text({ label: 'Page ID', required: true, help: 'The id or the link of the page.' }),
    properties: propertiesField,
    archived: field.boolean({ label: 'Archive the page' }),
  },
  output: { sample: pageSample },
  run: async ({ http, mapper }) => {
    const pageId = notionId(mapper.page, 'page');
    const values = propertyValues(mapper.properties);
    let properties: Record<string, unknown> = {};
    if (Object.keys(values).length) {
      const current = await callNotion<{ parent: { database_id?: string } }>(http, {
        method: 'GET',
        path: `/pages/${pageId}`,
      });
      const databaseId = current.parent?.database_id;
      if (!databaseId) throw userError('is not in a database; only database pages have properties', 'page');
      properties = toProperties(await databaseSchema(http, databaseId), values);
    }
    const page = await callNotion(http, {
      method: 'PATCH',
      path: `/pages/${pageId}`,
      body: { properties, ...(mapper.archived === undefined ? {} : { archived: mapper.archived }) },
    });
    return pageBundle(page);
  },
});

export async function appendChildren(
  http: HttpClient,
  blockId: string,
  children: Array<Record<string, unknown>>,
): Promise<Array<Record<string, unknown>>> {
  const added: Array<Record<string, unknown>> = [];
  for (let i = 0; i < children.length; i += 100) {
    const res = await callNotion<{ results: Array<Record<string, unknown>> }>(http, {
      method: 'PATCH',
      path: `/blocks/${blockId}/children`,
      body: { children: children.slice(i, i + 100) },
    });
    added.push(...res.results);
  }
  return added;
}

/** Properties as a collection, or as JSON text typed into the field (as a person does). */
function propertyValues(value: unknown): Record<string, unknown> {
  const v = jsonValue(value, 'properties') ?? {};
  if (!isRecord(v)) throw userError('must be a collection of property → value', 'properties');
  return v;
}
