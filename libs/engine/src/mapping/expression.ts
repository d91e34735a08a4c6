import jsonata from 'jsonata';
import { userError } from '@integrator/sdk';
import { MODULE_VAR_PREFIX, rewriteModuleRefs } from './module-refs';
import { registerFunctions } from './functions';
import { compileQuick, FALLBACK } from './quick-eval';

/** What an expression can see: module outputs by id, the run's input, the execution. */
export interface Scope {
  outputs: unknown[];
  input?: unknown;
  execution?: { id: string; cycle: number; startedAt: number };
  /** Make's system variables, read as var.scenario.id, var.team.name… ($var). */
  vars?: Record<string, unknown>;
  /** The time zone date functions use when none is given (the organisation's); UTC if unset. */
  timezone?: string;
  /** The run's clock, read by $now() and $millis() (the machine's when absent). */
  now?: () => number;
}

export interface CompiledExpression {
  source: string;
  ids: number[];
  /** Returns the value, or a Promise when JSONata has to evaluate. */
  evaluate(scope: Scope): unknown;
}

export class ExpressionSyntaxError extends Error {}

// Guard rails for user expressions (DESIGN security notes): time and depth.
const JSONATA_OPTIONS = { timeout: 1000, stack: 300 } as const;
const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);
const PLAIN_PATH = new RegExp(
  `^\\$${MODULE_VAR_PREFIX}(\\d+)((?:\\.(?:[A-Za-z_][A-Za-z0-9_]*|\`[^\`]*\`))*)$`,
);
const MISS = Symbol('miss');

export function compileExpression(source: string): CompiledExpression {
  const rewritten = rewriteModuleRefs(source);
  const text = rewritten.source.trim();
  if (!text) throw new ExpressionSyntaxError('empty expression');
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(text, JSONATA_OPTIONS as unknown as undefined);
  } catch (err) {
    throw new ExpressionSyntaxError(jsonataMessage(err, source));
  }
  registerFunctions(compiled);
  const ids = rewritten.ids;
  // Make's system variables are built for the run only when an expression reads them ($eval
  // could name them in text made at run time).
  const readsVars = /\$(var|eval)\b/.test(text);
  const slow = (scope: Scope) => evaluateJsonata(compiled, ids, scope, source, readsVars);
  const quick = compileQuick(compiled.ast(), ids);
  const full = quick
    ? (scope: Scope) => {
        const v = quick(scope);
        return v === FALLBACK ? slow(scope) : normalize(v);
      }
    : slow;
  const fast = plainPath(text);
  if (fast)
    return {
      source,
      ids,
      evaluate(scope) {
        const v = fast(scope.outputs);
        return v === MISS ? full(scope) : v;
      },
    };
  return { source, ids, evaluate: full };
}

// A plain reference such as 1.data.name is a property walk: ~60x cheaper than JSONata.
// Arrays along the way need JSONata's mapping semantics, so the walk gives up there.
function plainPath(text: string): ((outputs: unknown[]) => unknown) | undefined {
  const m = PLAIN_PATH.exec(text);
  if (!m) return undefined;
  const id = Number(m[1]);
  const segments = (m[2].match(/\.(`[^`]*`|[A-Za-z_][A-Za-z0-9_]*)/g) ?? []).map((s) =>
    s[1] === '`' ? s.slice(2, -1) : s.slice(1),
  );
  if (segments.some((s) => KEYWORDS.has(s))) return undefined;
  return (outputs) => {
    let v = outputs[id];
    for (let i = 0; i < segments.length; i++) {
      if (v === null || v === undefined) return undefined;
      if (typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return MISS;
      v = (v as Record<string, unknown>)[segments[i]];
    }
    if (Array.isArray(v) && v.length === 0) return MISS; // JSONata turns [] into nothing
    return v;
  };
}

async function evaluateJsonata(
  expr: jsonata.Expression,
  ids: number[],
  scope: Scope,
  source: string,
  readsVars: boolean,
) {
  const bindings: Record<string, unknown> = {
    input: scope.input,
    execution: scope.execution,
    var: readsVars ? scope.vars : undefined,
    __timezone: scope.timezone,
    __clock: scope.now,
  };
  for (const id of ids) bindings[`${MODULE_VAR_PREFIX}${id}`] = scope.outputs[id];
  try {
    return normalize(await expr.evaluate({}, bindings));
  } catch (err) {
    throw userError(`cannot evaluate {{${source}}}: ${jsonataMessage(err, source)}`, undefined, 'DataError');
  }
}

function normalize(value: unknown): unknown {
  if (typeof value === 'function') return undefined;
  if (Array.isArray(value) && (value as { sequence?: boolean }).sequence) return Array.from(value);
  return value;
}

function jsonataMessage(err: unknown, source: string): string {
  const e = err as { message?: string; position?: number; token?: string };
  const msg = e.message ?? String(err);
  return e.position !== undefined && !msg.includes('position')
    ? `${msg} (near position ${e.position} of "${source.trim()}")`
    : msg;
}
