import { defineApp } from '@integrator/sdk';
import { countRecords, getRecord, recordExists, searchRecords } from './read-modules';
import { addRecord, deleteAll, deleteRecord, updateRecord } from './write-modules';

export * from './service';
export { validateRecord, structureProblems, type ValidateOptions } from './structure';
export { applyQuery, matchesConditions, parseConditions, recordValue, sortRecords } from './query';
export {
  checkKey,
  checkSpace,
  recordSize,
  DEFAULT_STORE_BYTES,
  MAX_KEY_LENGTH,
  MAX_RECORD_BYTES,
} from './limits';
export { MemoryDataStoreService, type MemoryStoreDefinition } from './memory-service';
export { rollbackWrite, type RecordUndo, type StoreUndo, type UndoState } from './undo';
export { MAX_SEARCH_RESULTS } from './read-modules';
export {
  addRecord,
  updateRecord,
  getRecord,
  recordExists,
  searchRecords,
  countRecords,
  deleteRecord,
  deleteAll,
};

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><ellipse cx="12" cy="5" rx="9" ry="3"/><path d="M3 5v14a9 3 0 0 0 18 0V5"/>' +
  '<path d="M3 12a9 3 0 0 0 18 0"/></svg>';

export const datastoreApp = defineApp({
  key: 'datastore',
  label: 'Data store',
  description: 'Keep records between runs and share them across scenarios; writes roll back with the cycle.',
  icon,
  color: '#8b5cf6',
  modules: [
    addRecord,
    updateRecord,
    getRecord,
    recordExists,
    searchRecords,
    countRecords,
    deleteRecord,
    deleteAll,
  ],
});
