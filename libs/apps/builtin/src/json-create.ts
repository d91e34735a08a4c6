import { defineModule, field, toNumber, userError, type Bundle, type MakeNode } from '@integrator/sdk';
import { aggregatorParameters, groupBy } from './flow-control';
import { icons } from './icons';

// Make's Create JSON, Transform to JSON and Aggregate to JSON. Make builds the first and last
// from a data structure that lives in the Make account, not in the export; here the mapped
// fields themselves are the structure, so the JSON has the shape the mapper has.

const space = field.text({
  label: 'Indentation',
  help: 'Empty for compact JSON, a number of spaces, or "tab".',
  advanced: true,
});
const structure = field.text({
  label: 'Data structure',
  help: "Make's data structure id; the mapped fields are the structure here.",
  advanced: true,
});

function indent(value: string | undefined): string | number | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'tab' || value === '\t') return '\t';
  const n = toNumber(value);
  if (n === undefined || !Number.isInteger(n) || n < 0 || n > 10)
    throw userError(
      `must be empty, a number of spaces from 0 to 10, or "tab" (got ${JSON.stringify(value)})`,
      'parameters.space',
      'InvalidConfigurationError',
    );
  return n;
}

function stringify(value: unknown, space: string | undefined): string {
  // JSON has no undefined: a field left empty is left out, an empty value at the top is null.
  return JSON.stringify(value === undefined ? null : value, null, indent(space)) ?? 'null';
}

/** The settings of a Make export as they are, with a note that its data structure is not here. */
function structureNote(node: MakeNode) {
  const notes =
    node.parameters.type === undefined || node.parameters.type === ''
      ? []
      : [
          `Make's data structure ${JSON.stringify(node.parameters.type)} is not in the export; the JSON has the shape of the mapped fields (fields Make's structure had but the module left unmapped are not in it).`,
        ];
  return { parameters: node.parameters, mapper: node.mapper, notes };
}

const jsonOutput = { fields: [{ name: 'json', type: 'text', label: 'JSON string' }] };

export const createJson = defineModule({
  key: 'json:CreateJSON',
  label: 'Create JSON',
  description: 'Makes a JSON text from the mapped fields, nested as they are mapped.',
  kind: 'action',
  parameters: { type: structure, space },
  extraMapperFields: true,
  output: jsonOutput,
  run: ({ parameters, mapper }) => ({ json: stringify(mapper, parameters.space) }),
  make: { convert: structureNote },
});

export const transformToJson = defineModule({
  key: 'json:TransformToJSON',
  label: 'Transform to JSON',
  description: 'Turns any value (a collection, an array, a text) into its JSON text.',
  kind: 'action',
  parameters: { space },
  mapper: { object: field.any({ label: 'Object' }) },
  output: jsonOutput,
  run: ({ parameters, mapper }) => ({ json: stringify(mapper.object, parameters.space) }),
});

interface JsonAcc {
  items: unknown[];
}

export const aggregateToJson = defineModule({
  key: 'json:AggregateToJSON',
  icon: icons.jsonAggregator,
  label: 'Aggregate to JSON',
  description: 'Collects the mapped fields of each bundle of the source module into one JSON array.',
  kind: 'aggregator',
  parameters: { ...aggregatorParameters, type: structure, space },
  mapper: { groupBy },
  extraMapperFields: true,
  output: jsonOutput,
  aggregate: {
    init: (): JsonAcc => ({ items: [] }),
    add: (acc: JsonAcc, mapper) => {
      const { groupBy: _g, ...fields } = mapper as Bundle;
      acc.items.push(fields);
    },
    result: (acc: JsonAcc, parameters) => ({ json: stringify(acc.items, parameters.space) }),
  },
  make: { convert: structureNote },
});
