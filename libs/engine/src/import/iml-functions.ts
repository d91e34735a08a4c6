// How each IML function and keyword is written in our mapping language (JSONata plus our
// helpers in mapping/functions.ts). Arguments arrive already translated.

export interface FunctionRule {
  min: number;
  max: number;
  /** bools[i]: argument i is already true/false (a comparison), no truth coercion needed. */
  emit: (args: string[], bools: boolean[]) => string;
}

const call = (name: string) => (args: string[]) => `$${name}(${args.join(', ')})`;
const rule = (min: number, max: number, emit: FunctionRule['emit']): FunctionRule => ({ min, max, emit });
const same = (name: string, min: number, max: number) => rule(min, max, call(name));
// min(1; 2) and min(array) both exist in Make: the arguments travel as one list.
const overList = (name: string) =>
  rule(1, Infinity, (a) => (a.length === 1 ? `$${name}(${a[0]})` : `$${name}([${a.join(', ')}])`));
// omit(collection; key1; key2…): the keys travel as one list.
const withKeys = (name: string) => rule(2, Infinity, (a) => `$${name}(${a[0]}, [${a.slice(1).join(', ')}])`);

// The condition follows Make's truth rule (make-semantics §5): 0 is true, "false" is false.
function ifRule(a: string[], bools: boolean[]): string {
  const test = bools[0] ? a[0] : `$mbool(${a[0]})`;
  return a.length === 3 ? `(${test} ? ${a[1]} : ${a[2]})` : `(${test} ? ${a[1]})`;
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
    equal: same('equal', 2, 2),
    omit: withKeys('omit'),
    pick: withKeys('pick'),
    // Text and binary
    ascii: same('ascii', 1, 2),
    base64: same('mbase64', 1, 1),
    capitalize: same('capitalize', 1, 1),
    contains: same('mcontains', 2, 2),
    decodeURL: same('decodeUrlComponent', 1, 1),
    encodeURL: same('encodeUrlComponent', 1, 1),
    escapeHTML: same('escapeHTML', 1, 1),
    escapeMarkdown: same('escapeMarkdown', 1, 1),
    indexOf: same('indexOf', 2, 3),
    length: same('mlength', 1, 1),
    lower: same('lowercase', 1, 1),
    md5: same('md5', 1, 2),
    replace: same('mreplace', 3, 3),
    replaceEmojiCharacters: same('replaceEmojiCharacters', 1, 2),
    sha1: same('sha1', 1, 4),
    sha256: same('sha256', 1, 4),
    sha512: same('sha512', 1, 4),
    split: same('msplit', 2, 2),
    startcase: same('startcase', 1, 1),
    startCase: same('startcase', 1, 1),
    stripHTML: same('stripHTML', 1, 1),
    substring: same('msubstring', 2, 3),
    toBinary: same('toBinary', 1, 2),
    toString: same('mtoString', 1, 2),
    trim: same('mtrim', 1, 1),
    upper: same('uppercase', 1, 1),
    // Math
    abs: same('mabs', 1, 1),
    average: overList('maverage'),
    ceil: same('mceil', 1, 1),
    floor: same('mfloor', 1, 1),
    formatNumber: same('mformatNumber', 1, 4),
    max: overList('mmax'),
    median: overList('median'),
    min: overList('mmin'),
    parseNumber: same('parseNumber', 1, 2),
    round: same('mround', 1, 2),
    stdevP: overList('stdevP'),
    stdevS: overList('stdevS'),
    sum: overList('msum'),
    trunc: same('trunc', 1, 2),
    // Date and time
    formatDate: same('formatDate', 2, 3),
    parseDate: same('parseDate', 1, 3),
    addSeconds: same('addSeconds', 2, 2),
    addMinutes: same('addMinutes', 2, 2),
    addHours: same('addHours', 2, 2),
    addDays: same('addDays', 2, 2),
    addMonths: same('addMonths', 2, 2),
    addYears: same('addYears', 2, 2),
    setSecond: same('setSecond', 2, 2),
    setMinute: same('setMinute', 2, 2),
    setHour: same('setHour', 2, 2),
    setDay: same('setDay', 2, 2),
    setDate: same('setDate', 2, 2),
    setMonth: same('setMonth', 2, 2),
    setYear: same('setYear', 2, 2),
    // Arrays
    add: rule(2, Infinity, (a) => `$append(${a[0]}, [${a.slice(1).join(', ')}])`),
    arrayDiff: same('arrayDiff', 2, 2),
    arrayIntersect: same('arrayIntersect', 2, 2),
    deduplicate: same('mdistinct', 1, 1),
    distinct: same('mdistinct', 1, 2),
    first: same('mfirst', 1, 1),
    flatten: same('mflatten', 1, 2),
    join: same('mjoin', 2, 2),
    keys: same('mkeys', 1, 1),
    last: same('mlast', 1, 1),
    map: same('mmap', 2, 4),
    merge: rule(1, Infinity, merge),
    remove: rule(2, Infinity, (a) => `$mremove(${a[0]}, [${a.slice(1).join(', ')}])`),
    reverse: same('reverse', 1, 1),
    shuffle: same('shuffle', 1, 1),
    slice: same('mslice', 2, 3),
    sort: same('msort', 1, 3),
    toArray: same('toArray', 1, 1),
    toCollection: same('toCollection', 3, 3),
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
    uuid: '$uuid()',
    executionId: '$execution.id',
    // A field whose value is ignore is left out, as if it were not mapped (mapping/ignore.ts).
    ignore: '$ignore()',
    // A field whose value is erase is cleared: [] for an array, {} for a collection, else null.
    erase: '$erase()',
  }),
);

/** Names that exist in Make but have no safe equivalent here, with the reason. */
export const NOT_TRANSLATABLE: ReadonlyMap<string, string> = new Map();

/** JSONata words that must be quoted with backticks when used as a field name. */
export const RESERVED = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);
