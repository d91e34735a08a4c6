import { ModuleError, field, userError, type Services } from '@integrator/sdk';
import type { DataStoreService } from './service';

// Pieces every data store module shares.

export const storeParameter = {
  datastore: field.resource({ label: 'Data store', resource: 'datastore', required: true }),
} as const;

export const keyField = field.text({ label: 'Key', required: true, maxLength: 300 });

/** The record's fields; which ones exist depends on the chosen store's data structure. */
export const recordField = field.collection({
  label: 'Record',
  help: "The record's fields, named as in the data store's data structure.",
  fields: {},
});

export function datastoresOf(services: Partial<Services>): DataStoreService {
  const service = services.datastores;
  if (!service)
    throw new ModuleError('data stores are not available in this runtime', {
      kind: 'internal',
      type: 'RuntimeError',
    });
  return service;
}

/** Blueprint parameters are not coerced by the engine, so the id may arrive as text. */
export function storeIdOf(parameters: { datastore?: unknown }): number | string {
  const id = parameters.datastore;
  if (typeof id === 'number' || (typeof id === 'string' && id.trim() !== ''))
    return typeof id === 'string' ? id.trim() : id;
  throw userError('is required (choose a data store)', 'datastore', 'InvalidConfigurationError');
}

export const wrappedOutput = [
  { name: 'key', label: 'Key', type: 'text' },
  { name: 'data', label: 'Record', type: 'collection' },
];
