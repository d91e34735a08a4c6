import { MODULE_VAR_PREFIX } from './module-refs';
import {
  append,
  BAIL,
  boolize,
  call,
  compare,
  concat,
  fnBoolean,
  includes,
  isArrayOfNumbers,
  isDeepEqual,
  isFunction,
  isNumeric,
  isSequence,
  lookup,
  numeric,
  MAKE,
  PURE,
  pushEach,
  sequence,
  sequenceOf1,
  type Seq,
} from './jsonata-values';

export { builtInsReady, MAKE as QUICK_MAKE_FUNCTIONS, PURE as QUICK_FUNCTIONS } from './jsonata-values';

// A synchronous evaluator for the part of JSONata that mappings mostly use: paths, filters,
// arithmetic, comparison, concatenation, conditions and JSONata's pure built-in functions.
// JSONata 2 awaits at every node of every evaluation, which made one mapping such as
// `"Total: " & $string($sum(1.items.(price * qty)))` cost ~13 µs and a third of the bytes a
// webhook run allocates. The functions below are ports of JSONata 2.x's own evaluate, path,
// step, filter, lookup and operators, kept line for line so the results are the same; the
// built-in functions are JSONata's own implementations with JSONata's own argument checks
// (operators and built-ins on values are in jsonata-values.ts).
// Whatever is unusual (an error to report, a node type not ported, a long walk) gives
// FALLBACK, and the caller evaluates with JSONata itself, which also produces the error message.

/** Returned when JSONata itself must evaluate the expression. */
export const FALLBACK: unique symbol = Symbol('jsonata-fallback');

/** What the quick evaluator reads: the same bindings JSONata gets. */
export interface QuickScope {
  outputs: unknown[];
  input?: unknown;
  execution?: unknown;
  timezone?: string;
  now?: () => number;
}

export type QuickEvaluate = (scope: QuickScope) => unknown;

interface Node {
  type: string;
  value?: unknown;
  steps?: Node[];
  stages?: Array<{ type: string; expr: Node }>;
  lhs?: Node;
  rhs?: Node;
  expression?: Node;
  expressions?: Node[];
  condition?: Node;
  then?: Node;
  else?: Node;
  arguments?: Node[];
  procedure?: Node;
  consarray?: boolean;
}

interface Run {
  scope: QuickScope;
  ids: ReadonlySet<number>;
  budget: number;
  depth: number;
}

// A walk longer than this goes to JSONata, whose time limit then applies.
const BUDGET = 20_000;
const MAX_DEPTH = 200;

const STEP_KEYS = new Set(['type', 'value', 'position', 'stages']);
const KEYS: Record<string, Set<string>> = {
  path: new Set(['type', 'position', 'steps']),
  name: STEP_KEYS,
  string: STEP_KEYS,
  number: STEP_KEYS,
  value: STEP_KEYS,
  variable: STEP_KEYS,
  binary: new Set(['type', 'value', 'position', 'lhs', 'rhs', 'stages']),
  unary: new Set(['type', 'value', 'position', 'expression', 'expressions', 'consarray', 'stages']),
  condition: new Set(['type', 'position', 'condition', 'then', 'else', 'stages']),
  block: new Set(['type', 'position', 'expressions', 'stages']),
  function: new Set(['type', 'value', 'position', 'arguments', 'procedure', 'stages']),
};
const BINARY = new Set(['+', '-', '*', '/', '%', '=', '!=', '<', '<=', '>', '>=', '&', 'and', 'or', 'in']);
const MODULE_VAR = new RegExp(`^${MODULE_VAR_PREFIX}(\\d+)$`);

/**
 * A synchronous evaluator for a parsed expression, or undefined when it uses something the
 * quick path does not cover (the caller then always uses JSONata).
 */
export function compileQuick(ast: unknown, ids: readonly number[]): QuickEvaluate | undefined {
  if (!covered(ast as Node, false)) return undefined;
  const root = ast as Node;
  const idSet = new Set(ids);
  return (scope) => {
    const run: Run = { scope, ids: idSet, budget: BUDGET, depth: 0 };
    try {
      return evaluate(root, {}, run);
    } catch {
      // BAIL, or an error JSONata's own functions raised: JSONata evaluates and reports it.
      return FALLBACK;
    }
  };
}

