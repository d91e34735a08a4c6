import { ModuleError, userError } from '@integrator/sdk';
import type { DataStoreInfo } from './service';

// Size rules of data stores (make-semantics §10): a record is at most 15 MB and a store holds
// at most its maxSizeBytes; a full store is an OutOfSpaceError.

export const MAX_RECORD_BYTES = 15 * 1024 * 1024;
/** The database column holds keys of up to 300 characters. */
export const MAX_KEY_LENGTH = 300;
/** Make's smallest store (1 MB). */
export const DEFAULT_STORE_BYTES = 1024 * 1024;

/** Bytes a record occupies: its key and its data as UTF-8 JSON. */
export function recordSize(key: string, data: Record<string, unknown>): number {
  return Buffer.byteLength(key, 'utf8') + Buffer.byteLength(JSON.stringify(data), 'utf8');
}

export function checkKey(key: unknown, field = 'key'): string {
  if (typeof key !== 'string' || key === '')
    throw userError('is required (the record key)', field, 'BundleValidationError');
  if (key.length > MAX_KEY_LENGTH) {
    throw userError(
      `must be at most ${MAX_KEY_LENGTH} characters (got ${key.length})`,
      field,
      'BundleValidationError',
    );
  }
  return key;
}

/**
 * Throws when writing a record of `newSize` bytes (replacing one of `previousSize`, 0 for a new
 * key) would break a limit. `usedBytes` is what the store holds now.
 */
export function checkSpace(
  info: DataStoreInfo,
  usedBytes: number,
  previousSize: number,
  newSize: number,
): void {
  if (newSize > MAX_RECORD_BYTES) {
    throw userError(
      `the record is ${formatBytes(newSize)}; a record may be at most 15 MB`,
      'data',
      'DataError',
    );
  }
  const after = usedBytes - previousSize + newSize;
  if (after > info.maxSizeBytes) {
    throw new ModuleError(
      `data store "${info.name}" is full: ${formatBytes(usedBytes)} of ${formatBytes(info.maxSizeBytes)} used, ` +
        `and the record needs ${formatBytes(newSize)}`,
      {
        kind: 'user',
        type: 'OutOfSpaceError',
        details: { storeId: info.id, usedBytes, maxSizeBytes: info.maxSizeBytes, recordBytes: newSize },
      },
    );
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
