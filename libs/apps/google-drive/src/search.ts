import { defineModule, field, options, type Bundle } from '@integrator/sdk';
import { makeConvert } from '@integrator/apps/app-kit';
import { callGoogle, GOOGLE_CONNECTION_TYPES } from '@integrator/apps/google-kit';
import { driveUrl, FILE_FIELDS, folderIdOf, FOLDER_MIME, quoted } from './api';

// files.list with a query (`q`, Drive's "Search for files and folders" syntax), following
// nextPageToken until the limit; trashed files are left out unless the query says otherwise.

const PAGE_MAX = 1000;

export const searchFiles = defineModule({
  key: 'google-drive:searchForFilesFolders',
  label: 'Search files/folders',
  description: 'Finds files or folders by name, folder or a Drive query; one bundle each.',
  kind: 'search',
  versions: [1, 2, 3, 4],
  connection: { types: GOOGLE_CONNECTION_TYPES },
  make: { convert: makeConvert(GOOGLE_CONNECTION_TYPES) },
  mapper: {
    searchType: field.select({
      label: 'Search for',
      options: options(['all', 'Files and folders'], ['file', 'Files'], ['folder', 'Folders']),
      default: 'all',
    }),
    folderId: field.text({ label: 'In folder (ID)', help: 'Empty: anywhere the connection can see.' }),
    name: field.text({ label: 'Name contains' }),
    query: field.text({
      label: 'Query',
      help: "Drive’s query syntax, e.g. modifiedTime > '2026-01-01T00:00:00' and mimeType = 'application/pdf'.",
    }),
    includeTrashed: field.boolean({ label: 'Include trashed items', default: false, advanced: true }),
    limit: field.number({ label: 'Maximum number of results', integer: true, min: 1, default: 100 }),
  },
  output: { sample: { id: '1AbC', name: 'report.pdf', mimeType: 'application/pdf', parents: ['0Fold'] } },
  run: async ({ http, mapper, connection }) => {
    const clauses: string[] = [];
    if (mapper.searchType === 'folder') clauses.push(`mimeType = ${quoted(FOLDER_MIME)}`);
    if (mapper.searchType === 'file') clauses.push(`mimeType != ${quoted(FOLDER_MIME)}`);
    const folder = folderIdOf(mapper.folderId, 'folderId');
    if (folder) clauses.push(`${quoted(folder)} in parents`);
    if (mapper.name?.trim()) clauses.push(`name contains ${quoted(mapper.name.trim())}`);
    if (!mapper.includeTrashed) clauses.push('trashed = false');
    if (mapper.query?.trim()) clauses.push(`(${mapper.query.trim()})`);
    const limit = mapper.limit ?? 100;
    const out: Bundle[] = [];
    let pageToken: string | undefined;
    do {
      const res = await callGoogle<{ files?: Bundle[]; nextPageToken?: string }>(
        http,
        {
          method: 'GET',
          url: driveUrl(connection, '/files'),
          query: {
            q: clauses.join(' and '),
            pageSize: Math.min(PAGE_MAX, limit - out.length),
            fields: `nextPageToken,files(${FILE_FIELDS})`,
            supportsAllDrives: 'true',
            includeItemsFromAllDrives: 'true',
            ...(pageToken ? { pageToken } : {}),
          },
        },
        { q: 'query', pageSize: 'limit' },
      );
      out.push(...(res.body.files ?? []).slice(0, limit - out.length));
      pageToken = res.body.nextPageToken;
    } while (pageToken && out.length < limit);
    return out;
  },
});
