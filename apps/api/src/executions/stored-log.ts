import { encodeModuleLogs, encodeRunLog, type RunResult } from '@integrator/engine';

// Apart from log-codec.ts so that a run thread can encode a log without loading every app.

/** What a finished run stores in its log columns: the module logs and the response column. */
export interface StoredLog {
  modules: string;
  /** Null when there is none, when it is confidential, or when the log holds it (log-codec). */
  response: string | null;
}

/** storedLog's encoding, with the labels a registry gives (a run thread has its own registry). */
export function encodeStoredLog(
  result: RunResult,
  input: unknown,
  labelOf: (key: string) => string | undefined,
): StoredLog {
  if (result.confidential) return { modules: encodeModuleLogs(result.modules, { labelOf }), response: null };
  const log = encodeRunLog(result.modules, { input, response: result.response, labelOf });
  return {
    modules: log.text,
    response: result.response && !log.holdsResponse ? JSON.stringify(result.response) : null,
  };
}
