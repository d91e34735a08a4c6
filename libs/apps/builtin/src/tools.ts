import { defineApp, defineModule, field, options, toText } from '@integrator/sdk';
import { aggregatorParameters, groupBy } from './flow-control';
import { icons } from './icons';

const scope = field.select({
  label: 'Variable lifetime',
  options: [
    { value: 'roundtrip', label: 'One cycle' },
    { value: 'execution', label: 'One execution' },
  ],
  default: 'roundtrip',
});

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
  run: ({ mapper, variables }) => {
    variables.set(mapper.name, mapper.value, mapper.scope as 'roundtrip' | 'execution');
    return { [mapper.name]: mapper.value };
  },
});

const getVariable = defineModule({
  key: 'util:GetVariable2',
  label: 'Get variable',
  description: 'Reads a value set earlier in the run, on any route.',
  kind: 'action',
  mapper: { name: field.text({ label: 'Variable name', required: true }) },
  run: ({ mapper, variables }) => ({ [mapper.name]: variables.get(mapper.name) ?? null }),
});

interface TextAcc {
  parts: string[];
}

const textAggregator = defineModule({
  key: 'util:TextAggregator',
  label: 'Text aggregator',
  description: 'Joins a text from each bundle of the source module, with a row separator.',
  kind: 'aggregator',
  parameters: {
    ...aggregatorParameters,
    rowSeparator: field.text({
      label: 'Row separator',
      help: 'For example \\n for a new line; "other" uses the separator below.',
    }),
    otherSeparator: field.text({ label: 'Other separator', advanced: true }),
  },
  mapper: { value: field.any({ label: 'Text' }), groupBy },
  output: { fields: [{ name: 'text', type: 'text' }] },
  aggregate: {
    init: (): TextAcc => ({ parts: [] }),
    add: (acc: TextAcc, mapper) => void acc.parts.push(toText(mapper.value)),
    result: (acc: TextAcc, parameters) => ({
      text: acc.parts.join(separator(parameters.rowSeparator, parameters.otherSeparator)),
    }),
  },
});

// Make stores the separator as the character itself or as a name; accept both.
function separator(row: string | undefined, other: string | undefined): string {
  switch (row) {
    case undefined:
      return '';
    case 'other':
      return other ?? '';
    case 'newline':
    case '\\n':
      return '\n';
    case 'tab':
    case '\\t':
      return '\t';
    default:
      return row;
  }
}

interface NumericAcc {
  count: number;
  sum: number;
  min: number;
  max: number;
}

const numericParameters = {
  ...aggregatorParameters,
  fn: field.select({
    label: 'Aggregate function',
    required: true,
    options: options('SUM', 'AVG', 'COUNT', 'MAX', 'MIN'),
  }),
} as const;

function numericAggregator(key: string) {
  return defineModule({
    key,
    label: 'Numeric aggregator',
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
}

function numericResult(acc: NumericAcc, fn: string): number | null {
  switch (fn) {
    case 'SUM':
      return acc.sum;
    case 'COUNT':
      return acc.count;
    case 'AVG':
      return acc.count ? acc.sum / acc.count : null;
    case 'MAX':
      return acc.count ? acc.max : null;
    default:
      return acc.count ? acc.min : null;
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
  description: 'Variables, text and numeric aggregators, sleep.',
  icon: icons.tools,
  color: '#64748b',
  // Make's docs name the numeric aggregator both ways; both keys run the same module.
  modules: [
    setVariable,
    getVariable,
    textAggregator,
    numericAggregator('util:NumericalAggregator'),
    numericAggregator('util:FunctionAggregator2'),
    sleep,
  ],
});
