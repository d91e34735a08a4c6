import { DataSource } from 'typeorm';
import { dataSourceOptions } from './libs/persistence/src/data-source';
(async () => {
  const ds = new DataSource(dataSourceOptions({ url: process.argv[2] }));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
})();
