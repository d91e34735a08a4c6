import type { MakeConnectionNeed, MakeNode } from '@integrator/sdk';

// Make's HTTP modules name their settings differently from ours: "Make a request" up to version 3
// (http:ActionSendData: qs, bodyType, data, handleErrors…) and version 4 (http:MakeRequest:
// queryParameters, contentType "json", jsonStringBodyContent, stopOnHttpError…). Make does not
// document these mappers (make-semantics.md), so this reads the names exports are known to use
// and near variants, and every other setting it meets is named in a note, never dropped quietly.
// Notes carry names only, never values: a Make export can hold a password.

type Obj = Record<string, unknown>;
type Pair = { name: string; value: unknown };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Settings without a counterpart here that change nothing at Make's default value. */
const HARMLESS_AT: Obj = {
  gzip: true,
  rejectUnauthorized: true,
  requestCompressedContent: true,
  useNewZLibDeCompress: true,
};

export function fromMake(node: MakeNode): {
  parameters: Obj;
  mapper: Obj;
  notes: string[];
  connection?: MakeConnectionNeed;
} {
  const m: Obj = { ...node.mapper };
  const p: Obj = { ...node.parameters };
  const notes: string[] = [];
  const take = (from: Obj, ...keys: string[]): unknown => {
    let found: unknown;
    for (const key of keys) {
      if (found === undefined && !isEmpty(from[key])) found = from[key];
      delete from[key];
    }
    return found;
  };
  const out: Obj = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined) out[key] = value;
  };

  set('url', take(m, 'url'));
  set('method', method(take(m, 'method')));
  set('headers', pairs(take(m, 'headers')));
  set('query', pairs(take(m, 'qs', 'queryParameters', 'query')));
  const v3 = 'bodyType' in node.mapper || isVersion3(node);
  delete m.bodyType;
  Object.assign(out, v3 ? v3Body(m, node, take) : v4Body(m, take));
  if (out.bodyType === 'unknown') {
    notes.push('its body type has no counterpart here; set the body again');
    delete out.bodyType;
  }

  const parse = flag(take(m, 'parseResponse'));
  // Make's version 3 does not parse responses unless asked; ours does by default.
  set('parseResponse', parse ?? (isVersion3(node) ? false : undefined));
  set('timeout', seconds(take(m, 'timeout')));
  set('followRedirects', flag(take(m, 'followRedirect', 'allowRedirects', 'followRedirects')));
  // v3 "Evaluate all states as errors" (parameters.handleErrors), v4 "Stop on HTTP error".
  const inParameters = take(p, 'handleErrors');
  const inMapper = take(m, 'handleErrors', 'stopOnHttpError');
  const stop = flag(inParameters ?? inMapper);
  if (stop !== undefined) out.allowNonSuccess = !stop;
  if (flag(take(m, 'followAllRedirects')) === true)
    notes.push('Make followed redirects of every method; here only GET and HEAD redirects are followed');

  const connection = credentialNeed(node, m, p, take, notes);
  const parameters: Obj = p.connection === undefined ? {} : { connection: p.connection };
  delete p.connection;
  if (connection) parameters.connectionRequired = true;
  for (const [holder, rest] of [
    ['mapper', m],
    ['parameters', p],
  ] as const) {
    for (const [key, value] of Object.entries(rest)) {
      if (isEmpty(value) || value === false || HARMLESS_AT[key] === value) continue;
      if (/keychain/i.test(key)) continue; // Make account ids of the credentials noted above
      notes.push(`${holder}.${key} has no counterpart here and was not imported`);
    }
  }
  return { parameters, mapper: out, notes, ...(connection ? { connection } : {}) };
}

type Take = (from: Obj, ...keys: string[]) => unknown;

const OAUTH_TYPES = ['oauth2AuthorizationCode', 'oauth2ClientCredentials'];

