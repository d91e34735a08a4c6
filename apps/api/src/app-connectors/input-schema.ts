import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// Framework-free: a scenario's input JSON Schema, compiled once per schema text, and its errors
// turned into field paths the API names (input.email, input.items[0].price).

export interface InputProblem {
  path: string;
  message: string;
}

/** The stored schema itself cannot be compiled (the scenario author's mistake, not the caller's). */
export class InvalidInputSchema extends Error {}

const CACHE_LIMIT = 500;

export class InputSchemas {
  private readonly compiled = new Map<string, ValidateFunction>();

  /** The problems of `input` against `schema`; empty when it conforms. */
  check(schema: Record<string, unknown>, input: unknown, root = 'input'): InputProblem[] {
    const validate = this.compile(schema);
    if (validate(input)) return [];
    return dedupe((validate.errors ?? []).map((e) => toProblem(e, root)));
  }

  private compile(schema: Record<string, unknown>): ValidateFunction {
    const text = JSON.stringify(schema);
    const hit = this.compiled.get(text);
    if (hit) return hit;
    // A fresh Ajv per schema: two versions of one schema may share an $id.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    let validate: ValidateFunction;
    try {
      validate = ajv.compile(schema);
    } catch (err) {
      throw new InvalidInputSchema(
        `the scenario's input schema is not valid JSON Schema: ${(err as Error).message}`,
      );
    }
    if (this.compiled.size >= CACHE_LIMIT) this.compiled.delete(this.compiled.keys().next().value as string);
    this.compiled.set(text, validate);
    return validate;
  }
}

function toProblem(error: ErrorObject, root: string): InputProblem {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  if (typeof params.missingProperty === 'string')
    return { path: join(root, [...segments, params.missingProperty]), message: 'is required' };
  if (typeof params.additionalProperty === 'string')
    return { path: join(root, [...segments, params.additionalProperty]), message: 'is not allowed' };
  return { path: join(root, segments), message: error.message ?? `fails ${error.keyword}` };
}

function join(root: string, segments: string[]): string {
  return segments.reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : `${path}.${s}`), root);
}

function dedupe(problems: InputProblem[]): InputProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
