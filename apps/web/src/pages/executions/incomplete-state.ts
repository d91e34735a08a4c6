// The stored state of an incomplete execution as the user edits it before a retry: the outputs
// of the modules the failed one reads (by module id) and the execution's variables. Checked as
// the user types, with the same rules as PATCH /api/incomplete-executions/:id, so a mistake is
// named by its path before anything is sent.

export interface StoredState {
  outputs: Record<string, unknown>;
  variables: Record<string, unknown>;
}

export interface StoredRecord {
  outputs?: Record<string, unknown>;
  variables?: Record<string, unknown>;
  input?: unknown;
}

/** The text the editor opens with. */
export function stateText(record: StoredRecord): string {
  return JSON.stringify({ outputs: record.outputs ?? {}, variables: record.variables ?? {} }, null, 2);
}

export type Parsed = { state: StoredState; problem?: undefined } | { state?: undefined; problem: string };

/** The edited state, or the first problem in it naming its path. `readable`: the module ids allowed in outputs. */
export function parseState(text: string, readable: readonly string[], failedModule: number): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { problem: `The text is not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!isObject(value)) return { problem: 'The text must be a JSON object with "outputs" and "variables".' };
  for (const key of Object.keys(value))
    if (key !== 'outputs' && key !== 'variables')
      return { problem: `${key}: is not allowed (only "outputs" and "variables" can be edited)` };
  const { outputs = {}, variables = {} } = value;
  if (!isObject(outputs)) return { problem: 'outputs: must be an object of bundles by module id' };
  if (!isObject(variables)) return { problem: 'variables: must be an object' };
  for (const key of Object.keys(outputs))
    if (!readable.includes(key))
      return {
        problem: readable.length
          ? `outputs.${key}: module ${key} is not one the failed module ${failedModule} reads (these are: ${readable.join(', ')})`
          : `outputs.${key}: the failed module ${failedModule} reads no earlier module`,
      };
  return { state: { outputs, variables } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
