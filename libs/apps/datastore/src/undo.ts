import { ModuleError, type TransactionContext } from '@integrator/sdk';
import type { DataStoreService, StoredRecord } from './service';

// Data store modules are ACID (make-semantics §1, §10): every write registers what it changed,
// and the rollback phase puts the previous value back. If someone else changed the record in
// the meantime (another scenario writing the same store), restoring would lose their write, so
// that is an InconsistencyError instead, as in Make.

/** One record written by an operation: its data before (absent for an insert) and after (absent for a delete). */
export interface RecordUndo {
  storeId: number | string;
  key: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/** Every record a "delete all" removed. */
export interface StoreUndo {
  storeId: number | string;
  removed: StoredRecord[];
}

export type UndoState = RecordUndo | StoreUndo;

function isStoreUndo(state: UndoState): state is StoreUndo {
  return Array.isArray((state as StoreUndo).removed);
}

function same(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function inconsistent(storeId: number | string, key: string): ModuleError {
  return new ModuleError(
    `record "${key}" of data store ${storeId} was changed by someone else before it could be rolled back`,
    {
      kind: 'internal',
      type: 'InconsistencyError',
    },
  );
}

function serviceOf(ctx: TransactionContext): DataStoreService {
  const service = ctx.services.datastores;
  if (!service)
    throw new ModuleError('data stores are not available in this runtime', {
      kind: 'internal',
      type: 'RuntimeError',
    });
  return service;
}

/** The rollback hook of every data store module. */
export async function rollbackWrite(ctx: TransactionContext, state: unknown): Promise<void> {
  const service = serviceOf(ctx);
  const undo = state as UndoState;
  if (isStoreUndo(undo)) return restoreAll(service, undo);
  const current = await service.get(undo.storeId, undo.key);
  if (!same(current?.data, undo.after)) throw inconsistent(undo.storeId, undo.key);
  if (undo.before === undefined) await service.delete(undo.storeId, undo.key);
  else await service.put(undo.storeId, undo.key, undo.before);
  ctx.log.debug('data store write rolled back', {
    moduleId: ctx.moduleId,
    storeId: undo.storeId,
    key: undo.key,
  });
}

async function restoreAll(service: DataStoreService, undo: StoreUndo): Promise<void> {
  const clashes: string[] = [];
  for (const r of undo.removed) {
    if (await service.get(undo.storeId, r.key)) clashes.push(r.key);
    else await service.put(undo.storeId, r.key, r.data);
  }
  if (clashes.length) throw inconsistent(undo.storeId, clashes.join('", "'));
}

/** Writes are applied when made; committing tells a store that saves on commit (the CLI's file). */
export async function commitWrite(ctx: TransactionContext, state: unknown): Promise<void> {
  await ctx.services.datastores?.committed?.(state as UndoState);
}