function covered(node: Node | undefined, isStep: boolean): boolean {
  if (!node || typeof node !== 'object') return false;
  const keys = KEYS[node.type];
  if (!keys) return false;
  // The parser leaves some keys present but undefined (a function call's `name`).
  for (const key of Object.keys(node))
    if ((node as unknown as Record<string, unknown>)[key] !== undefined && !keys.has(key)) return false;
  if (node.stages) {
    if (!isStep) return false;
    for (const stage of node.stages) {
      if (
        stage.type !== 'filter' ||
        Object.keys(stage).some((k) => !['type', 'expr', 'position'].includes(k))
      )
        return false;
      if (!covered(stage.expr, false)) return false;
    }
  }
  switch (node.type) {
    case 'path':
      if (
        !Array.isArray(node.steps) ||
        node.steps.length === 0 ||
        !node.steps.every((s, i) => covered(s, true) && (i === 0 || !s.consarray))
      )
        return false;
      notePlainWalk(node);
      return true;
    case 'variable':
      return typeof node.value === 'string' && knownVariable(node.value);
    case 'binary':
      return BINARY.has(node.value as string) && covered(node.lhs, false) && covered(node.rhs, false);
    case 'unary':
      if (node.value === '-') return covered(node.expression, false);
      return node.value === '[' && !!node.expressions?.every((e) => covered(e, false));
    case 'condition':
      return (
        covered(node.condition, false) &&
        covered(node.then, false) &&
        (node.else === undefined || covered(node.else, false))
      );
    case 'block':
      return !!node.expressions?.every((e) => covered(e, false));
    case 'function':
      return (
        node.procedure?.type === 'variable' &&
        Object.keys(node.procedure).every((k) => STEP_KEYS.has(k) && k !== 'stages') &&
        (PURE.includes(node.procedure.value as string) || MAKE.includes(node.procedure.value as string)) &&
        !!node.arguments?.every((a) => covered(a, false))
      );
    default:
      return true; // name and literals
  }
}

function knownVariable(name: string): boolean {
  return name === '' || name === 'input' || name === 'execution' || MODULE_VAR.test(name);
}

// --- ports of JSONata's evaluator ---------------------------------------------------------

function evaluate(node: Node, input: unknown, run: Run): unknown {
  if (--run.budget < 0 || ++run.depth > MAX_DEPTH) throw BAIL;
  let result: unknown;
  switch (node.type) {
    case 'path':
      result = evaluatePath(node, input, run);
      break;
    case 'binary':
      result = evaluateBinary(node, input, run);
      break;
    case 'unary':
      result = evaluateUnary(node, input, run);
      break;
    case 'name':
      result = lookup(input, node.value as string);
      break;
    case 'string':
    case 'number':
    case 'value':
      result = node.value;
      break;
    case 'condition':
      result = fnBoolean(evaluate(node.condition!, input, run))
        ? evaluate(node.then!, input, run)
        : node.else !== undefined
          ? evaluate(node.else, input, run)
          : undefined;
      break;
    case 'block':
      for (const e of node.expressions!) result = evaluate(e, input, run);
      break;
    case 'function':
      result = evaluateFunction(node, input, run);
      break;
    case 'variable':
      result = variable(node.value as string, input, run);
      break;
    default:
      throw BAIL;
  }
  run.depth--;
  if (typeof result === 'function') throw BAIL;
  if (result && isSequence(result)) {
    if (result.length === 0) return undefined;
    if (result.length === 1) return result[0];
  }
  return result;
}

function variable(name: string, input: unknown, run: Run): unknown {
  if (name === '') return input && (input as Seq).outerWrapper ? (input as Seq)[0] : input;
  if (name === 'input') return run.scope.input;
  if (name === 'execution') return run.scope.execution;
  const id = Number(MODULE_VAR.exec(name)![1]);
  // JSONata is given only the modules the expression names.
  return run.ids.has(id) ? run.scope.outputs[id] : undefined;
}

// A path of names (after a variable, or from the context) walked through objects is what
// JSONata's path steps come to when no array is met: the value itself. Arrays on the way, and
// a context that is an array, take the general steps.
interface PlainWalk {
  variable?: string;
  names: string[];
}
const PLAIN_WALKS = new WeakMap<Node, PlainWalk>();
const GENERAL = Symbol('general');

function notePlainWalk(node: Node): void {
  const steps = node.steps!;
  const first = steps[0].type === 'variable' ? 1 : 0;
  const names = steps.slice(first);
  if (!names.length || names.some((s) => s.type !== 'name' || s.stages)) return;
  PLAIN_WALKS.set(node, {
    variable: first ? (steps[0].value as string) : undefined,
    names: names.map((s) => s.value as string),
  });
}

