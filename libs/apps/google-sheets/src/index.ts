import { defineApp } from '@integrator/sdk';
import { apiCallModule } from '@integrator/apps/app-kit';
import { callSheets } from './api';
import {
  GOOGLE_CONNECTION_TYPES,
  googleConnectionType,
  googleServiceAccountConnectionType,
} from '@integrator/apps/google-kit';
import { filterRows, getSheetContent } from './read';
import { clearValuesFromRow, deleteRow } from './remove';
import { watchRows } from './watch';
import { addRow, updateRow } from './write';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><rect x="4" y="3" width="16" height="18" rx="2"/>' +
  '<path d="M4 9h16M4 15h16M10 9v12"/></svg>';

export const googleSheetsApp = defineApp({
  key: 'google-sheets',
  label: 'Google Sheets',
  description:
    'Add, update, search, read, clear and delete rows, and watch a sheet for new rows (Sheets API v4).',
  icon,
  color: '#0f9d58',
  connectionTypes: [googleConnectionType, googleServiceAccountConnectionType],
  modules: [
    watchRows,
    addRow,
    updateRow,
    filterRows,
    getSheetContent,
    clearValuesFromRow,
    deleteRow,
    apiCallModule({
      key: 'google-sheets:makeApiCall',
      app: 'Google Sheets',
      connectionType: GOOGLE_CONNECTION_TYPES,
      makeKeys: ['google-sheets:makeAPICall'],
      placeholder: '/spreadsheets/{spreadsheetId}/values/Sheet1!A1:D5',
      send: async (http, r, connection) => {
        // Paths are relative to https://sheets.googleapis.com/v4, as in Make; a leading /v4 is taken too.
        const path = r.path.replace(/^\/v4(?=\/)/, '');
        const res = await callSheets(http, connection, {
          method: r.method,
          path,
          headers: r.headers,
          query: r.query,
          json: r.json,
        });
        return { status: res.status, headers: res.headers, body: res.body };
      },
    }),
  ],
});
