import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local Notion API (v1, Notion-Version 2022-06-28) on 127.0.0.1 that answers like the real one
// and refuses what it refuses: no or a wrong token, no Notion-Version, a body that is not JSON,
// unknown body keys, properties the database lacks or values of the wrong shape, more than 100
// children, page_size over 100. Errors are Notion's `{object: "error", status, code, message}`.

export const TOKEN = 'secret_fake_notion_token';
export const DATABASE_ID = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

export interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

type Schema = Record<string, { id: string; name: string; type: string }>;

export interface FakeNotion {
  url: string;
  requests: Recorded[];
  pages: Map<string, Record<string, unknown>>;
  blocks: Map<string, Array<Record<string, unknown>>>;
  /** Answer the next n requests with 429 and Retry-After: 1. */
  throttle(n: number): void;
  close(): Promise<void>;
}

const SCHEMA: Schema = {
  Name: { id: 'title', name: 'Name', type: 'title' },
  Status: { id: 'U%7CNl', name: 'Status', type: 'status' },
  Amount: { id: 'a%3Bb', name: 'Amount', type: 'number' },
  Due: { id: 'd%40e', name: 'Due', type: 'date' },
  Tags: { id: 'T%5Cg', name: 'Tags', type: 'multi_select' },
  Done: { id: 'c%3Fk', name: 'Done', type: 'checkbox' },
  Notes: { id: 'n%7Dt', name: 'Notes', type: 'rich_text' },
  Created: { id: 'c%3Dt', name: 'Created', type: 'created_time' },
};
const STATUSES = ['To do', 'Doing', 'Done'];

const error = (status: number, code: string, message: string) => ({
  status,
  body: { object: 'error', status, code, message },
});
type Reply = { status: number; body: unknown; headers?: Record<string, string> };

