import { defineApp } from '@integrator/sdk';
import { getValue } from './get-value';

export * from './service';
export { getValue } from './get-value';
export {
  formatPath,
  parsePath,
  pathError,
  previewPath,
  readPath,
  type PathPreview,
  type PathSegment,
} from './field-path';
export { parseNumericText, toKpiNumber } from './kpi-number';

// A plug with a cable (24x24, currentColor), in the style of the built-in icons.
const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><path d="M12 22v-5"/><path d="M9 8V2"/><path d="M15 8V2"/>' +
  '<path d="M18 8v5a4 4 0 0 1-4 4h-4a4 4 0 0 1-4-4V8Z"/></svg>';

export const customConnectorApp = defineApp({
  key: 'custom',
  label: 'Custom connector',
  description: 'Read a value from any API through a saved request (a super user enables the integration).',
  icon,
  color: '#0d9488',
  integration: 'customConnector',
  modules: [getValue],
});
