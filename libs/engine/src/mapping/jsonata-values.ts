import jsonata from 'jsonata';
import { CUSTOM_FUNCTIONS, registerFunctions } from './functions';

// JSONata 2.x's operators and pure built-in functions on values, ported line for line for the
// quick evaluator (quick-eval.ts). Anything JSONata would report as an error throws BAIL here,
// so that JSONata evaluates the expression again and reports it in its own words.

/** Thrown when JSONata itself must evaluate. */
export const BAIL = { bail: true };

export type Seq = unknown[] & { sequence?: boolean; cons?: boolean; outerWrapper?: boolean };

interface BuiltIn {
  implementation: (...args: unknown[]) => unknown;
  signature?: { validate(args: unknown[], context: unknown): unknown[] };
}

// JSONata's deterministic, synchronous built-ins (no regex, no clock, no randomness, no
// higher-order functions). Their implementations are read from JSONata once at start-up.
/** Also the names no function registered beside JSONata may reuse. */
export const PURE: readonly string[] = (
  'sum count max min average string substring substringBefore substringAfter lowercase ' +
  'uppercase length trim pad join number floor ceil round abs sqrt power boolean not keys ' +
  'lookup append exists spread merge reverse type distinct base64encode base64decode ' +
  'encodeUrlComponent encodeUrl decodeUrlComponent decodeUrl'
).split(' ');
// Make's functions registered beside JSONata (functions.ts), all but the random one: they
// read the run's time zone and clock through the environment, as under JSONata.
export const MAKE: readonly string[] = CUSTOM_FUNCTIONS.map((f) => f.name).filter((n) => n !== 'uuid');
// What Make's date functions look up in JSONata's environment besides the run's bindings.
const LOOKED_UP = ['fromMillis'];

const BUILT_INS = new Map<string, BuiltIn>();
export const builtInsReady: Promise<void> = Promise.all(
  [...PURE, ...MAKE, ...LOOKED_UP].map(async (name) => {
    const expr = jsonata(`$${name}`);
    registerFunctions(expr);
    BUILT_INS.set(name, (await expr.evaluate({})) as BuiltIn);
  }),
).then(() => undefined);

/** The run's bindings a function can look up (Make's date functions read the first two). */
export interface Environment {
  timezone?: string;
  now?: () => number;
}

export function numeric(lhs: unknown, rhs: unknown, op: string): number | undefined {
  if (lhs !== undefined && !isNumeric(lhs)) throw BAIL; // JSONata's T2001
  if (rhs !== undefined && !isNumeric(rhs)) throw BAIL; // T2002
  if (lhs === undefined || rhs === undefined) return undefined;
  const a = lhs as number;
  const b = rhs as number;
  return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
}

export function compare(lhs: unknown, rhs: unknown, op: string): boolean | undefined {
  const lt = typeof lhs;
  const rt = typeof rhs;
  const lok = lt === 'undefined' || lt === 'string' || lt === 'number';
  const rok = rt === 'undefined' || rt === 'string' || rt === 'number';
  if (!lok || !rok) throw BAIL; // T2010
  if (lt === 'undefined' || rt === 'undefined') return undefined;
  if (lt !== rt) throw BAIL; // T2009
  const a = lhs as number;
  const b = rhs as number;
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

export function concat(lhs: unknown, rhs: unknown): string {
  const l = lhs === undefined ? '' : stringOf(lhs);
  const r = rhs === undefined ? '' : stringOf(rhs);
  return l.concat(r);
}

export function includes(lhs: unknown, rhs: unknown): boolean {
  if (lhs === undefined || rhs === undefined) return false;
  const list = Array.isArray(rhs) ? rhs : [rhs];
  for (let i = 0; i < list.length; i++) if (list[i] === lhs) return true;
  return false;
}

// A JSONata built-in with JSONata's own argument check (coercion, context argument).
export function call(name: string, args: unknown[], input: unknown, env?: Environment): unknown {
  // The two calls mappings make most, without the signature check's cost; same results.
  if (args.length === 1 && name === 'string') return args[0] === undefined ? undefined : stringOf(args[0]);
  if (args.length === 1 && name === 'sum' && isNumberList(args[0])) return sumOf(args[0]);
  const fn = BUILT_INS.get(name);
  if (!fn) throw BAIL; // not loaded yet: JSONata evaluates
  const validated = fn.signature ? fn.signature.validate(args, input) : args;
  const focus = {
    input,
    createSequence: sequenceOf,
    options: undefined,
    environment: env && { lookup: (key: string) => lookUp(key, env) },
  };
  const result = fn.implementation.apply(focus, validated);
  if (
    result !== null &&
    typeof result === 'object' &&
    typeof (result as { then?: unknown }).then === 'function'
  ) {
    (result as Promise<unknown>).catch(() => undefined);
    throw BAIL;
  }
  return result;
}

function lookUp(name: string, env: Environment): unknown {
  if (name === '__timezone') return env.timezone;
  if (name === '__clock') return env.now;
  if (LOOKED_UP.includes(name)) return BUILT_INS.get(name);
  throw BAIL; // something JSONata's environment holds that is not mirrored here
}

/** JSONata's $string of one defined value. */
export function stringOf(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'number') {
    if (!Number.isFinite(arg)) throw BAIL; // D3001
    // JSONata writes numbers through JSON.stringify, non-integers rounded to 15 digits.
    return String(Number.isInteger(arg) ? arg : Number(arg.toPrecision(15)));
  }
  if (typeof arg === 'boolean' || arg === null) return String(arg);
  return call('string', [arg], undefined) as string; // objects, arrays, functions: JSONata's own
}

