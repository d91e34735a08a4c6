import { defineApp, defineModule, field } from '@integrator/sdk';
import { Marked } from 'marked';
import { filterXSS } from 'xss';

// Make's Markdown to HTML (markdown:Compile, version 2). One Marked instance per dialect, so
// the options never leak between runs.
const gfmMarked = new Marked({ gfm: true, async: false });
const plainMarked = new Marked({ gfm: false, async: false });

/** Markdown as HTML; sanitised (scripts, event handlers, javascript: links removed) when asked. */
export function markdownToHtml(markdown: string, gfm: boolean, sanitize: boolean): string {
  const html = (gfm ? gfmMarked : plainMarked).parse(markdown) as string;
  return sanitize ? filterXSS(html) : html;
}

const compile = defineModule({
  key: 'markdown:Compile',
  label: 'Markdown to HTML',
  description: 'Turns Markdown into HTML, GitHub flavoured if you like, sanitised if asked.',
  kind: 'action',
  versions: [1, 2],
  mapper: {
    data: field.text({ label: 'Markdown', multiline: true }),
    gfm: field.boolean({ label: 'GitHub Flavored Markdown', default: true }),
    sanitize: field.boolean({
      label: 'Sanitize',
      help: 'Removes scripts and other unsafe HTML.',
      default: false,
    }),
  },
  output: { fields: [{ name: 'data', type: 'text', label: 'HTML' }] },
  run: ({ mapper }) => ({ data: markdownToHtml(mapper.data ?? '', mapper.gfm, mapper.sanitize) }),
});

// Markdown's own mark: an M with a down arrow (24x24, currentColor).
const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
  'stroke-linecap="round" stroke-linejoin="round"><rect x="2" y="5" width="20" height="14" rx="2"/>' +
  '<path d="M6 15V9l3 3 3-3v6"/><path d="M17 9v6"/><path d="m15 13 2 2 2-2"/></svg>';

export const markdownApp = defineApp({
  key: 'markdown',
  label: 'Markdown',
  description: 'Markdown to HTML.',
  icon,
  color: '#334155',
  modules: [compile],
});
