import { isErase, toText, userError } from '@integrator/sdk';
import { compileExpression, ExpressionSyntaxError, type Scope } from './expression';
import { isIgnore } from './ignore';
import { splitTemplate } from './module-refs';

// Mapper values are compiled once per scenario version into resolvers. A string that is
// exactly one {{…}} keeps the value's type; otherwise the parts are joined as text.

/** Returns the value, or a Promise of it when some expression needs JSONata. */
export type Resolver = (scope: Scope) => unknown;

export interface ExpressionRef {
  path: string;
  source: string;
  ids: number[];
}

export interface TemplateProblem {
  path: string;
  message: string;
}

export interface CompiledTemplate {
  resolve: Resolver;
  /** Every expression with the module ids it references (for validation and the canvas). */
  expressions: ExpressionRef[];
  /** True when nothing in it is mapped. */
  constant: boolean;
}

export function compileTemplate(
  value: unknown,
  path: string,
  problems: TemplateProblem[] = [],
): CompiledTemplate {
  const expressions: ExpressionRef[] = [];
  const resolve = compileValue(value, path, expressions, problems, 0);
  return { resolve, expressions, constant: expressions.length === 0 };
}

function compileValue(
  value: unknown,
  path: string,
  refs: ExpressionRef[],
  problems: TemplateProblem[],
  depth: number,
): Resolver {
  if (typeof value === 'string') {
    const resolve = compileString(value, path, refs, problems);
    // Make's erase on a mapper field is cleared by the field's type when coerced; deeper
    // inside a value, where no type is declared, it is null.
    return depth > 1 && value.includes('$erase') ? eraseToNull(resolve) : resolve;
  }
  if (Array.isArray(value)) {
    const items = value.map((v, i) => compileValue(v, `${path}[${i}]`, refs, problems, depth + 1));
    return (scope) => settleArray(items.map((r) => r(scope)));
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const resolvers = keys.map((k) =>
      compileValue((value as Record<string, unknown>)[k], `${path}.${k}`, refs, problems, depth + 1),
    );
    return (scope) => settleObject(keys, resolvers, scope);
  }
  return () => value;
}

function compileString(
  text: string,
  path: string,
  refs: ExpressionRef[],
  problems: TemplateProblem[],
): Resolver {
  if (!text.includes('{{')) return () => text;
  const parts = splitTemplate(text);
  const compiled = parts.map((part): Resolver => {
    if ('text' in part) return () => part.text;
    try {
      const expr = compileExpression(part.expression);
      refs.push({ path, source: part.expression, ids: expr.ids });
      return (scope) => expr.evaluate(scope);
    } catch (err) {
      const message = err instanceof ExpressionSyntaxError ? err.message : String(err);
      problems.push({ path, message: `invalid expression {{${part.expression}}}: ${message}` });
      return () => {
        throw userError(
          `invalid expression {{${part.expression}}}: ${message}`,
          path,
          'InvalidConfigurationError',
        );
      };
    }
  });
  if (compiled.length === 1 && !('text' in parts[0])) return compiled[0];
  return (scope) => {
    const values = compiled.map((r) => r(scope));
    return values.some(isPromise) ? Promise.all(values).then(joinText) : joinText(values);
  };
}

function eraseToNull(resolve: Resolver): Resolver {
  const clear = (v: unknown) => (isErase(v) ? null : v);
  return (scope) => {
    const v = resolve(scope);
    return isPromise(v) ? v.then(clear) : clear(v);
  };
}

function joinText(values: unknown[]): string {
  let s = '';
  for (const v of values) if (!isIgnore(v) && !isErase(v)) s += toText(v);
  return s;
}

export function isPromise(v: unknown): v is Promise<unknown> {
  return typeof (v as Promise<unknown> | undefined)?.then === 'function';
}

// Make's ignore leaves an item out of a mapped array, and a field out of a collection.
const withoutIgnored = (values: unknown[]) =>
  values.some(isIgnore) ? values.filter((v) => !isIgnore(v)) : values;

function settleArray(values: unknown[]): unknown {
  return values.some(isPromise) ? Promise.all(values).then(withoutIgnored) : withoutIgnored(values);
}

// Keys and their resolvers as two parallel lists walked by index: every mapped module of
// every run goes through here.
function settleObject(keys: string[], resolvers: Resolver[], scope: Scope): unknown {
  const out: Record<string, unknown> = {};
  let pending: Promise<void>[] | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const v = resolvers[i](scope);
    if (isPromise(v)) {
      out[key] = undefined; // keeps the key order of the mapper
      (pending ??= []).push(v.then((x) => void (isIgnore(x) ? delete out[key] : (out[key] = x))));
    } else if (!isIgnore(v)) out[key] = v;
  }
  return pending ? Promise.all(pending).then(() => out) : out;
}
