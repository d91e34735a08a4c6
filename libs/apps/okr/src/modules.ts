import {
  defineModule,
  field,
  ModuleError,
  userError,
  type OutputField,
  type Services,
} from '@integrator/sdk';
import type { KeyResultService } from './service';

// okr:checkIn feeds a key result from any scenario (ProfitWell MRR into a revenue key result,
// say); okr:getKeyResult reads one.

function keyResultsOf(services: Partial<Services>): KeyResultService {
  const service = services.keyResults;
  if (!service) {
    throw new ModuleError('key results are not available in this runtime (they need the server)', {
      kind: 'internal',
      type: 'RuntimeError',
    });
  }
  return service;
}

/** Blueprint parameters are not coerced by the engine, so the id may arrive as text. */
function keyResultIdOf(parameters: { keyResult?: unknown }): number | string {
  const id = parameters.keyResult;
  if (typeof id === 'number' && Number.isInteger(id)) return id;
  if (typeof id === 'string' && id.trim() !== '') return id.trim();
  throw userError('is required (choose a key result)', 'keyResult', 'InvalidConfigurationError');
}

const keyResultParameter = {
  keyResult: field.resource({ label: 'Key result', resource: 'keyResult', required: true }),
} as const;

const keyResultFields: OutputField[] = [
  { name: 'id', label: 'ID', type: 'number' },
  { name: 'name', label: 'Name', type: 'text' },
  { name: 'type', label: 'Type', type: 'text' },
  { name: 'startValue', label: 'Start value', type: 'number' },
  { name: 'targetValue', label: 'Target value', type: 'number' },
  { name: 'currentValue', label: 'Current value', type: 'number' },
  { name: 'unit', label: 'Unit', type: 'text' },
  { name: 'progress', label: 'Progress (%)', type: 'number' },
];

export const checkIn = defineModule({
  key: 'okr:checkIn',
  label: 'Check in a key result',
  description: 'Records a value for a key result: pending review by its owner, or confirmed directly.',
  kind: 'action',
  parameters: keyResultParameter,
  mapper: {
    value: field.number({ label: 'Value', required: true }),
    note: field.text({ label: 'Note', multiline: true, maxLength: 2000 }),
    confirm: field.boolean({
      label: 'Confirm directly',
      help: 'Update the key result now instead of leaving the check-in for its owner to review.',
      default: false,
    }),
  },
  output: {
    fields: [
      { name: 'id', label: 'Check-in ID', type: 'number' },
      { name: 'value', label: 'Value', type: 'number' },
      { name: 'status', label: 'Status', type: 'text' },
      { name: 'progress', label: 'Progress (%)', type: 'number' },
      { name: 'keyResult', label: 'Key result', type: 'collection', fields: keyResultFields },
    ],
  },
  run: async ({ parameters, mapper, services, execution }) => {
    const { checkIn: recorded, keyResult } = await keyResultsOf(services).checkIn({
      keyResultId: keyResultIdOf(parameters),
      value: mapper.value,
      note: mapper.note,
      confirm: mapper.confirm === true,
      scenarioId: execution.scenarioId,
    });
    return { ...recorded, keyResult };
  },
});

export const getKeyResult = defineModule({
  key: 'okr:getKeyResult',
  label: 'Get a key result',
  description: 'Outputs a key result with its current value and progress.',
  kind: 'action',
  parameters: keyResultParameter,
  output: { fields: keyResultFields },
  run: async ({ parameters, services }) => ({
    ...(await keyResultsOf(services).get(keyResultIdOf(parameters))),
  }),
});
