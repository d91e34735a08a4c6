import { userError, type ResolvedConnection } from '@integrator/sdk';
import { googleUrl, requireGoogleApp } from '@integrator/apps/google-kit';

// Drive API v3 (developers.google.com/drive/api/reference/rest/v3). Metadata calls go to
// /drive/v3, uploads to /upload/drive/v3, both on www.googleapis.com (or the connection's Base URL).

export const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** The file fields the modules answer (Drive answers only id, name, mimeType and kind unless asked). */
export const FILE_FIELDS =
  'id,name,mimeType,parents,size,createdTime,modifiedTime,webViewLink,webContentLink,iconLink,trashed,driveId';

export function driveUrl(connection: ResolvedConnection | undefined, path: string): string {
  requireGoogleApp(connection, 'drive');
  return googleUrl(connection, 'drive', `/drive/v3${path}`);
}

export function uploadUrl(connection: ResolvedConnection | undefined): string {
  requireGoogleApp(connection, 'drive');
  return googleUrl(connection, 'drive', '/upload/drive/v3/files');
}

/** A value inside a Drive query string literal: backslash and single quote escaped ("Search for files"). */
export function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * A file id: Drive's ids are letters, digits, - and _. A pasted Drive URL gives its id, and so
 * does the path of ids Make's file and folder pickers store ("/1AbC/2DeF": the last one).
 */
export function fileIdOf(value: unknown, field: string): string {
  const given = String(value ?? '').trim();
  const text = /^(?:\/[\w-]+)+\/?$/.test(given) ? given.replace(/\/$/, '').split('/').at(-1)! : given;
  const fromUrl = /\/d\/([\w-]{10,})|[?&]id=([\w-]{10,})|\/folders\/([\w-]{10,})/.exec(text);
  const id = fromUrl ? (fromUrl[1] ?? fromUrl[2] ?? fromUrl[3]) : text;
  if (!/^[\w-]+$/.test(id))
    throw userError(`${JSON.stringify(text)} is not a Drive file or folder ID`, field);
  return id;
}

/** A folder setting: empty or "/" is the root of My Drive (undefined). */
export function folderIdOf(value: unknown, field: string): string | undefined {
  const text = String(value ?? '').trim();
  return text === '' || text === '/' ? undefined : fileIdOf(text, field);
}
