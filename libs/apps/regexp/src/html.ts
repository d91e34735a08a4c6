import { defineModule, field } from '@integrator/sdk';
import { convert } from 'html-to-text';

const NEWLINES = { lf: '\n', crlf: '\r\n', cr: '\r' } as const;
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** HTML as plain text, without wrapping lines: a break Make's user did not write is data changed. */
export function htmlToText(html: string, uppercaseHeadings: boolean): string {
  return convert(html, {
    wordwrap: false,
    selectors: HEADINGS.map((selector) => ({ selector, options: { uppercase: uppercaseHeadings } })),
  });
}

export const htmlToTextModule = defineModule({
  key: 'regexp:HTMLToText',
  label: 'HTML to text',
  description: 'Turns HTML into plain text (headings, lists, links as text [url], tables).',
  kind: 'action',
  mapper: {
    html: field.text({ label: 'HTML', multiline: true }),
    newline: field.select({
      label: 'Line break',
      default: 'lf',
      options: [
        { value: 'lf', label: 'LF (Unix, \\n)' },
        { value: 'crlf', label: 'CRLF (Windows, \\r\\n)' },
        { value: 'cr', label: 'CR (\\r)' },
      ],
    }),
    uppercaseHeadings: field.boolean({ label: 'Uppercase headings', default: true }),
  },
  output: { fields: [{ name: 'text', type: 'text', label: 'Text' }] },
  run: ({ mapper }) => {
    const text = htmlToText(mapper.html ?? '', mapper.uppercaseHeadings);
    return { text: text.replace(/\n/g, NEWLINES[mapper.newline as keyof typeof NEWLINES]) };
  },
});
