import { FUNCTIONS, KEYWORDS, NOT_TRANSLATABLE, RESERVED } from './iml-functions';
import { lexIml, type Token } from './iml-lexer';

// Translates one IML expression (the inside of a {{ }} in a Make blueprint) into our
// mapping language: JSONata in which a leading module id means that module's output.
// Parsing is recursive descent over the tokens; the output keeps the source's grouping.

export type Translation = { ok: true; expression: string } | { ok: false; reason: string };

class Untranslatable extends Error {}

const BINARY: Array<{ ops: string[]; emit: Record<string, string> }> = [
  { ops: ['|'], emit: { '|': 'or' } },
  { ops: ['&'], emit: { '&': 'and' } },
  { ops: ['=', '!=', '<', '>', '<=', '>='], emit: {} },
  { ops: ['+', '-'], emit: {} },
  { ops: ['*', '/', '%'], emit: {} },
];

// Make also writes the operators as words: if(1 = 2 and 1 = 2; A; B), 7 mod 2.
const WORD_OPERATORS: Record<string, string> = { and: '&', or: '|', mod: '%' };
const SYSTEM_SCOPES = new Set(['scenario', 'execution', 'team', 'organization']);

// A field name JSONata reads as is, or in backticks (its keywords, letters beyond ASCII).
const fieldName = (name: string) => (RESERVED.has(name) || /[^\w]/.test(name) ? `.\`${name}\`` : `.${name}`);

const asBool = (text: string, isBoolean: boolean) => (isBoolean ? text : `$mbool(${text})`);

export function translateIml(source: string): Translation {
  try {
    const tokens = lexIml(source);
    if (!tokens.length) return { ok: false, reason: 'the expression is empty' };
    return { ok: true, expression: new Parser(tokens, source).parseAll() };
  } catch (err) {
    if (err instanceof Untranslatable) return { ok: false, reason: err.message };
    throw err;
  }
}

