import { defineApp, defineModule, field, type Bundle } from '@integrator/sdk';
import { icons } from './icons';

// Make's flow-control modules, under their Make keys so exported blueprints import intact.

const router = defineModule({
  key: 'builtin:BasicRouter',
  icon: icons.router,
  label: 'Router',
  description: 'Sends each bundle down every route whose filter it passes; a fallback route takes the rest.',
  kind: 'router',
});

// The branches live on the node itself (`branches`), as in Make's exports; the engine runs them.
const ifElse = defineModule({
  key: 'builtin:BasicIfElse',
  label: 'If-else',
  description:
    'Runs only the first branch whose conditions the bundle passes, else the else branch; a bundle that passes none (and no else branch) stops here without an error. Merging branches continue at the Merge. One operation per bundle.',
  kind: 'ifelse',
  icon: icons.ifElse,
});

// Its `outputs` name the values that continue, one mapping per merging branch.
const merge = defineModule({
  key: 'builtin:BasicMerge',
  label: 'Merge',
  description:
    'Joins the merging branches of the If-else before it and passes on the named values of the branch that ran. One operation per bundle.',
  kind: 'merge',
  icon: icons.merge,
  extraMapperFields: true,
  run: ({ mapper }) => ({ ...mapper }),
});

const iterator = defineModule({
  key: 'builtin:BasicFeeder',
  icon: icons.iterator,
  label: 'Iterator',
  description: 'Turns an array into one bundle per item.',
  kind: 'iterator',
  mapper: { array: field.array({ label: 'Array', required: true }) },
  output: {
    fields: [
      { name: '__IMTINDEX__', label: 'Bundle order position' },
      { name: '__IMTLENGTH__', label: 'Total number of bundles' },
    ],
  },
  run: ({ mapper }) => iterate(mapper.array),
});

// Bundles are made one at a time as the flow asks for them, so a large array streams through
// the path instead of existing twice in memory. A plain iterator (not a generator) with one
// reused result object: this loop runs once per item of the array.
function iterate(items: unknown[]): Iterable<Bundle> {
  const length = items.length;
  let i = 0;
  const step = { done: false, value: undefined as unknown as Bundle };
  const iterator: Iterator<Bundle> = {
    next() {
      if (i >= length) return { done: true, value: undefined };
      const item = items[i++];
      let bundle: Bundle;
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
        bundle = Object.assign({}, item as Bundle);
      } else bundle = { value: item };
      bundle.__IMTINDEX__ = i;
      bundle.__IMTLENGTH__ = length;
      step.value = bundle;
      return step;
    },
  };
  return { [Symbol.iterator]: () => iterator };
}

const aggregatorParameters = {
  feeder: field.module({ label: 'Source module', required: true }),
  stopIfEmpty: field.boolean({ label: 'Stop processing after an empty aggregation', advanced: true }),
} as const;
const groupBy = field.text({ label: 'Group by', advanced: true });

const arrayAggregator = defineModule({
  key: 'builtin:BasicAggregator',
  icon: icons.arrayAggregator,
  label: 'Array aggregator',
  description: 'Collects the bundles of one operation of the source module into an array.',
  kind: 'aggregator',
  parameters: aggregatorParameters,
  mapper: { groupBy },
  extraMapperFields: true,
  output: { fields: [{ name: 'array', label: 'Array' }] },
  aggregate: {
    init: () => [] as unknown[],
    // Without picked fields the whole source bundle is collected.
    add: (acc: unknown[], mapper, _parameters, source) => {
      const { groupBy: _g, ...fields } = mapper as Record<string, unknown>;
      acc.push(Object.keys(fields).length ? fields : source);
    },
    result: (acc: unknown[]) => ({ array: acc }),
  },
});

const repeater = defineModule({
  key: 'builtin:BasicRepeater',
  icon: icons.repeater,
  label: 'Repeater',
  description: 'Emits a bundle a given number of times, with a counter i.',
  kind: 'iterator',
  mapper: {
    start: field.number({ label: 'Initial value', default: 1 }),
    repeats: field.number({ label: 'Repeats', required: true, integer: true, min: 0, max: 10000 }),
    step: field.number({ label: 'Step', default: 1, advanced: true }),
  },
  output: { fields: [{ name: 'i', type: 'number' }] },
  *run({ mapper }) {
    for (let n = 0; n < mapper.repeats; n++) yield { i: mapper.start + n * mapper.step };
  },
});

const directive = (name: 'ignore' | 'commit' | 'rollback', key: string, label: string, description: string) =>
  defineModule({ key, label, description, kind: 'directive', directive: name, icon: icons[name] });

const resume = defineModule({
  key: 'builtin:Resume',
  icon: icons.resume,
  label: 'Resume',
  description: 'Replaces the failed bundle with a substitute output and carries on.',
  kind: 'directive',
  directive: 'resume',
  extraMapperFields: true,
});

const breakDirective = defineModule({
  key: 'builtin:Break',
  icon: icons.break,
  label: 'Break',
  description: 'Stores the failed bundle as an incomplete execution, to be retried; other bundles carry on.',
  kind: 'directive',
  directive: 'break',
  mapper: {
    retry: field.boolean({ label: 'Automatically complete execution', default: true }),
    count: field.number({ label: 'Number of attempts', default: 3, integer: true, min: 1, max: 100 }),
    interval: field.number({ label: 'Interval between attempts (minutes)', default: 15, min: 1, max: 44640 }),
  },
});

export const flowControlApp = defineApp({
  key: 'builtin',
  label: 'Flow control',
  description: 'Routers, If-else and Merge, iterators, aggregators, repeaters and error directives.',
  icon: icons.flow,
  color: '#8b5cf6',
  modules: [
    router,
    iterator,
    arrayAggregator,
    repeater,
    directive(
      'ignore',
      'builtin:Ignore',
      'Ignore',
      'Drops the failed bundle; the run carries on and ends in success.',
    ),
    resume,
    directive('commit', 'builtin:Commit', 'Commit', 'Stops the run and commits what was done.'),
    directive(
      'rollback',
      'builtin:Rollback',
      'Rollback',
      'Stops the run and rolls back; the run ends in error.',
    ),
    breakDirective,
    ifElse,
    merge,
  ],
});

export { aggregatorParameters, groupBy };
