import type { Filter } from '../blueprint';
import {
  compileTemplate,
  isPromise,
  type ExpressionRef,
  type Resolver,
  type TemplateProblem,
} from '../mapping/template';
import type { Scope } from '../mapping/expression';
import { OPERATORS, toRegex, UNARY_OPERATORS } from './operators';

/** Returns whether the bundle passes (a Promise when JSONata had to evaluate). */
export type FilterTest = (scope: Scope) => boolean | Promise<boolean>;

export interface CompiledFilter {
  test: FilterTest;
  expressions: ExpressionRef[];
}

interface CompiledCondition {
  a: Resolver;
  b: Resolver;
  op: (a: unknown, b: unknown) => boolean;
}

export function compileFilter(filter: Filter, path: string, problems: TemplateProblem[]): CompiledFilter {
  const expressions: ExpressionRef[] = [];
  const groups: CompiledCondition[][] = [];
  const conditions = Array.isArray(filter.conditions) ? filter.conditions : [];
  conditions.forEach((group, g) => {
    const compiled: CompiledCondition[] = [];
    (Array.isArray(group) ? group : []).forEach((c, i) => {
      const at = `${path}.conditions[${g}][${i}]`;
      const op = OPERATORS.get(c?.o);
      if (!op) {
        problems.push({ path: `${at}.o`, message: `unknown filter operator ${JSON.stringify(c?.o)}` });
        return;
      }
      const a = compileTemplate(c.a, `${at}.a`, problems);
      const b = compileTemplate(UNARY_OPERATORS.has(c.o) ? undefined : c.b, `${at}.b`, problems);
      expressions.push(...a.expressions, ...b.expressions);
      if (c.o.includes('pattern') && b.constant && typeof c.b === 'string') {
        try {
          toRegex(c.b, c.o.endsWith(':ci'));
        } catch (err) {
          problems.push({ path: `${at}.b`, message: (err as Error).message.replace(/^filter: /, '') });
        }
      }
      compiled.push({ a: a.resolve, b: b.resolve, op });
    });
    if (compiled.length) groups.push(compiled);
  });
  // No conditions at all lets everything through, as an empty filter does in Make.
  const test: FilterTest = groups.length === 0 ? () => true : (scope) => anyGroup(groups, 0, scope);
  return { test, expressions };
}

// OR over groups, AND within a group; stays synchronous unless an operand needs JSONata.
function anyGroup(groups: CompiledCondition[][], from: number, scope: Scope): boolean | Promise<boolean> {
  for (let g = from; g < groups.length; g++) {
    const r = allConditions(groups[g], 0, scope);
    if (isPromise(r)) return r.then((ok) => (ok ? true : anyGroup(groups, g + 1, scope)));
    if (r) return true;
  }
  return false;
}

function allConditions(group: CompiledCondition[], from: number, scope: Scope): boolean | Promise<boolean> {
  for (let i = from; i < group.length; i++) {
    const c = group[i];
    const a = c.a(scope);
    const b = c.b(scope);
    if (isPromise(a) || isPromise(b)) {
      return Promise.all([a, b]).then(([x, y]) => (c.op(x, y) ? allConditions(group, i + 1, scope) : false));
    }
    if (!c.op(a, b)) return false;
  }
  return true;
}
