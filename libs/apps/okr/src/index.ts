import { defineApp } from '@integrator/sdk';
import { checkIn, getKeyResult } from './modules';

export * from './progress';
export * from './frequency';
export * from './definition';
export * from './service';
export { checkIn, getKeyResult } from './modules';

// A target: concentric rings with an arrow in the bull's eye (24x24, currentColor).
const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><circle cx="12" cy="12" r="10"/><circle cx="12" cy="12" r="6"/>' +
  '<circle cx="12" cy="12" r="2"/><path d="m12 12 7-7"/><path d="M16 5h3v3"/></svg>';

export const okrApp = defineApp({
  key: 'okr',
  label: 'OKR',
  description: 'Objectives and key results: feed key results with check-ins from any scenario.',
  icon,
  color: '#7c3aed',
  modules: [checkIn, getKeyResult],
});
