import type { QueryRunner } from 'typeorm';

// Stamps (or removes) the blueprint format marker `metadata.integrator.format` in every stored
// blueprint: scenarios, their versions, and the draft blueprints of manual runs. Shared by the
// SQLite and PostgreSQL migrations; only the placeholder syntax differs. Rows are read in pages
// by key so a large history never sits in memory at once.

const TABLES = [
  { table: 'scenarios', key: 'id' },
  { table: 'scenario_versions', key: 'id' },
  { table: 'execution_logs', key: 'executionId' },
] as const;

const PAGE = 500;

type Placeholder = (n: number) => string;
export const sqlitePlaceholder: Placeholder = () => '?';
export const postgresPlaceholder: Placeholder = (n) => `$${n}`;

export async function rewriteBlueprints(
  runner: QueryRunner,
  p: Placeholder,
  change: (blueprint: Record<string, unknown>) => boolean,
): Promise<void> {
  for (const { table, key } of TABLES) {
    let after: string | number | null = null;
    for (;;) {
      const where: string = after === null ? '' : `AND "${key}" > ${p(1)}`;
      const rows: Array<{ key: string | number; blueprint: string }> = await runner.query(
        `SELECT "${key}" AS "key", "blueprint" FROM "${table}" WHERE "blueprint" IS NOT NULL ${where} ORDER BY "${key}" LIMIT ${PAGE}`,
        after === null ? [] : [after],
      );
      for (const row of rows) {
        const blueprint = parse(row.blueprint);
        if (!blueprint || !change(blueprint)) continue;
        await runner.query(`UPDATE "${table}" SET "blueprint" = ${p(1)} WHERE "${key}" = ${p(2)}`, [
          JSON.stringify(blueprint),
          row.key,
        ]);
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].key;
    }
  }
}

// simple-json columns hold JSON text; a row that is not an object is left as it is.
function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = typeof text === 'string' ? JSON.parse(text) : text;
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function stampMarker(blueprint: Record<string, unknown>): boolean {
  const metadata = isRecord(blueprint.metadata) ? blueprint.metadata : {};
  const integrator = isRecord(metadata.integrator) ? metadata.integrator : {};
  if (integrator.format !== undefined) return false;
  blueprint.metadata = { ...metadata, integrator: { ...integrator, format: 1 } };
  return true;
}

export function removeMarker(blueprint: Record<string, unknown>): boolean {
  const metadata = blueprint.metadata;
  if (!isRecord(metadata) || !isRecord(metadata.integrator) || !('format' in metadata.integrator))
    return false;
  const { format: _format, ...rest } = metadata.integrator;
  if (Object.keys(rest).length) metadata.integrator = rest;
  else delete metadata.integrator;
  return true;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
