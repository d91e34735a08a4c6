import { defineModule, field, userError, type Bundle, type MakeNode } from '@integrator/sdk';
import { convert } from 'html-to-text';
import ipaddr from 'ipaddr.js';

// Get elements from text: every e-mail address, URL, phone number, IP address or HTML link of
// a text, one bundle each ({ i, match }, links also with their text).

const KINDS = ['email', 'url', 'phone', 'ip', 'html'] as const;
type Kind = (typeof KINDS)[number];

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const URL_RE = /\b(?:https?|ftp):\/\/[^\s<>"']+|\bwww\.[^\s<>"']+/giu;
// International or local numbers: an optional +, then 7 to 15 digits with spaces, dots,
// dashes or brackets between them (E.164 allows at most 15 digits).
const PHONE = /(?<![\w+])(?:\+|00)?\(?\d[\d\s().-]{5,}\d(?!\w)/g;
// Candidates only: ipaddr.js decides what an address is.
const IP_CANDIDATE = /(?<![\w.:])(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]*:[0-9a-f.]*)(?![\w.:])/gi;

function urls(text: string): string[] {
  // A sentence's closing punctuation is not part of the address.
  return [...text.matchAll(URL_RE)].map((m) => m[0].replace(/[.,;:!?)\]]+$/, ''));
}

function phones(text: string): string[] {
  return [...text.matchAll(PHONE)]
    .map((m) => m[0].trim())
    .filter((p) => {
      const digits = p.replace(/\D/g, '').length;
      return digits >= 7 && digits <= 15;
    });
}

function ips(text: string): string[] {
  return [...text.matchAll(IP_CANDIDATE)]
    .map((m) => m[0])
    .filter((c) => (c.includes(':') ? ipaddr.IPv6.isValid(c) : ipaddr.IPv4.isValidFourPartDecimal(c)));
}

function links(html: string): Bundle[] {
  const found: Bundle[] = [];
  // html-to-text parses the HTML; its anchor formatter sees each link with its attributes.
  convert(html, {
    wordwrap: false,
    selectors: [{ selector: 'a', format: 'collectLink' }],
    formatters: {
      collectLink: (elem, walk, builder) => {
        const href = (elem as { attribs?: Record<string, string> }).attribs?.href;
        if (href) found.push({ match: href, text: textOf(elem).replace(/\s+/g, ' ').trim() });
        walk(elem.children, builder);
      },
    },
  });
  return found;
}

// The link's text: its text nodes, tags left out.
function textOf(node: unknown): string {
  const n = node as { type?: string; data?: string; children?: unknown[] };
  if (n.type === 'text') return n.data ?? '';
  return (n.children ?? []).map(textOf).join('');
}

const FINDERS: Record<Kind, (text: string) => Bundle[]> = {
  email: (text) => [...text.matchAll(EMAIL)].map((m) => ({ match: m[0] })),
  url: (text) => urls(text).map((match) => ({ match })),
  phone: (text) => phones(text).map((match) => ({ match })),
  ip: (text) => ips(text).map((match) => ({ match })),
  html: links,
};

export function elementsOf(kind: Kind, text: string): Bundle[] {
  const find = FINDERS[kind];
  if (!find) throw userError(`must be one of ${KINDS.join(', ')} (got ${JSON.stringify(kind)})`, 'pattern');
  return find(text).map((b, i) => ({ i: i + 1, ...b }));
}

// Exports name the element kind in more than one way; every spelling maps onto ours.
const SYNONYMS: Array<[RegExp, Kind]> = [
  [/html|link|anchor/i, 'html'],
  [/mail/i, 'email'],
  [/^ips?$|ip.?addr|ipv?[46]/i, 'ip'],
  [/phone|tel/i, 'phone'],
  [/url|web|uri/i, 'url'],
];

function fromMake(node: MakeNode) {
  const mapper = { ...node.mapper };
  const parameters = { ...node.parameters };
  const notes: string[] = [];
  for (const holder of [mapper, parameters]) {
    for (const key of ['pattern', 'type', 'element', 'elements']) {
      if (!(key in holder)) continue;
      const raw = holder[key];
      delete holder[key];
      const kind = SYNONYMS.find(([re]) => re.test(String(raw)))?.[1];
      mapper.pattern = kind ?? raw;
      if (!kind) notes.push(`the element kind ${JSON.stringify(raw)} is not one we know; choose one.`);
    }
  }
  return { parameters, mapper, notes };
}

export const getElements = defineModule({
  key: 'regexp:GetElementsFromText',
  label: 'Get elements from text',
  description: 'Finds every e-mail address, URL, phone number, IP address or HTML link in a text.',
  kind: 'search',
  mapper: {
    pattern: field.select({
      label: 'Pattern',
      required: true,
      options: [
        { value: 'email', label: 'E-mail addresses' },
        { value: 'url', label: 'URLs' },
        { value: 'phone', label: 'Phone numbers' },
        { value: 'ip', label: 'IP addresses (v4 and v6)' },
        { value: 'html', label: 'HTML links' },
      ],
    }),
    text: field.text({ label: 'Text', multiline: true }),
  },
  output: {
    fields: [
      { name: 'i', type: 'number', label: 'Element number' },
      { name: 'match', type: 'text', label: 'Element' },
      { name: 'text', type: 'text', label: 'Link text (HTML links)' },
    ],
  },
  run: ({ mapper }) => elementsOf(mapper.pattern as Kind, mapper.text ?? ''),
  make: { convert: fromMake },
});

export { KINDS };
