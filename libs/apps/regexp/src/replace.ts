import { defineModule, field, type MakeNode } from '@integrator/sdk';
import { compilePattern, flagFields } from './pattern';

// The settings all belong in the mapper; an export that keeps some in its parameters still reads.
function fromMake(node: MakeNode) {
  const parameters = { ...node.parameters };
  const mapper = { ...node.mapper };
  for (const name of ['pattern', 'value', ...Object.keys(flagFields)]) {
    if (!(name in parameters)) continue;
    if (!(name in mapper)) mapper[name] = parameters[name];
    delete parameters[name];
  }
  return { parameters, mapper, notes: [] };
}

export const replace = defineModule({
  key: 'regexp:Replace',
  label: 'Replace',
  description: 'Replaces what a regular expression matches; the new value may use $1, $2… and $<name>.',
  kind: 'action',
  mapper: {
    pattern: field.text({ label: 'Pattern', required: true }),
    value: field.text({ label: 'New value', help: '$1, $2… insert the groups; $& the whole match.' }),
    ...flagFields,
    text: field.text({ label: 'Text', multiline: true }),
  },
  output: { fields: [{ name: 'text', type: 'text', label: 'Text' }] },
  run: ({ mapper }) => {
    const re = compilePattern(mapper.pattern, mapper, 'pattern');
    const text = mapper.text ?? '';
    const value = mapper.value ?? '';
    // The pattern always carries g; without "global" only the first match is replaced.
    if (mapper.global) return { text: text.replace(re, value) };
    return { text: text.replace(new RegExp(re.source, re.flags.replace('g', '')), value) };
  },
  make: { convert: fromMake },
});
