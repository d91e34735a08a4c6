import { QueryFailedError, type QueryRunner } from 'typeorm';

interface PgClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{
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

// PostgreSQL plans a prepared statement once for its connection (a generic plan, from the 6th
// run on) and keeps that plan until the table is analyzed again. Planned while the tables are
// small (a new installation, the first seconds of a benchmark) the batch statements join their
// arrays to a sequential scan of `executions`; as the table grows to thousands of rows before
// autovacuum comes round (up to a minute), each statement reads the whole table: measured, that
// was half of PostgreSQL's CPU per execution in the scale bench. So each connection drops its
// plans whenever the number of statements it ran doubles (64, 128, 256…): a plan outlives at most
// as many statements as the connection had run when it was made, and a connection re-plans about
// 20 times in its first million statements, at the cost of one round trip and a planning each.
const FIRST_REPLAN = 64;
const connections = new WeakMap<PgClient, { runs: number; replanAt: number }>();

async function replanWhenGrown(client: PgClient): Promise<void> {
  let seen = connections.get(client);
  if (!seen) connections.set(client, (seen = { runs: 0, replanAt: FIRST_REPLAN }));
  if (++seen.runs < seen.replanAt) return;
  seen.replanAt *= 2;
  await client.query({ text: 'DISCARD PLANS' });
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
    await replanWhenGrown(client);
    const result = await client.query({ name: statementName(text), text, values });
    return { records: result.rows, affected: result.rowCount ?? 0 };
  } catch (err) {
    throw new QueryFailedError(text, values, err as Error);
  }
}
