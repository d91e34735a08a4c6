import { defineApp } from '@integrator/sdk';
import { getElements } from './elements';
import { htmlToTextModule } from './html';
import { advancedParser, parser } from './match';
import { replace } from './replace';

export { elementsOf } from './elements';
export { htmlToText } from './html';
export { matchBundles } from './match';

// A text cursor between brackets (24x24, currentColor).
const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><path d="M7 4H5v16h2"/><path d="M17 4h2v16h-2"/>' +
  '<path d="M10 8h4"/><path d="M12 8v8"/><path d="M10 16h4"/></svg>';

/** Make's Text parser, under its keys (regexp:…). */
export const regexpApp = defineApp({
  key: 'regexp',
  label: 'Text parser',
  description: 'Match and replace regular expressions, turn HTML into text, find e-mails, URLs and more.',
  icon,
  color: '#0d9488',
  modules: [parser, advancedParser, replace, htmlToTextModule, getElements],
});
