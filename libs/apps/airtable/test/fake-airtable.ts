import {
  startFake,
  type FakeReply,
  type FakeServer,
  type RecordedRequest,
} from '../../../../test/support/app-harness';

// A strict Airtable Web API (airtable.com/developers/web/api): `Authorization: Bearer <PAT>`,
// /v0/{baseId}/{tableIdOrName}[/{recordId}], errors as { error: { type, message } }, list pages
// of at most 100 with an `offset` cursor. Formulas: only {Field}='text' and {Field}=number
// (enough for the tests); anything else is INVALID_FILTER_BY_FORMULA, as a typo would be.

export const TOKEN = 'patFAKE123.abcdef';
export const BASE = 'appTEST1234567890';
const TABLE = { id: 'tblTASKS123456789', name: 'Tasks' };
const FIELDS = [
  { id: 'fldName', name: 'Name', type: 'text' },
  { id: 'fldStatus', name: 'Status', type: 'select' },
  { id: 'fldScore', name: 'Score', type: 'number' },
  { id: 'fldCreated', name: 'Created', type: 'createdTime' },
];
const VIEWS = ['Grid view', 'viwGRID123456789'];
const QUERY_KEYS =
  /^(filterByFormula|view|maxRecords|pageSize|offset|fields\[\]|returnFieldsByFieldId|cellFormat|timeZone|userLocale|sort\[\d+\]\[(field|direction)\])$/;

export interface Rec {
  id: string;
  createdTime: string;
  fields: Record<string, unknown>;
}

export interface FakeAirtable extends FakeServer {
  records: Rec[];
  options: Set<string>;
  seed(fields: Record<string, unknown>, createdTime?: string): Rec;
}

// Error answers are remembered, so a handler can tell them from parsed bodies.
const replies = new WeakSet<object>();
const isReply = (v: object): v is FakeReply => replies.has(v);
const fail = (status: number, type: string, message: string): FakeReply => {
  const reply = { status, body: { error: { type, message } } };
  replies.add(reply);
  return reply;
};
const invalid = () =>
  fail(
    422,
    'INVALID_REQUEST_UNKNOWN',
    'Invalid request: parameter validation failed. Check your request data.',
  );

export async function startFakeAirtable(): Promise<FakeAirtable> {
  let n = 0;
  const records: Rec[] = [];
  const opts = new Set(['Todo', 'Done']);
  const seed = (fields: Record<string, unknown>, createdTime = '2026-01-01T00:00:00.000Z') => {
    const r = {
      id: `rec${String(++n).padStart(14, '0')}`,
      createdTime,
      fields: { ...fields, Created: createdTime },
    };
    records.push(r);
    return r;
  };
  const fake = await startFake((req) => route(req, records, opts, seed));
  return Object.assign(fake, { records, options: opts, seed });
}

function route(
  req: RecordedRequest,
  records: Rec[],
  opts: Set<string>,
  seed: (f: Record<string, unknown>) => Rec,
): FakeReply {
  if (req.headers.authorization !== `Bearer ${TOKEN}`)
    return fail(401, 'AUTHENTICATION_REQUIRED', 'Authentication required');
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/v0/meta/whoami')
    return { status: 200, body: { id: 'usrTEST', scopes: ['data.records:read', 'data.records:write'] } };
  const m = /^\/v0\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
  const table = m && decodeURIComponent(m[2]);
  if (!m || m[1] !== BASE || (table !== TABLE.id && table !== TABLE.name))
    return fail(
      403,
      'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
      'Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.',
    );
  const recordId = m[3];
  const byId =
    url.searchParams.get('returnFieldsByFieldId') === 'true' ||
    (req.json as { returnFieldsByFieldId?: boolean })?.returnFieldsByFieldId === true;
  const out = (r: Rec) => ({
    id: r.id,
    createdTime: r.createdTime,
    fields: byId ? keyedById(r.fields) : r.fields,
  });
  if (!recordId && req.method === 'GET') return list(url, records, out);
  if (!recordId && req.method === 'POST') {
    const body = bodyOf(req);
    if (isReply(body)) return body;
    const fields = checkFields(body.fields, body.typecast === true, opts);
    if (isReply(fields)) return fields;
    return { status: 200, body: out(seed(fields)) };
  }
  const rec = records.find((r) => r.id === recordId);
  if (!rec) return fail(404, 'MODEL_ID_NOT_FOUND', `Could not find a record with ID "${recordId}".`);
  if (req.method === 'GET') return { status: 200, body: out(rec) };
  if (req.method === 'DELETE') {
    records.splice(records.indexOf(rec), 1);
    return { status: 200, body: { id: rec.id, deleted: true } };
  }
  if (req.method === 'PATCH') {
    const body = bodyOf(req);
    if (isReply(body)) return body;
    const fields = checkFields(body.fields, body.typecast === true, opts);
    if (isReply(fields)) return fields;
    Object.assign(rec.fields, fields);
    return { status: 200, body: out(rec) };
  }
  return fail(404, 'NOT_FOUND', 'Could not find what you are looking for');
}

