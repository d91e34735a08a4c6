import { defineApp, defineModule, field, options, toText, userError } from '@integrator/sdk';
import { aggregatorParameters, groupBy } from './flow-control';
import { icons } from './icons';
import { compose, getVariables, increment, scope, setVariables, switcher } from './tools-more';

const setVariable = defineModule({
  key: 'util:SetVariable2',
  label: 'Set variable',
  description:
    'Stores a value under a name for later modules (get variable), for one cycle or the whole execution.',
  kind: 'action',
  mapper: {
    name: field.text({ label: 'Variable name', required: true }),
    scope,
    value: field.any({ label: 'Variable value' }),
  },
  output: { namesFrom: { mapper: 'name' } },
  run: ({ mapper, variables }) => {
    variables.set(mapper.name, mapper.value, mapper.scope);
    return { [mapper.name]: mapper.value };
  },
});

const getVariable = defineModule({
  key: 'util:GetVariable2',
  label: 'Get variable',
  description: 'Reads a value set earlier in the run, on any route.',
  kind: 'action',
  mapper: { name: field.text({ label: 'Variable name', required: true }) },
  output: { namesFrom: { mapper: 'name' } },
  run: ({ mapper, variables }) => ({ [mapper.name]: variables.get(mapper.name) ?? null }),
});

interface TextAcc {
  parts: string[];
}

const textAggregator = defineModule({
  key: 'util:TextAggregator',
  icon: icons.textAggregator,
  label: 'Text aggregator',
  description: 'Joins a text from each bundle of the source module, with a row separator.',
  kind: 'aggregator',
  parameters: {
    ...aggregatorParameters,
    rowSeparator: field.text({
      label: 'Row separator',
      help: 'A new line, a tab, any text, or "other" for the separator below.',
    }),
    otherRowSeparator: field.text({ label: 'Separator', help: 'Used when the row separator is "other".' }),
    // The name this field had before it took Make's; blueprints saved then still carry it.
    otherSeparator: field.text({ label: 'Separator (older name)', advanced: true }),
  },
  mapper: { value: field.any({ label: 'Text' }), groupBy },
  output: { fields: [{ name: 'text', type: 'text' }] },
  aggregate: {
    init: (): TextAcc => ({ parts: [] }),
    add: (acc: TextAcc, mapper) => void acc.parts.push(toText(mapper.value)),
    result: (acc: TextAcc, parameters) => ({
      text: acc.parts.join(
        separator(parameters.rowSeparator, parameters.otherRowSeparator ?? parameters.otherSeparator),
      ),
    }),
  },
});

// Make stores the separator as the character itself ("\n", "\t"); older files and hand-written
// ones use a name or an escape. Anything else is the separator text itself.
function separator(row: string | undefined, other: string | undefined): string {
  if (row === undefined) return '';
  if (row === 'other') return other ?? '';
  const named: Record<string, string> = { newline: '\n', '\\n': '\n', tab: '\t', '\\t': '\t' };
  return named[row] ?? row;
}

interface NumericAcc {
  count: number;
  sum: number;
  min: number;
  max: number;
}

// Make exports carry the function in lower case; an older spelling in capitals still matches.
const NUMERIC_FUNCTIONS = ['sum', 'avg', 'count', 'max', 'min'] as const;
type NumericFunction = (typeof NUMERIC_FUNCTIONS)[number];

const numericParameters = {
  ...aggregatorParameters,
  fn: field.select({
    label: 'Aggregate function',
    required: true,
    options: options(
      ['sum', 'SUM'],
      ['avg', 'AVG (average)'],
      ['count', 'COUNT'],
      ['max', 'MAX'],
      ['min', 'MIN'],
    ),
  }),
} as const;

// Make's docs name the numeric aggregator both ways (util:NumericalAggregator and
// util:FunctionAggregator2); one module answers to both, so the catalog lists it once.
const numericAggregator = defineModule({
  key: 'util:NumericalAggregator',
  make: { keys: ['util:FunctionAggregator2'] },
  label: 'Numeric aggregator',
  icon: icons.numericAggregator,
  description:
    'Sums, averages, counts or finds the largest or smallest value over the bundles of the source module.',
  kind: 'aggregator',
  parameters: numericParameters,
  mapper: { value: field.number({ label: 'Value' }), groupBy },
  output: { fields: [{ name: 'result', type: 'number' }] },
  aggregate: {
    init: (): NumericAcc => ({ count: 0, sum: 0, min: Infinity, max: -Infinity }),
    add: (acc: NumericAcc, mapper) => {
      acc.count++;
      const v = mapper.value;
      if (v === undefined) return;
      acc.sum += v;
      if (v < acc.min) acc.min = v;
      if (v > acc.max) acc.max = v;
    },
    result: (acc: NumericAcc, parameters) => ({ result: numericResult(acc, String(parameters.fn)) }),
  },
});

function numericResult(acc: NumericAcc, fn: string): number | null {
  const name = String(fn).toLowerCase() as NumericFunction;
  switch (name) {
    case 'sum':
      return acc.sum;
    case 'count':
      return acc.count;
    case 'avg':
      return acc.count ? acc.sum / acc.count : null;
    case 'max':
      return acc.count ? acc.max : null;
    case 'min':
      return acc.count ? acc.min : null;
    default:
      // Validation rejects other values; reaching here means a caller skipped it.
      throw userError(
        `must be one of ${NUMERIC_FUNCTIONS.join(', ')} (got ${JSON.stringify(fn)})`,
        'parameters.fn',
        'InvalidConfigurationError',
      );
  }
}

const sleep = defineModule({
  key: 'util:FunctionSleep',
  label: 'Sleep',
  description: 'Waits a number of seconds (at most 300).',
  kind: 'action',
  mapper: { duration: field.number({ label: 'Delay (seconds)', required: true, min: 0, max: 300 }) },
  run: async ({ mapper, clock, signal }) => {
    await clock.sleep(mapper.duration * 1000, signal);
    return {};
  },
});

export const toolsApp = defineApp({
  key: 'util',
  label: 'Tools',
  description: 'Variables, switch, compose, counters, text and numeric aggregators, sleep.',
  icon: icons.tools,
  color: '#64748b',
  modules: [
    setVariable,
    getVariable,
    textAggregator,
    numericAggregator,
    sleep,
    setVariables,
    getVariables,
    switcher,
    compose,
    increment,
  ],
});
