// Paths into a JSON value written the way a custom connector's field directory reads them:
// dots between keys, [n] for list items (0-based), ["a.b"] for keys with dots, brackets or
// surrounding spaces. '' is the whole value.

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (key === '' || /[.[\]]/.test(key) || key.trim() !== key)
    return `${parent}["${key.replace(/["\\]/g, (c) => `\\${c}`)}"]`;
  return parent ? `${parent}.${key}` : key;
}

/** One line of the tree: a key and its value, with the path to pick it. */
export interface TreeRow {
  path: string;
  key: string | number | null;
  depth: number;
  value: unknown;
  /** 'object' and 'array' rows can be opened. */
  kind: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  size?: number;
}

export function kindOf(value: unknown): TreeRow['kind'] {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

/** The rows that are visible when the paths in `open` are expanded (the root always is). */
export function visibleRows(value: unknown, open: ReadonlySet<string>, limit = 2000): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (v: unknown, path: string, key: TreeRow['key'], depth: number) => {
    if (rows.length >= limit) return;
    const kind = kindOf(v);
    const entries =
      kind === 'array'
        ? (v as unknown[]).map((x, i) => [i, x] as const)
        : kind === 'object'
          ? Object.entries(v as object)
          : [];
    rows.push({
      path,
      key,
      depth,
      value: v,
      kind,
      ...(kind === 'array' || kind === 'object' ? { size: entries.length } : {}),
    });
    if (depth > 0 && !open.has(path)) return;
    for (const [k, child] of entries) visit(child, childPath(path, k), k, depth + 1);
  };
  visit(value, '', null, 0);
  return rows;
}

export function preview(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value);
  if (value === undefined) return 'undefined';
  return JSON.stringify(value);
}
