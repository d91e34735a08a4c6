import { describe, ModuleError } from '@integrator/sdk';

// The field directory of a custom connector: a path into the response body such as
// `data.metrics[0].value`. Dots separate keys, `[n]` picks item n (0-based) of a list, and
// `["a key"]` / `['a.key']` quote keys holding dots, brackets or spaces. '' is the whole body.

export type PathSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number };

/** A malformed path or a path the value does not have; the message starts with the path read so far. */
export function pathError(message: string, path: string): ModuleError {
  return new ModuleError(message, { kind: 'user', type: 'DataError', field: 'fieldPath', details: { path } });
}

/** Splits a field directory into segments; throws a user error naming the position of a mistake. */
export function parsePath(path: string): PathSegment[] {
  const text = path.trim();
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (what: string) => pathError(`field directory "${text}": ${what} at character ${i + 1}`, text);
  while (i < text.length) {
    const ch = text[i];
    if (ch === '[') {
      const [segment, next] = bracket(text, i + 1, fail);
      segments.push(segment);
      i = next;
    } else if (ch === '.') {
      if (segments.length === 0 || i + 1 >= text.length || '.['.includes(text[i + 1]))
        throw fail('expected a field name');
      i++;
      continue;
    } else if (ch === ']') {
      throw fail('unexpected "]"');
    } else {
      let end = i;
      while (end < text.length && !'.[]'.includes(text[end])) end++;
      const key = text.slice(i, end).trim();
      if (!key) throw fail('expected a field name');
      segments.push({ kind: 'key', key });
      i = end;
    }
    // After a segment only a dot, a bracket or the end may follow.
    if (i < text.length && !'.['.includes(text[i])) throw fail(`unexpected "${text[i]}"`);
  }
  return segments;
}

function bracket(text: string, from: number, fail: (what: string) => ModuleError): [PathSegment, number] {
  const quote = text[from];
  if (quote === '"' || quote === "'") {
    let key = '';
    let i = from + 1;
    for (; i < text.length && text[i] !== quote; i++) {
      if (text[i] === '\\' && i + 1 < text.length) i++;
      key += text[i];
    }
    if (i >= text.length) throw fail(`missing closing ${quote}`);
    if (text[i + 1] !== ']') throw fail('expected "]" after the quoted name');
    return [{ kind: 'key', key }, i + 2];
  }
  const close = text.indexOf(']', from);
  const inside = close < 0 ? '' : text.slice(from, close).trim();
  if (close < 0) throw fail('missing "]"');
  if (!/^\d+$/.test(inside)) throw fail(`"[${inside}]" is not an item number (use [0], [1]… or ["name"])`);
  return [{ kind: 'index', index: Number(inside) }, close + 1];
}

/** The path as the user reads it, for messages: data.metrics[0]["a b"]. */
export function formatPath(segments: PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (s.kind === 'index') out += `[${s.index}]`;
    else if (/^[^.[\]"'\s]+$/.test(s.key)) out += out ? `.${s.key}` : s.key;
    else out += `[${JSON.stringify(s.key)}]`;
  }
  return out;
}

/** The value at `path` in `root`; throws a user error naming the first part that is missing. */
export function readPath(root: unknown, path: string): unknown {
  const segments = parsePath(path);
  let value = root;
  for (let n = 0; n < segments.length; n++) {
    const where = formatPath(segments.slice(0, n + 1));
    value = step(value, segments[n], where, formatPath(segments.slice(0, n)));
  }
  return value;
}

function step(value: unknown, segment: PathSegment, where: string, parent: string): unknown {
  const whose = parent || 'the response';
  if (segment.kind === 'index' || (Array.isArray(value) && /^\d+$/.test(segment.key))) {
    const index = segment.kind === 'index' ? segment.index : Number(segment.key);
    if (!Array.isArray(value))
      throw pathError(`${where}: no item ${index} (${whose} is ${kindOf(value)}, not a list)`, where);
    if (index >= value.length) {
      throw pathError(
        `${where}: no item ${index} (${whose} has ${value.length} item${value.length === 1 ? '' : 's'})`,
        where,
      );
    }
    return value[index];
  }
  const key = segment.key;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw pathError(`${where}: no field "${key}" (${whose} is ${kindOf(value)}, not an object)`, where);
  }
  if (!Object.prototype.hasOwnProperty.call(value, key)) {
    const names = Object.keys(value);
    const known = names.length
      ? `; it has ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`
      : '; it is empty';
    throw pathError(`${where}: no field "${key}"${known}`, where);
  }
  return (value as Record<string, unknown>)[key];
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'string' ? 'text' : `a ${typeof value}`} ${describe(value)}`;
}

export type PathPreview = { ok: true; value: unknown } | { ok: false; error: string };

/** readPath for previews: the value, or why there is none (never throws). */
export function previewPath(root: unknown, path: string): PathPreview {
  try {
    return { ok: true, value: readPath(root, path) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
