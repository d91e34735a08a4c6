import type { DriveFile } from './fake-google-drive';

// The part of Drive's query language ("Search query terms and operators") the fake understands:
// clauses joined by `and`, parentheses, `mimeType =|!= '…'`, `'id' in parents`,
// `name contains|= '…'`, `trashed = true|false`, `modifiedTime >|< '…'`. Anything else is an
// error, as a malformed query is at Drive.

type Match = (f: DriveFile) => boolean;

export function driveQuery(q: string): Match | string {
  if (!q.trim()) return () => true;
  const clauses = splitAnd(q.trim());
  if (typeof clauses === 'string') return clauses;
  const matches: Match[] = [];
  for (const c of clauses) {
    const m = clause(c);
    if (typeof m === 'string') return m;
    matches.push(m);
  }
  return (f) => matches.every((m) => m(f));
}

const LIT = "'((?:[^'\\\\]|\\\\.)*)'";
const unquote = (s: string) => s.replace(/\\(.)/g, '$1');

function clause(text: string): Match | string {
  if (text.startsWith('(') && text.endsWith(')')) return driveQuery(text.slice(1, -1));
  let m = new RegExp(`^mimeType (=|!=) ${LIT}$`).exec(text);
  if (m) {
    const [, op, v] = m;
    return (f) => (f.mimeType === unquote(v)) === (op === '=');
  }
  m = new RegExp(`^${LIT} in parents$`).exec(text);
  if (m) {
    const v = unquote(m[1]);
    return (f) => f.parents.includes(v);
  }
  m = new RegExp(`^name (contains|=) ${LIT}$`).exec(text);
  if (m) {
    const [, op, v] = m;
    const value = unquote(v);
    return (f) => (op === '=' ? f.name === value : f.name.toLowerCase().includes(value.toLowerCase()));
  }
  m = /^trashed = (true|false)$/.exec(text);
  if (m) {
    const want = m[1] === 'true';
    return (f) => f.trashed === want;
  }
  m = new RegExp(`^modifiedTime (>|<) ${LIT}$`).exec(text);
  if (m) {
    const [, op, v] = m;
    const at = Date.parse(unquote(v));
    if (Number.isNaN(at)) return `bad date ${v}`;
    return (f) => (op === '>' ? Date.parse(f.modifiedTime) > at : Date.parse(f.modifiedTime) < at);
  }
  return `cannot read the clause "${text}"`;
}

/** Splits at top-level " and " (outside quotes and parentheses). */
function splitAnd(q: string): string[] | string {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < q.length; i++) {
    const ch = q[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === "'") quoted = false;
    } else if (ch === "'") quoted = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && q.startsWith(' and ', i)) {
      out.push(q.slice(start, i).trim());
      start = i + 5;
      i += 4;
    }
  }
  if (quoted || depth !== 0) return 'unbalanced quotes or parentheses';
  out.push(q.slice(start).trim());
  return out;
}
