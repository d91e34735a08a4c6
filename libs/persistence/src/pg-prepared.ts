import { QueryFailedError, type QueryRunner } from 'typeorm';

interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{
    rows: Array<Record<string, unknown>>;
    rowCount: number | null;
  }>;
}

// Each distinct statement text gets a name once; PostgreSQL then parses and plans it once per
// connection (pg keeps track of which connection prepared which name) instead of on every run.
// Texts built for a varying number of values (IN lists) would each take a name: past a bound,
// new texts run unnamed, so no connection holds an unbounded number of prepared statements.
const names = new Map<string, string>();
const MAX_NAMED = 200;

/** The statement's name, the same for the same text in this process (undefined past the bound). */
export function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_NAMED) {
    name = `integrator_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a statement ($n placeholders) as a named prepared statement on the runner's connection.
 * Errors come back as TypeORM's QueryFailedError with the driver's code, as runner.query gives
 * them (a unique violation stays a 409, say).
 */
export async function preparedQuery(
  runner: QueryRunner,
  text: string,
  values: unknown[],
): Promise<{ records: Array<Record<string, unknown>>; affected: number }> {
  const client = (await runner.connect()) as PgClient;
  try {
    const result = await client.query({ name: statementName(text), text, values });
    return { records: result.rows, affected: result.rowCount ?? 0 };
  } catch (err) {
    throw new QueryFailedError(text, values, err as Error);
  }
}
