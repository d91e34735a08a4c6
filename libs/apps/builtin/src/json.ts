import { defineApp, defineModule, field, userError, type Bundle } from '@integrator/sdk';
import { aggregateToJson, createJson, transformToJson } from './json-create';
import { icons } from './icons';

const parseJson = defineModule({
  key: 'json:ParseJSON',
  label: 'Parse JSON',
  description: 'Reads JSON text into a bundle; an array becomes one bundle per item.',
  kind: 'search',
  // Make's data structure only describes the output for its editor; parsing is the same without it.
  parameters: {
    type: field.text({
      label: 'Data structure',
      help: "Make's data structure id (not needed here).",
      advanced: true,
    }),
  },
  mapper: { json: field.text({ label: 'JSON string', required: true, multiline: true }) },
  run: ({ mapper }) => {
    let value: unknown;
    try {
      value = JSON.parse(mapper.json);
    } catch (err) {
      throw userError(`is not valid JSON: ${(err as Error).message}`, 'json');
    }
    const items = Array.isArray(value) ? value : [value];
    return items.map((v): Bundle =>
      v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Bundle) : { value: v },
    );
  },
});

export const jsonApp = defineApp({
  key: 'json',
  label: 'JSON',
  description: 'Parse JSON text; create JSON from mapped fields, a value, or the bundles of a source module.',
  icon: icons.json,
  color: '#0ea5e9',
  modules: [parseJson, createJson, transformToJson, aggregateToJson],
});