export async function startFakeNotion(): Promise<FakeNotion> {
  const requests: Recorded[] = [];
  const pages = new Map<string, Record<string, unknown>>();
  const blocks = new Map<string, Array<Record<string, unknown>>>();
  let throttled = 0;
  let clock = Date.UTC(2026, 2, 1, 9);

  const route = (method: string, path: string, body: Record<string, unknown>): Reply => {
    const dbMatch = /^\/v1\/databases\/([0-9a-f-]+)(\/query)?$/.exec(path);
    const pageMatch = /^\/v1\/pages\/([0-9a-f-]+)$/.exec(path);
    const childMatch = /^\/v1\/blocks\/([0-9a-f-]+)\/children$/.exec(path);
    if (method === 'GET' && path === '/v1/users/me')
      return {
        status: 200,
        body: { object: 'user', id: randomUUID(), type: 'bot', name: 'Integrator', bot: {} },
      };
    if (dbMatch) {
      if (bare(dbMatch[1]) !== DATABASE_ID)
        return error(
          404,
          'object_not_found',
          `Could not find database with ID: ${dbMatch[1]}. Make sure the relevant pages and databases are shared with your integration.`,
        );
      if (method === 'GET' && !dbMatch[2])
        return { status: 200, body: { object: 'database', id: DATABASE_ID, properties: SCHEMA } };
      if (method === 'POST' && dbMatch[2])
        return query([...pages.values()], body, ['filter', 'sorts', 'start_cursor', 'page_size'], true);
    }
    if (method === 'POST' && path === '/v1/pages') return createPage(body);
    if (pageMatch) {
      const page = pages.get(bare(pageMatch[1]));
      if (!page) return error(404, 'object_not_found', `Could not find page with ID: ${pageMatch[1]}.`);
      if (method === 'GET') return { status: 200, body: page };
      if (method === 'PATCH') return updatePage(page, body);
    }
    if (method === 'POST' && path === '/v1/search') {
      const filter = body.filter as { property?: string; value?: string } | undefined;
      if (filter && (filter.property !== 'object' || !['page', 'database'].includes(String(filter.value))))
        return error(
          400,
          'validation_error',
          'body failed validation: body.filter.value should be `"page"` or `"database"`.',
        );
      const all =
        filter?.value === 'database'
          ? [{ object: 'database', id: DATABASE_ID, title: [{ plain_text: 'Tasks' }] }]
          : [...pages.values()];
      const q = String(body.query ?? '').toLowerCase();
      return query(
        all.filter((o) => !q || JSON.stringify(o).toLowerCase().includes(q)),
        body,
        ['query', 'filter', 'sort', 'start_cursor', 'page_size'],
        false,
      );
    }
    if (method === 'PATCH' && childMatch) {
      const children = body.children;
      if (Object.keys(body).some((k) => k !== 'children' && k !== 'after'))
        return unknownKey(body, ['children', 'after']);
      if (!Array.isArray(children) || children.length === 0 || children.length > 100)
        return error(
          400,
          'validation_error',
          'body failed validation: body.children.length should be ≤ `100`, instead was ' +
            (Array.isArray(children) ? children.length : 'undefined') +
            '.',
        );
      for (const b of children as Array<Record<string, unknown>>)
        if (typeof b.type !== 'string' || !(b.type in b))
          return error(
            400,
            'validation_error',
            'body failed validation: a block needs its type and a value under it.',
          );
      const id = bare(childMatch[1]);
      if (!pages.has(id))
        return error(404, 'object_not_found', `Could not find block with ID: ${childMatch[1]}.`);
      const added = (children as Array<Record<string, unknown>>).map((b) => ({ ...b, id: randomUUID() }));
      blocks.set(id, [...(blocks.get(id) ?? []), ...added]);
      return { status: 200, body: { object: 'list', results: added, next_cursor: null, has_more: false } };
    }
    return error(400, 'invalid_request_url', 'Invalid request URL.');
  };

  const createPage = (body: Record<string, unknown>): Reply => {
    if (Object.keys(body).some((k) => !['parent', 'properties', 'children', 'icon', 'cover'].includes(k)))
      return unknownKey(body, ['parent', 'properties', 'children', 'icon', 'cover']);
    const parent = body.parent as { database_id?: string } | undefined;
    if (!parent?.database_id || bare(parent.database_id) !== DATABASE_ID)
      return error(404, 'object_not_found', `Could not find database with ID: ${parent?.database_id}.`);
    const checked = checkProperties((body.properties ?? {}) as Record<string, unknown>);
    if ('status' in checked) return checked;
    const children = (body.children ?? []) as unknown[];
    if (children.length > 100)
      return error(
        400,
        'validation_error',
        'body failed validation: body.children.length should be ≤ `100`.',
      );
    if (!('Name' in checked.properties)) checked.properties.Name = { id: 'title', type: 'title', title: [] };
    const id = randomUUID();
    const page = {
      object: 'page',
      id,
      created_time: new Date((clock += 1000)).toISOString(),
      last_edited_time: new Date(clock).toISOString(),
      archived: false,
      parent: { type: 'database_id', database_id: DATABASE_ID },
      url: `https://www.notion.so/${id.replace(/-/g, '')}`,
      properties: checked.properties,
    };
    pages.set(bare(id), page);
    blocks.set(bare(id), children as Array<Record<string, unknown>>);
    return { status: 200, body: page };
  };

  const updatePage = (page: Record<string, unknown>, body: Record<string, unknown>): Reply => {
    if (Object.keys(body).some((k) => !['properties', 'archived', 'icon', 'cover', 'in_trash'].includes(k)))
      return unknownKey(body, ['properties', 'archived', 'icon', 'cover', 'in_trash']);
    const checked = checkProperties((body.properties ?? {}) as Record<string, unknown>);
    if ('status' in checked) return checked;
    Object.assign(page.properties as object, checked.properties);
    if (typeof body.archived === 'boolean') page.archived = body.archived;
    page.last_edited_time = new Date((clock += 1000)).toISOString();
    return { status: 200, body: page };
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '').split('?')[0];
    const reply = (): Reply => {
      if (throttled > 0) {
        throttled--;
        return {
          ...error(429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.'),
          headers: { 'retry-after': '1' },
        };
      }
      if (req.headers.authorization !== `Bearer ${TOKEN}`)
        return error(401, 'unauthorized', 'API token is invalid.');
      if (req.headers['notion-version'] !== '2022-06-28')
        return error(
          400,
          'missing_version',
          `Notion-Version header failed validation: Notion-Version header should be defined, instead was \`${req.headers['notion-version']}\`.`,
        );
      let body: Record<string, unknown> = {};
      if (req.method === 'POST' || req.method === 'PATCH') {
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
          return error(400, 'invalid_request', 'Content-Type must be application/json.');
        try {
          body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        } catch {
          return error(400, 'invalid_json', 'Error parsing JSON body.');
        }
      }
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      return route(req.method ?? '', path, body);
    };
    const r = reply();
    res
      .writeHead(r.status, { 'content-type': 'application/json', ...(r.headers ?? {}) })
      .end(JSON.stringify(r.body));
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    pages,
    blocks,
    throttle: (n) => void (throttled = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function bare(id: string): string {
  return id.replace(/-/g, '').toLowerCase();
}

function unknownKey(body: Record<string, unknown>, allowed: string[]): Reply {
  const key = Object.keys(body).find((k) => !allowed.includes(k)) ?? '';
  return error(
    400,
    'validation_error',
    `body failed validation: body.${key} should be not present, instead was \`${JSON.stringify(body[key])}\`.`,
  );
}

function query(items: unknown[], body: Record<string, unknown>, allowed: string[], database: boolean): Reply {
  if (Object.keys(body).some((k) => !allowed.includes(k))) return unknownKey(body, allowed);
  const size = Number(body.page_size ?? 100);
  if (!Number.isInteger(size) || size < 1 || size > 100)
    return error(
      400,
      'validation_error',
      `body failed validation: body.page_size should be ≤ \`100\`, instead was \`${size}\`.`,
    );
  const filter = body.filter as { property?: string } | undefined;
  if (database && filter && 'property' in filter && !(String(filter.property) in SCHEMA))
    return error(400, 'validation_error', `Could not find property with name or id: ${filter.property}`);
  const start = body.start_cursor ? Number(body.start_cursor) : 0;
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? String(start + size) : null;
  return {
    status: 200,
    body: { object: 'list', results: slice, next_cursor: next, has_more: next !== null },
  };
}

const SHAPES: Record<string, (v: unknown) => boolean> = {
  title: (v) => Array.isArray(v) && v.every(textObject),
  rich_text: (v) => Array.isArray(v) && v.every(textObject),
  number: (v) => v === null || typeof v === 'number',
  checkbox: (v) => typeof v === 'boolean',
  status: (v) => v === null || (isObj(v) && STATUSES.includes(String(v.name))),
  multi_select: (v) =>
    Array.isArray(v) && v.every((o) => isObj(o) && typeof o.name === 'string' && !o.name.includes(',')),
  date: (v) => v === null || (isObj(v) && typeof v.start === 'string' && !Number.isNaN(Date.parse(v.start))),
};

function checkProperties(values: Record<string, unknown>): Reply | { properties: Record<string, unknown> } {
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const schema = SCHEMA[name] ?? Object.values(SCHEMA).find((p) => p.id === name);
    if (!schema) return error(400, 'validation_error', `${name} is not a property that exists.`);
    if (schema.type === 'created_time')
      return error(400, 'validation_error', `${name} is a computed property and cannot be set.`);
    const v = isObj(value) ? value[schema.type] : undefined;
    if (!isObj(value) || Object.keys(value).length !== 1 || !SHAPES[schema.type](v))
      return error(
        400,
        'validation_error',
        `body failed validation: body.properties.${name}.${schema.type} is not a valid ${schema.type} value.`,
      );
    properties[schema.name] = { id: schema.id, type: schema.type, [schema.type]: v };
  }
  return { properties };
}

function textObject(o: unknown): boolean {
  return (
    isObj(o) &&
    o.type === 'text' &&
    isObj(o.text) &&
    typeof o.text.content === 'string' &&
    (o.text.content as string).length <= 2000
  );
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
