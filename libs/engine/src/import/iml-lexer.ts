// Tokens of Make's IML, the language inside {{ }} in a Make blueprint: module references
// (1.email, 1.`Customer Name`, `1`), calls with ";" between arguments, quoted text,
// keywords and the operators = != < > <= >= & | + - * / %.

export type TokenKind = 'num' | 'ref' | 'str' | 'ident' | 'tick' | 'op' | 'punct' | 'other';

export interface Token {
  kind: TokenKind;
  value: string;
  start: number;
  end: number;
}

const OPERATORS = ['!=', '<=', '>=', '=', '<', '>', '&', '|', '+', '-', '*', '/', '%'];
const PUNCTUATION = '();[].,';

export function lexIml(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string, start: number, end: number) =>
    tokens.push({ kind, value, start, end });
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9]/.test(c)) {
      i = lexNumber(source, i, push);
    } else if (c === '"' || c === "'") {
      const end = closingQuote(source, i);
      if (end < 0) push('other', source.slice(i), i, source.length);
      else push('str', decodeString(source.slice(i, end + 1), c), i, end + 1);
      i = end < 0 ? source.length : end + 1;
    } else if (c === '`') {
      const close = source.indexOf('`', i + 1);
      const end = close < 0 ? source.length : close + 1;
      push(close < 0 ? 'other' : 'tick', source.slice(i + 1, end - 1), i, end);
      i = end;
    } else if (c === '$' && tokens[tokens.length - 1]?.value === '.' && /\w/.test(source[i + 1] ?? '')) {
      // A field name such as $1 (text parser groups): 2.$1 reads as 2.`$1`.
      const m = /^\$\w*/.exec(source.slice(i))![0];
      push('tick', m, i, i + m.length);
      i += m.length;
    } else if (/[\p{L}_]/u.test(c)) {
      // Field names may be in any alphabet (1.Straße, 1.název).
      const m = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(source.slice(i))![0];
      push('ident', m, i, i + m.length);
      i += m.length;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (op) push('op', op, i, i + op.length);
      else push(PUNCTUATION.includes(c) ? 'punct' : 'other', c, i, i + 1);
      i += op ? op.length : 1;
    }
  }
  return tokens;
}

// "12" is a number, "3.5" too, but "1.email" starts a module reference.
function lexNumber(
  source: string,
  i: number,
  push: (kind: TokenKind, value: string, start: number, end: number) => void,
): number {
  let j = i;
  while (j < source.length && /[0-9]/.test(source[j])) j++;
  if (source[j] === '.' && /[\p{L}_`$]/u.test(source[j + 1] ?? '')) {
    push('ref', source.slice(i, j), i, j);
    return j;
  }
  if (source[j] === '.' && /[0-9]/.test(source[j + 1] ?? '')) {
    j++;
    while (j < source.length && /[0-9]/.test(source[j])) j++;
  }
  push('num', source.slice(i, j), i, j);
  return j;
}

// A doubled quote inside quoted text is one quote: Make writes """" for a single ".
function closingQuote(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length) {
    if (source[i] === '\\') i += 2;
    else if (source[i] === quote && source[i + 1] === quote) i += 2;
    else if (source[i] === quote) return i;
    else i++;
  }
  return -1;
}

function decodeString(quoted: string, quote: string): string {
  const inner = quoted.slice(1, -1);
  // Backslash escapes as in JSON; a doubled quote becomes one.
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === quote && inner[i + 1] === quote) {
      out += quote;
      i++;
    } else if (c === '\\' && i + 1 < inner.length) {
      const next = inner[i + 1];
      if (next === quote || next === '\\' || next === '/') out += next;
      else {
        try {
          const len = next === 'u' ? 6 : 2;
          out += JSON.parse(`"${inner.slice(i, i + len)}"`) as string;
          i += len - 2;
        } catch {
          out += c + next;
        }
      }
      i++;
    } else out += c;
  }
  return out;
}
