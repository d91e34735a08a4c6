import { defineModule, field, type Bundle, type MakeNode } from '@integrator/sdk';
import { compilePattern, flagFields, type Flags } from './pattern';

// Match pattern: one bundle per match with the capture groups as $1, $2… and the named
// groups by name; i counts the matches from 1 and __IMTMATCH__ holds the whole match (Make's
// "fallback match").

const continueWhenNoRes = field.boolean({
  label: 'Continue the execution even if the module finds no matches',
  help: 'Outputs one empty bundle when nothing matches.',
  default: false,
});
const ignoreInfiniteLoopsWhenGlobal = field.boolean({
  label: 'Skip empty matches of a global pattern',
  default: false,
  advanced: true,
});
const text = field.text({ label: 'Text', multiline: true });

interface MatchOptions extends Flags {
  continueWhenNoRes?: boolean;
  ignoreInfiniteLoopsWhenGlobal?: boolean;
}

export function matchBundles(pattern: string, input: string, options: MatchOptions, path: string): Bundle[] {
  const re = compilePattern(pattern, options, path);
  const out: Bundle[] = [];
  for (const m of input.matchAll(re)) {
    if (m[0] === '' && options.global && options.ignoreInfiniteLoopsWhenGlobal) continue;
    const bundle: Bundle = { i: out.length + 1, __IMTMATCH__: m[0] };
    for (let g = 1; g < m.length; g++) if (m[g] !== undefined) bundle[`$${g}`] = m[g];
    for (const [name, value] of Object.entries(m.groups ?? {})) if (value !== undefined) bundle[name] = value;
    out.push(bundle);
    if (!options.global) break;
  }
  return out.length || !options.continueWhenNoRes ? out : [{}];
}

const matchOutput = {
  fields: [
    { name: 'i', type: 'number', label: 'Match number' },
    { name: '__IMTMATCH__', type: 'text', label: 'Whole match' },
    { name: '$1', type: 'text', label: 'Group 1' },
    { name: '$2', type: 'text', label: 'Group 2' },
  ],
};

export const parser = defineModule({
  key: 'regexp:Parser',
  label: 'Match pattern',
  description:
    'Finds a regular expression in a text: one bundle per match with its groups ($1, $2… and named).',
  kind: 'search',
  parameters: {
    pattern: field.text({ label: 'Pattern', required: true }),
    ...flagFields,
    continueWhenNoRes,
    ignoreInfiniteLoopsWhenGlobal,
  },
  mapper: { text },
  output: matchOutput,
  run: ({ parameters, mapper }) =>
    matchBundles(parameters.pattern, mapper.text ?? '', parameters, 'parameters.pattern'),
});

const FLAG_NAMES = [...Object.keys(flagFields), 'continueWhenNoRes', 'ignoreInfiniteLoopsWhenGlobal'];

/** Exports differ in where the advanced parser keeps the flags; here they are parameters. */
function advancedFromMake(node: MakeNode) {
  const parameters = { ...node.parameters };
  const mapper = { ...node.mapper };
  for (const name of FLAG_NAMES) {
    if (name in mapper) {
      if (!(name in parameters)) parameters[name] = mapper[name];
      delete mapper[name];
    }
  }
  if ('pattern' in parameters) {
    if (!('pattern' in mapper)) mapper.pattern = parameters.pattern;
    delete parameters.pattern;
  }
  return { parameters, mapper, notes: [] };
}

export const advancedParser = defineModule({
  key: 'regexp:AdvancedParser',
  label: 'Match pattern (advanced)',
  description: 'Match pattern with a mapped pattern.',
  kind: 'search',
  parameters: { ...flagFields, continueWhenNoRes, ignoreInfiniteLoopsWhenGlobal },
  mapper: { pattern: field.text({ label: 'Pattern', required: true }), text },
  output: matchOutput,
  run: ({ parameters, mapper }) => matchBundles(mapper.pattern, mapper.text ?? '', parameters, 'pattern'),
  make: { convert: advancedFromMake },
});