function bodyOf(req: RecordedRequest): Record<string, unknown> | FakeReply {
  if (!String(req.headers['content-type']).startsWith('application/json'))
    return fail(
      415,
      'INVALID_REQUEST_UNKNOWN',
      'Invalid request: the request body must be JSON (Content-Type: application/json).',
    );
  const b = req.json as Record<string, unknown>;
  if (
    !b ||
    typeof b !== 'object' ||
    Object.keys(b).some((k) => !['fields', 'typecast', 'returnFieldsByFieldId'].includes(k))
  )
    return invalid();
  return b;
}

function fieldDef(key: string) {
  return FIELDS.find((f) => f.id === key || f.name === key);
}

function checkFields(
  fields: unknown,
  typecast: boolean,
  opts: Set<string>,
): Record<string, unknown> | FakeReply {
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return invalid();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const def = fieldDef(k);
    if (!def) return fail(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${k}"`);
    if (def.type === 'createdTime')
      return fail(
        422,
        'INVALID_VALUE_FOR_COLUMN',
        `Field "${def.name}" cannot accept a value because the field is computed`,
      );
    if (def.type === 'number' && typeof v !== 'number' && !(typecast && !isNaN(Number(v))))
      return fail(422, 'INVALID_VALUE_FOR_COLUMN', `Field "${def.name}" cannot accept the provided value`);
    if (def.type === 'select' && !opts.has(String(v))) {
      if (!typecast)
        return fail(
          422,
          'INVALID_MULTIPLE_CHOICE_OPTIONS',
          `Insufficient permissions to create new select option ""${String(v)}""`,
        );
      opts.add(String(v));
    }
    out[def.name] = def.type === 'number' ? Number(v) : v;
  }
  return out;
}

function keyedById(fields: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [fieldDef(k)!.id, v]));
}

function list(url: URL, records: Rec[], out: (r: Rec) => unknown): FakeReply {
  const q = url.searchParams;
  for (const k of q.keys()) if (!QUERY_KEYS.test(k)) return invalid();
  const pageSize = Number(q.get('pageSize') ?? 100);
  const max = q.has('maxRecords') ? Number(q.get('maxRecords')) : Infinity;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return invalid();
  const view = q.get('view');
  if (view !== null && !VIEWS.includes(view))
    return fail(422, 'VIEW_NAME_NOT_FOUND', `Could not find view ${view}`);
  let rows = [...records];
  const formula = q.get('filterByFormula');
  if (formula) {
    const test = compile(formula.trim());
    if (!test)
      return fail(
        422,
        'INVALID_FILTER_BY_FORMULA',
        `The formula for filtering records is invalid: Unknown field names or syntax: ${formula}`,
      );
    rows = rows.filter(test);
  }
  for (let i = 9; i >= 0; i--) {
    const field = q.get(`sort[${i}][field]`);
    if (field === null) continue;
    const dir = q.get(`sort[${i}][direction]`) ?? 'asc';
    if (!fieldDef(field) || !['asc', 'desc'].includes(dir))
      return fail(422, 'INVALID_SORT', `Invalid sort: ${field} ${dir}`);
    const name = fieldDef(field)!.name;
    rows.sort(
      (a, b) =>
        (String(a.fields[name]) < String(b.fields[name])
          ? -1
          : String(a.fields[name]) > String(b.fields[name])
            ? 1
            : 0) * (dir === 'desc' ? -1 : 1),
    );
  }
  rows = rows.slice(0, max);
  const wanted = q.getAll('fields[]');
  const offset = q.get('offset');
  let start = 0;
  if (offset !== null) {
    const o = /^itr[a-z0-9]+\/(\d+)$/.exec(offset);
    if (!o) return fail(422, 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE', 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE');
    start = Number(o[1]);
  }
  const page = rows.slice(start, start + pageSize).map((r) => {
    const o = out(r) as Rec;
    if (wanted.length)
      o.fields = Object.fromEntries(
        Object.entries(o.fields).filter(([k]) => wanted.includes(k) || wanted.includes(fieldDef(k)!.name)),
      );
    return o;
  });
  const next = start + pageSize < rows.length ? `itrfake/${start + pageSize}` : undefined;
  return { status: 200, body: { records: page, ...(next ? { offset: next } : {}) } };
}

// The formulas the tests and the watch trigger use: {F}='text', {F}=number,
// NOT(IS_BEFORE({F}, 'iso')) and AND(a, b) of those.
function compile(f: string): ((r: Rec) => boolean) | undefined {
  const and = /^AND\((.+)\)$/.exec(f);
  if (and) {
    const parts = splitTop(and[1]).map((p) => compile(p.trim()));
    if (parts.some((p) => !p)) return undefined;
    return (r) => parts.every((p) => p!(r));
  }
  const after = /^NOT\(IS_BEFORE\(\{([^}]+)\},\s*'([^']+)'\)\)$/.exec(f);
  if (after) {
    const def = fieldDef(after[1]);
    if (!def || isNaN(Date.parse(after[2]))) return undefined;
    return (r) => Date.parse(String(r.fields[def.name])) >= Date.parse(after[2]);
  }
  const eq = /^\{([^}]+)\}\s*=\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?))$/.exec(f);
  if (!eq || !fieldDef(eq[1])) return undefined;
  const want = eq[4] !== undefined ? Number(eq[4]) : (eq[2] ?? eq[3]);
  return (r) => r.fields[fieldDef(eq[1])!.name] === want;
}

function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