/** Make's authenticated request modules (version 3), all imported onto http:MakeRequest. */
const KEY_AUTH: Record<string, { types: string[]; parameter: string; label: string }> = {
  'http:ActionSendDataAPIKeyAuth': { types: ['apiKey'], parameter: 'auth', label: 'API key' },
  'http:ActionSendDataBasicAuth': { types: ['basic'], parameter: 'key', label: 'Basic' },
  'http:ActionSendDataOAuth': { types: OAUTH_TYPES, parameter: 'account', label: 'OAuth 2.0' },
  'http:ActionSendDataClientCertAuth': {
    types: ['clientCertificate'],
    parameter: 'key',
    label: 'client certificate',
  },
};

export const MAKE_REQUEST_KEYS = ['http:ActionSendData', ...Object.keys(KEY_AUTH)];

/** Version 4's parameters.authenticationType (apps.make.com/http: no auth, API key, Basic, OAuth 2.0). */
const V4_AUTH: Record<string, { types: string[]; label: string }> = {
  apiKey: { types: ['apiKey'], label: 'API key' },
  basicAuth: { types: ['basic'], label: 'Basic' },
  oAuth: { types: OAUTH_TYPES, label: 'OAuth 2.0' },
  oauth2: { types: OAUTH_TYPES, label: 'OAuth 2.0' },
  clientCertificate: { types: ['clientCertificate'], label: 'client certificate' },
};

// Where Make keeps credentials: keychain and account ids (parameters), or a user and password
// typed into version 3's mapper. None of it is imported (ids mean nothing here, and passwords
// must not travel in a blueprint); the module is marked as needing a connection instead.
function credentialNeed(
  node: MakeNode,
  m: Obj,
  p: Obj,
  take: Take,
  notes: string[],
): MakeConnectionNeed | undefined {
  const credentialKeys = Object.keys(p).filter(
    (k) => k !== 'connection' && /keychain|connection$|^(auth|key|account|certificate)$/i.test(k),
  );
  const present = credentialKeys.find((k) => !isEmpty(p[k]));
  for (const k of credentialKeys) delete p[k];
  const user = take(m, 'authUser');
  const password = take(m, 'authPass');
  const typed = user !== undefined || password !== undefined;
  const mtls = flag(take(m, 'useMtls')) === true;
  const authType = take(p, 'authenticationType');
  const byKey = KEY_AUTH[node.module];
  let need: { types: string[]; label: string } | undefined = byKey;
  if (!need && typeof authType === 'string' && authType !== 'noAuth') {
    need = V4_AUTH[authType] ?? { types: [], label: authType };
    if (!V4_AUTH[authType])
      notes.push(`its authentication type "${authType}" is not known here; choose a connection that fits`);
  }
  const inMapper = !need && typed;
  if (inMapper) need = { types: ['basic'], label: 'Basic' };
  if (mtls) {
    if (need && !need.types.includes('clientCertificate'))
      notes.push(
        'it also presented a client certificate (mutual TLS); one connection here does one kind of authentication',
      );
    need ??= { types: ['clientCertificate'], label: 'client certificate' };
  }
  if (!need) return undefined;
  notes.push(
    `it used ${need.label} authentication in Make; choose or create a connection${need.types.length ? ` of type ${need.types.join(' or ')}` : ''} here (credentials are not imported)`,
  );
  if (inMapper) return { types: need.types, makeParameter: 'mapper.authUser' };
  const where = present ?? byKey?.parameter ?? credentialKeys[0] ?? 'authenticationType';
  return { types: need.types, makeParameter: `parameters.${where}` };
}

