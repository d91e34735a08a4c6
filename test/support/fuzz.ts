// Random request parts for the fuzz suite: everything comes from one seeded generator, so a
// failure is reproduced by running the suite again.

export interface Random {
  next(): number;
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: small, fast, and the same sequence everywhere for a seed. */
export function rng(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

// Field names our DTOs use, so that fuzzed values reach the validators of real fields.
const FIELDS = [
  'name',
  'blueprint',
  'flow',
  'email',
  'password',
  'type',
  'credentials',
  'scenarioId',
  'input',
  'mapper',
  'ids',
  'key',
  'value',
  'data',
  'url',
  'method',
  'headers',
  'body',
  'query',
  'fieldPath',
  'settings',
  'timezone',
  'role',
  'groupIds',
  'requiredFields',
  'maxQueue',
  'metadata',
  'module',
  'parameters',
  'routes',
  'filter',
  'auth',
  'target',
  'code',
  'token',
  'scenarioIds',
  'ipRules',
  'retention',
  'integrations',
  'description',
  'objectiveId',
  'kind',
  'start',
  'unit',
  'id',
  'version',
  'responseTimeoutSeconds',
  'maxBodyBytes',
  'idempotencyField',
  'dataStructure',
  'records',
  'limit',
];

const NUMBERS = [
  '0',
  '-1',
  '1.5',
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '9007199254740993',
  '1.7976931348623157e309',
  '-0',
  '4294967296',
  '2147483648',
  '1e-400',
  '0.0000001',
];

const STRINGS = [
  '',
  ' ',
  'a',
  'x'.repeat(5000),
  '\u0000',
  '\ud800',
  '\udfff',
  '💥'.repeat(50),
  '../../etc/passwd',
  "'; DROP TABLE users; --",
  '{{1.a}}',
  '{{ $eval("1") }}',
  '<script>alert(1)</script>',
  'null',
  'NaN',
  '2026-13-45T25:61:61Z',
  'http://127.0.0.1:1/',
  'not an email',
  'a@b',
  '%00',
  '\r\n\r\n',
  'Europe/Nowhere',
  'superuser',
  'bearer',
  'GET',
  '1',
  '-1',
  'true',
];

function jsonString(random: Random): string {
  if (random.chance(0.2)) {
    // Any code units, escaped: lone surrogates and control characters included.
    let s = '';
    for (let i = random.int(20); i > 0; i--) s += `\\u${random.int(0x10000).toString(16).padStart(4, '0')}`;
    return `"${s}"`;
  }
  return JSON.stringify(random.pick(STRINGS));
}

function key(random: Random): string {
  if (random.chance(0.05)) return JSON.stringify(random.pick(['__proto__', 'constructor', 'prototype']));
  if (random.chance(0.7)) return JSON.stringify(random.pick(FIELDS));
  return jsonString(random);
}

/** A random JSON value as text (text, so that numbers JSON.stringify cannot write appear too). */
export function jsonValue(random: Random, depth: number): string {
  const roll = random.int(depth > 0 ? 9 : 5);
  switch (roll) {
    case 0:
      return random.pick(['null', 'true', 'false']);
    case 1:
    case 2:
      return random.pick(NUMBERS);
    case 3:
    case 4:
      return jsonString(random);
    case 5:
    case 6: {
      const items = Array.from({ length: random.int(6) }, () => jsonValue(random, depth - 1));
      return `[${items.join(',')}]`;
    }
    default: {
      const entries = Array.from(
        { length: random.int(6) },
        () => `${key(random)}:${jsonValue(random, depth - 1)}`,
      );
      return `{${entries.join(',')}}`;
    }
  }
}

export interface FuzzBody {
  kind: string;
  contentType?: string;
  payload?: string | Buffer;
}

const UNDECLARED = '"__fuzz_undeclared__":1';

/** One body; every object at the top carries an undeclared field, so no DTO can accept it. */
export function fuzzBody(random: Random, options: { required?: boolean } = {}): FuzzBody {
  const json = 'application/json';
  const roll = random.int(options.required ? 92 : 100);
  if (roll < 35) {
    const entries = Array.from({ length: random.int(8) }, () => `${key(random)}:${jsonValue(random, 4)}`);
    return { kind: 'object', contentType: json, payload: `{${[UNDECLARED, ...entries].join(',')}}` };
  }
  if (roll < 45) return { kind: 'top-level value', contentType: json, payload: jsonValue(random, 3) };
  if (roll < 52) {
    const levels = random.pick([63, 64, 65, 100, 1000, 5000, 20000]);
    const [open, close] = random.chance(0.5) ? ['[', ']'] : ['{"a":', '}'];
    const inner = open === '[' ? '' : '1';
    return {
      kind: `nested ${levels}`,
      contentType: json,
      payload: open.repeat(levels) + inner + close.repeat(levels),
    };
  }
  if (roll < 58) {
    const text = `{${UNDECLARED},${key(random)}:${jsonValue(random, 3)}}`;
    return { kind: 'truncated JSON', contentType: json, payload: text.slice(0, random.int(text.length)) };
  }
  if (roll < 65) {
    const bytes = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]);
    const type = random.pick([json, 'text/plain', 'application/x-www-form-urlencoded', 'text/csv']);
    return { kind: 'invalid UTF-8', contentType: type, payload: bytes };
  }
  if (roll < 75) {
    const type = random.pick([
      'application/xml',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'text/csv',
      'application/json; charset=utf-16',
      'application/x-www-form-urlencoded; charset=latin1',
      'image/png',
      ';;;',
    ]);
    return { kind: `content type ${type}`, contentType: type, payload: jsonValue(random, 2) };
  }
  if (roll < 85) {
    const pairs = Array.from(
      { length: 1 + random.int(6) },
      () =>
        `${encodeURIComponent(random.pick([...FIELDS, 'a[b][c]', 'a[]']))}=${formEncode(random.pick(STRINGS))}`,
    );
    return {
      kind: 'form',
      contentType: 'application/x-www-form-urlencoded',
      payload: ['__fuzz_undeclared__=1', ...pairs].join('&'),
    };
  }
  if (roll < 87) {
    const size = random.pick([2 * 1024 * 1024 + 1, 3 * 1024 * 1024]);
    return {
      kind: `huge ${size}`,
      contentType: json,
      payload: `{${UNDECLARED},"name":"${'x'.repeat(size)}"}`,
    };
  }
  if (roll < 92) return { kind: 'no content type', payload: Buffer.from(jsonValue(random, 2)) };
  if (roll < 95)
    return { kind: 'empty', contentType: random.pick([json, 'text/plain', undefined]), payload: '' };
  return { kind: 'no body' };
}

