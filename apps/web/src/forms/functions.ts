import { FUNCTIONS, KEYWORDS } from '@integrator/engine/import/iml-functions';

// The functions the mapping picker offers, under Make's names and in Make's groups. What gets
// inserted is what the engine runs: the same rule the blueprint import uses to translate a
// Make formula (engine/import/iml-functions), applied to the function's usual arguments.

export type FunctionGroup = 'general' | 'math' | 'text' | 'date' | 'array';

export const FUNCTION_GROUPS: ReadonlyArray<{ key: FunctionGroup; label: string }> = [
  { key: 'general', label: 'General functions' },
  { key: 'math', label: 'Math functions' },
  { key: 'text', label: 'Text and binary functions' },
  { key: 'date', label: 'Date and time functions' },
  { key: 'array', label: 'Array functions' },
];

export interface MappingFunction {
  /** Make's name. */
  name: string;
  /** How Make writes a call, e.g. formatDate(date; format). */
  signature: string;
  description: string;
  group: FunctionGroup;
  /** What gets inserted (inside {{ }}): the engine's expression. */
  snippet: string;
  /** Where the caret goes in the snippet: the first argument to fill. */
  cursor: number;
}

// [Make name, group, Make's signature, description, arguments inserted ('' = to fill)].
type Row = [string, FunctionGroup, string, string, string[]];

const rows: Row[] = [
  [
    'if',
    'general',
    'if(expression; value1; value2)',
    'value1 when the expression is true, else value2',
    ['', '""', '""'],
  ],
  ['ifempty', 'general', 'ifempty(value1; value2)', 'value1 unless it is empty, else value2', ['', '""']],
  [
    'switch',
    'general',
    'switch(expression; value1; result1; …; else)',
    'the result of the first value equal to the expression',
    ['', '"a"', '"A"', '""'],
  ],
  ['get', 'general', 'get(object or array; path)', 'the value at a path (positions from 1)', ['', '"key"']],
  ['omit', 'general', 'omit(collection; key1; …)', 'the collection without some keys', ['', '"key"']],
  ['pick', 'general', 'pick(collection; key1; …)', 'only some keys of a collection', ['', '"key"']],
  ['round', 'math', 'round(number)', 'rounds to the nearest whole number', ['']],
  ['ceil', 'math', 'ceil(number)', 'rounds up', ['']],
  ['floor', 'math', 'floor(number)', 'rounds down', ['']],
  ['abs', 'math', 'abs(number)', 'absolute value', ['']],
  ['sum', 'math', 'sum(array of values)', 'sum of the values', ['']],
  ['average', 'math', 'average(array of values)', 'mean of the values', ['']],
  ['max', 'math', 'max(array of values)', 'largest value', ['']],
  ['min', 'math', 'min(array of values)', 'smallest value', ['']],
  ['parseNumber', 'math', 'parseNumber(number; decimal separator)', 'a number from text', ['', '"."']],
  [
    'formatNumber',
    'math',
    'formatNumber(number; decimals; decimal sep; thousands sep)',
    'a number as text',
    ['', '2', '"."', '","'],
  ],
  ['upper', 'text', 'upper(text)', 'UPPER CASE', ['']],
  ['lower', 'text', 'lower(text)', 'lower case', ['']],
  ['capitalize', 'text', 'capitalize(text)', 'first letter in upper case', ['']],
  ['length', 'text', 'length(text or array)', 'number of characters or items', ['']],
  ['trim', 'text', 'trim(text)', 'removes spaces at both ends', ['']],
  ['substring', 'text', 'substring(text; start; end)', 'part of a text, positions from 0', ['', '0', '10']],
  ['replace', 'text', 'replace(text; search; new)', 'replaces every occurrence', ['', '"a"', '"b"']],
  ['split', 'text', 'split(text; separator)', 'an array of the parts', ['', '","']],
  ['toString', 'text', 'toString(value)', 'the value as text', ['']],
  ['contains', 'text', 'contains(text; search)', 'true when the text contains the search', ['', '"x"']],
  ['indexOf', 'text', 'indexOf(text; value)', 'position of the value, or -1', ['', '"x"']],
  ['encodeURL', 'text', 'encodeURL(text)', 'escapes a text for a URL', ['']],
  ['base64', 'text', 'base64(text)', 'Base64 of a text', ['']],
  ['md5', 'text', 'md5(text)', 'MD5 hash', ['']],
  [
    'formatDate',
    'date',
    'formatDate(date; format; timezone)',
    'a date as text, e.g. YYYY-MM-DD',
    ['', '"YYYY-MM-DD"'],
  ],
  ['parseDate', 'date', 'parseDate(text; format; timezone)', 'a date read from text', ['', '"YYYY-MM-DD"']],
  ['addDays', 'date', 'addDays(date; number)', 'the date plus some days', ['', '1']],
  ['addHours', 'date', 'addHours(date; number)', 'the date plus some hours', ['', '1']],
  ['addMinutes', 'date', 'addMinutes(date; number)', 'the date plus some minutes', ['', '1']],
  ['addMonths', 'date', 'addMonths(date; number)', 'the date plus some months', ['', '1']],
  ['setDate', 'date', 'setDate(date; day of month)', 'the same date on another day', ['', '1']],
  ['join', 'array', 'join(array; separator)', 'the items as one text', ['', '", "']],
  ['map', 'array', 'map(array; key)', 'the values of one key in every item', ['', '"key"']],
  ['first', 'array', 'first(array)', 'the first item', ['']],
  ['last', 'array', 'last(array)', 'the last item', ['']],
  ['keys', 'array', 'keys(object)', 'the keys of a collection', ['']],
  ['slice', 'array', 'slice(array; start; end)', 'part of an array', ['', '0', '10']],
  ['sort', 'array', 'sort(array; order)', 'the items in order', ['']],
  ['distinct', 'array', 'distinct(array)', 'the items without duplicates', ['']],
  ['flatten', 'array', 'flatten(array)', 'nested arrays as one', ['']],
  ['merge', 'array', 'merge(array1; array2)', 'the arrays as one', ['', '[]']],
  ['toArray', 'array', 'toArray(collection)', 'a collection as key/value items', ['']],
];

function fromRow([name, group, signature, description, args]: Row): MappingFunction {
  const rule = FUNCTIONS.get(name);
  if (!rule) throw new Error(`${name} is not in the IML function table`);
  // if() reads its condition with Make's truth rule; a comparison typed there needs none.
  const snippet = rule.emit(args, name === 'if' ? [true] : []);
  const cursor = args[0] === '' ? snippet.indexOf('(') + 1 : snippet.length;
  return { name, signature, description, group, snippet, cursor };
}

const keyword = (name: string, description: string): MappingFunction => {
  const snippet = KEYWORDS.get(name) ?? '';
  return { name, signature: name, description, group: 'date', snippet, cursor: snippet.length };
};

export const MAPPING_FUNCTIONS: readonly MappingFunction[] = [
  ...rows.map(fromRow),
  keyword('now', 'the current date and time'),
].sort(
  (a, b) =>
    FUNCTION_GROUPS.findIndex((g) => g.key === a.group) - FUNCTION_GROUPS.findIndex((g) => g.key === b.group),
);
