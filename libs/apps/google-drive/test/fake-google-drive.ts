import { randomBytes } from 'node:crypto';
import {
  startFake,
  type FakeReply,
  type FakeServer,
  type RecordedRequest,
} from '../../../../test/support/app-harness';
import {
  bearerScopes,
  type ExtraTokens,
  googleFail,
  insufficientScopes,
  isReply,
  parseRelated,
  queryOf,
} from '../../google-kit/test/fake-google-common';
import { driveQuery } from './fake-drive-query';

// A strict Drive API v3 (developers.google.com/drive/api/reference/rest/v3): Bearer tokens with
// scopes, files.create as multipart/related or resumable uploads, files.get (metadata, alt=media),
// files.export for Docs Editors files, files.list with `q`, pageSize and pageToken, about.get.
// Unknown query parameters and metadata fields are refused, as Google refuses them.

export const TOKEN = 'ya29.drive-full';
export const READONLY_TOKEN = 'ya29.drive-readonly';
const DRIVE = 'https://www.googleapis.com/auth/drive';
const TOKENS: Record<string, string[]> = { [TOKEN]: [DRIVE], [READONLY_TOKEN]: [`${DRIVE}.readonly`] };
export const FOLDER_MIME = 'application/vnd.google-apps.folder';
const MULTIPART_MAX = 5 * 1024 * 1024;

export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  createdTime: string;
  modifiedTime: string;
  trashed: boolean;
  data?: Buffer;
}

export interface FakeDrive extends FakeServer {
  files: Map<string, DriveFile>;
  add(f: Partial<DriveFile> & { name: string }): DriveFile;
  /** Drive may answer fewer items than pageSize; this caps a page (to test nextPageToken). */
  pageCap: number;
}