function walkPlain(walk: PlainWalk, input: unknown, run: Run): unknown {
  if (walk.variable === undefined && Array.isArray(input)) return GENERAL;
  let v = walk.variable === undefined ? input : variable(walk.variable, input, run);
  for (const name of walk.names) {
    if (v === undefined) return undefined;
    if (Array.isArray(v)) return GENERAL;
    v = lookup(v, name);
    if (typeof v === 'function') throw BAIL;
  }
  return v;
}

function evaluatePath(node: Node, input: unknown, run: Run): unknown {
  const walk = PLAIN_WALKS.get(node);
  if (walk) {
    const v = walkPlain(walk, input, run);
    if (v !== GENERAL) return v;
  }
  const steps = node.steps!;
  let inputSequence: Seq = Array.isArray(input) && steps[0].type !== 'variable' ? input : sequenceOf1(input);
  let resultSequence: Seq | undefined;
  for (let ii = 0; ii < steps.length; ii++) {
    const step = steps[ii];
    if (ii === 0 && step.consarray) resultSequence = evaluate(step, inputSequence, run) as Seq | undefined;
    else resultSequence = evaluateStep(step, inputSequence, run, ii === steps.length - 1);
    if (resultSequence === undefined || resultSequence.length === 0) break;
    inputSequence = resultSequence;
  }
  return resultSequence;
}

function evaluateStep(step: Node, input: Seq, run: Run, lastStep: boolean): Seq {
  const result: Seq = sequence();
  for (let ii = 0; ii < input.length; ii++) {
    let res = evaluate(step, input[ii], run);
    if (step.stages) for (const stage of step.stages) res = evaluateFilter(stage.expr, res, run);
    if (res !== undefined) result.push(res);
  }
  if (lastStep && result.length === 1 && Array.isArray(result[0]) && !isSequence(result[0]))
    return result[0] as Seq;
  const resultSequence: Seq = sequence();
  for (let i = 0; i < result.length; i++) {
    const res = result[i];
    if (!Array.isArray(res) || (res as Seq).cons) resultSequence.push(res);
    else pushEach(resultSequence, res);
  }
  return resultSequence;
}

function evaluateFilter(predicate: Node, input: unknown, run: Run): Seq {
  let results: Seq = sequence();
  const items: Seq = Array.isArray(input) ? input : sequenceOf1(input);
  if (predicate.type === 'number') {
    let index = Math.floor(predicate.value as number);
    if (index < 0) index = items.length + index;
    const item = items[index];
    if (item !== undefined) {
      if (Array.isArray(item)) results = item;
      else results.push(item);
    }
    return results;
  }
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    let res = evaluate(predicate, item, run);
    if (isNumeric(res)) res = [res];
    if (isArrayOfNumbers(res)) {
      for (const ires of res as number[]) {
        let ii = Math.floor(ires);
        if (ii < 0) ii = items.length + ii;
        if (ii === index) results.push(item);
      }
    } else if (fnBoolean(res)) results.push(item);
  }
  return results;
}

function evaluateBinary(node: Node, input: unknown, run: Run): unknown {
  const lhs = evaluate(node.lhs!, input, run);
  const op = node.value as string;
  if (op === 'and') return boolize(lhs) && boolize(evaluate(node.rhs!, input, run));
  if (op === 'or') return boolize(lhs) || boolize(evaluate(node.rhs!, input, run));
  const rhs = evaluate(node.rhs!, input, run);
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return numeric(lhs, rhs, op);
    case '=':
      return lhs !== undefined && rhs !== undefined && isDeepEqual(lhs, rhs);
    case '!=':
      return lhs !== undefined && rhs !== undefined && !isDeepEqual(lhs, rhs);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(lhs, rhs, op);
    case '&':
      return concat(lhs, rhs);
    case 'in':
      return includes(lhs, rhs);
    default:
      throw BAIL;
  }
}

function evaluateUnary(node: Node, input: unknown, run: Run): unknown {
  if (node.value === '-') {
    const result = evaluate(node.expression!, input, run);
    if (result === undefined) return undefined;
    if (isNumeric(result)) return -(result as number);
    throw BAIL; // D1002
  }
  let result: unknown[] = [];
  for (const item of node.expressions!) {
    const value = evaluate(item, input, run);
    if (value === undefined) continue;
    if (item.value === '[') result.push(value);
    else result = append(result, value);
  }
  if (node.consarray)
    Object.defineProperty(result, 'cons', { enumerable: false, configurable: false, value: true });
  return result;
}

function evaluateFunction(node: Node, input: unknown, run: Run): unknown {
  const args: unknown[] = [];
  for (const a of node.arguments!) {
    const value = evaluate(a, input, run);
    if (isFunction(value)) throw BAIL;
    args.push(value);
  }
  return call(node.procedure!.value as string, args, input, run.scope);
}
