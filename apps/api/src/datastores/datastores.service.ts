import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { structureProblems, validateRecord, type DataStructureField } from '@integrator/apps/datastore';
import { ModuleError } from '@integrator/sdk';
import { DataStoreEntity, DataStoreRecordEntity } from '@integrator/persistence';
import { CLOCK, type ServerClock } from '../common/clock';
import { FieldsException } from '../common/errors.filter';
import { DbDataStoreService } from './db-datastores';
import type { CreateDataStoreDto, RecordDto, UpdateDataStoreDto } from './datastores.dto';

/** Managing stores and browsing/editing their records (the REST side of data stores). */
@Injectable()
export class DataStoresService {
  readonly runtime: DbDataStoreService;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
  ) {
    this.runtime = new DbDataStoreService(db, () => clock.now());
  }

  private get stores() {
    return this.db.getRepository(DataStoreEntity);
  }

  async list(teamId: number) {
    const stores = await this.stores.find({ where: { teamId }, order: { id: 'ASC' } });
    return Promise.all(stores.map((s) => this.view(s)));
  }

  /** The owning team of a store, undefined when there is none. */
  async teamOf(id: number): Promise<number | undefined> {
    return (await this.stores.findOne({ where: { id }, select: { id: true, teamId: true } }))?.teamId;
  }

  async get(id: number) {
    return this.view(await this.find(id));
  }

  async create(dto: CreateDataStoreDto, teamId: number) {
    this.checkStructure(dto.fields ?? []);
    if (await this.stores.existsBy({ name: dto.name }))
      throw new ConflictException(`a data store named "${dto.name}" already exists`);
    const store = await this.stores.save(
      this.stores.create({
        name: dto.name,
        teamId,
        fields: (dto.fields ?? []) as DataStructureField[],
        strict: dto.strict ?? false,
        maxSizeBytes: dto.maxSizeBytes ?? 1024 * 1024,
        createdAt: this.clock.now(),
      }),
    );
    return this.view(store);
  }

  /** Structure changes apply to new data only; stored records are not rewritten (as in Make). */
  async update(id: number, dto: UpdateDataStoreDto) {
    const store = await this.find(id);
    if (dto.fields) {
      this.checkStructure(dto.fields);
      store.fields = dto.fields as DataStructureField[];
    }
    if (dto.name !== undefined) store.name = dto.name;
    if (dto.strict !== undefined) store.strict = dto.strict;
    if (dto.maxSizeBytes !== undefined) store.maxSizeBytes = dto.maxSizeBytes;
    return this.view(await this.stores.save(store));
  }

  async remove(id: number) {
    const store = await this.find(id);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(DataStoreRecordEntity).delete({ dataStoreId: id });
      await tx.getRepository(DataStoreEntity).remove(store);
    });
  }

  async records(id: number, skip: number, take: number) {
    await this.find(id);
    const [rows, total] = await this.db.getRepository(DataStoreRecordEntity).findAndCount({
      where: { dataStoreId: id },
      order: { key: 'ASC' },
      skip,
      take,
      select: { key: true, data: true, updatedAt: true },
    });
    return {
      items: rows.map((r) => ({ key: r.key, data: r.data, updatedAt: r.updatedAt })),
      total,
      skip,
      take,
    };
  }

  async putRecord(id: number, key: string | undefined, dto: RecordDto, mustBeNew: boolean) {
    const info = await this.runtime.info(id);
    const finalKey = key ?? dto.key ?? this.runtime.newKey();
    if (mustBeNew && (await this.runtime.get(id, finalKey)))
      throw new ConflictException(`a record with key "${finalKey}" already exists`);
    try {
      const data = validateRecord(info, dto.data);
      await this.runtime.put(id, finalKey, data);
      return { key: finalKey, data };
    } catch (err) {
      if (err instanceof ModuleError && err.kind === 'user') {
        throw new FieldsException([
          { path: err.field ?? 'data', message: err.message.replace(new RegExp(`^${err.field}: `), '') },
        ]);
      }
      throw err;
    }
  }

  async deleteRecord(id: number, key: string) {
    await this.find(id);
    if (!(await this.runtime.delete(id, key))) throw new NotFoundException(`no record with key "${key}"`);
  }

  async deleteAll(id: number) {
    await this.find(id);
    return { deleted: await this.runtime.deleteAll(id) };
  }

  private checkStructure(fields: unknown[]) {
    const problems = structureProblems(fields);
    if (problems.length) throw new FieldsException(problems.map((message) => ({ path: 'fields', message })));
  }

  private async find(id: number): Promise<DataStoreEntity> {
    const store = await this.stores.findOneBy({ id });
    if (!store) throw new NotFoundException(`data store ${id} not found`);
    return store;
  }

  private async view(s: DataStoreEntity) {
    return {
      id: s.id,
      name: s.name,
      fields: s.fields,
      strict: s.strict,
      maxSizeBytes: s.maxSizeBytes,
      records: await this.runtime.count(s.id),
      usedBytes: await this.runtime.usedBytes(s.id),
      createdAt: s.createdAt,
    };
  }
}
