import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MemoryDataStoreService,
  type CommittedChange,
  type DataStoreInfo,
  type DataStoreService,
  type MemoryStoreDefinition,
  type SearchQuery,
  type StoredRecord,
} from '@integrator/apps/datastore';
import { readJsonFile } from './blueprint-file';

// `integrator run --data-dir DIR`: the data stores of DIR/datastores.json, a list of
// { id, name, fields, strict?, maxSizeBytes?, records: { key: data } }. The run works on them in
// memory; each committed write is applied to the saved copy and the file rewritten (whole, then
// renamed into place), so a rolled-back cycle never reaches the file.

export const DATASTORES_FILE = 'datastores.json';

export class FileDataStoreService implements DataStoreService {
  private readonly file: string;
  private readonly memory: MemoryDataStoreService;
  private readonly saved: MemoryStoreDefinition[];

  constructor(dir: string) {
    this.file = join(dir, DATASTORES_FILE);
    const definitions = existsSync(this.file) ? readJsonFile(this.file, 'data stores') : [];
    if (!Array.isArray(definitions))
      throw new Error(`the data stores file ${this.file} must hold a list of data stores`);
    try {
      this.memory = new MemoryDataStoreService(definitions as MemoryStoreDefinition[]);
    } catch (e) {
      throw new Error(`the data stores file ${this.file}: ${(e as Error).message}`);
    }
    this.saved = structuredClone(definitions as MemoryStoreDefinition[]);
  }

  info(storeId: number | string): Promise<DataStoreInfo> {
    return this.memory.info(storeId);
  }
  get(storeId: number | string, key: string): Promise<StoredRecord | undefined> {
    return this.memory.get(storeId, key);
  }
  put(storeId: number | string, key: string, data: Record<string, unknown>): Promise<void> {
    return this.memory.put(storeId, key, data);
  }
  delete(storeId: number | string, key: string): Promise<boolean> {
    return this.memory.delete(storeId, key);
  }
  deleteAll(storeId: number | string): Promise<number> {
    return this.memory.deleteAll(storeId);
  }
  search(storeId: number | string, query: SearchQuery): Promise<StoredRecord[]> {
    return this.memory.search(storeId, query);
  }
  count(storeId: number | string): Promise<number> {
    return this.memory.count(storeId);
  }
  usedBytes(storeId: number | string): Promise<number> {
    return this.memory.usedBytes(storeId);
  }

  async committed(change: CommittedChange): Promise<void> {
    const { id } = await this.memory.info(change.storeId);
    const store = this.saved.find((d) => d.id === id)!;
    const records = (store.records ??= {});
    if ('removed' in change) for (const r of change.removed) delete records[r.key];
    else if (change.after === undefined) delete records[change.key];
    else records[change.key] = structuredClone(change.after);
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(this.saved, null, 2)}\n`);
    renameSync(temp, this.file);
  }
}
