import { userError } from '@integrator/sdk';
import { checkKey, checkSpace, DEFAULT_STORE_BYTES, recordSize } from './limits';
import { applyQuery } from './query';
import type {
  DataStoreInfo,
  DataStoreService,
  DataStructureField,
  SearchQuery,
  StoredRecord,
} from './service';
import { structureProblems, validateRecord } from './structure';

/** A store as the CLI or a test declares it; records are checked against the structure. */
export interface MemoryStoreDefinition {
  id: number;
  name?: string;
  fields?: DataStructureField[];
  strict?: boolean;
  maxSizeBytes?: number;
  records?: Record<string, Record<string, unknown>>;
}

interface MemoryStore {
  info: DataStoreInfo;
  records: Map<string, { data: Record<string, unknown>; size: number }>;
  used: number;
}

/**
 * Data stores kept in memory (the CLI and tests). Records are copied in and out, so a bundle
 * changed downstream never changes the store behind its back.
 */
export class MemoryDataStoreService implements DataStoreService {
  private readonly stores = new Map<number, MemoryStore>();

  constructor(definitions: MemoryStoreDefinition[] = []) {
    for (const d of definitions) this.addStore(d);
  }

  /** Adds a store; throws on a duplicate id or a bad structure. */
  addStore(d: MemoryStoreDefinition): DataStoreInfo {
    if (!Number.isInteger(d.id) || d.id < 1)
      throw new Error(`data store id must be a positive whole number (got ${d.id})`);
    if (this.stores.has(d.id)) throw new Error(`data store ${d.id} is declared twice`);
    const fields = d.fields ?? [];
    const problems = structureProblems(fields);
    if (problems.length) throw new Error(`data store ${d.id}: ${problems.join('; ')}`);
    const info: DataStoreInfo = {
      id: d.id,
      name: d.name ?? `Data store ${d.id}`,
      fields: structuredClone(fields),
      strict: d.strict ?? false,
      maxSizeBytes: d.maxSizeBytes ?? DEFAULT_STORE_BYTES,
    };
    const store: MemoryStore = { info, records: new Map(), used: 0 };
    this.stores.set(d.id, store);
    for (const [key, data] of Object.entries(d.records ?? {}))
      this.write(store, checkKey(key), validateRecord(info, data));
    return structuredClone(info);
  }

  async info(storeId: number | string): Promise<DataStoreInfo> {
    return structuredClone(this.store(storeId).info);
  }

  async get(storeId: number | string, key: string): Promise<StoredRecord | undefined> {
    const r = this.store(storeId).records.get(key);
    return r ? { key, data: structuredClone(r.data) } : undefined;
  }

  async put(storeId: number | string, key: string, data: Record<string, unknown>): Promise<void> {
    this.write(this.store(storeId), checkKey(key), data);
  }

  async delete(storeId: number | string, key: string): Promise<boolean> {
    const store = this.store(storeId);
    const r = store.records.get(key);
    if (!r) return false;
    store.records.delete(key);
    store.used -= r.size;
    return true;
  }

  async deleteAll(storeId: number | string): Promise<number> {
    const store = this.store(storeId);
    const n = store.records.size;
    store.records.clear();
    store.used = 0;
    return n;
  }

  async search(storeId: number | string, query: SearchQuery): Promise<StoredRecord[]> {
    const store = this.store(storeId);
    const all = [...store.records].map(([key, r]) => ({ key, data: r.data }));
    return applyQuery(all, query).map((r) => ({ key: r.key, data: structuredClone(r.data) }));
  }

  async count(storeId: number | string): Promise<number> {
    return this.store(storeId).records.size;
  }

  async usedBytes(storeId: number | string): Promise<number> {
    return this.store(storeId).used;
  }

  private write(store: MemoryStore, key: string, data: Record<string, unknown>): void {
    const copy = structuredClone(data);
    const size = recordSize(key, copy);
    const previous = store.records.get(key)?.size ?? 0;
    checkSpace(store.info, store.used, previous, size);
    store.records.set(key, { data: copy, size });
    store.used += size - previous;
  }

  // By id, or by name so a CLI user can write the store's name in a blueprint.
  private store(storeId: number | string): MemoryStore {
    const id =
      typeof storeId === 'number' ? storeId : /^\s*\d+\s*$/.test(storeId) ? Number(storeId) : undefined;
    const store =
      id !== undefined ? this.stores.get(id) : [...this.stores.values()].find((s) => s.info.name === storeId);
    if (!store)
      throw userError(
        `data store ${JSON.stringify(storeId)} does not exist`,
        'datastore',
        'InvalidConfigurationError',
      );
    return store;
  }
}
