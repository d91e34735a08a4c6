// What the data store modules need from the runtime (make-semantics §10). The CLI and tests use
// MemoryDataStoreService; the server implements the same interface on its database and reuses
// the pure helpers (structure.ts, query.ts, limits.ts) so both behave the same.

export type DataStructureFieldType = 'text' | 'number' | 'boolean' | 'date' | 'array' | 'collection' | 'any';

export interface DataStructureField {
  /** The identifier; records keep data under this name. */
  name: string;
  label?: string;
  type: DataStructureFieldType;
  required?: boolean;
  default?: unknown;
}

export interface DataStoreInfo {
  id: number;
  name: string;
  /** The data structure; empty means the store holds keys only. */
  fields: DataStructureField[];
  /** Reject records with fields the structure does not declare. */
  strict: boolean;
  maxSizeBytes: number;
}

export interface StoredRecord {
  key: string;
  data: Record<string, unknown>;
}

/** One condition of a search: `a` is `key` or a field name (dotted for nested data), `o` an operator token. */
export interface SearchCondition {
  a: string;
  o: string;
  b?: unknown;
}

export interface SearchSort {
  /** `key` or a field name. */
  field: string;
  direction: 'asc' | 'desc';
}

export interface SearchQuery {
  /** OR of AND groups, as in filters; none matches every record. */
  conditions?: SearchCondition[][];
  sort?: SearchSort;
  limit?: number;
}

export interface DataStoreService {
  /** Throws a user error (InvalidConfigurationError) when the store is unknown. */
  info(storeId: number | string): Promise<DataStoreInfo>;
  get(storeId: number | string, key: string): Promise<StoredRecord | undefined>;
  /** Inserts or replaces; enforces the record and store size limits (OutOfSpaceError). */
  put(storeId: number | string, key: string, data: Record<string, unknown>): Promise<void>;
  /** Whether a record was removed. */
  delete(storeId: number | string, key: string): Promise<boolean>;
  /** How many records were removed. */
  deleteAll(storeId: number | string): Promise<number>;
  search(storeId: number | string, query: SearchQuery): Promise<StoredRecord[]>;
  count(storeId: number | string): Promise<number>;
  usedBytes(storeId: number | string): Promise<number>;
  /**
   * Told when a write's cycle commits (a file-backed store saves then, so a rolled-back cycle
   * never reaches the file). Stores that write through need not implement it.
   */
  committed?(change: CommittedChange): Promise<void>;
}

/** A committed write: the record's data after it (absent: deleted), or every record a "delete all" removed. */
export type CommittedChange =
  | { storeId: number | string; key: string; after?: Record<string, unknown> }
  | { storeId: number | string; removed: StoredRecord[] };

declare module '@integrator/sdk' {
  interface Services {
    datastores: DataStoreService;
  }
}
