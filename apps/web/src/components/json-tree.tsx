import { useMemo, useState } from 'react';
import { preview, visibleRows } from './json-path';

// A response body as a tree: objects and lists open and close, and with `onPick` every value
// can be chosen (the custom connector's field directory). The chosen path is highlighted.

interface Props {
  value: unknown;
  label: string;
  selected?: string;
  onPick?: (path: string) => void;
}

export function JsonTree({ value, label, selected, onPick }: Props) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => initiallyOpen(selected));
  const rows = useMemo(() => visibleRows(value, open), [value, open]);
  const toggle = (path: string) => {
    const next = new Set(open);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    setOpen(next);
  };
  return (
    <div className="json-tree" role="tree" aria-label={label}>
      {rows.map((row) => {
        const container = row.kind === 'object' || row.kind === 'array';
        const expanded = row.depth === 0 || open.has(row.path);
        const name = row.key === null ? 'body' : typeof row.key === 'number' ? `[${row.key}]` : row.key;
        return (
          <div
            key={row.path || '(root)'}
            role="treeitem"
            aria-level={row.depth + 1}
            aria-expanded={container ? expanded : undefined}
            aria-selected={onPick ? selected === row.path : undefined}
            className={`json-row${selected === row.path ? ' selected' : ''}`}
            style={{ paddingLeft: 4 + row.depth * 16 }}
          >
            {container && row.depth > 0 ? (
              <button
                type="button"
                className="tree-toggle"
                aria-label={`${expanded ? 'Close' : 'Open'} ${row.path}`}
                onClick={() => toggle(row.path)}
              >
                {expanded ? '▾' : '▸'}
              </button>
            ) : (
              <span className="tree-toggle" aria-hidden="true" />
            )}
            <span className="json-key">{name}</span>
            <span className={`json-value json-${row.kind}`}>
              {container
                ? row.kind === 'array'
                  ? `list (${row.size})`
                  : `collection (${row.size})`
                : preview(row.value)}
            </span>
            {onPick && (
              <button
                type="button"
                className="pick"
                aria-label={`Use ${row.path || 'the whole body'}`}
                onClick={() => onPick(row.path)}
              >
                Use
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}

// The chosen path's ancestors start open, so the selection is visible.
function initiallyOpen(selected: string | undefined): ReadonlySet<string> {
  const open = new Set<string>();
  if (!selected) return open;
  let path = '';
  for (const part of selected.match(/\[[^\]]*\]|[^.[\]]+/g) ?? []) {
    path = part.startsWith('[') ? `${path}${part}` : path ? `${path}.${part}` : part;
    open.add(path);
  }
  return open;
}
