import { defineModule, field, userError } from '@integrator/sdk';
import { compact, makeConvert } from '@integrator/apps/app-kit';
import { callGoogle, GOOGLE_CONNECTION_TYPES } from '@integrator/apps/google-kit';
import { driveUrl, FILE_FIELDS, fileIdOf, folderIdOf, FOLDER_MIME } from './api';

// Download (alt=media, or export for Google Docs files, which have no bytes of their own) and
// create a folder.

/** The engine's HTTP client reads at most 10 MB of an answer; larger files fail before downloading. */
export const DOWNLOAD_MAX = 10 * 1024 * 1024;

const EXPORTS = {
  'application/vnd.google-apps.document': {
    field: 'formatDocuments',
    default: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  'application/vnd.google-apps.spreadsheet': {
    field: 'formatSpreadsheets',
    default: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  'application/vnd.google-apps.presentation': {
    field: 'formatPresentations',
    default: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  'application/vnd.google-apps.drawing': { field: 'formatDrawings', default: 'image/png' },
} as const;
type ExportField = (typeof EXPORTS)[keyof typeof EXPORTS]['field'];

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/vnd.oasis.opendocument.text': '.odt',
  'application/vnd.oasis.opendocument.spreadsheet': '.ods',
  'text/plain': '.txt',
  'text/csv': '.csv',
  'text/html': '.html',
  'application/rtf': '.rtf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/svg+xml': '.svg',
};
const format = (label: string) =>
  field.text({ label, advanced: true, help: 'A MIME type Drive exports to (e.g. application/pdf).' });

export const downloadFile = defineModule({
  key: 'google-drive:getAFile',
  label: 'Download a file',
  description: 'Downloads a file’s content as a file (Google Docs files are exported to a chosen format).',
  kind: 'action',
  versions: [1, 2, 3, 4],
  connection: { types: GOOGLE_CONNECTION_TYPES },
  make: { convert: makeConvert(GOOGLE_CONNECTION_TYPES) },
  mapper: {
    select: field.text({ label: 'File chosen by', advanced: true, help: 'How Make’s form picked the file.' }),
    fileId: field.text({ label: 'File ID', required: true, help: 'Or the file’s Drive URL.' }),
    formatDocuments: format('Google Docs export format (default Word)'),
    formatSpreadsheets: format('Google Sheets export format (default Excel)'),
    formatPresentations: format('Google Slides export format (default PowerPoint)'),
    formatDrawings: format('Google Drawings export format (default PNG)'),
  },
  output: {
    sample: { id: '1AbC', fileName: 'report.pdf', mimeType: 'application/pdf', fileSize: 1024, data: '' },
  },
  run: async ({ http, mapper, connection }) => {
    const id = fileIdOf(mapper.fileId, 'fileId');
    const fields = { fileId: 'fileId' };
    const meta = (
      await callGoogle<Record<string, unknown>>(
        http,
        {
          method: 'GET',
          url: driveUrl(connection, `/files/${id}`),
          query: { supportsAllDrives: 'true', fields: FILE_FIELDS },
        },
        fields,
      )
    ).body;
    const mimeType = String(meta.mimeType ?? '');
    if (mimeType === FOLDER_MIME) throw userError('is a folder, which has no content to download', 'fileId');
    const exported = EXPORTS[mimeType as keyof typeof EXPORTS];
    let name = String(meta.name ?? id);
    let type = mimeType;
    let url = driveUrl(connection, `/files/${id}`);
    let query: Record<string, string> = { alt: 'media', supportsAllDrives: 'true' };
    if (exported) {
      type = (mapper[exported.field as ExportField] as string | undefined)?.trim() || exported.default;
      url = driveUrl(connection, `/files/${id}/export`);
      query = { mimeType: type };
      const ext = EXTENSIONS[type];
      if (ext && !name.toLowerCase().endsWith(ext)) name += ext;
    } else if (mimeType.startsWith('application/vnd.google-apps.')) {
      throw userError(`is a ${mimeType.slice(28)}, which Drive cannot download or export`, 'fileId');
    } else if (Number(meta.size) > DOWNLOAD_MAX) {
      throw userError(
        `is ${String(meta.size)} bytes; files of at most ${DOWNLOAD_MAX} bytes can be downloaded`,
        'fileId',
        'MaxFileSizeExceededError',
      );
    }
    const res = await callGoogle<Uint8Array>(
      http,
      { method: 'GET', url, query, responseType: 'binary' },
      { ...fields, mimeType: exported?.field ?? 'fileId' },
    );
    const data = Buffer.from(res.body);
    return compact({
      id,
      fileName: name,
      mimeType: type,
      fileSize: data.byteLength,
      data,
      webViewLink: meta.webViewLink,
    });
  },
});

export const createFolder = defineModule({
  key: 'google-drive:createAFolder',
  label: 'Create a folder',
  description: 'Creates a folder in a Drive folder (or at the root of My Drive).',
  kind: 'action',
  versions: [1, 2, 3, 4],
  connection: { types: GOOGLE_CONNECTION_TYPES },
  make: { convert: makeConvert(GOOGLE_CONNECTION_TYPES) },
  mapper: {
    select: field.text({
      label: 'Folder chosen by',
      advanced: true,
      help: 'How Make’s form picked the parent.',
    }),
    destination: field.text({
      label: 'Drive chosen in Make',
      advanced: true,
      help: 'Which drive Make’s form browsed (drive, share, team): kept, not used; the folder ID decides, shared drives included.',
    }),
    folderId: field.text({ label: 'Parent folder ID', help: 'Empty: the root of My Drive.' }),
    name: field.text({ label: 'Name', required: true }),
  },
  output: { sample: { id: '1AbC', name: 'Invoices', mimeType: FOLDER_MIME, parents: ['root'] } },
  run: async ({ http, mapper, connection }) => {
    const parent = folderIdOf(mapper.folderId, 'folderId');
    const res = await callGoogle<Record<string, unknown>>(
      http,
      {
        method: 'POST',
        url: driveUrl(connection, '/files'),
        query: { supportsAllDrives: 'true', fields: FILE_FIELDS },
        json: compact({
          name: mapper.name.trim(),
          mimeType: FOLDER_MIME,
          parents: parent ? [parent] : undefined,
        }),
      },
      { parents: 'folderId', fileId: 'folderId', name: 'name' },
    );
    return res.body;
  },
});
