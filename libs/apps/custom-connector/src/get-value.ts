import { defineModule, field, ModuleError, userError, type Services } from '@integrator/sdk';
import { toKpiNumber } from './kpi-number';
import type { CustomConnectorService } from './service';

// custom:getValue: performs a saved custom connector request and outputs the value at its
// field directory, by default as the number a key result needs.

function connectorsOf(services: Partial<Services>): CustomConnectorService {
  const service = services.customConnectors;
  if (!service) {
    throw new ModuleError('custom connectors are not available in this runtime (they need the server)', {
      kind: 'internal',
      type: 'RuntimeError',
    });
  }
  return service;
}

/** Blueprint parameters are not coerced by the engine, so the id may arrive as text. */
function connectorIdOf(parameters: { connector?: unknown }): number | string {
  const id = parameters.connector;
  if (typeof id === 'number' && Number.isInteger(id)) return id;
  if (typeof id === 'string' && id.trim() !== '') return id.trim();
  throw userError('is required (choose a custom connector)', 'connector', 'InvalidConfigurationError');
}

export const getValue = defineModule({
  key: 'custom:getValue',
  label: 'Get a custom connector value',
  description: "Sends the connector's saved request and outputs the value at its field directory.",
  kind: 'action',
  parameters: {
    connector: field.resource({ label: 'Custom connector', resource: 'customConnector', required: true }),
  },
  mapper: {
    requireNumber: field.boolean({
      label: 'Require a number',
      help: 'Fail unless the value is a number; numeric text such as "1234.5" or "1,234.5" is converted.',
      default: true,
    }),
  },
  output: {
    fields: [
      { name: 'value', label: 'Value', type: 'any' },
      { name: 'raw', label: 'Response body', type: 'any' },
    ],
  },
  run: async ({ parameters, mapper, services }) => {
    const result = await connectorsOf(services).fetch(connectorIdOf(parameters));
    const value = mapper.requireNumber === false ? result.value : toKpiNumber(result.value, result.fieldPath);
    return { value, raw: result.raw };
  },
});