// A lone surrogate has no UTF-8 form: it goes as the bytes of an encoded surrogate (invalid UTF-8).
function formEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

/** A path parameter: never the id of something stored (small ids are), often not an id at all. */
export function pathValue(random: Random): string {
  // Mostly well-formed ids of nothing, so that the body is what gets checked.
  if (random.chance(0.5)) return random.pick(['999999', '2147483647', '123456']);
  return random.pick([
    '999999',
    '2147483648',
    '99999999999999999999999',
    '-1',
    '0',
    '1.5',
    'abc',
    '1e3',
    ' ',
    '%',
    '..',
    "'",
    '💥',
    'null',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(300),
    'NaN',
  ]);
}

/** Query parameters of wrong types, repeated keys and nested brackets. */
export function queryString(random: Random): string {
  if (random.chance(0.5)) return '';
  const keys = ['page', 'pageSize', 'status', 'scenarioId', 'from', 'to', 'q', 'limit', 'a[b]', 'sort'];
  const values = ['-1', '0', 'abc', '1e400', '99999999999999999999', '', '%00', '💥', 'true', '[]'];
  const pairs = Array.from(
    { length: 1 + random.int(4) },
    () => `${encodeURIComponent(random.pick(keys))}=${encodeURIComponent(random.pick(values))}`,
  );
  return `?${pairs.join('&')}`;
}
