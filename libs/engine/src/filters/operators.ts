import { toBoolean, toDate, toNumber, toText, userError } from '@integrator/sdk';

// Make's filter operators (make-semantics §4), by blueprint token.

export type Operator = (a: unknown, b: unknown) => boolean;

type Compare = (x: number, y: number) => boolean;
const COMPARISONS: Record<string, Compare> = {
  equal: (x, y) => x === y,
  notequal: (x, y) => x !== y,
  less: (x, y) => x < y,
  greater: (x, y) => x > y,
  lessorequal: (x, y) => x <= y,
  greaterorequal: (x, y) => x >= y,
};

export function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

function numeric(read: (v: unknown) => number | undefined, cmp: Compare, negated: boolean): Operator {
  return (a, b) => {
    const x = read(a);
    const y = read(b);
    if (x === undefined || y === undefined || Number.isNaN(x) || Number.isNaN(y)) return negated;
    return cmp(x, y);
  };
}

const dateValue = (v: unknown) => toDate(v)?.getTime();

/** Seconds since midnight for "HH:mm[:ss]", or the UTC time of day of a date. */
export function timeValue(v: unknown): number | undefined {
  if (typeof v === 'string') {
    const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(v);
    if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
  }
  const d = toDate(v);
  return d ? d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds() : undefined;
}

const arrayLength = (v: unknown) => (Array.isArray(v) ? v.length : isEmptyValue(v) ? 0 : 1);

function text(test: (a: string, b: string) => boolean, ci: boolean, negated: boolean): Operator {
  return (a, b) => {
    let x = toText(a);
    let y = toText(b);
    if (ci) {
      x = x.toLowerCase();
      y = y.toLowerCase();
    }
    return test(x, y) !== negated;
  };
}

const regexCache = new Map<string, RegExp>();
export function toRegex(source: string, ci: boolean): RegExp {
  const key = `${ci ? 'i' : ''}/${source}`;
  let re = regexCache.get(key);
  if (!re) {
    const slashed = /^\/(.*)\/([a-z]*)$/s.exec(source);
    try {
      re = slashed
        ? new RegExp(slashed[1], slashed[2] + (ci && !slashed[2].includes('i') ? 'i' : ''))
        : new RegExp(source, ci ? 'i' : '');
    } catch (err) {
      throw userError(
        `invalid pattern ${JSON.stringify(source)}: ${(err as Error).message}`,
        'filter',
        'InvalidConfigurationError',
      );
    }
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(key, re);
  }
  return re;
}

function arrayContains(ci: boolean, negated: boolean): Operator {
  return (a, b) => {
    const list = Array.isArray(a) ? a : isEmptyValue(a) ? [] : [a];
    const wanted = ci ? toText(b).toLowerCase() : toText(b);
    const found = list.some((item) => (ci ? toText(item).toLowerCase() : toText(item)) === wanted);
    return found !== negated;
  };
}

function build(): Map<string, Operator> {
  const ops = new Map<string, Operator>();
  ops.set('exist', (a) => !isEmptyValue(a));
  ops.set('notexist', (a) => isEmptyValue(a));

  const textTests: Record<string, (a: string, b: string) => boolean> = {
    equal: (a, b) => a === b,
    contain: (a, b) => a.includes(b),
    startwith: (a, b) => a.startsWith(b),
    endwith: (a, b) => a.endsWith(b),
  };
  for (const [name, test] of Object.entries(textTests)) {
    for (const ci of [false, true]) {
      const suffix = ci ? ':ci' : '';
      ops.set(`text:${name}${suffix}`, text(test, ci, false));
      ops.set(`text:not${name}${suffix}`, text(test, ci, true));
    }
  }
  for (const ci of [false, true]) {
    const suffix = ci ? ':ci' : '';
    ops.set(`text:pattern${suffix}`, (a, b) => toRegex(toText(b), ci).test(toText(a)));
    ops.set(`text:notpattern${suffix}`, (a, b) => !toRegex(toText(b), ci).test(toText(a)));
    ops.set(`array:contain${suffix}`, arrayContains(ci, false));
    ops.set(`array:notcontain${suffix}`, arrayContains(ci, true));
  }
  // One make-skills page spells these startswith/endswith; accept both spellings.
  for (const [alias, real] of [
    ['startswith', 'startwith'],
    ['endswith', 'endwith'],
  ]) {
    for (const prefix of ['', 'not']) {
      for (const suffix of ['', ':ci'])
        ops.set(`text:${prefix}${alias}${suffix}`, ops.get(`text:${prefix}${real}${suffix}`)!);
    }
  }
  for (const [name, cmp] of Object.entries(COMPARISONS)) {
    const negated = name === 'notequal';
    ops.set(`number:${name}`, numeric(toNumber, cmp, negated));
    ops.set(`date:${name}`, numeric(dateValue, cmp, negated));
    ops.set(`time:${name}`, numeric(timeValue, cmp, negated));
  }
  // Array length comparisons read the length of a, and b as a number.
  for (const [name, cmp] of Object.entries(COMPARISONS)) {
    const op = numeric(toNumber, cmp, name === 'notequal');
    ops.set(`array:${name}`, (a, b) => op(arrayLength(a), b));
  }
  ops.set('boolean:equal', (a, b) => toBoolean(a) === toBoolean(b));
  ops.set('boolean:notequal', (a, b) => toBoolean(a) !== toBoolean(b));
  return ops;
}

export const OPERATORS: ReadonlyMap<string, Operator> = build();
export const OPERATOR_TOKENS: readonly string[] = [...OPERATORS.keys()];
/** Operators that take no right operand. */
export const UNARY_OPERATORS: ReadonlySet<string> = new Set(['exist', 'notexist']);
