import { defineApp } from '@integrator/sdk';
import { apiCallModule } from '@integrator/apps/app-kit';
import { callAirtable } from './api';
import { airtableConnectionType } from './connection';
import { createRecord, deleteRecord, getRecord, searchRecords, updateRecord } from './records';
import { watchRecords } from './watch';

export { airtableConnectionType };

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><rect x="3" y="3" width="18" height="18" rx="2"/><path d="M3 9h18M9 21V9"/></svg>';

export const airtableApp = defineApp({
  key: 'airtable',
  label: 'Airtable',
  description: 'Create, update, search, get and delete records in Airtable bases (Web API v0).',
  icon,
  color: '#fcb400',
  connectionTypes: [airtableConnectionType],
  modules: [
    watchRecords,
    createRecord,
    updateRecord,
    searchRecords,
    getRecord,
    deleteRecord,
    apiCallModule({
      key: 'airtable:makeApiCall',
      app: 'Airtable',
      connectionType: 'airtable',
      placeholder: '/v0/meta/bases',
      send: async (http, r) => {
        const res = await callAirtable(http, {
          method: r.method,
          url: r.path,
          headers: r.headers,
          query: r.query,
          json: r.json,
        });
        return { status: res.status, headers: res.headers, body: res.body };
      },
    }),
  ],
});