const META_FIELDS = ['name', 'parents', 'mimeType', 'description', 'properties', 'appProperties', 'starred'];
const CONVERTS: Record<string, string[]> = {
  'application/vnd.google-apps.document': [
    'text/plain',
    'text/html',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
  'application/vnd.google-apps.spreadsheet': [
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
};
const EXPORTS: Record<string, string[]> = {
  'application/vnd.google-apps.document': [
    'application/pdf',
    'text/plain',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
  'application/vnd.google-apps.spreadsheet': [
    'application/pdf',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
};

/** `extraTokens`: tokens a token server issued (the browser test's service account). */
export async function startFakeDrive(extraTokens?: ExtraTokens): Promise<FakeDrive> {
  const files = new Map<string, DriveFile>();
  const sessions = new Map<string, { meta: Record<string, unknown>; type: string; length: number }>();
  let clock = Date.UTC(2026, 0, 1);
  const add = (f: Partial<DriveFile> & { name: string }): DriveFile => {
    const time = new Date((clock += 1000)).toISOString();
    const file: DriveFile = {
      id: `1${randomBytes(16).toString('base64url')}`,
      mimeType: 'application/octet-stream',
      parents: ['root-id'],
      createdTime: time,
      modifiedTime: time,
      trashed: false,
      ...f,
    };
    files.set(file.id, file);
    return file;
  };
  const notFound = (id: string) => googleFail(404, `File not found: ${id}.`, 'notFound', 'fileId');
  const view = (f: DriveFile, fields: string | null) => {
    const all: Record<string, unknown> = {
      kind: 'drive#file',
      id: f.id,
      name: f.name,
      mimeType: f.mimeType,
      parents: f.parents,
      createdTime: f.createdTime,
      modifiedTime: f.modifiedTime,
      trashed: f.trashed,
      webViewLink: `https://drive.google.com/file/d/${f.id}/view`,
      ...(f.data ? { size: String(f.data.length) } : {}),
    };
    if (!fields) return { kind: all.kind, id: f.id, name: f.name, mimeType: f.mimeType };
    const wanted = fields.replace(/^nextPageToken,files\((.*)\)$/, '$1').split(',');
    return Object.fromEntries(Object.entries(all).filter(([k]) => wanted.includes(k)));
  };
  const create = (
    meta: Record<string, unknown>,
    type: string | undefined,
    data: Buffer | undefined,
    fields: string | null,
  ): FakeReply => {
    const unknown = Object.keys(meta).find((k) => !META_FIELDS.includes(k));
    if (unknown)
      return googleFail(400, `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`);
    // "root" is the alias of My Drive's root folder (root-id here).
    const parents = ((meta.parents as string[] | undefined) ?? ['root-id']).map((p) =>
      p === 'root' ? 'root-id' : p,
    );
    for (const p of parents) {
      const parent = p === 'root-id' ? { mimeType: FOLDER_MIME } : files.get(p);
      if (!parent) return notFound(p);
      if (parent.mimeType !== FOLDER_MIME)
        return googleFail(403, 'The specified parent is not a folder.', 'teamDriveFileLimitExceeded');
    }
    let mimeType = String(meta.mimeType ?? type ?? 'application/octet-stream');
    if (meta.mimeType && String(meta.mimeType).startsWith('application/vnd.google-apps.') && data) {
      if (!CONVERTS[mimeType]?.includes(String(type)))
        return googleFail(400, `Conversion of ${type} to ${mimeType} is not supported.`, 'badRequest');
    } else if (data) mimeType = String(meta.mimeType ?? type);
    const file = add({ name: String(meta.name ?? 'Untitled'), mimeType, parents, data });
    return { status: 200, body: view(file, fields) };
  };

  const server = await startFake((req) => {
    const url = new URL(req.url, 'http://fake');
    const scopes = bearerScopes(req, TOKENS, extraTokens);
    if (isReply(scopes)) return scopes;
    const writes = scopes.includes(DRIVE);
    const path = url.pathname;
    if (path === '/upload/drive/v3/files' && req.method === 'POST') {
      if (!writes) return insufficientScopes();
      const q = queryOf(req, ['uploadType', 'supportsAllDrives', 'fields']);
      if (isReply(q)) return q;
      if (q.get('uploadType') === 'multipart') return multipart(req, q.get('fields'));
      if (q.get('uploadType') === 'resumable') {
        const type = String(req.headers['x-upload-content-type'] ?? '');
        const length = Number(req.headers['x-upload-content-length']);
        if (!type || !Number.isInteger(length))
          return googleFail(400, 'X-Upload-Content-Type and -Length are required');
        const meta = jsonBody(req);
        if (isReply(meta)) return meta;
        const id = randomBytes(8).toString('hex');
        sessions.set(id, { meta, type, length });
        return {
          status: 200,
          headers: {
            location: `${server.url}/upload/drive/v3/files?uploadType=resumable&upload_id=${id}&fields=${encodeURIComponent(q.get('fields') ?? '')}`,
          },
        };
      }
      return googleFail(400, `Invalid value for uploadType: ${q.get('uploadType')}`, 'invalid', 'uploadType');
    }
    if (path === '/upload/drive/v3/files' && req.method === 'PUT') {
      const session = sessions.get(url.searchParams.get('upload_id') ?? '');
      if (!session) return googleFail(404, 'No such upload session.', 'notFound');
      if (req.body.length !== session.length)
        return googleFail(400, 'Content length does not match the session.');
      if (String(req.headers['content-type']) !== session.type)
        return googleFail(400, 'Content-Type does not match the session.');
      sessions.delete(url.searchParams.get('upload_id')!);
      return create(session.meta, session.type, req.body, url.searchParams.get('fields'));
    }
    if (path === '/drive/v3/about' && req.method === 'GET')
      return { status: 200, body: { user: { displayName: 'Ann', emailAddress: 'ann@example.com' } } };
    if (path === '/drive/v3/files' && req.method === 'GET') {
      const q = queryOf(req, [
        'q',
        'pageSize',
        'pageToken',
        'fields',
        'supportsAllDrives',
        'includeItemsFromAllDrives',
        'orderBy',
      ]);
      if (isReply(q)) return q;
      if (q.get('includeItemsFromAllDrives') === 'true' && q.get('supportsAllDrives') !== 'true')
        return googleFail(
          403,
          'The includeItemsFromAllDrives parameter can only be set to true when supportsAllDrives is also set to true.',
          'invalid',
        );
      const size = Number(q.get('pageSize') ?? 100);
      if (!Number.isInteger(size) || size < 1 || size > 1000)
        return googleFail(
          400,
          `Invalid value '${q.get('pageSize')}'. Values must be within the range: [1, 1000]`,
          'invalid',
          'pageSize',
        );
      const match = driveQuery(q.get('q') ?? '');
      if (typeof match === 'string') return googleFail(400, `Invalid Value (${match})`, 'invalid', 'q');
      const all = [...files.values()].filter(match);
      const offset = q.get('pageToken')
        ? Number(Buffer.from(q.get('pageToken')!, 'base64url').toString().slice(2))
        : 0;
      if (!Number.isInteger(offset)) return googleFail(400, 'Invalid Value', 'invalid', 'pageToken');
      const take = Math.min(size, fake.pageCap);
      const page = all.slice(offset, offset + take);
      const next =
        offset + take < all.length ? Buffer.from(`p:${offset + take}`).toString('base64url') : undefined;
      return {
        status: 200,
        body: { ...(next ? { nextPageToken: next } : {}), files: page.map((f) => view(f, q.get('fields'))) },
      };
    }
    if (path === '/drive/v3/files' && req.method === 'POST') {
      if (!writes) return insufficientScopes();
      const q = queryOf(req, ['supportsAllDrives', 'fields']);
      if (isReply(q)) return q;
      const meta = jsonBody(req);
      return isReply(meta) ? meta : create(meta, undefined, undefined, q.get('fields'));
    }
    const one = /^\/drive\/v3\/files\/([\w-]+)(\/export)?$/.exec(path);
    if (one && req.method === 'GET') {
      const file = files.get(one[1]);
      if (!file) return notFound(one[1]);
      if (one[2]) {
        const q = queryOf(req, ['mimeType', 'fields']);
        if (isReply(q)) return q;
        const to = q.get('mimeType') ?? '';
        if (!EXPORTS[file.mimeType])
          return googleFail(403, 'Export only supports Docs Editors files.', 'fileNotExportable');
        if (!EXPORTS[file.mimeType].includes(to))
          return googleFail(400, 'The requested conversion is not supported.', 'badRequest', 'mimeType');
        return {
          status: 200,
          raw: Buffer.from(`export of ${file.name} as ${to}`),
          headers: { 'content-type': to },
        };
      }
      const q = queryOf(req, ['alt', 'fields', 'supportsAllDrives', 'acknowledgeAbuse']);
      if (isReply(q)) return q;
      if (q.get('alt') === 'media') {
        if (!file.data)
          return googleFail(
            403,
            'Only files with binary content can be downloaded. Use Export with Docs Editors files.',
            'fileNotDownloadable',
            'alt',
          );
        return { status: 200, raw: file.data, headers: { 'content-type': file.mimeType } };
      }
      return { status: 200, body: view(file, q.get('fields')) };
    }
    return googleFail(404, `Not Found: ${req.method} ${path}`, 'notFound');
  });

  function multipart(req: RecordedRequest, fields: string | null): FakeReply {
    const parts = parseRelated(String(req.headers['content-type'] ?? ''), req.body);
    if (typeof parts === 'string') return googleFail(400, parts, 'badContent');
    if (parts.length !== 2)
      return googleFail(400, `A multipart upload has two parts, got ${parts.length}`, 'badContent');
    if (!/^application\/json/.test(parts[0].headers['content-type'] ?? ''))
      return googleFail(400, 'The first part must be the JSON metadata', 'badContent');
    if (req.body.length > MULTIPART_MAX + 64 * 1024)
      return googleFail(413, 'Request Too Large', 'uploadTooLarge');
    let meta: Record<string, unknown>;
    try {
      meta = JSON.parse(parts[0].body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return googleFail(400, 'Invalid JSON in the metadata part', 'parseError');
    }
    return create(meta, parts[1].headers['content-type'], parts[1].body, fields);
  }

  const fake: FakeDrive = { ...server, files, add, pageCap: 1000 };
  return fake;
}

function jsonBody(req: RecordedRequest): Record<string, unknown> | FakeReply {
  if (!String(req.headers['content-type']).startsWith('application/json'))
    return googleFail(400, 'Content-Type must be application/json', 'parseError');
  if (req.json === undefined || typeof req.json !== 'object')
    return googleFail(400, 'Invalid JSON payload', 'parseError');
  return req.json as Record<string, unknown>;
}
