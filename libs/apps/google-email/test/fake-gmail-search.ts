import type { StoredMessage } from './fake-gmail';

// The part of Gmail's search operators the fake understands: is:unread|read|starred,
// from:, to:, subject:, after:<epoch seconds>, has:attachment, quoted phrases and words (in the
// subject or text), parentheses. Another operator is an error here (Gmail would silently match
// nothing), so a test cannot pass on a query the fake did not read.

type Match = (m: StoredMessage) => boolean;

export function gmailSearch(q: string): Match | string {
  const tokens = tokenize(q);
  if (typeof tokens === 'string') return tokens;
  const matches: Match[] = [];
  for (const t of tokens) {
    const m = term(t);
    if (typeof m === 'string') return m;
    matches.push(m);
  }
  return (msg) => matches.every((m) => m(msg));
}

const lower = (s: string | undefined) => (s ?? '').toLowerCase();
const unq = (s: string) => s.replace(/^"(.*)"$/, '$1').replace(/^\((.*)\)$/, '$1');
const addressText = (m: StoredMessage, which: 'from' | 'to') => {
  const v = m.parsed[which];
  return lower((Array.isArray(v) ? v : v ? [v] : []).map((a) => a.text).join(' '));
};

function term(t: string): Match | string {
  if (t.startsWith('(') && t.endsWith(')')) return gmailSearch(t.slice(1, -1));
  const op = /^([a-z]+):(.+)$/.exec(t);
  if (!op) {
    const word = lower(unq(t));
    return (m) => lower(m.parsed.subject).includes(word) || lower(m.parsed.text).includes(word);
  }
  const [, name, raw] = op;
  const value = lower(unq(raw));
  switch (name) {
    case 'is':
      if (value === 'unread') return (m) => m.labelIds.includes('UNREAD');
      if (value === 'read') return (m) => !m.labelIds.includes('UNREAD');
      if (value === 'starred') return (m) => m.labelIds.includes('STARRED');
      return `unknown is:${value}`;
    case 'from':
    case 'to':
      return (m) => addressText(m, name).includes(value);
    case 'subject':
      return (m) => lower(m.parsed.subject).includes(value);
    case 'has':
      return value === 'attachment' ? (m) => m.parsed.attachments.length > 0 : `unknown has:${value}`;
    case 'after':
      if (!/^\d+$/.test(value)) return `after: takes epoch seconds here, got ${value}`;
      return (m) => Math.floor(m.internalDate / 1000) > Number(value);
    default:
      return `the fake does not know the operator ${name}:`;
  }
}

function tokenize(q: string): string[] | string {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let quoted = false;
  for (const ch of q) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    if (ch === ' ' && !quoted && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted || depth) return 'unbalanced quotes or parentheses';
  if (cur) out.push(cur);
  return out;
}
