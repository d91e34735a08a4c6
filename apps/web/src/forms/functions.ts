import { CUSTOM_FUNCTIONS } from '@integrator/engine/mapping/functions';

// The functions the mapping picker offers: JSONata's everyday ones plus ours (Make's helpers).

export interface MappingFunction {
  name: string;
  /** What gets inserted (inside {{ }}). */
  snippet: string;
  description: string;
  group: 'text' | 'number' | 'array' | 'date' | 'logic' | 'ours';
}

const jsonataFunctions: Array<[string, string, MappingFunction['group'], string]> = [
  ['string', '$string()', 'text', 'the value as text (JSON for objects)'],
  ['length', '$length()', 'text', 'number of characters'],
  ['substring', '$substring(, 0, 10)', 'text', 'part of a text: start, length'],
  ['substringBefore', '$substringBefore(, "-")', 'text', 'the text before a separator'],
  ['substringAfter', '$substringAfter(, "-")', 'text', 'the text after a separator'],
  ['uppercase', '$uppercase()', 'text', 'UPPER CASE'],
  ['lowercase', '$lowercase()', 'text', 'lower case'],
  ['trim', '$trim()', 'text', 'removes surrounding and repeated spaces'],
  ['pad', '$pad(, 10, " ")', 'text', 'pads a text to a width'],
  ['contains', '$contains(, "x")', 'text', 'true when the text contains a part or pattern'],
  ['split', '$split(, ",")', 'text', 'splits a text into an array'],
  ['join', '$join(, ", ")', 'text', 'joins an array of texts'],
  ['replace', '$replace(, "a", "b")', 'text', 'replaces a part or pattern'],
  ['match', '$match(, /x/)', 'text', 'regular expression matches'],
  ['base64encode', '$base64encode()', 'text', 'Base64 of a text'],
  ['base64decode', '$base64decode()', 'text', 'text of a Base64 value'],
  ['encodeUrlComponent', '$encodeUrlComponent()', 'text', 'escapes a text for a URL'],
  ['number', '$number()', 'number', 'the value as a number'],
  ['abs', '$abs()', 'number', 'absolute value'],
  ['floor', '$floor()', 'number', 'rounds down'],
  ['ceil', '$ceil()', 'number', 'rounds up'],
  ['round', '$round(, 2)', 'number', 'rounds to a number of decimals'],
  ['power', '$power(, 2)', 'number', 'raises to a power'],
  ['formatNumber', '$formatNumber(, "#,##0.00")', 'number', 'formats a number with a picture'],
  ['sum', '$sum()', 'array', 'sum of an array of numbers'],
  ['max', '$max()', 'array', 'largest number'],
  ['min', '$min()', 'array', 'smallest number'],
  ['average', '$average()', 'array', 'mean of an array of numbers'],
  ['count', '$count()', 'array', 'number of items'],
  ['append', '$append(, [])', 'array', 'joins two arrays'],
  ['sort', '$sort()', 'array', 'sorts an array'],
  ['reverse', '$reverse()', 'array', 'reverses an array'],
  ['distinct', '$distinct()', 'array', 'removes duplicates'],
  ['keys', '$keys()', 'array', 'the keys of an object'],
  ['lookup', '$lookup(, "key")', 'array', 'the value under a key'],
  ['merge', '$merge([])', 'array', 'merges objects'],
  ['map', '$map(, function($v) { $v })', 'array', 'transforms each item'],
  ['filter', '$filter(, function($v) { $v })', 'array', 'keeps the matching items'],
  ['now', '$now()', 'date', 'the current time (ISO 8601)'],
  ['millis', '$millis()', 'date', 'the current time in milliseconds'],
  ['toMillis', '$toMillis()', 'date', 'milliseconds of an ISO 8601 date'],
  ['fromMillis', '$fromMillis()', 'date', 'ISO 8601 text of milliseconds'],
  ['exists', '$exists()', 'logic', 'true when the value is there'],
  ['boolean', '$boolean()', 'logic', 'the value as true or false'],
  ['not', '$not()', 'logic', 'negation'],
  ['type', '$type()', 'logic', 'the type of a value'],
];

const all: MappingFunction[] = [
  ...CUSTOM_FUNCTIONS.map((f) => ({
    name: f.name,
    snippet: `$${f.name}()`,
    description: f.description,
    group: 'ours' as const,
  })),
  ...jsonataFunctions.map(([name, snippet, group, description]) => ({ name, snippet, group, description })),
];

// The engine registers ours over JSONata's, so a name listed twice means ours.
export const MAPPING_FUNCTIONS: readonly MappingFunction[] = all.filter(
  (f, i) => all.findIndex((g) => g.name === f.name) === i,
);
