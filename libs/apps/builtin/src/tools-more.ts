import { defineModule, field, toText, userError, type Bundle } from '@integrator/sdk';

// Make's Tools modules beyond a single variable: set/get multiple variables, switch, compose a
// string, increment function (make-core-modules §2), under Make's keys and setting names.

export const scope = field.select({
  label: 'Variable lifetime',
  options: [
    { value: 'roundtrip', label: 'One cycle' },
    { value: 'execution', label: 'One execution' },
  ],
  default: 'roundtrip',
});

export const setVariables = defineModule({
  key: 'util:SetVariables',
  label: 'Set multiple variables',
  description: 'Stores several values under names for later modules, for one cycle or the whole execution.',
  kind: 'action',
  mapper: {
    variables: field.array({
      label: 'Variables',
      items: {
        name: field.text({ label: 'Variable name', required: true }),
        value: field.any({ label: 'Variable value' }),
      },
    }),
    scope,
  },
  output: { namesFrom: { mapper: 'variables', key: 'name' } },
  run: ({ mapper, variables }) => {
    const out: Bundle = {};
    for (const v of mapper.variables ?? []) {
      variables.set(v.name, v.value, mapper.scope);
      out[v.name] = v.value ?? null;
    }
    return out;
  },
});

export const getVariables = defineModule({
  key: 'util:GetVariables',
  label: 'Get multiple variables',
  description: 'Reads several values set earlier in the run, on any route.',
  kind: 'action',
  mapper: { variables: field.array({ label: 'Variable names', items: field.text({ required: true }) }) },
  output: { namesFrom: { mapper: 'variables' } },
  run: ({ mapper, variables }) =>
    Object.fromEntries((mapper.variables ?? []).map((name) => [name, variables.get(name) ?? null])),
});

export const switcher = defineModule({
  key: 'util:Switcher',
  label: 'Switch',
  description:
    'Gives the output of the first case whose pattern matches the input (text equality or a regular expression), else the default.',
  kind: 'action',
  mapper: {
    input: field.text({ label: 'Input' }),
    casesTable: field.array({
      label: 'Cases',
      items: { pattern: field.text({ label: 'Pattern' }), output: field.any({ label: 'Output' }) },
    }),
    useRegExpMatch: field.boolean({ label: 'Use regular expressions to match', default: false }),
    elseOutput: field.any({ label: 'Else' }),
  },
  output: { fields: [{ name: 'value', label: 'Value' }] },
  run: ({ mapper }) => {
    const input = mapper.input ?? '';
    const cases = mapper.casesTable ?? [];
    for (let i = 0; i < cases.length; i++) {
      const pattern = cases[i].pattern ?? '';
      const hit = mapper.useRegExpMatch
        ? switchRegExp(pattern, `casesTable[${i}].pattern`).test(input)
        : pattern === input;
      if (hit) return { value: cases[i].output ?? null };
    }
    return { value: mapper.elseOutput ?? null };
  },
});

// A case may be written as /source/flags, as in Make's regular-expression fields.
function switchRegExp(pattern: string, path: string): RegExp {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  try {
    return literal ? new RegExp(literal[1], literal[2].replace(/g/g, '')) : new RegExp(pattern);
  } catch (err) {
    throw userError(`is not a valid regular expression: ${(err as Error).message}`, path);
  }
}

export const compose = defineModule({
  key: 'util:ComposeTransformer',
  label: 'Compose a string',
  description: 'Makes one text from mapped values.',
  kind: 'action',
  mapper: { value: field.text({ label: 'Text', multiline: true }) },
  output: { fields: [{ name: 'value', type: 'text', label: 'Text' }] },
  run: ({ mapper }) => ({ value: toText(mapper.value) }),
});

/** A counter kept between runs (reset "never"); the server offers it, per scenario and module. */
export interface CounterService {
  increment(scenarioId: string | number | undefined, moduleId: number): Promise<number>;
}

declare module '@integrator/sdk' {
  interface Services {
    counters: CounterService;
  }
}

export const increment = defineModule({
  key: 'util:FunctionIncrement',
  label: 'Increment function',
  description: 'Outputs a counter i that grows by one with each operation.',
  kind: 'action',
  parameters: {
    // Make's values: "run" is one cycle, "execution" one scenario run, "scenario" never.
    reset: field.select({
      label: 'Reset a value',
      required: true,
      default: 'execution',
      options: [
        { value: 'run', label: 'After one cycle' },
        { value: 'execution', label: 'After one scenario run' },
        { value: 'scenario', label: 'Never' },
      ],
    }),
  },
  output: { fields: [{ name: 'i', type: 'number', label: 'i' }] },
  run: async ({ parameters, variables, services, execution, moduleId }) => {
    if (parameters.reset === 'scenario') {
      if (!services.counters)
        throw userError(
          'a counter that never resets is kept by the server between runs; this runtime keeps none (choose a reset after one cycle or one run)',
          'parameters.reset',
          'InvalidConfigurationError',
        );
      return { i: await services.counters.increment(execution.scenarioId, moduleId) };
    }
    // The counter lives with the variables, so it has their lifetimes (and survives a retry).
    const name = `__increment_${moduleId}__`;
    const i = (Number(variables.get(name)) || 0) + 1;
    variables.set(name, i, parameters.reset === 'run' ? 'roundtrip' : 'execution');
    return { i };
  },
});
