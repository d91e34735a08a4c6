import { randomUUID } from 'node:crypto';
import { ERASE, toText } from '@integrator/sdk';
import { IGNORE } from '../mapping/ignore';
import {
  asList,
  f,
  given,
  isCollection,
  isNothing,
  num,
  type Collection,
  type CustomFunction,
} from './make-helpers';

// Make's general and array functions that JSONata has no same-meaning equivalent for
// (help.make.com "General functions", "Array functions"), plus the uuid and ignore keywords.

// Primitives compare by value, 1 and "1" alike (Make's arrays of text or numbers).
const sameValue = (a: unknown, b: unknown) =>
  a === b || (typeof a !== 'object' && typeof b !== 'object' && toText(a) === toText(b));
const keyOf = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : `v:${toText(v)}`);

function omit(c: unknown, keys: unknown): Collection | undefined {
  if (!isCollection(c)) return undefined;
  const drop = new Set(asList(keys).map(toText));
  return Object.fromEntries(Object.entries(c).filter(([k]) => !drop.has(k)));
}

function pick(c: unknown, keys: unknown): Collection | undefined {
  if (!isCollection(c)) return undefined;
  const out: Collection = {};
  for (const k of asList(keys).map(toText)) if (k in c) out[k] = c[k];
  return out;
}

function arrayDiff(a: unknown, b: unknown): unknown[] {
  const other = new Set(asList(b).map(keyOf));
  return asList(a).filter((x) => !other.has(keyOf(x)));
}

function arrayIntersect(a: unknown, b: unknown): unknown[] {
  const other = new Set(asList(b).map(keyOf));
  return asList(a).filter((x) => other.has(keyOf(x)));
}

function mflatten(a: unknown, depth?: unknown): unknown[] | undefined {
  if (isNothing(a)) return undefined;
  return asList(a).flat(given(depth) ? Math.trunc(num(depth, 'flatten', 'depth')) : 1);
}

function mremove(a: unknown, values: unknown): unknown[] | undefined {
  if (isNothing(a)) return undefined;
  const drop = asList(values);
  return asList(a).filter((x) => !drop.some((v) => sameValue(x, v)));
}

function mslice(a: unknown, start: unknown, end?: unknown): unknown[] | undefined {
  if (isNothing(a)) return undefined;
  const from = Math.trunc(num(start, 'slice', 'start'));
  return asList(a).slice(from, given(end) ? Math.trunc(num(end, 'slice', 'end')) : undefined);
}

// toArray({a: 1}) = [{key: "a", value: 1}]
function toArray(c: unknown): unknown[] | undefined {
  if (isNothing(c)) return undefined;
  if (!isCollection(c)) return asList(c);
  return Object.entries(c).map(([key, value]) => ({ key, value }));
}

// toCollection([{name: "Bob", age: 22}]; name; age) = {Bob: 22}
function toCollection(a: unknown, key: unknown, value: unknown): Collection | undefined {
  if (isNothing(a)) return undefined;
  const out: Collection = {};
  const k = toText(key);
  const v = toText(value);
  for (const item of asList(a)) if (isCollection(item) && !isNothing(item[k])) out[toText(item[k])] = item[v];
  return out;
}

// equal(a; b): the same value, collections and arrays compared by content.
const equal = (a: unknown, b: unknown) =>
  a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));

export const COLLECTION_FUNCTIONS: CustomFunction[] = [
  f(
    'equal',
    '<xx:b>',
    "Make's equal(a; b): the same value (collections and arrays by content)",
    equal as never,
  ),
  f('omit', '<xa:o>', 'the collection without the given keys', omit as never),
  f('pick', '<xa:o>', 'the collection with only the given keys', pick as never),
  f('arrayDiff', '<xx:a>', 'the items of the first array that are not in the second', arrayDiff as never),
  f(
    'arrayIntersect',
    '<xx:a>',
    'the items of the first array that are also in the second',
    arrayIntersect as never,
  ),
  f('mfirst', '<x:x>', "Make's first: the first item of an array", ((a: unknown) => asList(a)[0]) as never),
  f('mlast', '<x:x>', "Make's last: the last item of an array", ((a: unknown) => asList(a).at(-1)) as never),
  f(
    'mflatten',
    '<xx?:a>',
    "Make's flatten(array; depth): sub-arrays spread into the array",
    mflatten as never,
  ),
  f('mkeys', '<x:a>', "Make's keys: the property names of a collection or array", ((c: unknown) =>
    isNothing(c) || typeof c !== 'object' ? undefined : Object.keys(c)) as never),
  f('mremove', '<xa:a>', "Make's remove(array; value…): the array without those values", mremove as never),
  f('mslice', '<xxx?:a>', "Make's slice(array; start; end): positions from 0, end excluded", mslice as never),
  f('toArray', '<x:a>', 'a collection as an array of {key, value}', toArray as never),
  f(
    'toCollection',
    '<xxx:o>',
    'an array of items as a collection: one key field, one value field',
    toCollection as never,
  ),
  f('uuid', '<:s>', 'a random UUID (version 4)', (() => randomUUID()) as never),
  f('erase', '<:x>', "Make's erase: a mapped field with this value is cleared", (() => ERASE) as never),
  f('ignore', '<:x>', "Make's ignore: a mapped field with this value is left out", (() => IGNORE) as never),
];
