// How each IML function and keyword is written in our mapping language (JSONata plus our
// helpers in mapping/functions.ts). Arguments arrive already translated.

export interface FunctionRule {
  min: number;
  max: number;
  emit: (args: string[]) => string;
}

const call = (name: string) => (args: string[]) => `$${name}(${args.join(', ')})`;
const rule = (min: number, max: number, emit: (args: string[]) => string): FunctionRule => ({
  min,
  max,
  emit,
});
const same = (name: string, min: number, max: number) => rule(min, max, call(name));
// min(1; 2) and min(array) both exist in Make; JSONata's [..] flattens arrays, like Make does.
const overList = (name: string) =>
  rule(1, Infinity, (a) => (a.length === 1 ? `$${name}(${a[0]})` : `$${name}([${a.join(', ')}])`));

function ifRule(a: string[]): string {
  return a.length === 3 ? `(${a[0]} ? ${a[1]} : ${a[2]})` : `(${a[0]} ? ${a[1]})`;
}

// switch(value; case1; result1; case2; result2; …; else): the value is read once.
function switchRule(a: string[]): string {
  const [value, ...rest] = a;
  const branches: string[] = [];
  for (let i = 0; i + 1 < rest.length; i += 2) branches.push(`$__switch = ${rest[i]} ? ${rest[i + 1]}`);
  const otherwise = rest.length % 2 === 1 ? ` : ${rest[rest.length - 1]}` : '';
  return `($__switch := ${value}; ${branches.join(' : ')}${otherwise})`;
}

function merge(a: string[]): string {
  return a.slice(1).reduce((acc, next) => `$append(${acc}, ${next})`, a[0]);
}

export const FUNCTIONS: ReadonlyMap<string, FunctionRule> = new Map(
  Object.entries({
    // General
    if: rule(2, 3, ifRule),
    ifempty: same('ifempty', 2, 2),
    switch: rule(3, Infinity, switchRule),
    get: same('get', 2, 2),
    // Text
    length: same('mlength', 1, 1),
    lower: same('lowercase', 1, 1),
    upper: same('uppercase', 1, 1),
    capitalize: same('capitalize', 1, 1),
    trim: same('mtrim', 1, 1),
    replace: same('mreplace', 3, 3),
    substring: same('msubstring', 2, 3),
    split: same('split', 2, 2),
    indexOf: same('indexOf', 2, 3),
    contains: same('mcontains', 2, 2),
    toString: same('string', 1, 1),
    encodeURL: same('encodeUrlComponent', 1, 1),
    decodeURL: same('decodeUrlComponent', 1, 1),
    base64: same('base64encode', 1, 1),
    // Math
    round: same('mround', 1, 2),
    ceil: same('ceil', 1, 1),
    floor: same('floor', 1, 1),
    abs: same('abs', 1, 1),
    trunc: same('trunc', 1, 1),
    min: overList('min'),
    max: overList('max'),
    sum: overList('sum'),
    average: overList('average'),
    parseNumber: same('parseNumber', 1, 2),
    formatNumber: same('mformatNumber', 1, 4),
    // Date and time
    formatDate: same('formatDate', 2, 3),
    parseDate: same('parseDate', 1, 3),
    addSeconds: same('addSeconds', 2, 2),
    addMinutes: same('addMinutes', 2, 2),
    addHours: same('addHours', 2, 2),
    addDays: same('addDays', 2, 2),
    addMonths: same('addMonths', 2, 2),
    addYears: same('addYears', 2, 2),
    // Arrays
    first: rule(1, 1, (a) => `(${a[0]})[0]`),
    last: rule(1, 1, (a) => `(${a[0]})[-1]`),
    map: same('mmap', 2, 4),
    join: same('mjoin', 2, 2),
    add: rule(2, Infinity, (a) => `$append(${a[0]}, [${a.slice(1).join(', ')}])`),
    merge: rule(1, Infinity, merge),
    reverse: same('reverse', 1, 1),
    shuffle: same('shuffle', 1, 1),
    sort: same('msort', 1, 3),
    distinct: same('mdistinct', 1, 2),
    deduplicate: same('mdistinct', 1, 1),
    keys: same('keys', 1, 1),
  }),
);

/** Keywords and variables (written without parentheses in IML). */
export const KEYWORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    null: 'null',
    true: 'true',
    false: 'false',
    emptystring: '""',
    emptyarray: '[]',
    space: '" "',
    tab: '"\\t"',
    newline: '"\\n"',
    carriagereturn: '"\\r"',
    nbsp: '"\\u00a0"',
    now: '$now()',
    timestamp: '$floor($millis() / 1000)',
    pi: '3.141592653589793',
    random: '$random()',
    executionId: '$execution.id',
  }),
);

/** Names that exist in Make but have no safe equivalent here, with the reason. */
export const NOT_TRANSLATABLE: ReadonlyMap<string, string> = new Map(
  Object.entries({
    ignore: 'the keyword ignore (omit the field) has no equivalent in mapping',
    erase: 'the keyword erase (clear the field) has no equivalent in mapping',
  }),
);

/** JSONata words that must be quoted with backticks when used as a field name. */
export const RESERVED = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);