class Parser {
  private i = 0;
  /** Whether the last parsed operand is already true/false (a comparison, and, or). */
  private boolean = false;
  /** Parsing the right side of a comparison, where a bare word is text. */
  private textOperand = false;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parseAll(): string {
    const out = this.binary(0);
    const rest = this.peek();
    if (rest)
      throw new Untranslatable(`unexpected ${JSON.stringify(rest.value)} at position ${rest.start + 1}`);
    return out;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private is(kind: Token['kind'], value?: string, offset = 0): boolean {
    const t = this.peek(offset);
    return !!t && t.kind === kind && (value === undefined || t.value === value);
  }

  private expect(kind: Token['kind'], value: string): void {
    if (!this.is(kind, value)) {
      const t = this.peek();
      throw new Untranslatable(
        t ? `expected "${value}" at position ${t.start + 1}` : `expected "${value}" at the end`,
      );
    }
    this.i++;
  }

  // Make's & and | (also written and, or) read their operands with Make's truth rule, so
  // operands that are not already true/false pass through $mbool; comparisons already are.
  private binary(level: number): string {
    if (level === BINARY.length) {
      this.boolean = false;
      return this.unary();
    }
    let left = this.binary(level + 1);
    let leftBool = this.boolean;
    const { ops, emit } = BINARY[level];
    for (let op = this.operator(ops); op; op = this.operator(ops)) {
      this.i++;
      // if(1.status = paid; …): a bare word compared with is text, as Make reads it.
      this.textOperand = level === 2;
      const right = this.binary(level + 1);
      this.textOperand = false;
      left =
        level < 2
          ? `${asBool(left, leftBool)} ${emit[op]} ${asBool(right, this.boolean)}`
          : `${left} ${emit[op] ?? op} ${right}`;
      leftBool = level <= 2;
    }
    this.boolean = leftBool;
    return left;
  }

  private operator(ops: string[]): string | undefined {
    const t = this.peek();
    if (!t) return undefined;
    const op = t.kind === 'op' ? t.value : t.kind === 'ident' ? WORD_OPERATORS[t.value] : undefined;
    return op && ops.includes(op) ? op : undefined;
  }

  private unary(): string {
    if (this.is('op', '-')) {
      this.i++;
      return `-${this.unary()}`;
    }
    return this.primary();
  }

  private primary(): string {
    const t = this.peek();
    if (!t) throw new Untranslatable('the expression ends too early');
    switch (t.kind) {
      case 'num':
        this.i++;
        return t.value;
      case 'str':
        this.i++;
        return JSON.stringify(t.value);
      case 'ref':
        this.i++;
        return this.path(t.value);
      case 'tick':
        if (!/^\d+$/.test(t.value))
          throw new Untranslatable(`\`${t.value}\` is not a module reference (expected \`<module id>\`)`);
        this.i++;
        return this.path(`\`${t.value}\``);
      case 'ident':
        return this.identifier(t);
      default:
        if (t.kind === 'punct' && t.value === '(') {
          this.i++;
          const inner = this.binary(0);
          this.expect('punct', ')');
          return `(${inner})`;
        }
        throw new Untranslatable(`unexpected ${JSON.stringify(t.value)} at position ${t.start + 1}`);
    }
  }

  // After a module id (or a call): .name, .`odd name`, [n] (from 1 in Make, from 0 here),
  // [] (the first), [expression] (a position computed at run time, read with Make's get).
  private path(base: string): string {
    let out = base;
    for (;;) {
      if (this.is('punct', '.')) {
        this.i++;
        const seg = this.peek();
        if (seg?.kind === 'ident') out += fieldName(seg.value);
        else if (seg?.kind === 'tick') out += `.\`${seg.value}\``;
        else
          throw new Untranslatable(
            `expected a field name after "." at position ${(seg?.start ?? this.source.length) + 1}`,
          );
        this.i++;
      } else if (this.is('punct', '[')) {
        this.i++;
        out = this.index(out);
      } else return out;
    }
  }

  private index(base: string): string {
    const t = this.peek();
    if (t?.kind === 'punct' && t.value === ']') {
      this.i++;
      return `${base}[0]`;
    }
    if (t?.kind === 'num' && /^\d+$/.test(t.value) && this.is('punct', ']', 1)) {
      if (Number(t.value) === 0)
        throw new Untranslatable('array position 0 does not exist in Make (positions start at 1)');
      this.i += 2;
      return `${base}[${Number(t.value) - 1}]`;
    }
    const close = this.closing(']');
    const position = new Parser(this.tokens.slice(this.i, close), this.source).parseAll();
    this.i = close + 1;
    return `$get(${base}, ${position})`;
  }

  // The token that closes the bracket just opened, skipping nested ones.
  private closing(bracket: string): number {
    let depth = 0;
    for (let j = this.i; j < this.tokens.length; j++) {
      const v = this.tokens[j].kind === 'punct' ? this.tokens[j].value : '';
      if (v === '(' || v === '[') depth++;
      else if ((v === ')' || v === ']') && depth > 0) depth--;
      else if (v === bracket && depth === 0) return j;
    }
    throw new Untranslatable(`a "[" is missing its closing "${bracket}"`);
  }

  private identifier(t: Token): string {
    if (this.is('punct', '(', 1)) return this.path(this.call(t.value));
    if (t.value === 'var' && this.is('punct', '.', 1)) return this.systemVariable();
    this.i++;
    const refused = NOT_TRANSLATABLE.get(t.value);
    if (refused) throw new Untranslatable(refused);
    const keyword = KEYWORDS.get(t.value);
    if (keyword === undefined && this.textOperand && !this.is('punct', '.') && !this.is('punct', '['))
      return JSON.stringify(t.value);
    if (keyword === undefined) throw new Untranslatable(`unknown name ${t.value}`);
    return keyword;
  }

  // var.scenario.id, var.execution.id, var.team.name, var.organization.timezone…: Make's
  // system variables, bound as $var when an expression is evaluated.
  private systemVariable(): string {
    const scope = this.peek(2);
    if (scope?.kind !== 'ident' || !SYSTEM_SCOPES.has(scope.value)) {
      throw new Untranslatable(
        `var.${scope?.value ?? ''} is not one of Make's system variables (var.scenario, var.execution, var.team, var.organization)`,
      );
    }
    this.i++;
    return this.path('$var');
  }

  private call(name: string): string {
    const rule = FUNCTIONS.get(name);
    if (!rule) throw new Untranslatable(`the function ${name} has no equivalent here`);
    this.i += 2;
    const parsed = this.argumentRanges().map((range) => this.argument(range));
    // An empty argument is empty text (replace(x; "a"; )); trailing ones beyond the
    // function's required arguments are simply not given.
    while (parsed.length > rule.min && parsed[parsed.length - 1] === undefined) parsed.pop();
    const args = parsed.map((a) => a?.text ?? '""');
    const bools = parsed.map((a) => a?.boolean ?? false);
    if (args.length < rule.min || args.length > rule.max) {
      const wanted =
        rule.max === Infinity
          ? `at least ${rule.min}`
          : rule.min === rule.max
            ? `${rule.min}`
            : `${rule.min} to ${rule.max}`;
      throw new Untranslatable(
        `${name} takes ${wanted} argument${rule.max === 1 ? '' : 's'}, not ${args.length}`,
      );
    }
    return rule.emit(args, bools);
  }

  // Token ranges of the arguments, split at ";" outside nested parentheses and brackets.
  private argumentRanges(): Array<[number, number]> {
    const ranges: Array<[number, number]> = [];
    let depth = 0;
    let start = this.i;
    for (; this.i < this.tokens.length; this.i++) {
      const v = this.tokens[this.i].kind === 'punct' ? this.tokens[this.i].value : '';
      if (v === '(' || v === '[') depth++;
      else if ((v === ')' || v === ']') && depth > 0) depth--;
      else if (depth === 0 && (v === ';' || v === ')')) {
        ranges.push([start, this.i]);
        start = this.i + 1;
        if (v === ')') {
          this.i++;
          return ranges[0][0] === ranges[0][1] && ranges.length === 1 ? [] : ranges;
        }
      }
    }
    throw new Untranslatable('a function call is missing its closing ")"');
  }

  private argument([from, to]: [number, number]): { text: string; boolean: boolean } | undefined {
    if (from === to) return undefined;
    const tokens = this.tokens.slice(from, to);
    const raw = this.source.slice(tokens[0].start, tokens[tokens.length - 1].end);
    // A regular expression typed into an argument (replace(x; / is (\d)/; +42$1)) is text.
    if (/^\/.+\/[dgimsuy]*$/s.test(raw) && !tokens.some((t) => t.kind === 'ref' || t.kind === 'str'))
      return { text: JSON.stringify(raw), boolean: false };
    try {
      const parser = new Parser(tokens, this.source);
      const text = parser.parseAll();
      return { text, boolean: parser.boolean };
    } catch (err) {
      if (!(err instanceof Untranslatable)) throw err;
      // Make reads text typed into an argument as text: DD.MM.YYYY, a, -.
      if (isPlainText(tokens)) return { text: JSON.stringify(raw), boolean: false };
      throw err;
    }
  }
}

// Plain text: no module reference, quoted text, call or nested group that could mean more.
function isPlainText(tokens: Token[]): boolean {
  return tokens.every((t) => {
    if (t.kind === 'ref' || t.kind === 'str' || t.kind === 'tick') return false;
    if (t.kind === 'ident') return !KEYWORDS.has(t.value) && !NOT_TRANSLATABLE.has(t.value);
    return !['(', ')', '[', ']', '{', '}'].includes(t.value);
  });
}

/**
 * True when an expression is IML rather than JSONata: it calls a Make function without "$"
 * or uses a Make keyword. Any "$" outside quotes means JSONata (IML has no variables).
 */
export function looksLikeIml(source: string): boolean {
  const tokens = lexIml(source);
  if (tokens.some((t) => t.kind === 'other' && t.value === '$')) return false;
  return tokens.some((t, i) => {
    const prev = tokens[i - 1];
    if (t.kind !== 'ident' || (prev?.value === '.' && prev.end === t.start)) return false;
    if (tokens[i + 1]?.value === '(') return FUNCTIONS.has(t.value);
    if (t.value === 'var' && tokens[i + 1]?.value === '.')
      return SYSTEM_SCOPES.has(tokens[i + 2]?.value ?? '');
    return KEYWORDS.has(t.value) && !['null', 'true', 'false'].includes(t.value);
  });
}
