import { defineApp } from '@integrator/sdk';
import { makeApiCall } from './api-call';
import { appendBlocks } from './blocks';
import { notionConnectionType, notionOAuthConnectionType } from './connection';
import { createDatabaseItem, updatePage } from './pages';
import { queryDatabase, searchObjects } from './search';

export { notionConnectionType, notionOAuthConnectionType };
export { toProperties, toProperty, pageBundle } from './properties';

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><rect x="4" y="3" width="16" height="18" rx="2"/><path d="M9 8v8l6-8v8"/></svg>';

export const notionApp = defineApp({
  key: 'notion',
  label: 'Notion',
  description: 'Database items, pages, search and page content in Notion (API 2022-06-28).',
  icon,
  color: '#37352f',
  connectionTypes: [notionConnectionType, notionOAuthConnectionType],
  modules: [createDatabaseItem, updatePage, queryDatabase, searchObjects, appendBlocks, makeApiCall],
});