// v3: bodyType "raw" (data + contentType), "x_www_form_urlencoded" or "multipart_form_data"
// (fields in data); none when empty.
function v3Body(m: Obj, node: MakeNode, take: Take): Obj {
  const type = node.mapper.bodyType;
  if (isEmpty(type)) return {};
  if (type === 'raw') {
    const contentType = take(m, 'contentType');
    const custom = take(m, 'customContentType', 'contentTypeValue');
    return raw(take(m, 'data'), contentType === 'custom' ? custom : (contentType ?? custom));
  }
  if (type === 'x_www_form_urlencoded') return form(take(m, 'data', 'fields'));
  if (type === 'multipart_form_data') return multipart(take(m, 'data', 'fields'));
  return { bodyType: 'unknown' };
}

// v4: contentType names the kind ("json", "urlEncoded", "multipart", "custom"); a JSON body is
// text (inputMethod "jsonString") or a structure ("dataStructure").
function v4Body(m: Obj, take: Take): Obj {
  const kind = take(m, 'contentType');
  const input = take(m, 'inputMethod');
  if (isEmpty(kind) || kind === 'empty' || kind === 'none') return {};
  if (kind === 'json') {
    const structure = take(m, 'dataStructureBodyContent', 'bodyContent');
    const text = take(m, 'jsonStringBodyContent', 'body', 'data');
    if (input === 'dataStructure' || (structure !== undefined && text === undefined))
      return { bodyType: 'json', body: structure ?? text };
    return raw(text, 'application/json');
  }
  if (kind === 'urlEncoded' || kind === 'x_www_form_urlencoded' || kind === 'form')
    return form(take(m, 'formDataFields', 'urlEncodedBodyContent', 'fields', 'data', 'body'));
  if (kind === 'multipart' || kind === 'multipartFormData' || kind === 'multipart_form_data')
    return multipart(take(m, 'multipartBodyContent', 'formDataFields', 'fields', 'data', 'body'));
  const custom = take(m, 'customContentType', 'contentTypeValue');
  const body = take(m, 'customBodyContent', 'rawBodyContent', 'body', 'data');
  if (kind === 'custom' || (typeof kind === 'string' && kind.includes('/')))
    return raw(body, kind === 'custom' ? custom : kind);
  return { bodyType: 'unknown' };
}

function raw(body: unknown, contentType: unknown): Obj {
  return {
    bodyType: 'raw',
    ...(body === undefined ? {} : { body }),
    ...(isEmpty(contentType) ? {} : { contentType }),
  };
}

function form(fields: unknown): Obj {
  // A list of fields, or a mapped object / encoded text (our form body takes both).
  return Array.isArray(fields)
    ? { bodyType: 'form', formFields: pairs(fields) }
    : { bodyType: 'form', ...(fields === undefined ? {} : { body: fields }) };
}

function multipart(fields: unknown): Obj {
  if (!Array.isArray(fields)) return { bodyType: 'multipart', multipartFields: fields ?? [] };
  const parts = fields.filter(isObject).map((f) => {
    const file = f.type === 'file';
    const part: Obj = { name: f.key ?? f.name ?? '', value: file ? (f.data ?? f.value) : f.value };
    const filename = f.fileName ?? f.filename;
    if (!isEmpty(filename)) part.filename = filename;
    if (!isEmpty(f.contentType)) part.contentType = f.contentType;
    return part;
  });
  return { bodyType: 'multipart', multipartFields: parts };
}

/** Make lists [{ name, value }] (sometimes { key, value }); a mapped expression stays as it is. */
function pairs(value: unknown): Pair[] | unknown {
  if (!Array.isArray(value)) return value;
  return value
    .filter(isObject)
    .map((item) => ({ name: String(item.name ?? item.key ?? ''), value: item.value ?? '' }))
    .filter((item) => item.name !== '' || item.value !== '');
}

function method(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const upper = value.trim().toUpperCase();
  return METHODS.includes(upper) ? upper : value;
}

function flag(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

function seconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return Math.min(300, Math.max(1, Math.round(n)));
}

function isVersion3(node: MakeNode): boolean {
  return node.module === 'http:ActionSendData' || (node.version !== undefined && node.version <= 3);
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
