import { randomUUID } from 'node:crypto';
import { defineModule, field, userError } from '@integrator/sdk';
import { datastoresOf, keyField, recordField, storeIdOf, storeParameter, wrappedOutput } from './common';
import { checkKey } from './limits';
import { validateRecord } from './structure';
import { commitWrite, rollbackWrite, type RecordUndo, type StoreUndo } from './undo';

// The writing modules (make-semantics §10). Each write registers its undo state with the
// cycle's transaction, so a later failure rolls it back (§1, §3).

const acid = { commit: commitWrite, rollback: rollbackWrite };

export const addRecord = defineModule({
  key: 'datastore:addRecord',
  make: { keys: ['datastore:AddRecord'] },
  label: 'Add/replace a record',
  description:
    'Adds a record under a key (a new UUID when left empty); replaces an existing one only when allowed.',
  kind: 'action',
  parameters: storeParameter,
  mapper: {
    key: field.text({ label: 'Key', help: 'Leave empty to generate a unique key.', maxLength: 300 }),
    overwrite: field.boolean({ label: 'Overwrite an existing record', default: false }),
    data: recordField,
  },
  output: { fields: wrappedOutput },
  ...acid,
  run: async ({ parameters, mapper, services, transaction }) => {
    const service = datastoresOf(services);
    const info = await service.info(storeIdOf(parameters));
    const data = validateRecord(info, mapper.data);
    const key = mapper.key === undefined ? randomUUID() : checkKey(mapper.key);
    const existing = await service.get(info.id, key);
    if (existing && !mapper.overwrite) {
      throw userError(
        `a record with key "${key}" already exists in data store "${info.name}" (turn on "Overwrite an existing record" to replace it)`,
        'key',
        'DuplicateDataError',
      );
    }
    await service.put(info.id, key, data);
    transaction({ storeId: info.id, key, before: existing?.data, after: data } satisfies RecordUndo);
    return { key, data };
  },
});

export const updateRecord = defineModule({
  key: 'datastore:updateRecord',
  make: { keys: ['datastore:UpdateRecord'] },
  label: 'Update a record',
  description:
    'Changes the given fields of the record with this key; can insert the record when it is missing.',
  kind: 'action',
  parameters: storeParameter,
  mapper: {
    key: keyField,
    upsert: field.boolean({ label: 'Insert missing record', default: false }),
    data: recordField,
  },
  output: { fields: wrappedOutput },
  ...acid,
  run: async ({ parameters, mapper, services, transaction }) => {
    const service = datastoresOf(services);
    const info = await service.info(storeIdOf(parameters));
    const key = checkKey(mapper.key);
    const existing = await service.get(info.id, key);
    let data: Record<string, unknown>;
    if (existing) {
      data = { ...existing.data, ...validateRecord(info, mapper.data, { partial: true }) };
    } else if (mapper.upsert) {
      data = validateRecord(info, mapper.data);
    } else {
      throw userError(
        `no record with key "${key}" in data store "${info.name}" (turn on "Insert missing record" to create it)`,
        'key',
        'DataError',
      );
    }
    await service.put(info.id, key, data);
    transaction({ storeId: info.id, key, before: existing?.data, after: data } satisfies RecordUndo);
    return { key, data };
  },
});

export const deleteRecord = defineModule({
  key: 'datastore:deleteRecord',
  make: { keys: ['datastore:DeleteRecord'] },
  label: 'Delete a record',
  description: 'Deletes the record with this key; a missing key deletes nothing.',
  kind: 'action',
  parameters: storeParameter,
  mapper: { key: keyField },
  output: {
    fields: [
      { name: 'key', type: 'text' },
      { name: 'deleted', label: 'A record was deleted', type: 'boolean' },
    ],
  },
  ...acid,
  run: async ({ parameters, mapper, services, transaction }) => {
    const service = datastoresOf(services);
    const info = await service.info(storeIdOf(parameters));
    const key = checkKey(mapper.key);
    const existing = await service.get(info.id, key);
    if (!existing) return { key, deleted: false };
    await service.delete(info.id, key);
    transaction({ storeId: info.id, key, before: existing.data } satisfies RecordUndo);
    return { key, deleted: true };
  },
});

export const deleteAll = defineModule({
  key: 'datastore:deleteAll',
  make: { keys: ['datastore:DeleteAllRecords'] },
  label: 'Delete all records',
  description: 'Empties the data store (undone when the cycle rolls back).',
  kind: 'action',
  parameters: storeParameter,
  output: { fields: [{ name: 'deleted', label: 'Records deleted', type: 'number' }] },
  ...acid,
  run: async ({ parameters, services, transaction }) => {
    const service = datastoresOf(services);
    const info = await service.info(storeIdOf(parameters));
    // Kept for the rollback phase: "delete all" is as undoable as any other write.
    const removed = await service.search(info.id, {});
    const deleted = await service.deleteAll(info.id);
    transaction({ storeId: info.id, removed } satisfies StoreUndo);
    return { deleted };
  },
});
