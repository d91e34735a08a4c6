import { defineApp } from '@integrator/sdk';
import {
  googleApiCall,
  googleConnectionType,
  googleServiceAccountConnectionType,
} from '@integrator/apps/google-kit';
import { createFolder, downloadFile } from './files';
import { searchFiles } from './search';
import { uploadFile } from './upload';

export { multipartRelated } from './upload';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><path d="M8 3h8l6 11-4 7H6l-4-7z"/><path d="M8 3l6 11h8"/><path d="M2 14h12l-4 7"/></svg>';

export const googleDriveApp = defineApp({
  key: 'google-drive',
  label: 'Google Drive',
  description: 'Upload, download and search files, and create folders (Drive API v3).',
  icon,
  color: '#1fa463',
  // The connection types are Google's, shared with Sheets and Gmail (libs/apps/google-kit).
  connectionTypes: [googleConnectionType, googleServiceAccountConnectionType],
  modules: [
    uploadFile,
    downloadFile,
    searchFiles,
    createFolder,
    googleApiCall({
      key: 'google-drive:makeApiCall',
      app: 'Google Drive',
      prefix: '/drive/v3',
      placeholder: '/about?fields=user',
    }),
  ],
});