// $sum's argument as JSONata's signature accepts it without error: undefined, a number, or an
// array (no holes) of numbers.
function isNumberList(arg: unknown): arg is undefined | number | number[] {
  if (arg === undefined || typeof arg === 'number') return true;
  if (!Array.isArray(arg)) return false;
  for (let i = 0; i < arg.length; i++) if (!(i in arg) || typeof arg[i] !== 'number') return false;
  return true;
}

function sumOf(arg: undefined | number | number[]): number | undefined {
  if (arg === undefined) return undefined;
  let total = 0;
  if (typeof arg === 'number') return total + arg;
  for (let i = 0; i < arg.length; i++) total += arg[i];
  return total;
}

export function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const result = sequence();
    for (let ii = 0; ii < input.length; ii++) {
      const res = lookup(input[ii], key);
      if (res !== undefined) {
        if (Array.isArray(res)) pushEach(result, res);
        else result.push(res);
      }
    }
    return result;
  }
  if (
    input !== null &&
    typeof input === 'object' &&
    Object.prototype.hasOwnProperty.call(input, key) &&
    !isFunction(input)
  )
    return (input as Record<string, unknown>)[key];
  return undefined;
}

export function append(arg1: unknown, arg2: unknown): unknown[] {
  const a = Array.isArray(arg1) ? arg1 : sequenceOf1(arg1);
  const b = Array.isArray(arg2) ? arg2 : [arg2];
  return a.concat(b);
}

export function boolize(value: unknown): boolean {
  return fnBoolean(value) ?? false;
}

export function fnBoolean(arg: unknown): boolean | undefined {
  if (arg === undefined) return undefined;
  if (Array.isArray(arg)) {
    if (arg.length === 1) return fnBoolean(arg[0]);
    return arg.length > 1 && arg.filter((val) => fnBoolean(val)).length > 0;
  }
  if (typeof arg === 'string') return arg.length > 0;
  if (isNumeric(arg)) return arg !== 0;
  if (arg !== null && typeof arg === 'object' && !isFunction(arg)) return Object.keys(arg).length > 0;
  return arg === true;
}

export function isDeepEqual(lhs: unknown, rhs: unknown): boolean {
  if (lhs === rhs) return true;
  if (typeof lhs !== 'object' || typeof rhs !== 'object' || lhs === null || rhs === null) return false;
  if (Array.isArray(lhs) && Array.isArray(rhs)) {
    if (lhs.length !== rhs.length) return false;
    for (let ii = 0; ii < lhs.length; ii++) if (!isDeepEqual(lhs[ii], rhs[ii])) return false;
    return true;
  }
  const lkeys = Object.getOwnPropertyNames(lhs).sort();
  const rkeys = Object.getOwnPropertyNames(rhs).sort();
  if (lkeys.length !== rkeys.length) return false;
  for (let ii = 0; ii < lkeys.length; ii++) if (lkeys[ii] !== rkeys[ii]) return false;
  for (const key of lkeys)
    if (!isDeepEqual((lhs as Record<string, unknown>)[key], (rhs as Record<string, unknown>)[key]))
      return false;
  return true;
}

export function isNumeric(n: unknown): boolean {
  if (typeof n !== 'number' || Number.isNaN(n)) return false;
  if (!Number.isFinite(n)) throw BAIL; // JSONata's D1001
  return true;
}

export function isArrayOfNumbers(arg: unknown): boolean {
  return Array.isArray(arg) && arg.filter((item) => !isNumeric(item)).length === 0;
}

export function isFunction(arg: unknown): boolean {
  const f = arg as { _jsonata_function?: boolean; _jsonata_lambda?: boolean } | undefined;
  return !!(f && (f._jsonata_function === true || f._jsonata_lambda === true)) || typeof arg === 'function';
}

export function isSequence(value: unknown): value is Seq {
  return (value as Seq).sequence === true && Array.isArray(value);
}

// JSONata's createSequence: no argument gives an empty sequence, one argument (even
// undefined) a sequence of it.
export function sequence(): Seq {
  const s: Seq = [];
  s.sequence = true;
  return s;
}

export function sequenceOf1(item: unknown): Seq {
  const s: Seq = [item];
  s.sequence = true;
  return s;
}

function sequenceOf(...items: unknown[]): Seq {
  return items.length === 1 ? sequenceOf1(items[0]) : sequence();
}

/** Appends the items of an array as forEach visits them (holes skipped), without a closure. */
export function pushEach(target: unknown[], items: unknown[]): void {
  for (let i = 0; i < items.length; i++) if (i in items) target.push(items[i]);
}
