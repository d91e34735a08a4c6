import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  applyQuery,
  checkKey,
  checkSpace,
  recordSize,
  type DataStoreInfo,
  type DataStoreService,
  type SearchQuery,
  type StoredRecord,
} from '@integrator/apps/datastore';
import { userError } from '@integrator/sdk';
import { DataStoreEntity, DataStoreRecordEntity } from '@integrator/persistence';

/**
 * The data store service on the database, for modules (the same interface and pure helpers as
 * the in-memory one, so both behave alike). Each write is its own statement; the modules'
 * commit/rollback hooks give the cycle its transaction semantics.
 */
export class DbDataStoreService implements DataStoreService {
  constructor(
    private readonly db: DataSource,
    private readonly now: () => number,
  ) {}

  async info(storeId: number | string): Promise<DataStoreInfo> {
    const store = await this.find(storeId);
    return {
      id: store.id,
      name: store.name,
      fields: store.fields,
      strict: store.strict,
      maxSizeBytes: store.maxSizeBytes,
    };
  }

  async get(storeId: number | string, key: string): Promise<StoredRecord | undefined> {
    const store = await this.find(storeId);
    const row = await this.records.findOneBy({ dataStoreId: store.id, key });
    return row ? { key: row.key, data: row.data } : undefined;
  }

  async put(storeId: number | string, key: string, data: Record<string, unknown>): Promise<void> {
    const info = await this.info(storeId);
    checkKey(key);
    const size = recordSize(key, data);
    const previous = await this.records.findOneBy({ dataStoreId: info.id, key });
    checkSpace(info, await this.usedBytes(info.id), previous?.size ?? 0, size);
    const now = this.now();
    await this.records.save({
      dataStoreId: info.id,
      key,
      data,
      size,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    });
  }

  async delete(storeId: number | string, key: string): Promise<boolean> {
    const store = await this.find(storeId);
    const result = await this.records.delete({ dataStoreId: store.id, key });
    return Boolean(result.affected);
  }

  async deleteAll(storeId: number | string): Promise<number> {
    const store = await this.find(storeId);
    const result = await this.records.delete({ dataStoreId: store.id });
    return result.affected ?? 0;
  }

  async search(storeId: number | string, query: SearchQuery): Promise<StoredRecord[]> {
    const store = await this.find(storeId);
    const rows = await this.records.find({
      where: { dataStoreId: store.id },
      select: { key: true, data: true },
    });
    return applyQuery(
      rows.map((r) => ({ key: r.key, data: r.data })),
      query,
    );
  }

  async count(storeId: number | string): Promise<number> {
    const store = await this.find(storeId);
    return this.records.countBy({ dataStoreId: store.id });
  }

  async usedBytes(storeId: number | string): Promise<number> {
    const store = await this.find(storeId);
    const row: Array<{ total: string | number | null }> = await this.db.query(
      `SELECT SUM(size) AS total FROM data_store_records WHERE "dataStoreId" = ${store.id}`,
    );
    return Number(row[0]?.total ?? 0);
  }

  newKey(): string {
    return randomUUID();
  }

  private get records() {
    return this.db.getRepository(DataStoreRecordEntity);
  }

  // Blueprints name a store by id; a name is accepted too (as the in-memory service does).
  private async find(storeId: number | string): Promise<DataStoreEntity> {
    const repo = this.db.getRepository(DataStoreEntity);
    const id = Number(storeId);
    const store = Number.isInteger(id)
      ? await repo.findOneBy({ id })
      : await repo.findOneBy({ name: String(storeId) });
    if (!store)
      throw userError(`data store ${storeId} does not exist`, 'datastore', 'InvalidConfigurationError');
    return store;
  }
}
