// Writes a migration for each database from the difference between the entities and the
// schema the existing migrations build: `npx tsx scripts/generate-migration.ts AddThings`.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/persistence/src/data-source';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: npx tsx scripts/generate-migration.ts <PascalCaseName>');
  process.exit(2);
}
const pgUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const stamp = Date.now();

async function statements(ds: DataSource) {
  await ds.initialize();
  await ds.runMigrations();
  const log = await ds.driver.createSchemaBuilder().log();
  await ds.destroy();
  return log;
}

function render(dialect: string, log: Awaited<ReturnType<typeof statements>>): string {
  // Unqualified names: a deployment (or a test) picks its schema through search_path.
  const q = (s: string) => JSON.stringify(s.replace(/"public"\./g, ''));
  const up = log.upQueries.map(
    (x) =>
      `    await queryRunner.query(${q(x.query)}${x.parameters?.length ? `, ${JSON.stringify(x.parameters)}` : ''});`,
  );
  const down = log.downQueries
    .reverse()
    .map(
      (x) =>
        `    await queryRunner.query(${q(x.query)}${x.parameters?.length ? `, ${JSON.stringify(x.parameters)}` : ''});`,
    );
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${dialect}${stamp} implements MigrationInterface {
  name = '${name}${dialect}${stamp}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down.join('\n')}
  }
}
`;
}

/** Adds the migration to the list in migrations/index.ts. */
function register(className: string, from: string, list: string): void {
  const index = join(__dirname, '..', 'libs/persistence/src/migrations/index.ts');
  let text = readFileSync(index, 'utf8');
  text = `import { ${className} } from '${from}';\n${text}`;
  text = text.replace(
    new RegExp(`(export const ${list}: Function\\[\\] = \\[)([^\\]]*)\\]`),
    (_m, head: string, items: string) => {
      // Prettier leaves a trailing comma on a wrapped list: drop it, or the list gets a hole.
      const listed = items.trim().replace(/,$/, '');
      return `${head}${listed ? `${listed}, ` : ''}${className}]`;
    },
  );
  writeFileSync(index, text);
}

async function main() {
  const sqlite = new DataSource(
    dataSourceOptions({ sqlitePath: join(mkdtempSync(join(tmpdir(), 'gen-')), 'gen.db') }),
  );
  const database = `integrator_gen_${stamp}`;
  const admin = new DataSource({ type: 'postgres', url: pgUrl });
  await admin.initialize();
  await admin.query(`CREATE DATABASE "${database}"`);
  try {
    const pg = new DataSource(dataSourceOptions({ url: pgUrl.replace(/\/[^/]*$/, `/${database}`) }));
    for (const [dialect, ds] of [
      ['Sqlite', sqlite],
      ['Postgres', pg],
    ] as const) {
      const log = await statements(ds);
      if (!log.upQueries.length) {
        console.log(`${dialect}: no changes`);
        continue;
      }
      const file = join(
        __dirname,
        '..',
        'libs/persistence/src/migrations',
        `${stamp}-${name.replace(/[A-Z]/g, (c, i) => (i ? '-' : '') + c.toLowerCase())}.${dialect.toLowerCase()}.ts`,
      );
      writeFileSync(file, render(dialect, log));
      register(
        `${name}${dialect}${stamp}`,
        `./${basename(file, '.ts')}`,
        dialect === 'Sqlite' ? 'SQLITE_MIGRATIONS' : 'POSTGRES_MIGRATIONS',
      );
      console.log(`wrote ${file}`);
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
    await admin.destroy();
  }
}

void main();
