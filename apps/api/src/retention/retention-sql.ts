/**
 * What a run takes beside its text columns (the summary row's numbers, ids and indexes): an
 * estimate, so the size limit stays close to what the database holds.
 */
export const ROW_OVERHEAD_BYTES = 200;

/** Runs go in chunks of this many, so no transaction holds the database long. */
export const CHUNK = 500;

// Runs that may go (`e` is the run): finished, and not waiting as an incomplete execution
// someone must resolve.
export const PRUNABLE = `e."status" NOT IN ('queued', 'running')
  AND NOT EXISTS (SELECT 1 FROM incomplete_executions i WHERE i."executionId" = e."id" AND i."status" <> 'resolved')`;

/** A run's size as the limit counts it, read from its text (what "storedBytes" keeps once). */
export const LIVE_BYTES = `(${ROW_OVERHEAD_BYTES} + COALESCE(LENGTH(e."error"), 0) + COALESCE(LENGTH(e."warnings"), 0)
  + COALESCE(LENGTH(e."modules"), 0) + COALESCE(LENGTH(e."input"), 0)
  + COALESCE(LENGTH(e."response"), 0) + COALESCE(LENGTH(e."blueprint"), 0))`;

/**
 * LIVE_BYTES computed from the texts themselves, for a run written whole (pending-runs.ts): the
 * database's LENGTH counts characters, so a pair of UTF-16 surrogates (one character outside the
 * BMP, an emoji) counts once. Stored JSON holds no lone surrogates and no NUL characters.
 */
export function storedSize(texts: Array<string | null>): number {
  let size = ROW_OVERHEAD_BYTES;
  for (const text of texts) {
    if (!text) continue;
    size += text.length;
    if (SURROGATE.test(text)) size -= text.match(PAIRS)?.length ?? 0;
  }
  return size;
}
const SURROGATE = /[\uD800-\uDBFF]/;
const PAIRS = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * A run's size where the total counts it: its stored size once set; an unfinished run's is read
 * from its text (it still counts); a finished run not sized yet counts for nothing, as in the
 * total (it is sized by the next pass; until then the history keeps a little more, never less).
 */
export const COUNTED_BYTES = `COALESCE(e."storedBytes", CASE WHEN e."finishedAt" IS NULL THEN ${LIVE_BYTES} ELSE 0 END)`;

/** `?` marks for a list of values. */
export const marks = (values: unknown[]): string => values.map(() => '?').join(', ');

/**
 * Lets the event loop run (webhooks, timers) between two statements: on SQLite each statement
 * runs on the main thread, and awaiting its result alone does not give I/O a turn.
 */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
