import { randomBytes } from 'node:crypto';
import { detectMimeType } from 'nodemailer/lib/mime-funcs/mime-types';
import { defineModule, field, ModuleError, userError, type HttpClient } from '@integrator/sdk';
import { compact, fileBundle, makeConvert } from '@integrator/apps/app-kit';
import { callGoogle, GOOGLE_CONNECTION_TYPES } from '@integrator/apps/google-kit';
import { FILE_FIELDS, folderIdOf, uploadUrl } from './api';

// Drive's "Upload file data": up to 5 MB in one multipart/related request (metadata part, then the
// media part); larger files with a resumable session (POST the metadata, PUT the bytes to the
// session URL Drive answers in Location).

export const MULTIPART_MAX = 5 * 1024 * 1024;
export const UPLOAD_MAX = 100 * 1024 * 1024;

// "Import to Google Docs types": the source types Drive converts, and into what.
const DOCS = 'application/vnd.google-apps.document';
const SHEETS = 'application/vnd.google-apps.spreadsheet';
const SLIDES = 'application/vnd.google-apps.presentation';
export const CONVERTIBLE: Record<string, string> = {
  'text/plain': DOCS,
  'text/html': DOCS,
  'application/rtf': DOCS,
  'application/msword': DOCS,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': DOCS,
  'application/vnd.oasis.opendocument.text': DOCS,
  'text/csv': SHEETS,
  'text/tab-separated-values': SHEETS,
  'application/vnd.ms-excel': SHEETS,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': SHEETS,
  'application/vnd.oasis.opendocument.spreadsheet': SHEETS,
  'application/vnd.ms-powerpoint': SLIDES,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': SLIDES,
  'application/vnd.oasis.opendocument.presentation': SLIDES,
};

export const uploadFile = defineModule({
  key: 'google-drive:uploadAFile',
  label: 'Upload a file',
  description:
    'Uploads a file (from another module’s file) into a Drive folder, optionally as a Google Docs file.',
  kind: 'action',
  versions: [1, 2, 3, 4],
  connection: { types: GOOGLE_CONNECTION_TYPES },
  make: { convert: makeConvert(GOOGLE_CONNECTION_TYPES) },
  mapper: {
    select: field.text({
      label: 'Folder chosen by',
      advanced: true,
      help: 'How Make’s form picked the folder.',
    }),
    destination: field.text({
      label: 'Drive chosen in Make',
      advanced: true,
      help: 'Which drive Make’s form browsed (drive, share, team): kept, not used; the folder ID decides, shared drives included.',
    }),
    folderId: field.text({ label: 'Folder ID', help: 'Empty: the root of My Drive.' }),
    filename: field.text({ label: 'File name', required: true }),
    data: field.any({ label: 'Data', required: true, help: 'The binary data of another module (or text).' }),
    mimeType: field.text({
      label: 'Content type',
      advanced: true,
      help: 'Empty: guessed from the file name.',
    }),
    convert: field.boolean({
      label: 'Convert to a Google Docs file',
      default: false,
      help: 'Word/text/HTML → Docs, Excel/CSV → Sheets, PowerPoint → Slides.',
    }),
  },
  output: { sample: { id: '1AbC', name: 'report.pdf', mimeType: 'application/pdf', parents: ['root'] } },
  run: async ({ http, mapper, connection }) => {
    const file = fileBundle(mapper.filename, mapper.data, 'data', UPLOAD_MAX);
    const mediaType = mapper.mimeType?.trim() || detectMimeType(file.fileName) || 'application/octet-stream';
    let target: string | undefined;
    if (mapper.convert) {
      target = CONVERTIBLE[mediaType.split(';')[0].toLowerCase()];
      if (!target)
        throw userError(
          `Drive cannot convert ${mediaType} to a Google Docs file; turn Convert off`,
          'convert',
        );
    }
    const folder = folderIdOf(mapper.folderId, 'folderId');
    const metadata = compact({
      name: file.fileName,
      parents: folder ? [folder] : undefined,
      mimeType: target,
    });
    const url = uploadUrl(connection);
    const query = { supportsAllDrives: 'true', fields: FILE_FIELDS };
    // Drive names a missing parent folder as `fileId`.
    const fields = { parents: 'folderId', fileId: 'folderId', name: 'filename', mimeType: 'mimeType' };
    if (file.data.byteLength > MULTIPART_MAX)
      return resumable(http, url, query, metadata, mediaType, file.data, fields);
    const boundary = `integrator-${randomBytes(12).toString('hex')}`;
    const res = await callGoogle(
      http,
      {
        method: 'POST',
        url,
        query: { uploadType: 'multipart', ...query },
        raw: {
          data: multipartRelated(boundary, metadata, mediaType, file.data),
          contentType: `multipart/related; boundary=${boundary}`,
        },
      },
      fields,
    );
    return res.body as Record<string, unknown>;
  },
});

/** RFC 2387 multipart/related: the JSON metadata part, then the media part. */
export function multipartRelated(
  boundary: string,
  metadata: unknown,
  mediaType: string,
  data: Uint8Array,
): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(metadata)}\r\n` +
        `--${boundary}\r\nContent-Type: ${mediaType}\r\n\r\n`,
      'utf8',
    ),
    Buffer.from(data),
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  ]);
}

async function resumable(
  http: HttpClient,
  url: string,
  query: Record<string, string>,
  metadata: unknown,
  mediaType: string,
  data: Uint8Array,
  fields: Record<string, string>,
) {
  const start = await callGoogle(
    http,
    {
      method: 'POST',
      url,
      query: { uploadType: 'resumable', ...query },
      headers: { 'X-Upload-Content-Type': mediaType, 'X-Upload-Content-Length': String(data.byteLength) },
      json: metadata,
    },
    fields,
  );
  const session = start.headers.location;
  // The token goes with the PUT: only to the host the upload began on.
  if (!session || new URL(session, url).origin !== new URL(url).origin)
    throw new ModuleError('Drive answered no upload session on its own host (Location header)', {
      kind: 'transient',
      type: 'ConnectionError',
    });
  const res = await callGoogle(
    http,
    { method: 'PUT', url: new URL(session, url).toString(), raw: { data, contentType: mediaType } },
    fields,
  );
  return res.body as Record<string, unknown>;
}
