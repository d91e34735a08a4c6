// Inside {{ }} a leading module id refers to that module's output bundle: `1.email`,
// `$uppercase(2.name)`, ``1.`Customer Name` ``, ```3` `` (the whole bundle). JSONata has no
// such syntax, so references are rewritten to variables ($__m1) before compiling.

export const MODULE_VAR_PREFIX = '__m';

export interface RewrittenExpression {
  source: string;
  ids: number[];
}

const IDENT_CHAR = /[A-Za-z0-9_$]/;
const REF_FOLLOW = /[A-Za-z_`*]/;

export function rewriteModuleRefs(expression: string): RewrittenExpression {
  let out = '';
  const ids = new Set<number>();
  let i = 0;
  let prevSignificant = ''; // last non-space character emitted, to tell operands from operators
  const n = expression.length;
  while (i < n) {
    const c = expression[i];
    if (c === '"' || c === "'") {
      const end = skipQuoted(expression, i, c);
      out += expression.slice(i, end);
      prevSignificant = c;
      i = end;
      continue;
    }
    if (c === '/' && expression[i + 1] === '*') {
      const end = expression.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      out += expression.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '/' && !/[A-Za-z0-9_$)\]}`"']/.test(prevSignificant)) {
      // A regular expression literal: copy it untouched.
      const end = skipRegex(expression, i);
      out += expression.slice(i, end);
      prevSignificant = '/';
      i = end;
      continue;
    }
    if (c === '`') {
      const close = expression.indexOf('`', i + 1);
      const stop = close < 0 ? n : close + 1;
      const name = expression.slice(i + 1, stop - 1);
      if (prevSignificant !== '.' && /^\d+$/.test(name)) {
        ids.add(Number(name));
        out += `$${MODULE_VAR_PREFIX}${name}`;
      } else {
        out += expression.slice(i, stop);
      }
      prevSignificant = '`';
      i = stop;
      continue;
    }
    if (/[0-9]/.test(c) && !IDENT_CHAR.test(expression[i - 1] ?? '') && expression[i - 1] !== '.') {
      let j = i;
      while (j < n && /[0-9]/.test(expression[j])) j++;
      if (expression[j] === '.' && REF_FOLLOW.test(expression[j + 1] ?? '')) {
        ids.add(Number(expression.slice(i, j)));
        out += `$${MODULE_VAR_PREFIX}${expression.slice(i, j)}`;
      } else {
        out += expression.slice(i, j);
      }
      prevSignificant = '0';
      i = j;
      continue;
    }
    out += c;
    if (!/\s/.test(c)) prevSignificant = c;
    i++;
  }
  return { source: out, ids: [...ids] };
}

function skipQuoted(s: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < s.length) {
    if (s[i] === '\\') i += 2;
    else if (s[i] === quote) return i + 1;
    else i++;
  }
  return s.length;
}

function skipRegex(s: string, start: number): number {
  let i = start + 1;
  while (i < s.length && s[i] !== '/') i += s[i] === '\\' ? 2 : 1;
  i++;
  while (i < s.length && /[a-z]/.test(s[i])) i++;
  return Math.min(i, s.length);
}

/** Splits a template string into literal text and {{ expression }} parts. */
export type TemplatePart = { text: string } | { expression: string };

export function splitTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) break;
    const close = findClose(template, open + 2);
    if (close < 0) break;
    if (open > i) parts.push({ text: template.slice(i, open) });
    parts.push({ expression: template.slice(open + 2, close) });
    i = close + 2;
  }
  if (i < template.length) parts.push({ text: template.slice(i) });
  return parts;
}

// Finds the `}}` that closes an expression, skipping strings and JSONata object braces.
function findClose(s: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < s.length) {
    const c = s[i];
    if (c === '"' || c === "'") i = skipQuoted(s, i, c);
    else if (c === '`') i = s.indexOf('`', i + 1) < 0 ? s.length : s.indexOf('`', i + 1) + 1;
    else if (c === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      if (depth === 0 && s[i + 1] === '}') return i;
      depth = Math.max(0, depth - 1);
      i++;
    } else i++;
  }
  return -1;
}
